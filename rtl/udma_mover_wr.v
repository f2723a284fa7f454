// udma_mover_wr: the write address generator and the write response side of the data mover.
//
// Address: walks the transfer ring; for each transfer it issues the write bursts of its
// destination range on AW (INCR, full width, split by udma_mover_burst exactly as the write
// data stage splits its beats), up to MAX_WR_BURSTS outstanding, running ahead of the data.
// The burst sequence depends only on the descriptor (never on errors), so the address side and
// the data side cannot disagree; after an error the data side masks the remaining beats.
//
// Response: one report per burst from the write data stage (bytes strobed, last-of-transfer,
// read error seen while forming it) is matched in order with each B response. The transfer's
// outcome is the first failing burst in address order: a read error found in that burst, else
// its SLVERR/DECERR. Bytes written = bytes strobed in the bursts answered OKAY. At the response
// of its last burst the transfer completes: a one-cycle cpl pulse with registered fields.
`default_nettype none

module udma_mover_wr #(
    parameter integer PA_BITS         = 32,   // physical address width
    parameter integer PAGE_BITS       = 12,   // log2 page size
    parameter integer DATA_W          = 64,   // bus width in bits, 32 / 64 / 128
    parameter integer ID_W            = 4,    // AXI ID width (the mover uses ID 0 only)
    parameter integer MAX_BURST_BEATS = 256,  // longest burst, power of two, <= 256
    parameter integer MAX_WR_BURSTS   = 4,    // write bursts outstanding at most, 1 .. 16
    parameter integer TICKET_W        = 32    // ticket width
) (
    input  wire                  clk,            // clock
    input  wire                  rst_n,          // synchronous reset, active low
    // the transfer whose bursts to issue (ring entry at the address pointer)
    input  wire                  a_valid,        // an entry is waiting or in progress
    output wire                  a_done,         // its last burst is issued this cycle: advance the pointer
    input  wire [PA_BITS-$clog2(DATA_W/8)-1:0] a_word,   // destination word address
    input  wire [PAGE_BITS-$clog2(DATA_W/8)-1:0] a_lastw, // word offset of its last destination word
    output wire                  aw_load,        // a burst is issued (credit for the data stage)
    // AXI4 write address channel
    output wire [ID_W-1:0]       m_axi_awid,     // write ID (always 0)
    output wire [PA_BITS-1:0]    m_axi_awaddr,   // burst address, bus-word aligned
    output wire [7:0]            m_axi_awlen,    // beats - 1
    output wire [2:0]            m_axi_awsize,   // full width
    output wire [1:0]            m_axi_awburst,  // INCR
    output wire                  m_axi_awlock,   // normal access
    output wire [3:0]            m_axi_awcache,  // normal non-cacheable bufferable
    output wire [2:0]            m_axi_awprot,   // unprivileged, secure, data
    output wire                  m_axi_awvalid,  // address valid (registered)
    input  wire                  m_axi_awready,  // address accepted
    // AXI4 write response channel
    input  wire [ID_W-1:0]       m_axi_bid,      // response ID (not used: one ID, in order)
    input  wire [1:0]            m_axi_bresp,    // write response
    input  wire                  m_axi_bvalid,   // response valid
    output wire                  m_axi_bready,   // always ready
    // per-burst reports from the write data stage
    input  wire                  rep_push,       // a burst's beats are all registered
    input  wire [$clog2(MAX_BURST_BEATS*DATA_W/8):0] rep_bytes, // bytes strobed in it
    input  wire                  rep_last,       // last burst of its transfer
    input  wire [1:0]            rep_rderr,      // read error found while forming it
    // the oldest transfer (ring head)
    input  wire [TICKET_W-1:0]   h_ticket,       // its ticket
    input  wire [PAGE_BITS:0]    h_size,         // its size
    output wire                  h_done,         // its last response arrived: pop the ring
    output wire                  h_wr_err,       // one of its bursts was answered with an error (pulse)
    // completion and progress
    output wire                  cpl_valid,      // one-cycle pulse
    output wire [TICKET_W-1:0]   cpl_ticket,     // its ticket
    output wire [1:0]            cpl_code,       // OKAY or the first error
    output wire [PAGE_BITS:0]    cpl_bytes,      // bytes written with an OKAY response
    output wire [PAGE_BITS:0]    cpl_remaining,  // size - cpl_bytes
    output wire [PAGE_BITS:0]    h_remaining,    // head transfer: size - bytes acknowledged OKAY so far
    output wire                  busy            // bursts outstanding
);
    localparam integer B      = DATA_W / 8;
    localparam integer LGB    = $clog2(B);
    localparam integer LGMB   = $clog2(MAX_BURST_BEATS);
    localparam integer OFF_W  = PAGE_BITS - LGB;
    localparam integer OC_W   = $clog2(MAX_WR_BURSTS + 1);
    localparam integer BB_W   = $clog2(MAX_BURST_BEATS * B) + 1;
    localparam integer REP_W  = BB_W + 3;
    localparam integer RQ_D   = (MAX_WR_BURSTS < 2) ? 2 : MAX_WR_BURSTS;

    // ---- address generator --------------------------------------------------------------------
    reg               busy_q;     // the entry at the pointer is partly issued
    reg [OFF_W-1:0]   off_q;      // next word offset inside the page
    reg               awvalid_q;  // AW register holds a burst
    reg [PA_BITS-LGB-1:0] awword_q; // its word address
    reg [7:0]         awlen_q;    // its length - 1
    reg [OC_W-1:0]    out_q;      // bursts issued whose response has not arrived

    wire [OFF_W-1:0] b_off  = busy_q ? off_q : a_word[OFF_W-1:0];
    wire [7:0]       len_m1;    // AxLEN
    wire             b_last;
    wire [OFF_W-1:0] b_next;
    udma_mover_burst #(.OFF_W(OFF_W), .LGMB(LGMB)) u_burst (
        .off(b_off), .last_w(a_lastw), .len(len_m1), .last(b_last), .next_off(b_next)
    );

    wire bresp_fire = m_axi_bvalid;  // BREADY is always high
    wire issue = (busy_q || a_valid) && (!awvalid_q || m_axi_awready) && (out_q < OC_W'(MAX_WR_BURSTS));

    assign a_done  = issue && b_last;
    assign aw_load = issue;

    assign m_axi_awid    = {ID_W{1'b0}};
    assign m_axi_awaddr  = {awword_q, {LGB{1'b0}}};
    assign m_axi_awlen   = awlen_q;
    assign m_axi_awsize  = 3'(LGB);
    assign m_axi_awburst = 2'b01;
    assign m_axi_awlock  = 1'b0;
    assign m_axi_awcache = 4'b0011;
    assign m_axi_awprot  = 3'b000;
    assign m_axi_awvalid = awvalid_q;
    assign m_axi_bready  = 1'b1;

    // ---- response side --------------------------------------------------------------------------
    reg               cpl_q;        // completion pulse
    reg [TICKET_W-1:0] cpl_ticket_q;
    reg [1:0]         cpl_code_q;
    reg [PAGE_BITS:0] cpl_bytes_q;
    reg [PAGE_BITS:0] cpl_rem_q;
    reg [1:0]         code_q;       // head transfer: first error so far
    reg [PAGE_BITS:0] bytes_q;      // head transfer: bytes acknowledged OKAY so far

    wire [REP_W-1:0] rep;
    wire             rep_valid, rep_full;
    udma_mover_sfifo #(.WIDTH(REP_W), .DEPTH(RQ_D)) u_reports (
        .clk(clk), .rst_n(rst_n), .push(rep_push), .in_data({rep_bytes, rep_last, rep_rderr}),
        .pop(bresp_fire), .out_valid(rep_valid), .out_data(rep), .full(rep_full)
    );
    wire [BB_W-1:0] r_bytes = rep[REP_W-1:3];
    wire            r_last  = rep[2];
    wire [1:0]      r_rderr = rep[1:0];

    wire            b_ok      = !m_axi_bresp[1];
    wire [1:0]      b_code    = (r_rderr != 2'b00) ? r_rderr : (b_ok ? 2'b00 : m_axi_bresp);
    wire [1:0]      new_code  = (code_q != 2'b00) ? code_q : b_code;
    wire [PAGE_BITS:0] new_bytes = bytes_q + (b_ok ? (PAGE_BITS+1)'(r_bytes) : {(PAGE_BITS+1){1'b0}});

    assign h_done      = bresp_fire && r_last;
    assign h_wr_err    = bresp_fire && !b_ok;
    assign h_remaining = h_size - bytes_q;

    assign cpl_valid     = cpl_q;
    assign cpl_ticket    = cpl_ticket_q;
    assign cpl_code      = cpl_code_q;
    assign cpl_bytes     = cpl_bytes_q;
    assign cpl_remaining = cpl_rem_q;
    assign busy          = busy_q || awvalid_q || (out_q != {OC_W{1'b0}});

    wire unused_b = &{1'b0, m_axi_bid, rep_valid, rep_full, r_bytes};  // r_bytes: high bits unused when a burst block exceeds the page

    always @(posedge clk) begin
        if (!rst_n) begin
            busy_q       <= 1'b0;
            off_q        <= {OFF_W{1'b0}};
            awvalid_q    <= 1'b0;
            awword_q     <= {(PA_BITS-LGB){1'b0}};
            awlen_q      <= 8'd0;
            out_q        <= {OC_W{1'b0}};
            cpl_q        <= 1'b0;
            cpl_ticket_q <= {TICKET_W{1'b0}};
            cpl_code_q   <= 2'b00;
            cpl_bytes_q  <= {(PAGE_BITS+1){1'b0}};
            cpl_rem_q    <= {(PAGE_BITS+1){1'b0}};
            code_q       <= 2'b00;
            bytes_q      <= {(PAGE_BITS+1){1'b0}};
        end else begin
            if (issue) begin
                awvalid_q <= 1'b1;
                awword_q  <= {a_word[PA_BITS-LGB-1:OFF_W], b_off};
                awlen_q   <= len_m1;
                busy_q    <= !b_last;
                off_q     <= b_next;
            end else if (m_axi_awready) begin
                awvalid_q <= 1'b0;
            end
            out_q <= out_q + {{(OC_W-1){1'b0}}, issue} - {{(OC_W-1){1'b0}}, bresp_fire};

            cpl_q <= bresp_fire && r_last;
            if (bresp_fire) begin
                if (r_last) begin
                    cpl_ticket_q <= h_ticket;
                    cpl_code_q   <= new_code;
                    cpl_bytes_q  <= new_bytes;
                    cpl_rem_q    <= h_size - new_bytes;
                    code_q       <= 2'b00;
                    bytes_q      <= {(PAGE_BITS+1){1'b0}};
                end else begin
                    code_q  <= new_code;
                    bytes_q <= new_bytes;
                end
            end
        end
    end

`ifdef FORMAL
    reg f_past_valid;
    initial f_past_valid = 1'b0;
    always @(posedge clk) f_past_valid <= 1'b1;
    always @(*) if (!f_past_valid) assume (!rst_n);
    // environment: a response only for a burst whose beats were all sent (so its report exists);
    // ring entries describe a non-empty range inside one page
    always @(*) if (f_past_valid && rst_n && m_axi_bvalid) assume (rep_valid && out_q != 0);
