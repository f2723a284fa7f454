// udma_decode: splits the engine window (SPEC section 2, docs/register-map.md "Window").
// Shadow half: offset = {1, ctx_id, paddr}; an access there is never a memory access, it passes
// paddr (and ctx_id) to the engine. Register half: page 0 kernel, page 1 status, pages
// 2 .. 2+N_CTX-1 context pages. Purely combinational.
`default_nettype none

module udma_decode #(
    parameter integer PA_BITS   = 32,  // physical address width
    parameter integer PAGE_BITS = 12,  // log2 page size
    parameter integer N_CTX     = 4,   // number of context pages / shadow context ids
    parameter integer CTX_BITS  = 2,   // ctx_id field width in the shadow half, max(1, clog2(N_CTX))
    parameter integer HOST_AW   = 1 + CTX_BITS + PA_BITS  // host address width
) (
    input  wire [HOST_AW-1:0]   addr,         // window offset of the access
    input  wire                 write,        // 1 store, 0 load
    input  wire [7:0]           wstrb,        // store strobes
    output wire                 shadow,       // well-formed shadow-half access
    output wire [CTX_BITS-1:0]  ctx_id,       // ctx_id field of a shadow access
    output wire [PA_BITS-1:0]   paddr,        // physical address passed by a shadow access
    output wire                 kernel,       // well-formed kernel-page access
    output wire                 status,       // well-formed status-page access
    output wire                 ctxpage,      // well-formed context-page access
    output wire [CTX_BITS-1:0]  ctx_idx,      // which context page (< N_CTX)
    output wire [PAGE_BITS-1:0] page_off,     // byte offset inside the register page
    output wire                 err,          // malformed: answer err_resp, change nothing
    output wire [1:0]           err_resp      // SLVERR (2) or DECERR (3)
);
    localparam integer PIDX_W = HOST_AW - 1 - PAGE_BITS;  // register-half page-index width
    localparam [1:0] RESP_SLVERR = 2'b10;
    localparam [1:0] RESP_DECERR = 2'b11;

    generate
        if (HOST_AW != 1 + CTX_BITS + PA_BITS) begin : g_bad_aw
            udma_param_error_HOST_AW_must_be_1_plus_CTX_BITS_plus_PA_BITS u_err ();
        end
        if (PIDX_W < 2 || PIDX_W > 44) begin : g_bad_pidx
            udma_param_error_register_page_index_width_out_of_range u_err ();
        end
        if (N_CTX < 1 || (PIDX_W < 8 && N_CTX + 2 > (1 << PIDX_W)) || N_CTX > (1 << CTX_BITS)) begin : g_bad_nctx
            udma_param_error_N_CTX_does_not_fit_register_half u_err ();
        end
    endgenerate

    wire              is_shadow = addr[HOST_AW-1];
    wire [PIDX_W-1:0] page_idx  = addr[HOST_AW-2:PAGE_BITS];
    wire              strobe_ok = !write || (wstrb == 8'hFF);
    wire              aligned   = (addr[2:0] == 3'b000);

    wire is_kernel  = (page_idx == PIDX_W'(0));
    wire is_status  = (page_idx == PIDX_W'(1));
    wire is_ctxpage = (page_idx >= PIDX_W'(2)) && (page_idx < PIDX_W'(N_CTX) + PIDX_W'(2));
    wire reg_known  = is_kernel || is_status || is_ctxpage;

    wire [PIDX_W-1:0] ctx_rel = page_idx - PIDX_W'(2);

    assign shadow   = is_shadow && strobe_ok;
    assign ctx_id   = addr[PA_BITS +: CTX_BITS];
    assign paddr    = addr[PA_BITS-1:0];
    assign kernel   = !is_shadow && strobe_ok && aligned && is_kernel;
    assign status   = !is_shadow && strobe_ok && aligned && is_status;
    assign ctxpage  = !is_shadow && strobe_ok && aligned && is_ctxpage;
    assign ctx_idx  = ctx_rel[CTX_BITS-1:0];
    assign page_off = addr[PAGE_BITS-1:0];

    // Errors: bad strobes and misalignment are slave errors; an unknown page is a decode error.
    assign err      = !strobe_ok || (!is_shadow && (!aligned || !reg_known));
    assign err_resp = (!strobe_ok || (!is_shadow && !aligned)) ? RESP_SLVERR : RESP_DECERR;

    wire unused_ctx_rel = &{1'b0, ctx_rel};

`ifdef FORMAL
    // Exactly one classification per access.
    always @(*) begin
        assert ((shadow + kernel + status + ctxpage + err) == 1);
        if (!write || wstrb == 8'hFF) begin
            if (is_shadow) assert (shadow);
        end else begin
            assert (err && err_resp == RESP_SLVERR);
        end
        if (ctxpage) assert (ctx_idx < N_CTX);
    end
`endif
endmodule

`default_nettype wire
