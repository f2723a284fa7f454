// Host tasks shared by the Icarus smoke testbenches (tests/rtl/tb_*_smoke.v): one strongly
// ordered AXI4-Lite access at a time, like an uncached CPU access. The including module declares
// clk, HOST_AW, the s_axil_* drive/observe signals (awaddr, wdata, awvalid, wvalid, awready,
// wready, bvalid, bresp, araddr, arvalid, arready, rvalid, rdata) and an integer `errors`.
    task automatic store(input [HOST_AW-1:0] a, input [63:0] d);
        begin
            @(negedge clk);
            awaddr = a; wdata = d; awvalid = 1; wvalid = 1;
            @(posedge clk);
            while (!(awready && wready)) @(posedge clk);
            @(negedge clk);
            awvalid = 0; wvalid = 0;
            while (!bvalid) @(negedge clk);
            if (bresp != 2'b00) begin
                $display("FAIL: store to %h answered %0d", a, bresp);
                errors = errors + 1;
            end
            @(posedge clk);
        end
    endtask

    task automatic load(input [HOST_AW-1:0] a, output [63:0] d);
        begin
            @(negedge clk);
            araddr = a; arvalid = 1;
            @(posedge clk);
            while (!arready) @(posedge clk);
            @(negedge clk);
            arvalid = 0;
            while (!rvalid) @(negedge clk);
            d = rdata;
            @(posedge clk);
        end
    endtask
