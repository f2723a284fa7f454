// udma_mover_wdata: the write data stage of the data mover. It takes the source stream of one
// transfer after the other from the data FIFO, realigns it to the destination (udma_mover_align),
// and drives the AXI4 W channel from registers: exact WSTRB on the first and last word, WLAST
// on the burst boundaries that udma_mover_burst gives the write address generator. A burst's
// beats are sent only after its address was issued (aw_load credit), so W never runs ahead of AW.
//
// Per output word: one source word is consumed, except the flush word at the end (the stream
// is exhausted) and the "prime" step at the start when src % B > dst % B (a word goes into the
// carry register with no output). No bubble between transfers: a new transfer's parameters are
// read from its entry while the stage is idle, so its first word follows the previous last word.
//
// Errors (docs/data-mover.md section 4): from the output word that would carry a byte of a
// failed source word (the stream's error mark) on, and from the cycle after a write error of the
// same transfer is reported (kill), every remaining beat of the transfer is sent with WSTRB = 0.
// The bytes actually strobed in each burst are reported to the response side one cycle after its
// last beat is registered.
`default_nettype none

module udma_mover_wdata #(
    parameter integer PAGE_BITS       = 12,   // log2 page size
    parameter integer DATA_W          = 64,   // bus width in bits, 32 / 64 / 128
    parameter integer MAX_BURST_BEATS = 256,  // longest burst, power of two, <= 256
    parameter integer MAX_WR_BURSTS   = 4     // write bursts outstanding at most (AW credit bound)
) (
    input  wire                  clk,           // clock
    input  wire                  rst_n,         // synchronous reset, active low
    // the transfer to write (transfer-ring entry at this stage's pointer)
    input  wire                  x_valid,       // an entry is waiting or in progress
    output wire                  x_done,        // its last word is sent to W this cycle: advance the pointer
    input  wire [PAGE_BITS-$clog2(DATA_W/8)-1:0] x_off,   // first destination word offset inside the page
    input  wire [PAGE_BITS-$clog2(DATA_W/8)-1:0] x_lastw, // last destination word offset inside the page
    input  wire [$clog2(DATA_W/8)-1:0] x_da,    // first destination byte lane (dst % B)
    input  wire [$clog2(DATA_W/8)-1:0] x_de,    // last destination byte lane ((dst + size - 1) % B)
    input  wire [$clog2(DATA_W/8)-1:0] x_shift, // realignment shift, (src%B - dst%B - 1) mod B
    input  wire                  x_prime,       // src % B > dst % B: load one word before the first output
    input  wire                  x_kill,        // a write error was reported for this transfer
    // write address credit
    input  wire                  aw_load,       // the address generator issued a burst
    // data FIFO head
    input  wire                  in_valid,      // a source word is at the head
    input  wire [DATA_W-1:0]     in_data,       // the word
    input  wire                  in_eot,        // last word of its transfer's stream
    input  wire [1:0]            in_err,        // the read error that ended the stream, or OKAY
    output wire                  in_pop,        // the word is consumed
    // AXI4 write data channel (registered)
    output wire [DATA_W-1:0]     m_axi_wdata,   // write data
    output wire [DATA_W/8-1:0]   m_axi_wstrb,   // byte strobes
    output wire                  m_axi_wlast,   // last beat of the burst
    output wire                  m_axi_wvalid,  // write data valid
    input  wire                  m_axi_wready,  // write data accepted
    // per-burst report to the response side, at the burst's last beat
    output wire                  rep_push,      // a burst's beats are all registered (one cycle later)
    output wire [$clog2(MAX_BURST_BEATS*DATA_W/8):0] rep_bytes, // bytes strobed in it
    output wire                  rep_last,      // it is the last burst of its transfer
    output wire [1:0]            rep_rderr      // the read error found while forming it, or OKAY
);
    localparam integer B     = DATA_W / 8;
    localparam integer LGB   = $clog2(B);
    localparam integer LGMB  = $clog2(MAX_BURST_BEATS);
    localparam integer OFF_W = PAGE_BITS - LGB;
    localparam integer BB_W  = $clog2(MAX_BURST_BEATS * B) + 1;  // bytes in a burst
    localparam integer CR_W  = $clog2(MAX_WR_BURSTS + 1);        // AW credit counter

    // ---- state ----------------------------------------------------------------------------------
    reg               busy_q;     // the stage is inside a transfer
    reg [OFF_W-1:0]   off_q;      // offset of the next destination word inside the page
    reg               first_q;    // the next output is the transfer's first
    reg               prime_q;    // the prime step is still due
    reg               in_done_q;  // the transfer's source stream is exhausted
    reg               mask_q;     // the remaining beats are masked (error)
    reg [1:0]         rderr_q;    // a read error not yet reported
    reg               inburst_q;  // a burst is open (its credit is taken)
    reg [BB_W-1:0]    bbytes_q;   // bytes strobed so far in the open burst (beats accumulated)
    reg               acc_v_q;    // a beat was registered last cycle: account for it now
    reg [LGB:0]       acc_bytes_q;  // ... its strobed bytes
    reg               acc_wlast_q;  // ... it ends its burst
    reg               acc_last_q;   // ... it ends its transfer
    reg [1:0]         acc_err_q;    // ... the read error to report with its burst
    reg [CR_W-1:0]    credit_q;   // bursts whose address is issued but whose first beat is not
    reg [DATA_W-9:0]  carry_q;    // bytes 1..B-1 of the previous source word
    reg               wvalid_q;   // W register holds a beat
    reg [DATA_W-1:0]  wdata_q;
    reg [B-1:0]       wstrb_q;
    reg               wlast_q;

    // ---- current values: registers once started, the entry before ---------------------------------
    wire [OFF_W-1:0] c_off    = busy_q ? off_q     : x_off;
    wire            c_first   = busy_q ? first_q   : 1'b1;
    wire            c_prime   = busy_q ? prime_q   : x_prime;
    wire            c_in_done = busy_q && in_done_q;
    wire            c_mask    = busy_q && mask_q;
    // the last word of a burst: the last word of its block (as udma_mover_burst splits)
    wire blk_end;
    generate
        if (LGMB == 0) begin : g_blk1
            assign blk_end = 1'b1;
        end else if (OFF_W > LGMB) begin : g_blk
            assign blk_end = &c_off[LGMB-1:0];
        end else begin : g_blk_page
            assign blk_end = 1'b0;  // the page is no larger than a block: bursts end with the transfer
        end
    endgenerate

    wire active   = busy_q || x_valid;
    wire need_in  = !c_in_done;                       // this output consumes a source word
    wire w_free   = !wvalid_q || m_axi_wready;        // the W register can take a beat
    wire credit   = inburst_q || (credit_q != {CR_W{1'b0}});
    wire prime_go = active && c_prime && in_valid;
    wire beat_go  = active && !c_prime && w_free && credit && (!need_in || in_valid);

    assign in_pop = prime_go || (beat_go && need_in);

    // ---- the output word ----------------------------------------------------------------------------
    wire [DATA_W-1:0] aligned;
    udma_mover_align #(.DATA_W(DATA_W)) u_align (
        .in_word(in_data), .carry(carry_q), .shift(x_shift), .out_word(aligned)
    );

    wire            is_last  = (c_off == x_lastw);             // last word of the transfer
    wire            wlast    = is_last || blk_end;
    wire            bad_in   = need_in && (in_err != 2'b00);   // consuming the failed word
    wire            masked   = c_mask || bad_in;
    // lane masks and byte counts from the entry's fields (off the is_last path), then selected
    reg  [B-1:0]    lanes_from_da;  // lanes >= dst % B (first word)
    reg  [B-1:0]    lanes_to_de;    // lanes <= (dst + size - 1) % B (last word)
    integer j;
    always @(*) begin
        for (j = 0; j < B; j = j + 1) begin
            lanes_from_da[j] = (LGB'(j) >= x_da);
            lanes_to_de[j]   = (LGB'(j) <= x_de);
        end
    end
    wire [B-1:0]    strb = {B{!masked}} & (c_first ? lanes_from_da : {B{1'b1}}) & (is_last ? lanes_to_de : {B{1'b1}});
    wire [LGB:0]    n_first = (LGB+1)'(B) - {1'b0, x_da};           // bytes of a first, not last word
    wire [LGB:0]    n_last  = {1'b0, x_de} + 1'b1;                  // bytes of a last, not first word
    wire [LGB:0]    n_only  = {1'b0, x_de} + 1'b1 - {1'b0, x_da};   // bytes of a one-word transfer
    wire [LGB:0]    beat_bytes = masked ? {(LGB+1){1'b0}} :
                                 c_first ? (is_last ? n_only : n_first) :
                                           (is_last ? n_last : (LGB+1)'(B));
    // burst accounting, one cycle after the beat (a write response cannot come earlier: it
    // follows the WLAST handshake, which is at least one cycle after the beat is registered)
    wire [BB_W-1:0] burst_bytes = bbytes_q + BB_W'(acc_bytes_q);

    // read error to report with this burst: found earlier in the transfer, or right now
    wire [1:0] err_seen = (prime_go || (beat_go && need_in)) ? in_err : 2'b00;
    wire [1:0] rep_err  = (rderr_q != 2'b00) ? rderr_q : err_seen;

    assign x_done    = beat_go && is_last;
    assign rep_push  = acc_v_q && acc_wlast_q;
    assign rep_bytes = burst_bytes;
    assign rep_last  = acc_last_q;
    assign rep_rderr = acc_err_q;

    assign m_axi_wdata  = wdata_q;
    assign m_axi_wstrb  = wstrb_q;
    assign m_axi_wlast  = wlast_q;
    assign m_axi_wvalid = wvalid_q;

    always @(posedge clk) begin
        if (!rst_n) begin
            busy_q    <= 1'b0;
            off_q     <= {OFF_W{1'b0}};
            first_q   <= 1'b0;
            prime_q   <= 1'b0;
            in_done_q <= 1'b0;
            mask_q    <= 1'b0;
            rderr_q   <= 2'b00;
            inburst_q <= 1'b0;
            bbytes_q  <= {BB_W{1'b0}};
            acc_v_q     <= 1'b0;
            acc_bytes_q <= {(LGB+1){1'b0}};
            acc_wlast_q <= 1'b0;
            acc_last_q  <= 1'b0;
            acc_err_q   <= 2'b00;
            credit_q  <= {CR_W{1'b0}};
            carry_q   <= {(DATA_W-8){1'b0}};
            wvalid_q  <= 1'b0;
            wdata_q   <= {DATA_W{1'b0}};
            wstrb_q   <= {B{1'b0}};
            wlast_q   <= 1'b0;
        end else begin
            credit_q <= credit_q + {{(CR_W-1){1'b0}}, aw_load}
                                 - {{(CR_W-1){1'b0}}, beat_go && !inburst_q};
            if (in_pop) carry_q <= in_data[DATA_W-1:8];

            if (prime_go) begin
                // load the carry; the transfer is now started
                busy_q    <= 1'b1;
                off_q     <= c_off;
                first_q   <= c_first;
                prime_q   <= 1'b0;
                in_done_q <= in_eot;
                mask_q    <= (in_err != 2'b00);  // the prime step only happens at a transfer start
                rderr_q   <= in_err;
            end else if (beat_go) begin
                off_q     <= c_off + 1'b1;
                first_q   <= 1'b0;
                prime_q   <= 1'b0;
                inburst_q <= !wlast;
                if (is_last) begin
                    busy_q    <= 1'b0;  // transfer done; the next entry starts from its fields
                    in_done_q <= 1'b0;
                    mask_q    <= 1'b0;
                    rderr_q   <= 2'b00;
                end else begin
                    busy_q    <= 1'b1;
                    in_done_q <= c_in_done || (need_in && in_eot);
                    mask_q    <= masked || (busy_q && x_kill);
                    rderr_q   <= wlast ? 2'b00 : rep_err;
                end
            end else if (busy_q && x_kill) begin
                mask_q <= 1'b1;
            end

            // burst accounting
            acc_v_q <= beat_go;
            if (beat_go) begin
                acc_bytes_q <= beat_bytes;
                acc_wlast_q <= wlast;
                acc_last_q  <= is_last;
                acc_err_q   <= rep_err;
            end
            if (acc_v_q) bbytes_q <= acc_wlast_q ? {BB_W{1'b0}} : burst_bytes;

            // the W output register
            if (beat_go) begin
                wvalid_q <= 1'b1;
                wdata_q  <= aligned;
                wstrb_q  <= strb;
                wlast_q  <= wlast;
            end else if (m_axi_wready) begin
                wvalid_q <= 1'b0;
            end
        end
    end

`ifdef FORMAL
    reg f_past_valid;
    initial f_past_valid = 1'b0;
    always @(posedge clk) f_past_valid <= 1'b1;
    always @(*) if (!f_past_valid) assume (!rst_n);
    // environment: an entry describes a non-empty destination range inside one page
