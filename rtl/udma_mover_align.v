// udma_mover_align: the byte realigner. A destination word is a window of the source stream:
// the bytes of the current source word above the bytes 1..B-1 carried from the previous one,
// shifted down by a per-transfer byte count (docs/data-mover.md section 3):
//
//   window = {in_word, carry}      (2B-1 bytes, carry = bytes 1..B-1 of the previous word)
//   out    = window >> (8 * shift),  shift = (src % B - dst % B - 1) mod B
//
// With src % B <= dst % B every output consumes one source word; with src % B > dst % B the
// write stage first loads one word into the carry ("prime"). Purely combinational: one
// B-to-1 byte multiplexer per output byte.
`default_nettype none

module udma_mover_align #(
    parameter integer DATA_W = 64,                   // bus width in bits, 32 / 64 / 128
    parameter integer LGB    = $clog2(DATA_W / 8)    // derived: log2 bytes per word
) (
    input  wire [DATA_W-1:0] in_word,    // current source word
    input  wire [DATA_W-9:0] carry,      // bytes 1..B-1 of the previous source word
    input  wire [LGB-1:0]    shift,      // byte shift, (src%B - dst%B - 1) mod B
    output wire [DATA_W-1:0] out_word    // destination-aligned word
);
    localparam integer WIN_W = 2 * DATA_W - 8;

    wire [WIN_W-1:0] window  = {in_word, carry};
    wire [WIN_W-1:0] shifted = window >> {shift, 3'b000};
    assign out_word = shifted[DATA_W-1:0];

    wire unused_hi = &{1'b0, shifted[WIN_W-1:DATA_W]};

`ifdef FORMAL
    // every output byte comes from the window at its lane plus the shift
    genvar j;
    for (j = 0; j < DATA_W / 8; j = j + 1) begin : g_lane
        always @(*) assert (out_word[8*j +: 8] == window[8 * (j + shift) +: 8]);
    end
`endif
endmodule

`default_nettype wire
