// udma_launch_check: the protection checks every launch passes (SPEC S3), whatever method
// formed it: size 0, a range crossing the page of src or dst (or a size above one page) refuse
// the launch (a full queue is the engine's third check). Checked in this order; the first
// failing check is the cause. Purely combinational. Methods whose destination and size arrive
// before the source use udma_size_check at that point instead.
`default_nettype none

module udma_launch_check #(
    parameter integer PA_BITS   = 32,  // physical address width
    parameter integer PAGE_BITS = 12   // log2 page size
) (
    input  wire [PA_BITS-1:0]   src,        // source byte address
    input  wire [PA_BITS-1:0]   dst,        // destination byte address
    input  wire [PAGE_BITS+1:0] sz,         // {size_big, size[PAGE_BITS:0]}; size_big = any size bit above PAGE_BITS
    output wire                 ok,         // the launch may go
    output wire [2:0]           cause       // refusal cause (regmap causes) when !ok, NONE when ok
);
`include "udma_regs.vh"

    localparam [PAGE_BITS+1:0] PAGE = {2'b01, {PAGE_BITS{1'b0}}};  // 2^PAGE_BITS

    wire                 big      = sz[PAGE_BITS+1];
    wire [PAGE_BITS+1:0] size     = {1'b0, sz[PAGE_BITS:0]};
    wire [PAGE_BITS+1:0] src_end  = {2'b00, src[PAGE_BITS-1:0]} + size;  // page offset + size
    wire [PAGE_BITS+1:0] dst_end  = {2'b00, dst[PAGE_BITS-1:0]} + size;

    wire size_zero = !big && (sz[PAGE_BITS:0] == {(PAGE_BITS+1){1'b0}});
    wire crosses     = big || (src_end > PAGE) || (dst_end > PAGE);

    assign ok    = !size_zero && !crosses;
    assign cause = size_zero ? UDMA_CAUSE_SIZE_ZERO :
                   crosses   ? UDMA_CAUSE_CROSS : UDMA_CAUSE_NONE;

    wire unused_hi = &{1'b0, src[PA_BITS-1:PAGE_BITS], dst[PA_BITS-1:PAGE_BITS]};

`ifdef FORMAL
    // S3 at the launch: an accepted range is non-empty and stays inside one page.
    always @(*) if (ok) begin
        assert (!big);
        assert (sz[PAGE_BITS:0] != 0);
        assert ({2'b00, src[PAGE_BITS-1:0]} + size <= PAGE);
        assert ({2'b00, dst[PAGE_BITS-1:0]} + size <= PAGE);
    end
`endif
endmodule

`default_nettype wire