`ifdef UDMA_FORMAL_WDATA_TOP
    // the parent: an entry is a non-empty range inside one page, kept in place while in use;
    // at most MAX_WR_BURSTS addresses are issued ahead of the data
    always @(*) if (x_valid) begin
        assume (x_off <= x_lastw);
        if (x_off == x_lastw) assume (x_da <= x_de);
    end
    reg [2*OFF_W+3*LGB:0] f_entry;
    always @(posedge clk) f_entry <= {x_off, x_lastw, x_da, x_de, x_shift, x_prime};
    always @(*) if (f_past_valid && busy_q) assume ({x_off, x_lastw, x_da, x_de, x_shift, x_prime} == f_entry);
    always @(*) if (busy_q) assume (x_valid);
    always @(*) if (aw_load) assume (credit_q < MAX_WR_BURSTS);
`endif
    always @(*) if (f_past_valid && rst_n) begin
        // WSTRB only within the destination range: nothing below dst on the first word, nothing
        // above dst+size-1 on the last word, nothing at all once masked
        if (beat_go && c_first) assert ((strb & ((B'(1) << x_da) - 1'b1)) == {B{1'b0}});
        if (beat_go && is_last) assert ((strb >> x_de) <= 1);
        if (beat_go && masked)  assert (strb == {B{1'b0}});
        // the W register is only loaded when free, and a burst's beats need its address
        if (beat_go) assert (w_free && (inburst_q || credit_q != 0));
        assert (credit_q <= MAX_WR_BURSTS);
        if (busy_q) assert (off_q <= x_lastw);
        if (prime_go) assert (!busy_q);
    end
    // W payload is stable until accepted
    always @(posedge clk) if (f_past_valid && $past(rst_n) && rst_n && $past(wvalid_q && !m_axi_wready)) begin
        assert (wvalid_q);
        assert (wdata_q == $past(wdata_q) && wstrb_q == $past(wstrb_q) && wlast_q == $past(wlast_q));
    end
`endif
endmodule

`default_nettype wire
