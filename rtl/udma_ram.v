// udma_ram: simple dual-port RAM, one synchronous write port and one registered read port, the
// shape Yosys maps onto iCE40 SB_RAM40_4K blocks (and any FPGA's block RAM). The engine keeps its
// per-context state here (keys, arguments, latches, results, queued descriptors) instead of in
// flip-flops. A read and a write of the same address at the same edge return the old data.
// The contents have no reset: every user masks them with valid bits that are reset.
`default_nettype none

module udma_ram #(
    parameter integer WIDTH = 16,  // word width in bits
    parameter integer DEPTH = 4,   // number of words
    parameter integer AW    = 2    // address width, >= clog2(DEPTH)
) (
    input  wire             clk,    // clock
    input  wire             we,     // write wdata to waddr at this edge
    input  wire [AW-1:0]    waddr,  // write address
    input  wire [WIDTH-1:0] wdata,  // write data
    input  wire             re,     // read raddr at this edge (rdata valid after it)
    input  wire [AW-1:0]    raddr,  // read address
    output reg  [WIDTH-1:0] rdata   // registered read data
);
    generate
        if (DEPTH < 1 || DEPTH > (1 << AW)) begin : g_bad_depth
            udma_param_error_RAM_DEPTH_must_fit_AW u_err ();
        end
    endgenerate

    (* ram_style = "block", no_rw_check *) reg [WIDTH-1:0] mem [0:DEPTH-1];

    always @(posedge clk) begin
        if (we) mem[waddr] <= wdata;
        if (re) rdata <= mem[raddr];
    end
endmodule

`default_nettype wire
