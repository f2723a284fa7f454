// udma_axil_slave: the host port. An AXI4-Lite slave (64-bit data) that serves one transaction
// at a time in arrival order. Pipeline (docs/design.md section 2):
//   accept  (cycle 0): AW+W or AR handshake; the access is registered at the edge; pre_* show it
//                      combinationally so block RAMs can start their read with the same edge;
//   decide  (cycle 1): req_* present the registered access for exactly one cycle; the engine
//                      answers rsp_* combinationally and every state update happens at this edge;
//   respond (cycle 2): BVALID/RVALID with the registered answer until the master takes it.
// With an always-ready master an access takes 3 cycles.
`default_nettype none

module udma_axil_slave #(
    parameter integer ADDR_W = 35  // host address width (window offset bits)
) (
    input  wire              clk,             // clock
    input  wire              rst_n,           // synchronous reset, active low
    // AXI4-Lite write address channel
    input  wire [ADDR_W-1:0] s_axil_awaddr,   // write address (window offset)
    input  wire [2:0]        s_axil_awprot,   // protection bits (not used: the MMU protects)
    input  wire              s_axil_awvalid,  // write address valid
    output wire              s_axil_awready,  // write address ready
    // AXI4-Lite write data channel
    input  wire [63:0]       s_axil_wdata,    // write data
    input  wire [7:0]        s_axil_wstrb,    // write strobes (must be all ones)
    input  wire              s_axil_wvalid,   // write data valid
    output wire              s_axil_wready,   // write data ready
    // AXI4-Lite write response channel
    output wire [1:0]        s_axil_bresp,    // write response
    output wire              s_axil_bvalid,   // write response valid
    input  wire              s_axil_bready,   // write response ready
    // AXI4-Lite read address channel
    input  wire [ADDR_W-1:0] s_axil_araddr,   // read address (window offset)
    input  wire [2:0]        s_axil_arprot,   // protection bits (not used)
    input  wire              s_axil_arvalid,  // read address valid
    output wire              s_axil_arready,  // read address ready
    // AXI4-Lite read data channel
    output wire [63:0]       s_axil_rdata,    // read data
    output wire [1:0]        s_axil_rresp,    // read response
    output wire              s_axil_rvalid,   // read data valid
    input  wire              s_axil_rready,   // read data ready
    // the access being accepted this cycle (combinational, for block-RAM read addresses)
    output wire              pre_valid,       // an access is accepted this cycle
    output wire              pre_write,       // 1 store, 0 load
    output wire [ADDR_W-1:0] pre_addr,        // its window offset
    output wire [63:0]       pre_wdata,       // its store data
    output wire [7:0]        pre_wstrb,       // its store strobes (loads: all ones)
    // the access to decide, registered, valid for exactly one cycle after acceptance
    output wire              req_valid,       // decide this access now
    output wire              req_write,       // 1 store, 0 load
    output wire [ADDR_W-1:0] req_addr,        // window offset of the access
    output wire [63:0]       req_wdata,       // store data
    output wire [7:0]        req_wstrb,       // store strobes (loads: all ones)
    // engine's answer, combinational in the deciding cycle
    input  wire [63:0]       rsp_rdata,       // load data
    input  wire [1:0]        rsp_resp         // AXI response code
);

    reg              busy_q;   // an access is between acceptance and its response handshake
    reg              req_q;    // the registered access is to be decided this cycle
    reg              write_q;  // it is a store
    reg [ADDR_W-1:0] addr_q;   // its window offset
    reg [63:0]       wdata_q;  // its store data
    reg [7:0]        wstrb_q;  // its strobes
    reg              bvalid_q; // write response pending
    reg [1:0]        bresp_q;  // its code
    reg              rvalid_q; // read response pending
    reg [1:0]        rresp_q;  // its code
    reg [63:0]       rdata_q;  // its data

    wire idle  = !busy_q;
    wire wr_go = idle && s_axil_awvalid && s_axil_wvalid;
    wire rd_go = idle && s_axil_arvalid && !wr_go;

    assign s_axil_awready = wr_go;
    assign s_axil_wready  = wr_go;
    assign s_axil_arready = rd_go;
    assign s_axil_bvalid  = bvalid_q;
    assign s_axil_bresp   = bresp_q;
    assign s_axil_rvalid  = rvalid_q;
    assign s_axil_rresp   = rresp_q;
    assign s_axil_rdata   = rdata_q;

    assign pre_valid = wr_go || rd_go;
    assign pre_write = wr_go;
    assign pre_addr  = wr_go ? s_axil_awaddr : s_axil_araddr;
    assign pre_wdata = s_axil_wdata;
    assign pre_wstrb = wr_go ? s_axil_wstrb : 8'hFF;

    assign req_valid = req_q;
    assign req_write = write_q;
    assign req_addr  = addr_q;
    assign req_wdata = wdata_q;
    assign req_wstrb = wstrb_q;

    wire unused_prot = &{1'b0, s_axil_awprot, s_axil_arprot};

    always @(posedge clk) begin
        if (!rst_n) begin
            busy_q   <= 1'b0;
            req_q    <= 1'b0;
            write_q  <= 1'b0;
            addr_q   <= {ADDR_W{1'b0}};
            wdata_q  <= 64'd0;
            wstrb_q  <= 8'd0;
            bvalid_q <= 1'b0;
            bresp_q  <= 2'b00;
            rvalid_q <= 1'b0;
            rresp_q  <= 2'b00;
            rdata_q  <= 64'd0;
        end else begin
            req_q <= wr_go || rd_go;
            if (wr_go || rd_go) begin
                busy_q  <= 1'b1;
                write_q <= wr_go;
                addr_q  <= wr_go ? s_axil_awaddr : s_axil_araddr;
                wdata_q <= wr_go ? s_axil_wdata : 64'd0;
                wstrb_q <= wr_go ? s_axil_wstrb : 8'hFF;
            end
            if (req_q) begin
                if (write_q) begin
                    bvalid_q <= 1'b1;
                    bresp_q  <= rsp_resp;
                end else begin
                    rvalid_q <= 1'b1;
                    rresp_q  <= rsp_resp;
                    rdata_q  <= rsp_rdata;
                end
            end
            if (bvalid_q && s_axil_bready) begin
                bvalid_q <= 1'b0;
                busy_q   <= 1'b0;
            end
            if (rvalid_q && s_axil_rready) begin
                rvalid_q <= 1'b0;
                busy_q   <= 1'b0;
            end
        end
    end

`ifdef FORMAL
    reg f_past_valid;
    initial f_past_valid = 1'b0;
    always @(posedge clk) f_past_valid <= 1'b1;
    always @(*) if (!f_past_valid) assume (!rst_n);

    // The master keeps VALID and payload stable until READY (AXI handshake rule).
    always @(posedge clk) if (f_past_valid && $past(rst_n) && rst_n) begin
        if ($past(s_axil_arvalid && !s_axil_arready)) begin
            assume (s_axil_arvalid);
            assume (s_axil_araddr == $past(s_axil_araddr));
        end
        if ($past(s_axil_awvalid && !s_axil_awready)) begin
            assume (s_axil_awvalid);
            assume (s_axil_awaddr == $past(s_axil_awaddr));
        end
        if ($past(s_axil_wvalid && !s_axil_wready)) begin
            assume (s_axil_wvalid);
            assume (s_axil_wdata == $past(s_axil_wdata));
            assume (s_axil_wstrb == $past(s_axil_wstrb));
        end
    end

    // The slave's responses are stable until accepted, and one transaction is served at a time.
    always @(posedge clk) if (f_past_valid && $past(rst_n) && rst_n) begin
        if ($past(s_axil_bvalid && !s_axil_bready)) begin
            assert (s_axil_bvalid);
            assert (s_axil_bresp == $past(s_axil_bresp));
        end
        if ($past(s_axil_rvalid && !s_axil_rready)) begin
            assert (s_axil_rvalid);
            assert (s_axil_rresp == $past(s_axil_rresp));
            assert (s_axil_rdata == $past(s_axil_rdata));
        end
    end
    always @(*) if (f_past_valid && rst_n) begin
        assert (!(bvalid_q && rvalid_q));
        assert (!(wr_go && rd_go));
        if (bvalid_q || rvalid_q || req_q) assert (busy_q && !pre_valid);
        if (req_q) assert (!bvalid_q && !rvalid_q);
        assert (s_axil_awready == s_axil_wready);
    end
    always @(posedge clk) if (f_past_valid && !$past(rst_n)) begin
        assert (!bvalid_q && !rvalid_q && !req_q && !busy_q);
    end
    // every accepted access is decided exactly once, the cycle after acceptance
    always @(posedge clk) if (f_past_valid && $past(rst_n) && rst_n)
        assert (req_q == $past(pre_valid));
`endif

endmodule

`default_nettype wire
