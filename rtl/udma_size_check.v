// udma_size_check: the destination half of the launch protection checks (SPEC S3), computed when
// the destination and size are recorded (the store S(sh(dst), size) of the pair methods and of
// repeated passing) instead of when the transfer launches, so the launching access only compares
// its source offset against a precomputed limit (udma_launch_check covers the methods whose
// arguments are all known at once).
//   cause = SIZE_ZERO  if size == 0
//           CROSS      if size > 2^PAGE_BITS or dst_off + size > 2^PAGE_BITS
//           NONE       otherwise;   src_limit = 2^PAGE_BITS - size (the largest legal src offset)
// Purely combinational.
`default_nettype none

module udma_size_check #(
    parameter integer PAGE_BITS = 12  // log2 page size
) (
    input  wire [PAGE_BITS-1:0] dst_off,    // destination offset inside its page
    input  wire [PAGE_BITS+1:0] sz,         // {size_big, size[PAGE_BITS:0]}
    output wire [2:0]           cause,      // SIZE_ZERO, CROSS or NONE
    output wire [PAGE_BITS:0]   src_limit   // a source offset <= src_limit keeps the source in its page
);
`include "udma_regs.vh"

    localparam [PAGE_BITS+1:0] PAGE = {2'b01, {PAGE_BITS{1'b0}}};

    wire                 big     = sz[PAGE_BITS+1];
    wire [PAGE_BITS+1:0] size    = {1'b0, sz[PAGE_BITS:0]};
    wire [PAGE_BITS+1:0] dst_end = {2'b00, dst_off} + size;
    wire                 zero    = !big && (sz[PAGE_BITS:0] == {(PAGE_BITS+1){1'b0}});
    wire                 crosses = big || (dst_end > PAGE);
    wire [PAGE_BITS+1:0] limit   = PAGE - size;

    assign cause     = zero ? UDMA_CAUSE_SIZE_ZERO : crosses ? UDMA_CAUSE_CROSS : UDMA_CAUSE_NONE;
    assign src_limit = limit[PAGE_BITS:0];
    wire unused_limit_msb = limit[PAGE_BITS+1];  // PAGE - size is never negative when cause is NONE

`ifdef FORMAL
    // together with src_off <= src_limit this is exactly udma_launch_check's size/crossing rule
    always @(*) if (cause == UDMA_CAUSE_NONE) begin
        assert (sz[PAGE_BITS:0] != 0 && !big);
        assert ({2'b00, dst_off} + size <= PAGE);
        assert ({1'b0, src_limit} + size == PAGE);
    end
`endif
endmodule

`default_nettype wire
