// udma_mover_burst: the burst splitting rule of the data mover (docs/data-mover.md section 2),
// shared by the read and the write address generators so both sides split a transfer the same
// way. Bursts are aligned to blocks of 2^LGMB bus words (MAX_BURST_BEATS): a burst runs from the
// current word to the end of its block or to the transfer's last word, whichever comes first. A
// block is at most 4 KiB (checked in udma_mover), so no burst crosses 4 KiB, and no burst has
// more than MAX_BURST_BEATS (<= 256) beats.
//
// The transfer is described by its current and last word offsets inside the page, so the rule
// needs no magnitude comparison: the burst is the last one when both offsets lie in the same
// block (equality of the block numbers), its length is a subtraction of block-local offsets, and
// the next burst starts at the next block. Purely combinational.
`default_nettype none

module udma_mover_burst #(
    parameter integer OFF_W = 9,  // width of a word offset inside the page (PAGE_BITS - log2(bytes per word))
    parameter integer LGMB  = 8   // log2 MAX_BURST_BEATS, 0 .. 8
) (
    input  wire [OFF_W-1:0] off,       // word offset of the burst's first word inside its page
    input  wire [OFF_W-1:0] last_w,    // word offset of the transfer's last word (>= off)
    output wire [7:0]       len,       // AxLEN: beats - 1
    output wire             last,      // this burst ends the transfer
    output wire [OFF_W-1:0] next_off   // first word of the following burst (when !last)
);
    generate
        if (LGMB == 0) begin : g_single_beats
            assign last     = (off == last_w);
            assign len      = 8'd0;
            assign next_off = off + 1'b1;
        end else if (OFF_W <= LGMB) begin : g_page_in_block
            // a page is no larger than a burst block: every transfer is one burst
            assign last     = 1'b1;
            wire [OFF_W-1:0] len_lo = last_w - off;
            assign len      = 8'(len_lo);
            assign next_off = {OFF_W{1'b0}};
        end else begin : g_blocks
            wire [OFF_W-LGMB-1:0] blk = off[OFF_W-1:LGMB];
            wire [LGMB-1:0]       idx = off[LGMB-1:0];
            wire [LGMB-1:0]       len_lo = last ? (last_w[LGMB-1:0] - idx) : ~idx;
            assign last     = (blk == last_w[OFF_W-1:LGMB]);
            assign len      = 8'(len_lo);
            assign next_off = {blk + 1'b1, {LGMB{1'b0}}};
        end
    endgenerate

`ifdef FORMAL
    localparam integer CW = OFF_W + 2;
    localparam [CW-1:0] BLOCK = CW'(1) << LGMB;
    wire [CW-1:0] beats = CW'(len) + 1'b1;
    always @(*) if (off <= last_w) begin
        assert (beats <= BLOCK);
        // never leaves its block (hence never crosses 4 KiB)
        assert ((CW'(off) % BLOCK) + beats <= BLOCK);
        if (last) begin
            assert (CW'(off) + beats == CW'(last_w) + 1'b1);
        end else begin
            assert (CW'(off) + beats == CW'(next_off));
            assert (next_off <= last_w);
        end
    end
`endif
endmodule

`default_nettype wire
