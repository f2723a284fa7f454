// udma_mover: the data mover (SPEC section 5, docs/data-mover.md). An AXI4 master that copies
// each launched transfer [src, src+size) -> [dst, dst+size), any byte alignment, one full-width
// beat per cycle on both the read and the write channels when memory does not stall.
//
//   desc --> dispatch --+--> udma_mover_rd (AR, R) --> udma_mover_fifo --> udma_mover_wdata (W)
//                       |                                                     ^   | reports
//                       +--> transfer ring --> udma_mover_wr (AW) -- credit --+   v
//                                          \-> udma_mover_wr (B, completion) <----+
//
// The dispatcher takes a descriptor when the read engine is free and the transfer ring has a
// slot; the read engine issues its first burst in the same cycle. The ring holds the
// destination-side fields of up to XFERS transfers; the write address generator, the write data
// stage and the response side each walk it with their own pointer, so reads of the next
// transfer overlap the writes of the previous ones. Transfers complete in ticket order.
`default_nettype none

module udma_mover #(
    parameter integer PA_BITS         = 32,   // physical address width
    parameter integer PAGE_BITS       = 12,   // log2 page size; no transfer crosses a page
    parameter integer TICKET_W        = 32,   // ticket width
    parameter integer DATA_W          = 64,   // AXI4 data width: 32, 64 or 128
    parameter integer ID_W            = 4,    // AXI4 ID width (the mover drives ID 0)
    parameter integer MAX_BURST_BEATS = 256,  // longest burst: power of two, 1 .. 256, at most 4 KiB
    parameter integer MAX_RD_BURSTS   = 4,    // read bursts outstanding: 1, 2, 4, 8 or 16
    parameter integer MAX_WR_BURSTS   = 4,    // write bursts outstanding: 1, 2, 4, 8 or 16
    parameter integer XFERS           = 2,    // transfers in flight inside the mover: 2, 4 or 8
    parameter integer FIFO_DEPTH      = 256   // data FIFO words: power of two, 8 .. 4096
) (
    input  wire                  clk,             // clock
    input  wire                  rst_n,           // synchronous reset, active low (ARESETn)
    // launched descriptors (queue head), valid/ready
    input  wire                  desc_valid,      // a launched transfer waits
    output wire                  desc_ready,      // the mover takes it this cycle
    input  wire [PA_BITS-1:0]    desc_src,        // source byte address
    input  wire [PA_BITS-1:0]    desc_dst,        // destination byte address
    input  wire [PAGE_BITS:0]    desc_size,       // bytes, 1 .. 2^PAGE_BITS, src and dst ranges each in one page
    input  wire [TICKET_W-1:0]   desc_ticket,     // ticket answered to the issuer
    // completion (pulse) and progress (level), to the initiation engine
    output wire                  cpl_valid,       // transfer cpl_ticket finished
    output wire [TICKET_W-1:0]   cpl_ticket,      // its ticket
    output wire [1:0]            cpl_code,        // OKAY, or the first SLVERR/DECERR
    output wire [PAGE_BITS:0]    cpl_bytes,       // bytes written with an OKAY response
    output wire                  prog_active,     // a transfer is in progress
    output wire [TICKET_W-1:0]   prog_ticket,     // the oldest one's ticket
    output wire [PAGE_BITS:0]    prog_remaining,  // its bytes not yet written and acknowledged
    // AXI4 master: write address
    output wire [ID_W-1:0]       m_axi_awid,      // write ID (0)
    output wire [PA_BITS-1:0]    m_axi_awaddr,    // burst address, bus-word aligned
    output wire [7:0]            m_axi_awlen,     // beats - 1
    output wire [2:0]            m_axi_awsize,    // log2(DATA_W/8)
    output wire [1:0]            m_axi_awburst,   // INCR
    output wire                  m_axi_awlock,    // 0: normal
    output wire [3:0]            m_axi_awcache,   // 0011: normal non-cacheable bufferable
    output wire [2:0]            m_axi_awprot,    // 000
    output wire                  m_axi_awvalid,   // address valid
    input  wire                  m_axi_awready,   // address ready
    // AXI4 master: write data
    output wire [DATA_W-1:0]     m_axi_wdata,     // write data
    output wire [DATA_W/8-1:0]   m_axi_wstrb,     // byte strobes
    output wire                  m_axi_wlast,     // last beat of a burst
    output wire                  m_axi_wvalid,    // data valid
    input  wire                  m_axi_wready,    // data ready
    // AXI4 master: write response
    input  wire [ID_W-1:0]       m_axi_bid,       // response ID
    input  wire [1:0]            m_axi_bresp,     // response
    input  wire                  m_axi_bvalid,    // response valid
    output wire                  m_axi_bready,    // response ready (always 1)
    // AXI4 master: read address
    output wire [ID_W-1:0]       m_axi_arid,      // read ID (0)
    output wire [PA_BITS-1:0]    m_axi_araddr,    // burst address, bus-word aligned
    output wire [7:0]            m_axi_arlen,     // beats - 1
    output wire [2:0]            m_axi_arsize,    // log2(DATA_W/8)
    output wire [1:0]            m_axi_arburst,   // INCR
    output wire                  m_axi_arlock,    // 0: normal
    output wire [3:0]            m_axi_arcache,   // 0011: normal non-cacheable bufferable
    output wire [2:0]            m_axi_arprot,    // 000
    output wire                  m_axi_arvalid,   // address valid
    input  wire                  m_axi_arready,   // address ready
    // AXI4 master: read data
    input  wire [ID_W-1:0]       m_axi_rid,       // read ID
    input  wire [DATA_W-1:0]     m_axi_rdata,     // read data
    input  wire [1:0]            m_axi_rresp,     // read response
    input  wire                  m_axi_rlast,     // last beat of a burst
    input  wire                  m_axi_rvalid,    // read data valid
    output wire                  m_axi_rready,    // read data ready
    // observation
    output wire                  busy             // any transfer or AXI transaction in the mover
);
    localparam integer B     = DATA_W / 8;
    localparam integer LGB   = $clog2(B);
    localparam integer OFF_W = PAGE_BITS - LGB;
    localparam integer WW    = PA_BITS - LGB;                 // word address width
    localparam integer BB_W  = $clog2(MAX_BURST_BEATS * B) + 1;
    localparam integer SEQ_W = 4;                             // read-side transfer tag (ticket LSBs)
    localparam integer XI_W  = $clog2(XFERS);                 // ring index width
    localparam integer XP_W  = XI_W + 1;                      // ring pointer with wrap bit
    localparam integer FW    = DATA_W + 3;                    // FIFO entry: {eot, err, data}

    // ---- parameter rules --------------------------------------------------------------------------
    generate
        if (DATA_W != 32 && DATA_W != 64 && DATA_W != 128) begin : g_bad_dw
            udma_param_error_DATA_W_must_be_32_64_or_128 u_err ();
        end
        if (MAX_BURST_BEATS < 1 || MAX_BURST_BEATS > 256 || (MAX_BURST_BEATS & (MAX_BURST_BEATS - 1)) != 0) begin : g_bad_mb
            udma_param_error_MAX_BURST_BEATS_must_be_power_of_two_1_to_256 u_err ();
        end
        if (MAX_BURST_BEATS * (DATA_W / 8) > 4096) begin : g_bad_mb4k
            udma_param_error_MAX_BURST_BEATS_times_DATA_W_bytes_must_be_at_most_4096 u_err ();
        end
        if (MAX_RD_BURSTS < 1 || MAX_RD_BURSTS > 16 || (MAX_RD_BURSTS & (MAX_RD_BURSTS - 1)) != 0) begin : g_bad_rd
            udma_param_error_MAX_RD_BURSTS_must_be_1_2_4_8_or_16 u_err ();
        end
        if (MAX_WR_BURSTS < 1 || MAX_WR_BURSTS > 16 || (MAX_WR_BURSTS & (MAX_WR_BURSTS - 1)) != 0) begin : g_bad_wr
            udma_param_error_MAX_WR_BURSTS_must_be_1_2_4_8_or_16 u_err ();
        end
        if (XFERS != 2 && XFERS != 4 && XFERS != 8) begin : g_bad_xf
            udma_param_error_XFERS_must_be_2_4_or_8 u_err ();
        end
        if (ID_W < 1 || ID_W > 16) begin : g_bad_id
            udma_param_error_ID_W_must_be_1_to_16 u_err ();
        end
        if (TICKET_W < SEQ_W || PAGE_BITS <= LGB + 1 || PA_BITS <= PAGE_BITS) begin : g_bad_widths
            udma_param_error_mover_TICKET_W_PAGE_BITS_PA_BITS_too_small u_err ();
        end
    endgenerate

    // ---- transfer ring: destination-side fields of the transfers in flight ------------------------
    reg [WW-1:0]        r_word   [0:XFERS-1];  // destination word address
    reg [OFF_W-1:0]     r_lastw  [0:XFERS-1];  // word offset of the last destination word in its page
    reg [LGB-1:0]       r_da     [0:XFERS-1];  // dst % B
    reg [LGB-1:0]       r_de     [0:XFERS-1];  // (dst + size - 1) % B
    reg [LGB-1:0]       r_shift  [0:XFERS-1];  // realignment shift
    reg                 r_prime  [0:XFERS-1];  // src % B > dst % B
    reg [PAGE_BITS:0]   r_size   [0:XFERS-1];  // size
    reg [TICKET_W-1:0]  r_ticket [0:XFERS-1];  // ticket
    reg [XFERS-1:0]     r_live;                // entry holds a transfer not yet completed
    reg [XP_W-1:0]      wp_q;                  // dispatcher: next free entry
    reg [XP_W-1:0]      ap_q;                  // write address generator
    reg [XP_W-1:0]      dp_q;                  // write data stage
    reg [XP_W-1:0]      hp_q;                  // response side: the oldest transfer

    wire ring_full  = (wp_q[XI_W] != hp_q[XI_W]) && (wp_q[XI_W-1:0] == hp_q[XI_W-1:0]);
    wire ring_empty = (wp_q == hp_q);

    // ---- dispatch ---------------------------------------------------------------------------------
    // Read-after-write guard: AXI does not order reads after writes, so a transfer whose source
    // page is the destination page of a transfer still in flight waits until that one completed.
    // Transfers therefore behave as if executed one after the other in ticket order.
    wire [XFERS-1:0] raw_hit;
    genvar k;
    for (k = 0; k < XFERS; k = k + 1) begin : g_raw
        assign raw_hit[k] = r_live[k] && (r_word[k][WW-1:OFF_W] == desc_src[PA_BITS-1:PAGE_BITS]);
    end
    wire            hazard = |raw_hit;
    wire            rd_ready;
    assign desc_ready = rd_ready && !ring_full && !hazard;
    wire            take = desc_valid && desc_ready;

    wire [LGB-1:0]       sa      = desc_src[LGB-1:0];
    wire [LGB-1:0]       da      = desc_dst[LGB-1:0];
    wire [PAGE_BITS:0]   d_lastb = {1'b0, desc_dst[PAGE_BITS-1:0]} + desc_size - 1'b1;  // last byte in the page
    wire [LGB-1:0]       d_shift = sa - da - 1'b1;

    integer i;
    always @(posedge clk) begin
        if (!rst_n) begin
            wp_q <= {XP_W{1'b0}};
            for (i = 0; i < XFERS; i = i + 1) begin
                r_word[i]   <= {WW{1'b0}};
                r_lastw[i]  <= {OFF_W{1'b0}};
                r_da[i]     <= {LGB{1'b0}};
                r_de[i]     <= {LGB{1'b0}};
                r_shift[i]  <= {LGB{1'b0}};
                r_prime[i]  <= 1'b0;
                r_size[i]   <= {(PAGE_BITS+1){1'b0}};
                r_ticket[i] <= {TICKET_W{1'b0}};
            end
        end else begin
            // the free slot at wp follows the queue head every cycle (no entry reads it), so only
            // the pointer depends on the dispatch decision
            if (!ring_full) begin
                r_word[wp_q[XI_W-1:0]]   <= desc_dst[PA_BITS-1:LGB];
                r_lastw[wp_q[XI_W-1:0]]  <= d_lastb[PAGE_BITS-1:LGB];
                r_da[wp_q[XI_W-1:0]]     <= da;
                r_de[wp_q[XI_W-1:0]]     <= d_lastb[LGB-1:0];
                r_shift[wp_q[XI_W-1:0]]  <= d_shift;
                r_prime[wp_q[XI_W-1:0]]  <= (sa > da);
                r_size[wp_q[XI_W-1:0]]   <= desc_size;
                r_ticket[wp_q[XI_W-1:0]] <= desc_ticket;
            end
            if (take) wp_q <= wp_q + 1'b1;
        end
    end

    wire unused_lastb = &{1'b0, d_lastb[PAGE_BITS]};  // 0: the range is inside the page

    // ---- read engine ------------------------------------------------------------------------------
    wire              f_push, f_push_eot, f_push_ready, rd_busy;
    wire [DATA_W-1:0] f_push_data;
    wire [1:0]        f_push_err;
    udma_mover_rd #(
        .PA_BITS(PA_BITS), .PAGE_BITS(PAGE_BITS), .DATA_W(DATA_W), .ID_W(ID_W),
        .MAX_BURST_BEATS(MAX_BURST_BEATS), .MAX_RD_BURSTS(MAX_RD_BURSTS), .SEQ_W(SEQ_W)
    ) u_rd (
        .clk(clk), .rst_n(rst_n),
        .cmd_valid(desc_valid && !ring_full && !hazard), .cmd_ready(rd_ready), .cmd_src(desc_src),
        .cmd_size(desc_size), .cmd_seq(desc_ticket[SEQ_W-1:0]),
        .m_axi_arid(m_axi_arid), .m_axi_araddr(m_axi_araddr), .m_axi_arlen(m_axi_arlen),
        .m_axi_arsize(m_axi_arsize), .m_axi_arburst(m_axi_arburst), .m_axi_arlock(m_axi_arlock),
        .m_axi_arcache(m_axi_arcache), .m_axi_arprot(m_axi_arprot), .m_axi_arvalid(m_axi_arvalid),
        .m_axi_arready(m_axi_arready),
        .m_axi_rid(m_axi_rid), .m_axi_rdata(m_axi_rdata), .m_axi_rresp(m_axi_rresp),
        .m_axi_rlast(m_axi_rlast), .m_axi_rvalid(m_axi_rvalid), .m_axi_rready(m_axi_rready),
        .push(f_push), .push_data(f_push_data), .push_eot(f_push_eot), .push_err(f_push_err),
        .push_ready(f_push_ready), .busy(rd_busy)
    );

    // ---- data FIFO --------------------------------------------------------------------------------
    wire          f_valid, f_pop;
    wire [FW-1:0] f_head;
    udma_mover_fifo #(.WIDTH(FW), .DEPTH(FIFO_DEPTH)) u_fifo (
        .clk(clk), .rst_n(rst_n),
        .push(f_push), .in_data({f_push_eot, f_push_err, f_push_data}), .in_ready(f_push_ready),
        .out_valid(f_valid), .out_data(f_head), .pop(f_pop)
    );

    // ---- write address generator and response side -------------------------------------------------
    wire [XI_W-1:0] ai = ap_q[XI_W-1:0];
    wire [XI_W-1:0] di = dp_q[XI_W-1:0];
    wire [XI_W-1:0] hi = hp_q[XI_W-1:0];

    wire              a_done, aw_load, h_done, h_wr_err, wr_busy;
    wire              rep_push, rep_last;
    wire [BB_W-1:0]   rep_bytes;
    wire [1:0]        rep_rderr;
    wire [PAGE_BITS:0] cpl_remaining, h_remaining;
    udma_mover_wr #(
        .PA_BITS(PA_BITS), .PAGE_BITS(PAGE_BITS), .DATA_W(DATA_W), .ID_W(ID_W),
        .MAX_BURST_BEATS(MAX_BURST_BEATS), .MAX_WR_BURSTS(MAX_WR_BURSTS), .TICKET_W(TICKET_W)
    ) u_wr (
        .clk(clk), .rst_n(rst_n),
        .a_valid(ap_q != wp_q), .a_done(a_done), .a_word(r_word[ai]), .a_lastw(r_lastw[ai]),
        .aw_load(aw_load),
        .m_axi_awid(m_axi_awid), .m_axi_awaddr(m_axi_awaddr), .m_axi_awlen(m_axi_awlen),
        .m_axi_awsize(m_axi_awsize), .m_axi_awburst(m_axi_awburst), .m_axi_awlock(m_axi_awlock),
        .m_axi_awcache(m_axi_awcache), .m_axi_awprot(m_axi_awprot), .m_axi_awvalid(m_axi_awvalid),
        .m_axi_awready(m_axi_awready),
        .m_axi_bid(m_axi_bid), .m_axi_bresp(m_axi_bresp), .m_axi_bvalid(m_axi_bvalid),
        .m_axi_bready(m_axi_bready),
        .rep_push(rep_push), .rep_bytes(rep_bytes), .rep_last(rep_last), .rep_rderr(rep_rderr),
        .h_ticket(r_ticket[hi]), .h_size(r_size[hi]), .h_done(h_done), .h_wr_err(h_wr_err),
        .cpl_valid(cpl_valid), .cpl_ticket(cpl_ticket), .cpl_code(cpl_code), .cpl_bytes(cpl_bytes),
        .cpl_remaining(cpl_remaining), .h_remaining(h_remaining), .busy(wr_busy)
    );

    // ---- write data stage -------------------------------------------------------------------------
    wire d_done;
    udma_mover_wdata #(
        .PAGE_BITS(PAGE_BITS), .DATA_W(DATA_W), .MAX_BURST_BEATS(MAX_BURST_BEATS),
        .MAX_WR_BURSTS(MAX_WR_BURSTS)
    ) u_wdata (
        .clk(clk), .rst_n(rst_n),
        .x_valid(dp_q != wp_q), .x_done(d_done),
        .x_off(r_word[di][OFF_W-1:0]), .x_lastw(r_lastw[di]), .x_da(r_da[di]), .x_de(r_de[di]),
        .x_shift(r_shift[di]), .x_prime(r_prime[di]),
        .x_kill(h_wr_err && (dp_q == hp_q)),
        .aw_load(aw_load),
        .in_valid(f_valid), .in_data(f_head[DATA_W-1:0]), .in_eot(f_head[FW-1]),
        .in_err(f_head[FW-2:FW-3]), .in_pop(f_pop),
        .m_axi_wdata(m_axi_wdata), .m_axi_wstrb(m_axi_wstrb), .m_axi_wlast(m_axi_wlast),
        .m_axi_wvalid(m_axi_wvalid), .m_axi_wready(m_axi_wready),
        .rep_push(rep_push), .rep_bytes(rep_bytes), .rep_last(rep_last), .rep_rderr(rep_rderr)
    );

    always @(posedge clk) begin
        if (!rst_n) begin
            ap_q   <= {XP_W{1'b0}};
            dp_q   <= {XP_W{1'b0}};
            hp_q   <= {XP_W{1'b0}};
            r_live <= {XFERS{1'b0}};
        end else begin
            if (a_done) ap_q <= ap_q + 1'b1;
            if (d_done) dp_q <= dp_q + 1'b1;
            if (h_done) hp_q <= hp_q + 1'b1;
            r_live <= (r_live & ~(h_done ? (XFERS'(1) << hi) : {XFERS{1'b0}}))
                             |  (take   ? (XFERS'(1) << wp_q[XI_W-1:0]) : {XFERS{1'b0}});
        end
    end

    // ---- progress: the oldest transfer; during the completion pulse, the one completing ------------
    assign prog_active    = cpl_valid || !ring_empty;
    assign prog_ticket    = cpl_valid ? cpl_ticket : r_ticket[hi];
    assign prog_remaining = cpl_valid ? cpl_remaining : h_remaining;
    assign busy           = !ring_empty || rd_busy || wr_busy || m_axi_wvalid;

`ifdef FORMAL
    reg f_past_valid;
    initial f_past_valid = 1'b0;
    always @(posedge clk) f_past_valid <= 1'b1;
    always @(*) if (!f_past_valid) assume (!rst_n);
    // environment: descriptors obey the launch check (size 1 .. page, ranges inside one page)
    always @(*) if (desc_valid) begin
        assume (desc_size != 0 && desc_size <= (1 << PAGE_BITS));
        assume ({1'b0, desc_src[PAGE_BITS-1:0]} + desc_size <= (1 << PAGE_BITS));
        assume ({1'b0, desc_dst[PAGE_BITS-1:0]} + desc_size <= (1 << PAGE_BITS));
    end
    always @(*) if (f_past_valid && rst_n) begin
        // the pointers keep their order: head <= data <= write ptr, head <= address <= write ptr
        assert (XP_W'(wp_q - hp_q) <= XFERS);
        assert (XP_W'(dp_q - hp_q) <= XP_W'(wp_q - hp_q));
        assert (XP_W'(ap_q - hp_q) <= XP_W'(wp_q - hp_q));
        if (take) assert (!ring_full);
        assert ($countones(r_live) == XP_W'(wp_q - hp_q));
    end
`endif
endmodule

`default_nettype wire
