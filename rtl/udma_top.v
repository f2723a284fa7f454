// udma_top: the complete engine: the AXI4-Lite host port, the initiation engine and the data
// mover (docs/design.md section 1). Hosts start transfers through the window (kernel page,
// shadow addresses, context pages); the mover copies them through the AXI4 master port and
// reports completion back to the status page, the context pages, the counters and irq.
// The obs_* outputs expose what a harness oracle needs: every launch decision, every descriptor
// the mover takes and every completion.
`default_nettype none

module udma_top #(
    parameter integer PA_BITS         = 32,       // physical address width
    parameter integer PAGE_BITS       = 12,       // log2 page size
    parameter integer N_CTX           = 4,        // register contexts / shadow context ids
    parameter integer QUEUE_DEPTH     = 4,        // launched-transfer queue entries
    parameter integer RESULT_SLOTS    = 8,        // status-page result slots
    parameter integer PID_W           = 16,       // FLASH CURRENT_PID width
    parameter integer TICKET_W        = 32,       // ticket width
    parameter integer CNT_W           = 32,       // counter width
    parameter integer DATA_W          = 64,       // AXI4 memory port width: 32, 64 or 128
    parameter [15:0]  METHOD_MASK     = 16'h01FF, // synthesized methods
    parameter integer ID_W            = 4,        // AXI4 ID width
    parameter integer MAX_BURST_BEATS = 256,      // longest burst (power of two, <= 256, <= 4 KiB)
    parameter integer MAX_RD_BURSTS   = 4,        // read bursts outstanding (1, 2, 4, 8, 16)
    parameter integer MAX_WR_BURSTS   = 4,        // write bursts outstanding (1, 2, 4, 8, 16)
    parameter integer MOVER_XFERS     = 2,        // transfers in flight inside the mover (2, 4, 8)
    parameter integer FIFO_DEPTH      = 256,      // mover data FIFO words (power of two)
    parameter integer CTX_BITS        = (N_CTX <= 2) ? 1 : $clog2(N_CTX),  // derived: do not override
    parameter integer HOST_AW         = 1 + CTX_BITS + PA_BITS              // derived: do not override
) (
    input  wire                 clk,              // clock
    input  wire                 rst_n,            // synchronous reset, active low
    // AXI4-Lite host port
    input  wire [HOST_AW-1:0]   s_axil_awaddr,    // write address (window offset)
    input  wire [2:0]           s_axil_awprot,    // write protection (unused)
    input  wire                 s_axil_awvalid,   // write address valid
    output wire                 s_axil_awready,   // write address ready
    input  wire [63:0]          s_axil_wdata,     // write data
    input  wire [7:0]           s_axil_wstrb,     // write strobes
    input  wire                 s_axil_wvalid,    // write data valid
    output wire                 s_axil_wready,    // write data ready
    output wire [1:0]           s_axil_bresp,     // write response
    output wire                 s_axil_bvalid,    // write response valid
    input  wire                 s_axil_bready,    // write response ready
    input  wire [HOST_AW-1:0]   s_axil_araddr,    // read address (window offset)
    input  wire [2:0]           s_axil_arprot,    // read protection (unused)
    input  wire                 s_axil_arvalid,   // read address valid
    output wire                 s_axil_arready,   // read address ready
    output wire [63:0]          s_axil_rdata,     // read data
    output wire [1:0]           s_axil_rresp,     // read response
    output wire                 s_axil_rvalid,    // read data valid
    input  wire                 s_axil_rready,    // read data ready
    // AXI4 memory master port
    output wire [ID_W-1:0]      m_axi_awid,       // write ID (0)
    output wire [PA_BITS-1:0]   m_axi_awaddr,     // write burst address
    output wire [7:0]           m_axi_awlen,      // beats - 1
    output wire [2:0]           m_axi_awsize,     // log2 bytes per beat
    output wire [1:0]           m_axi_awburst,    // INCR
    output wire                 m_axi_awlock,     // normal
    output wire [3:0]           m_axi_awcache,    // memory attributes
    output wire [2:0]           m_axi_awprot,     // protection
    output wire                 m_axi_awvalid,    // write address valid
    input  wire                 m_axi_awready,    // write address ready
    output wire [DATA_W-1:0]    m_axi_wdata,      // write data
    output wire [DATA_W/8-1:0]  m_axi_wstrb,      // write strobes
    output wire                 m_axi_wlast,      // last write beat of a burst
    output wire                 m_axi_wvalid,     // write data valid
    input  wire                 m_axi_wready,     // write data ready
    input  wire [ID_W-1:0]      m_axi_bid,        // write response ID
    input  wire [1:0]           m_axi_bresp,      // write response
    input  wire                 m_axi_bvalid,     // write response valid
    output wire                 m_axi_bready,     // write response ready
    output wire [ID_W-1:0]      m_axi_arid,       // read ID (0)
    output wire [PA_BITS-1:0]   m_axi_araddr,     // read burst address
    output wire [7:0]           m_axi_arlen,      // beats - 1
    output wire [2:0]           m_axi_arsize,     // log2 bytes per beat
    output wire [1:0]           m_axi_arburst,    // INCR
    output wire                 m_axi_arlock,     // normal
    output wire [3:0]           m_axi_arcache,    // memory attributes
    output wire [2:0]           m_axi_arprot,     // protection
    output wire                 m_axi_arvalid,    // read address valid
    input  wire                 m_axi_arready,    // read address ready
    input  wire [ID_W-1:0]      m_axi_rid,        // read data ID
    input  wire [DATA_W-1:0]    m_axi_rdata,      // read data
    input  wire [1:0]           m_axi_rresp,      // read response
    input  wire                 m_axi_rlast,      // last read beat of a burst
    input  wire                 m_axi_rvalid,     // read data valid
    output wire                 m_axi_rready,     // read data ready
    output wire                 irq,              // level interrupt (IRQ_STATUS & IRQ_ENABLE)
    // observation: launch decisions (as udma_initiator)
    output wire                 obs_launch,       // a launch was accepted this cycle
    output wire                 obs_refuse,       // an access was refused this cycle
    output wire [2:0]           obs_cause,        // its cause
    output wire [3:0]           obs_method,       // selected user-level method
    output wire [2:0]           obs_rep_step,     // repeated-passing FSM step
    output wire                 obs_latch,        // SHRIMP/FLASH/PAL latch full
    // observation: the mover takes a descriptor (fields valid while obs_desc_take is high)
    output wire                 obs_desc_take,    // a descriptor leaves the queue this cycle
    output wire [PA_BITS-1:0]   obs_desc_src,     // its source
    output wire [PA_BITS-1:0]   obs_desc_dst,     // its destination
    output wire [PAGE_BITS:0]   obs_desc_size,    // its size
    output wire [3:0]           obs_desc_method,  // the method that launched it
    output wire [15:0]          obs_desc_issuer,  // its issuer tag
    output wire [TICKET_W-1:0]  obs_desc_ticket,  // its ticket
    // observation: completions (the pulse the engine sees)
    output wire                 obs_cpl_valid,    // a transfer completed this cycle
    output wire [TICKET_W-1:0]  obs_cpl_ticket,   // its ticket
    output wire [1:0]           obs_cpl_code,     // its bus outcome
    output wire [PAGE_BITS:0]   obs_cpl_bytes,    // bytes it wrote with OKAY
    output wire                 obs_mover_busy    // the mover holds a transfer or an AXI transaction
);
    wire                desc_valid, desc_ready;
    wire [PA_BITS-1:0]  desc_src, desc_dst;
    wire [PAGE_BITS:0]  desc_size;
    wire [3:0]          desc_method;
    wire [15:0]         desc_issuer;
    wire [TICKET_W-1:0] desc_ticket;
    wire                cpl_valid, prog_active;
    wire [TICKET_W-1:0] cpl_ticket, prog_ticket;
    wire [1:0]          cpl_code;
    wire [PAGE_BITS:0]  cpl_bytes, prog_remaining;

    // host port + initiation engine (the same block integrators use with their own mover)
    udma_initiator #(
        .PA_BITS(PA_BITS), .PAGE_BITS(PAGE_BITS), .N_CTX(N_CTX), .QUEUE_DEPTH(QUEUE_DEPTH),
        .RESULT_SLOTS(RESULT_SLOTS), .PID_W(PID_W), .TICKET_W(TICKET_W), .CNT_W(CNT_W),
        .DATA_W(DATA_W), .METHOD_MASK(METHOD_MASK)
    ) u_init (
        .clk(clk), .rst_n(rst_n),
        .s_axil_awaddr(s_axil_awaddr), .s_axil_awprot(s_axil_awprot), .s_axil_awvalid(s_axil_awvalid),
        .s_axil_awready(s_axil_awready), .s_axil_wdata(s_axil_wdata), .s_axil_wstrb(s_axil_wstrb),
        .s_axil_wvalid(s_axil_wvalid), .s_axil_wready(s_axil_wready), .s_axil_bresp(s_axil_bresp),
        .s_axil_bvalid(s_axil_bvalid), .s_axil_bready(s_axil_bready), .s_axil_araddr(s_axil_araddr),
        .s_axil_arprot(s_axil_arprot), .s_axil_arvalid(s_axil_arvalid), .s_axil_arready(s_axil_arready),
        .s_axil_rdata(s_axil_rdata), .s_axil_rresp(s_axil_rresp), .s_axil_rvalid(s_axil_rvalid),
        .s_axil_rready(s_axil_rready),
        .desc_valid(desc_valid), .desc_ready(desc_ready), .desc_src(desc_src), .desc_dst(desc_dst),
        .desc_size(desc_size), .desc_method(desc_method), .desc_issuer(desc_issuer), .desc_ticket(desc_ticket),
        .cpl_valid(cpl_valid), .cpl_ticket(cpl_ticket), .cpl_code(cpl_code), .cpl_bytes(cpl_bytes),
        .prog_active(prog_active), .prog_ticket(prog_ticket), .prog_remaining(prog_remaining),
        .irq(irq), .obs_launch(obs_launch), .obs_refuse(obs_refuse), .obs_cause(obs_cause),
        .obs_method(obs_method), .obs_rep_step(obs_rep_step), .obs_latch(obs_latch)
    );

    udma_mover #(
        .PA_BITS(PA_BITS), .PAGE_BITS(PAGE_BITS), .TICKET_W(TICKET_W), .DATA_W(DATA_W), .ID_W(ID_W),
        .MAX_BURST_BEATS(MAX_BURST_BEATS), .MAX_RD_BURSTS(MAX_RD_BURSTS), .MAX_WR_BURSTS(MAX_WR_BURSTS),
        .XFERS(MOVER_XFERS), .FIFO_DEPTH(FIFO_DEPTH)
    ) u_mover (
        .clk(clk), .rst_n(rst_n),
        .desc_valid(desc_valid), .desc_ready(desc_ready), .desc_src(desc_src), .desc_dst(desc_dst),
        .desc_size(desc_size), .desc_ticket(desc_ticket),
        .cpl_valid(cpl_valid), .cpl_ticket(cpl_ticket), .cpl_code(cpl_code), .cpl_bytes(cpl_bytes),
        .prog_active(prog_active), .prog_ticket(prog_ticket), .prog_remaining(prog_remaining),
        .m_axi_awid(m_axi_awid), .m_axi_awaddr(m_axi_awaddr), .m_axi_awlen(m_axi_awlen),
        .m_axi_awsize(m_axi_awsize), .m_axi_awburst(m_axi_awburst), .m_axi_awlock(m_axi_awlock),
        .m_axi_awcache(m_axi_awcache), .m_axi_awprot(m_axi_awprot), .m_axi_awvalid(m_axi_awvalid),
        .m_axi_awready(m_axi_awready),
        .m_axi_wdata(m_axi_wdata), .m_axi_wstrb(m_axi_wstrb), .m_axi_wlast(m_axi_wlast),
        .m_axi_wvalid(m_axi_wvalid), .m_axi_wready(m_axi_wready),
        .m_axi_bid(m_axi_bid), .m_axi_bresp(m_axi_bresp), .m_axi_bvalid(m_axi_bvalid),
        .m_axi_bready(m_axi_bready),
        .m_axi_arid(m_axi_arid), .m_axi_araddr(m_axi_araddr), .m_axi_arlen(m_axi_arlen),
        .m_axi_arsize(m_axi_arsize), .m_axi_arburst(m_axi_arburst), .m_axi_arlock(m_axi_arlock),
        .m_axi_arcache(m_axi_arcache), .m_axi_arprot(m_axi_arprot), .m_axi_arvalid(m_axi_arvalid),
        .m_axi_arready(m_axi_arready),
        .m_axi_rid(m_axi_rid), .m_axi_rdata(m_axi_rdata), .m_axi_rresp(m_axi_rresp),
        .m_axi_rlast(m_axi_rlast), .m_axi_rvalid(m_axi_rvalid), .m_axi_rready(m_axi_rready),
        .busy(obs_mover_busy)
    );

    assign obs_desc_take   = desc_valid && desc_ready;
    assign obs_desc_src    = desc_src;
    assign obs_desc_dst    = desc_dst;
    assign obs_desc_size   = desc_size;
    assign obs_desc_method = desc_method;
    assign obs_desc_issuer = desc_issuer;
    assign obs_desc_ticket = desc_ticket;
    assign obs_cpl_valid   = cpl_valid;
    assign obs_cpl_ticket  = cpl_ticket;
    assign obs_cpl_code    = cpl_code;
    assign obs_cpl_bytes   = cpl_bytes;
endmodule

`default_nettype wire
