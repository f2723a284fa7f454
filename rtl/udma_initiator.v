// udma_initiator: the host port and the initiation engine without the data mover. Launched
// transfers leave on the descriptor port and completions are driven from outside: the top the
// initiation tests, the formal environments and integrators with their own mover use.
`default_nettype none

module udma_initiator #(
    parameter integer PA_BITS      = 32,       // physical address width
    parameter integer PAGE_BITS    = 12,       // log2 page size
    parameter integer N_CTX        = 4,        // register contexts / shadow context ids
    parameter integer QUEUE_DEPTH  = 4,        // launched-transfer queue entries
    parameter integer RESULT_SLOTS = 8,        // status-page result slots
    parameter integer PID_W        = 16,       // FLASH CURRENT_PID width
    parameter integer TICKET_W     = 32,       // ticket width
    parameter integer CNT_W        = 32,       // counter width
    parameter integer DATA_W       = 64,       // memory port width of the mover this feeds (CONFIG)
    parameter [15:0]  METHOD_MASK  = 16'h01FF, // synthesized methods
    parameter integer CTX_BITS     = (N_CTX <= 2) ? 1 : $clog2(N_CTX),  // derived: do not override
    parameter integer HOST_AW      = 1 + CTX_BITS + PA_BITS              // derived: do not override
) (
    input  wire                 clk,             // clock
    input  wire                 rst_n,           // synchronous reset, active low
    // AXI4-Lite host port
    input  wire [HOST_AW-1:0]   s_axil_awaddr,   // write address (window offset)
    input  wire [2:0]           s_axil_awprot,   // write protection (unused)
    input  wire                 s_axil_awvalid,  // write address valid
    output wire                 s_axil_awready,  // write address ready
    input  wire [63:0]          s_axil_wdata,    // write data
    input  wire [7:0]           s_axil_wstrb,    // write strobes
    input  wire                 s_axil_wvalid,   // write data valid
    output wire                 s_axil_wready,   // write data ready
    output wire [1:0]           s_axil_bresp,    // write response
    output wire                 s_axil_bvalid,   // write response valid
    input  wire                 s_axil_bready,   // write response ready
    input  wire [HOST_AW-1:0]   s_axil_araddr,   // read address (window offset)
    input  wire [2:0]           s_axil_arprot,   // read protection (unused)
    input  wire                 s_axil_arvalid,  // read address valid
    output wire                 s_axil_arready,  // read address ready
    output wire [63:0]          s_axil_rdata,    // read data
    output wire [1:0]           s_axil_rresp,    // read response
    output wire                 s_axil_rvalid,   // read data valid
    input  wire                 s_axil_rready,   // read data ready
    // descriptor port
    output wire                 desc_valid,      // a launched transfer waits
    input  wire                 desc_ready,      // consumer takes it
    output wire [PA_BITS-1:0]   desc_src,        // source byte address
    output wire [PA_BITS-1:0]   desc_dst,        // destination byte address
    output wire [PAGE_BITS:0]   desc_size,       // bytes
    output wire [3:0]           desc_method,     // launching method
    output wire [15:0]          desc_issuer,     // issuer tag
    output wire [TICKET_W-1:0]  desc_ticket,     // ticket
    // completion / progress of the consumer
    input  wire                 cpl_valid,       // transfer finished (pulse)
    input  wire [TICKET_W-1:0]  cpl_ticket,      // its ticket
    input  wire [1:0]           cpl_code,        // its bus outcome
    input  wire [PAGE_BITS:0]   cpl_bytes,       // bytes it wrote
    input  wire                 prog_active,     // a transfer is in progress
    input  wire [TICKET_W-1:0]  prog_ticket,     // its ticket
    input  wire [PAGE_BITS:0]   prog_remaining,  // its bytes not yet written
    output wire                 irq,             // level interrupt
    // observation
    output wire                 obs_launch,      // a launch was accepted this cycle
    output wire                 obs_refuse,      // an access was refused this cycle
    output wire [2:0]           obs_cause,       // its cause
    output wire [3:0]           obs_method,      // selected user-level method
    output wire [2:0]           obs_rep_step,    // repeated-passing FSM step
    output wire                 obs_latch        // SHRIMP/FLASH/PAL latch full
);
    wire               pre_valid, pre_write, req_valid, req_write;
    wire [HOST_AW-1:0] pre_addr;
    wire [63:0]        pre_wdata;
    wire [7:0]         pre_wstrb;
    wire [HOST_AW-1:0] req_addr;
    wire [63:0]        req_wdata, rsp_rdata;
    wire [7:0]         req_wstrb;
    wire [1:0]         rsp_resp;

    udma_axil_slave #(.ADDR_W(HOST_AW)) u_host (
        .clk(clk), .rst_n(rst_n),
        .s_axil_awaddr(s_axil_awaddr), .s_axil_awprot(s_axil_awprot), .s_axil_awvalid(s_axil_awvalid),
        .s_axil_awready(s_axil_awready), .s_axil_wdata(s_axil_wdata), .s_axil_wstrb(s_axil_wstrb),
        .s_axil_wvalid(s_axil_wvalid), .s_axil_wready(s_axil_wready), .s_axil_bresp(s_axil_bresp),
        .s_axil_bvalid(s_axil_bvalid), .s_axil_bready(s_axil_bready), .s_axil_araddr(s_axil_araddr),
        .s_axil_arprot(s_axil_arprot), .s_axil_arvalid(s_axil_arvalid), .s_axil_arready(s_axil_arready),
        .s_axil_rdata(s_axil_rdata), .s_axil_rresp(s_axil_rresp), .s_axil_rvalid(s_axil_rvalid),
        .s_axil_rready(s_axil_rready),
        .pre_valid(pre_valid), .pre_write(pre_write), .pre_addr(pre_addr), .pre_wdata(pre_wdata),
        .pre_wstrb(pre_wstrb), .req_valid(req_valid), .req_write(req_write), .req_addr(req_addr), .req_wdata(req_wdata),
        .req_wstrb(req_wstrb), .rsp_rdata(rsp_rdata), .rsp_resp(rsp_resp)
    );
    wire unused_req_wstrb = &{1'b0, req_wstrb};  // strobes are checked at acceptance (pre_wstrb)

    udma_engine #(
        .PA_BITS(PA_BITS), .PAGE_BITS(PAGE_BITS), .N_CTX(N_CTX), .QUEUE_DEPTH(QUEUE_DEPTH),
        .RESULT_SLOTS(RESULT_SLOTS), .PID_W(PID_W), .TICKET_W(TICKET_W), .CNT_W(CNT_W),
        .DATA_W(DATA_W), .METHOD_MASK(METHOD_MASK)
    ) u_engine (
        .clk(clk), .rst_n(rst_n),
        .pre_valid(pre_valid), .pre_write(pre_write), .pre_addr(pre_addr), .pre_wdata(pre_wdata),
        .pre_wstrb(pre_wstrb),
        .req_valid(req_valid), .req_write(req_write), .req_addr(req_addr), .req_wdata(req_wdata),
        .rsp_rdata(rsp_rdata), .rsp_resp(rsp_resp),
        .desc_valid(desc_valid), .desc_ready(desc_ready), .desc_src(desc_src), .desc_dst(desc_dst),
        .desc_size(desc_size), .desc_method(desc_method), .desc_issuer(desc_issuer), .desc_ticket(desc_ticket),
        .cpl_valid(cpl_valid), .cpl_ticket(cpl_ticket), .cpl_code(cpl_code), .cpl_bytes(cpl_bytes),
        .prog_active(prog_active), .prog_ticket(prog_ticket), .prog_remaining(prog_remaining),
        .irq(irq), .obs_launch(obs_launch), .obs_refuse(obs_refuse), .obs_cause(obs_cause),
        .obs_method(obs_method), .obs_rep_step(obs_rep_step), .obs_latch(obs_latch)
    );
endmodule

`default_nettype wire