`ifdef UDMA_FORMAL_WR_TOP
    // the data stage reports only bursts whose address was issued and is not yet answered
    always @(*) if (f_past_valid && rst_n && rep_push) assume (!rep_full);
`endif
`ifdef UDMA_FORMAL_WR_TOP
    // the ring: entries are non-empty ranges and stay in place while in use
    always @(*) if (a_valid) assume (a_word[OFF_W-1:0] <= a_lastw);
    always @(*) if (busy_q) assume (a_valid);
    reg [PA_BITS-LGB-1:0] f_word;
    reg [OFF_W-1:0]       f_lastw;
    always @(posedge clk) begin
        f_word  <= a_word;
        f_lastw <= a_lastw;
    end
    always @(*) if (f_past_valid && busy_q) assume (a_word == f_word && a_lastw == f_lastw);
`endif
    always @(*) if (f_past_valid && rst_n) begin
        assert (out_q <= MAX_WR_BURSTS);
        if (awvalid_q) assert ((32'(awword_q) % MAX_BURST_BEATS) + 32'(awlen_q) < MAX_BURST_BEATS);
        if (awvalid_q) assert ((32'(m_axi_awaddr) % 4096) + (32'(awlen_q) + 1) * B <= 4096);
        if (busy_q) assert (off_q <= a_lastw);
    end
    always @(posedge clk) if (f_past_valid && $past(rst_n) && rst_n && $past(awvalid_q && !m_axi_awready)) begin
        assert (awvalid_q);
        assert (awword_q == $past(awword_q) && awlen_q == $past(awlen_q));
    end
`endif
endmodule

`default_nettype wire
