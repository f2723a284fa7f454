// udma_mover_rd: the read engine of the data mover. It takes one transfer at a time from the
// descriptor queue, issues its read bursts on the AXI4 AR channel (INCR, full bus width, split
// by udma_mover_burst) and pushes every returned word into the data FIFO, tagged with
// end-of-transfer and error marks. Bursts of the next transfer follow the last burst of the
// current one at once, up to MAX_RD_BURSTS outstanding, so reads stream across transfers.
//
// Launch to ARVALID: a descriptor at the queue head is taken and its first burst registered on
// AR in the same cycle (bypass), so ARVALID rises one cycle after desc_valid.
//
// Read errors (docs/data-mover.md section 4): the first beat answered SLVERR/DECERR is pushed
// with the end-of-transfer mark and its code; no burst of that transfer is issued from the
// following cycle on; the beats still outstanding for it are accepted and dropped, so the write
// stage sees a shortened stream ending in the error mark. The next transfer is not affected.
`default_nettype none

module udma_mover_rd #(
    parameter integer PA_BITS         = 32,   // physical address width
    parameter integer PAGE_BITS       = 12,   // log2 page size: no transfer crosses a page
    parameter integer DATA_W          = 64,   // bus width in bits, 32 / 64 / 128
    parameter integer ID_W            = 4,    // AXI ID width (the mover uses ID 0 only)
    parameter integer MAX_BURST_BEATS = 256,  // longest burst, power of two, <= 256
    parameter integer MAX_RD_BURSTS   = 4,    // read bursts outstanding at most, 1 .. 16
    parameter integer SEQ_W           = 4     // width of the transfer tag (ticket LSBs)
) (
    input  wire                  clk,            // clock
    input  wire                  rst_n,          // synchronous reset, active low
    // transfer command: the descriptor at the queue head
    input  wire                  cmd_valid,      // a transfer waits
    output wire                  cmd_ready,      // the engine takes it this cycle
    input  wire [PA_BITS-1:0]    cmd_src,        // source byte address
    input  wire [PAGE_BITS:0]    cmd_size,       // bytes, 1 .. 2^PAGE_BITS, inside one page
    input  wire [SEQ_W-1:0]      cmd_seq,        // transfer tag (distinct among transfers in flight)
    // AXI4 read address channel
    output wire [ID_W-1:0]       m_axi_arid,     // read ID (always 0)
    output wire [PA_BITS-1:0]    m_axi_araddr,   // burst address, bus-word aligned
    output wire [7:0]            m_axi_arlen,    // beats - 1
    output wire [2:0]            m_axi_arsize,   // log2 bytes per beat: full width
    output wire [1:0]            m_axi_arburst,  // INCR
    output wire                  m_axi_arlock,   // normal access
    output wire [3:0]            m_axi_arcache,  // normal non-cacheable bufferable
    output wire [2:0]            m_axi_arprot,   // unprivileged, secure, data
    output wire                  m_axi_arvalid,  // address valid (registered)
    input  wire                  m_axi_arready,  // address accepted
    // AXI4 read data channel
    input  wire [ID_W-1:0]       m_axi_rid,      // read ID (not used: one ID, in order)
    input  wire [DATA_W-1:0]     m_axi_rdata,    // read data
    input  wire [1:0]            m_axi_rresp,    // read response
    input  wire                  m_axi_rlast,    // last beat of the burst
    input  wire                  m_axi_rvalid,   // read data valid
    output wire                  m_axi_rready,   // read data accepted (registered)
    // to the data FIFO
    output wire                  push,           // a word enters the FIFO
    output wire [DATA_W-1:0]     push_data,      // the word
    output wire                  push_eot,       // last word of its transfer's stream
    output wire [1:0]            push_err,       // OKAY, or the read error that ended the stream
    input  wire                  push_ready,     // registered FIFO room
    output wire                  busy            // a transfer is partly issued or data is outstanding
);
    localparam integer B      = DATA_W / 8;
    localparam integer LGB    = $clog2(B);
    localparam integer LGMB   = $clog2(MAX_BURST_BEATS);
    localparam integer OFF_W  = PAGE_BITS - LGB;        // word offset inside a page
    localparam integer HI_W   = PA_BITS - PAGE_BITS;    // page number
    localparam integer OC_W   = $clog2(MAX_RD_BURSTS + 1);
    localparam integer TAG_W  = SEQ_W + 2;
    localparam integer TQ_D   = (MAX_RD_BURSTS < 2) ? 2 : MAX_RD_BURSTS;

    // ---- address generator state ----------------------------------------------------------
    reg               busy_q;     // the current transfer still has bursts to issue
    reg               first_q;    // ... and none of them is issued yet
    reg [HI_W-1:0]    hi_q;       // its source page number
    reg [OFF_W-1:0]   off_q;      // next word offset inside the page
    reg [OFF_W-1:0]   lastw_q;    // offset of the transfer's last word
    reg [SEQ_W-1:0]   seq_q;      // its tag
    reg               arvalid_q;  // AR register holds a burst
    reg [PA_BITS-LGB-1:0] arword_q; // its word address
    reg [7:0]         arlen_q;    // its length - 1
    reg [OC_W-1:0]    out_q;      // bursts issued whose last beat has not arrived
    // ---- read data state ------------------------------------------------------------------------
    reg               beat0_q;    // the next R beat is the first of a burst
    reg               drop_q;     // the current transfer failed: drop its remaining beats
    reg               err_q;      // a read error was accepted in the previous cycle
    reg [SEQ_W-1:0]   err_seq_q;  // ... for this transfer

    // the command's last byte inside the page, hence its last word (the range is inside the page)
    wire [PAGE_BITS:0]   cmd_lastb = {1'b0, cmd_src[PAGE_BITS-1:0]} + cmd_size - 1'b1;
    wire [OFF_W-1:0]     cmd_lastw = cmd_lastb[PAGE_BITS-1:LGB];
    wire unused_lastb = &{1'b0, cmd_lastb[PAGE_BITS], cmd_lastb[LGB-1:0]};  // in-page range; byte lane

    // the burst to issue: from the current transfer, or straight from the command (bypass)
    wire [HI_W-1:0]  b_hi    = busy_q ? hi_q    : cmd_src[PA_BITS-1:PAGE_BITS];
    wire [OFF_W-1:0] b_off   = busy_q ? off_q   : cmd_src[PAGE_BITS-1:LGB];
    wire [OFF_W-1:0] b_lastw = busy_q ? lastw_q : cmd_lastw;
    wire [SEQ_W-1:0] b_seq   = busy_q ? seq_q   : cmd_seq;
    wire             b_first = busy_q ? first_q : 1'b1;
    wire [7:0]       len_m1;    // AxLEN
    wire             b_last;
    wire [OFF_W-1:0] b_next;
    udma_mover_burst #(.OFF_W(OFF_W), .LGMB(LGMB)) u_burst (
        .off(b_off), .last_w(b_lastw), .len(len_m1), .last(b_last), .next_off(b_next)
    );

    wire kill  = busy_q && err_q && (err_seq_q == seq_q);  // the transfer being issued failed
    wire room  = (!arvalid_q || m_axi_arready) && (out_q < OC_W'(MAX_RD_BURSTS));
    wire take  = !busy_q && cmd_valid;
    wire issue = (busy_q || cmd_valid) && !kill && room;

    assign cmd_ready = !busy_q;

    // ---- tags of the issued bursts, in order ----------------------------------------------------
    wire [TAG_W-1:0] tag;
    wire             tag_valid, tag_full;
    wire             rbeat = m_axi_rvalid && push_ready;
    wire             tag_pop = rbeat && m_axi_rlast;
    udma_mover_sfifo #(.WIDTH(TAG_W), .DEPTH(TQ_D)) u_tags (
        .clk(clk), .rst_n(rst_n), .push(issue), .in_data({b_seq, b_first, b_last}),
        .pop(tag_pop), .out_valid(tag_valid), .out_data(tag), .full(tag_full)
    );
    wire [SEQ_W-1:0] t_seq   = tag[TAG_W-1:2];
    wire             t_first = tag[1];  // the burst is the first of its transfer
    wire             t_last  = tag[0];  // the burst is the last of its transfer

    wire new_xfer = beat0_q && t_first;  // this beat opens a new transfer's stream
    wire drop_now = drop_q && !new_xfer;
    wire err_now  = m_axi_rresp[1];      // SLVERR or DECERR

    assign push      = rbeat && !drop_now;
    assign push_data = m_axi_rdata;
    assign push_eot  = (m_axi_rlast && t_last) || err_now;
    assign push_err  = err_now ? m_axi_rresp : 2'b00;

    assign m_axi_arid    = {ID_W{1'b0}};
    assign m_axi_araddr  = {arword_q, {LGB{1'b0}}};
    assign m_axi_arlen   = arlen_q;
    assign m_axi_arsize  = 3'(LGB);
    assign m_axi_arburst = 2'b01;
    assign m_axi_arlock  = 1'b0;
    assign m_axi_arcache = 4'b0011;
    assign m_axi_arprot  = 3'b000;
    assign m_axi_arvalid = arvalid_q;
    assign m_axi_rready  = push_ready;
    assign busy          = busy_q || arvalid_q || (out_q != {OC_W{1'b0}});

    wire unused_r = &{1'b0, m_axi_rid, tag_valid, tag_full};

    always @(posedge clk) begin
        if (!rst_n) begin
            busy_q    <= 1'b0;
            first_q   <= 1'b0;
            hi_q      <= {HI_W{1'b0}};
            off_q     <= {OFF_W{1'b0}};
            lastw_q   <= {OFF_W{1'b0}};
            seq_q     <= {SEQ_W{1'b0}};
            arvalid_q <= 1'b0;
            arword_q  <= {(PA_BITS-LGB){1'b0}};
            arlen_q   <= 8'd0;
            out_q     <= {OC_W{1'b0}};
            beat0_q   <= 1'b1;
            drop_q    <= 1'b0;
            err_q     <= 1'b0;
            err_seq_q <= {SEQ_W{1'b0}};
        end else begin
            // AR payload: loaded whenever the register is free (it only matters with ARVALID),
            // so its enable does not wait for the dispatch decision
            if (!arvalid_q || m_axi_arready) begin
                arword_q <= {b_hi, b_off};
                arlen_q  <= len_m1;
            end
            if (issue) begin
                arvalid_q <= 1'b1;
                busy_q    <= !b_last;
                first_q   <= 1'b0;
                hi_q      <= b_hi;
                off_q     <= b_next;
                lastw_q   <= b_lastw;
                seq_q     <= b_seq;
            end else begin
                if (m_axi_arready) arvalid_q <= 1'b0;
                if (kill) begin
                    busy_q <= 1'b0;  // stop issuing: the rest of the transfer is abandoned
                end else if (take) begin
                    busy_q  <= 1'b1;
                    first_q <= 1'b1;
                    hi_q    <= b_hi;
                    off_q   <= b_off;
                    lastw_q <= b_lastw;
                    seq_q   <= b_seq;
                end
            end
            out_q <= out_q + {{(OC_W-1){1'b0}}, issue} - {{(OC_W-1){1'b0}}, tag_pop};
            if (rbeat) begin
                beat0_q <= m_axi_rlast;
                drop_q  <= drop_now || err_now;
            end
            err_q     <= push && err_now;
            err_seq_q <= t_seq;
        end
    end

`ifdef FORMAL
    reg f_past_valid;
    initial f_past_valid = 1'b0;
    always @(posedge clk) f_past_valid <= 1'b1;
    always @(*) if (!f_past_valid) assume (!rst_n);
    // environment: the slave returns data only for issued bursts; commands obey the launch check
    always @(*) if (f_past_valid && rst_n && m_axi_rvalid) assume (tag_valid);
    always @(*) if (cmd_valid) begin
        assume (cmd_size != 0 && cmd_size <= (1 << PAGE_BITS));
        assume ({1'b0, cmd_src[PAGE_BITS-1:0]} + cmd_size <= (1 << PAGE_BITS));
    end
    always @(*) if (f_past_valid && rst_n) begin
        assert (out_q <= MAX_RD_BURSTS);
        // a burst never crosses its MAX_BURST_BEATS block, hence never 4 KiB, and has <= 256 beats
        if (arvalid_q) assert ((32'(arword_q) % MAX_BURST_BEATS) + 32'(arlen_q) < MAX_BURST_BEATS);
        if (arvalid_q) assert ((32'(m_axi_araddr) % 4096) + (32'(arlen_q) + 1) * B <= 4096);
        if (busy_q) assert (off_q <= lastw_q);
    end
    // AR payload is stable until accepted
    always @(posedge clk) if (f_past_valid && $past(rst_n) && rst_n && $past(arvalid_q && !m_axi_arready)) begin
        assert (arvalid_q);
        assert (arword_q == $past(arword_q) && arlen_q == $past(arlen_q));
    end
    // after a read error no burst of that transfer is issued from the next cycle on
    always @(posedge clk) if (f_past_valid && rst_n && err_q && issue) assert (b_seq != err_seq_q || !busy_q);
`endif
endmodule

`default_nettype wire
