// udma_key_check: the key checker of the key-based method (paper section 3.1). A store
// S(sh(p), key#ctx#sel) may write an argument into register context ctx only if its key field
// equals the key the kernel stored for ctx and the context is enabled. The comparison is a
// full-width XOR reduction: no early exit, no partial match information leaves this module, and
// the stored key has no other path out of the engine (S4).
`default_nettype none

module udma_key_check #(
    parameter integer KEY_W = 56  // key field width
) (
    input  wire [KEY_W-1:0] presented,  // key field of the store data
    input  wire [KEY_W-1:0] stored,     // key the kernel wrote into CTX_KEY[ctx]
    input  wire             enabled,    // the context is assigned (a key was written, not revoked)
    output wire             match       // the store may write the context
);
    assign match = enabled && ~|(presented ^ stored);

`ifdef FORMAL
    always @(*) assert (match == (enabled && presented == stored));
`endif
endmodule

`default_nettype wire
