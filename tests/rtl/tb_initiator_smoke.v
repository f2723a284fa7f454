// Icarus smoke test of udma_initiator (default parameters): proves the RTL not only parses but
// runs the same in a second simulator. Kernel selects SHRIMP; a process does S(sh(dst),size),
// L(sh(src)); the load must answer STARTED|0 and exactly one descriptor with those fields must
// appear. Then a lone load must answer FAIL (-1) and launch nothing. Prints PASS or FAIL.
`default_nettype none

module tb_initiator_smoke;
    localparam integer HOST_AW = 35;  // 1 + CTX_BITS(2) + PA_BITS(32)
    localparam [HOST_AW-1:0] SHADOW = {1'b1, 34'd0};
    localparam [63:0] STARTED = 64'h4000_0000_0000_0000;

    reg clk = 1'b0;
    reg rst_n = 1'b0;
    always #5 clk = ~clk;

    reg  [HOST_AW-1:0] awaddr = 0, araddr = 0;
    reg                awvalid = 0, wvalid = 0, arvalid = 0, bready = 1, rready = 1;
    reg  [63:0]        wdata = 0;
    wire               awready, wready, bvalid, arready, rvalid;
    wire [1:0]         bresp, rresp;
    wire [63:0]        rdata;
    wire               desc_valid;
    wire [31:0]        desc_src, desc_dst, desc_ticket;
    wire [12:0]        desc_size;
    wire [3:0]         desc_method;
    wire [15:0]        desc_issuer;
    wire               irq, obs_launch, obs_refuse, obs_latch;
    wire [2:0]         obs_cause, obs_rep_step;
    wire [3:0]         obs_method;

    udma_initiator dut (
        .clk(clk), .rst_n(rst_n),
        .s_axil_awaddr(awaddr), .s_axil_awprot(3'd0), .s_axil_awvalid(awvalid), .s_axil_awready(awready),
        .s_axil_wdata(wdata), .s_axil_wstrb(8'hFF), .s_axil_wvalid(wvalid), .s_axil_wready(wready),
        .s_axil_bresp(bresp), .s_axil_bvalid(bvalid), .s_axil_bready(bready),
        .s_axil_araddr(araddr), .s_axil_arprot(3'd0), .s_axil_arvalid(arvalid), .s_axil_arready(arready),
        .s_axil_rdata(rdata), .s_axil_rresp(rresp), .s_axil_rvalid(rvalid), .s_axil_rready(rready),
        .desc_valid(desc_valid), .desc_ready(1'b0), .desc_src(desc_src), .desc_dst(desc_dst),
        .desc_size(desc_size), .desc_method(desc_method), .desc_issuer(desc_issuer), .desc_ticket(desc_ticket),
        .cpl_valid(1'b0), .cpl_ticket(32'd0), .cpl_code(2'd0), .cpl_bytes(13'd0),
        .prog_active(1'b0), .prog_ticket(32'd0), .prog_remaining(13'd0), .irq(irq),
        .obs_launch(obs_launch), .obs_refuse(obs_refuse), .obs_cause(obs_cause), .obs_method(obs_method),
        .obs_rep_step(obs_rep_step), .obs_latch(obs_latch)
    );

    integer errors = 0;
    integer launches = 0;
    always @(posedge clk) if (obs_launch) launches = launches + 1;

    `include "axil_host_tasks.vh"

    reg [63:0] v;
    initial begin
        repeat (4) @(posedge clk);
        rst_n = 1;
        store(35'h010, 64'd1);                      // METHOD = SHRIMP
        store(SHADOW | 35'h2000_1008, 64'd100);     // S(sh(dst), 100)
        load(SHADOW | 35'h1000_0010, v);            // L(sh(src))
        if (v !== STARTED) begin $display("FAIL: launching load answered %h", v); errors = errors + 1; end
        @(negedge clk);
        if (!desc_valid || desc_src !== 32'h1000_0010 || desc_dst !== 32'h2000_1008 ||
            desc_size !== 13'd100 || desc_method !== 4'd1 || desc_ticket !== 32'd0) begin
            $display("FAIL: descriptor %b %h %h %0d %0d %0d", desc_valid, desc_src, desc_dst, desc_size,
                     desc_method, desc_ticket);
            errors = errors + 1;
        end
        load(SHADOW | 35'h1000_0010, v);            // a lone load: no latch
        if (v !== 64'hFFFF_FFFF_FFFF_FFFF) begin $display("FAIL: lone load answered %h", v); errors = errors + 1; end
        if (launches != 1) begin $display("FAIL: %0d launches", launches); errors = errors + 1; end
        if (errors == 0) $display("PASS");
        else $display("FAIL: %0d errors", errors);
        $finish;
    end

    initial begin
        #100000;
        $display("FAIL: timeout");
        $finish;
    end
endmodule

`default_nettype wire
