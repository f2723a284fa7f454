// udma_seq_key: key-based register contexts (paper section 3.1, Figure 3).
//   S(sh(dst), key#ctx#DST)  -> context ctx: dst  (only if the key checker says the key matches)
//   S(sh(src), key#ctx#SRC)  -> context ctx: src
//   S(ctx_page, size)        -> context of that page: size
//   L(ctx_page)              -> launching load when any argument is pending (all three needed),
//                               otherwise the status of the context's latest transfer.
// The context page is mapped only into its owner, so size and the launching load need no key;
// the shadow stores do, because any process can name any context in the data.
//
// Storage: keys and arguments live in block RAMs (udma_ram) read with the accepting edge of the
// access (the context named by a shadow store's data, or the context page addressed) and written
// at the deciding edge; valid bits, status, the low ticket bits and the precomputed protection
// check are flip-flops. Every argument write re-runs udma_launch_check on the context's arguments
// as they will be after the write, so the launching load only reads the result. Host accesses are
// strictly sequential, so no RAM word is read and written at the same edge.
`default_nettype none

module udma_seq_key #(
    parameter integer PA_BITS   = 32,  // physical address width
    parameter integer PAGE_BITS = 12,  // log2 page size
    parameter integer N_CTX     = 4,   // number of register contexts
    parameter integer CTX_BITS  = 2,   // context index width, max(1, clog2(N_CTX))
    parameter integer TICKET_W  = 32   // ticket width
) (
    input  wire                 clk,            // clock
    input  wire                 rst_n,          // synchronous reset, active low
    input  wire                 pre_valid,      // an access is being accepted (RAM read enable)
    input  wire [CTX_BITS-1:0]  pre_kctx,       // context named in its store data (key RAM address)
    input  wire [CTX_BITS-1:0]  pre_cidx,       // context page it addresses
    input  wire                 pre_shadow,     // it is a shadow access (argument RAMs read pre_kctx)
    input  wire                 clear_args,     // METHOD write: drop every pending argument
    input  wire [N_CTX-1:0]     revoke,         // CTX_REVOKE: context i loses key, arguments, status
    input  wire                 key_wr,         // kernel CTX_KEY[key_wr_idx] write
    input  wire [CTX_BITS-1:0]  key_wr_idx,     // which context
    input  wire [55:0]          key_wr_data,    // the key
    input  wire                 sh_store,       // KEY-method shadow store this cycle
    input  wire [PA_BITS-1:0]   sh_paddr,       // its physical address
    input  wire [63:0]          sh_wdata,       // its data: key#ctx#sel
    input  wire                 cp_store,       // C_CTRL store this cycle
    input  wire                 cp_load,        // C_CTRL load this cycle
    input  wire [CTX_BITS-1:0]  cp_idx,         // context page index of the C_CTRL access
    input  wire [PAGE_BITS+1:0] cp_sz,          // C_CTRL store data as {size_big, size}
    input  wire                 launch_fire,    // the engine accepted this cycle's launch_req
    input  wire [TICKET_W-1:0]  launch_ticket,  // ticket of that launch
    input  wire                 cpl_valid,      // mover: transfer cpl_ticket finished
    input  wire [TICKET_W-1:0]  cpl_ticket,     // its ticket
    input  wire [1:0]           cpl_code,       // its bus outcome
    input  wire                 prog_active,    // mover: a transfer is in progress
    input  wire [TICKET_W-1:0]  prog_ticket,    // its ticket
    input  wire [PAGE_BITS:0]   prog_remaining, // its bytes not yet written
    output wire                 key_fail,       // this store carried a wrong key (or a disabled context)
    output wire                 bad_ctx,        // this store named a context >= N_CTX
    output wire                 bad_sel,        // right key, but SEL is not DST or SRC
    output wire                 launch_req,     // this C_CTRL load launches
    output wire [PA_BITS-1:0]   l_src,          // its source
    output wire [PA_BITS-1:0]   l_dst,          // its destination
    output wire [PAGE_BITS+1:0] l_sz,           // its size
    output wire [2:0]           l_cause,        // protection check of that launch (NONE: it may go)
    output wire                 seq_fail,       // this C_CTRL load found an incomplete argument set
    output reg  [63:0]          status_value,   // answer of a C_CTRL load with nothing pending
    output wire [N_CTX-1:0]     enabled,        // context i has a key (waveform / formal)
    output wire [N_CTX-1:0]     pending         // context i has at least one argument pending
);
`include "udma_regs.vh"

    // Tickets in flight (queued or in the mover) never span 256, so comparing the low 8 bits of
    // two tickets that are both in flight is exact: the contexts keep only those bits.
    localparam integer TM_W = (TICKET_W < 8) ? TICKET_W : 8;
    localparam integer SZ_W = PAGE_BITS + 2;

    localparam [1:0] ST_NONE     = 2'd0;  // no launch since assignment
    localparam [1:0] ST_LAUNCHED = 2'd1;  // latest launch accepted: tkt_q, lsz_q, done_q, code_q
    localparam [1:0] ST_REFUSED  = 2'd2;  // latest launching load was refused

    reg [N_CTX-1:0]     en_q;                 // context assigned
    reg [N_CTX-1:0]     src_v_q;              // source argument valid
    reg [N_CTX-1:0]     dst_v_q;              // destination argument valid
    reg [N_CTX-1:0]     sz_v_q;               // size argument valid
    reg [1:0]           st_q    [0:N_CTX-1];  // status kind of the latest launching load
    reg [TM_W-1:0]      tkt_q   [0:N_CTX-1];  // low bits of the ticket of the latest accepted launch
    reg [PAGE_BITS:0]   lsz_q   [0:N_CTX-1];  // its size
    reg [N_CTX-1:0]     done_q;               // it completed
    reg [1:0]           code_q  [0:N_CTX-1];  // its bus outcome
    reg [2:0]           chk_q   [0:N_CTX-1];  // protection check of the current arguments

    // ---- key-based shadow store: decode key#ctx#sel and check the key ----------------------
    wire [55:0]         ks_key = sh_wdata[UDMA_KS_KEY_LSB +: UDMA_KS_KEY_W];
    wire [5:0]          ks_ctx = sh_wdata[UDMA_KS_CTX_LSB +: UDMA_KS_CTX_W];
    wire [1:0]          ks_sel = sh_wdata[UDMA_KS_SEL_LSB +: UDMA_KS_SEL_W];
    wire                ks_ctx_ok = ({1'b0, ks_ctx} < 7'(N_CTX));
    wire [CTX_BITS-1:0] ks_idx    = ks_ctx[CTX_BITS-1:0];
    wire [55:0]         stored_key;
    wire                key_match;

    udma_ram #(.WIDTH(56), .DEPTH(N_CTX), .AW(CTX_BITS)) u_keys (
        .clk(clk), .we(key_wr), .waddr(key_wr_idx), .wdata(key_wr_data),
        .re(pre_valid), .raddr(pre_kctx), .rdata(stored_key)
    );

    udma_key_check #(.KEY_W(56)) u_key_check (
        .presented (ks_key),
        .stored    (stored_key),
        .enabled   (ks_ctx_ok && en_q[ks_idx]),
        .match     (key_match)
    );

    wire sel_dst = (ks_sel == UDMA_KSEL_DST);
    wire sel_src = (ks_sel == UDMA_KSEL_SRC);
    assign bad_ctx  = sh_store && !ks_ctx_ok;
    assign key_fail = sh_store && ks_ctx_ok && !key_match;
    assign bad_sel  = sh_store && key_match && !sel_dst && !sel_src;
    wire   wr_dst   = sh_store && key_match && sel_dst && !clear_args && !revoke[ks_idx];
    wire   wr_src   = sh_store && key_match && sel_src && !clear_args && !revoke[ks_idx];

    // ---- argument RAMs, read at the accepting edge with the context the access names ---------
    wire [CTX_BITS-1:0] arg_raddr = pre_shadow ? pre_kctx : pre_cidx;
    wire                wr_sz     = cp_store && !clear_args && !revoke[cp_idx];
    udma_ram #(.WIDTH(PA_BITS), .DEPTH(N_CTX), .AW(CTX_BITS)) u_src (
        .clk(clk), .we(wr_src), .waddr(ks_idx), .wdata(sh_paddr),
        .re(pre_valid), .raddr(arg_raddr), .rdata(l_src)
    );
    udma_ram #(.WIDTH(PA_BITS), .DEPTH(N_CTX), .AW(CTX_BITS)) u_dst (
        .clk(clk), .we(wr_dst), .waddr(ks_idx), .wdata(sh_paddr),
        .re(pre_valid), .raddr(arg_raddr), .rdata(l_dst)
    );
    udma_ram #(.WIDTH(SZ_W), .DEPTH(N_CTX), .AW(CTX_BITS)) u_sz (
        .clk(clk), .we(wr_sz), .waddr(cp_idx), .wdata(cp_sz),
        .re(pre_valid), .raddr(arg_raddr), .rdata(l_sz)
    );

    // the protection checks of the context's arguments as they are after this write
    wire       n_ok;
    wire [2:0] n_cause;
    udma_launch_check #(.PA_BITS(PA_BITS), .PAGE_BITS(PAGE_BITS)) u_check (
        // input selection from the access kind only (not from the key comparison, which gates the
        // write of the result instead), to keep the key compare and the check in parallel
        .src((sh_store && sel_src) ? sh_paddr : l_src), .dst((sh_store && sel_dst) ? sh_paddr : l_dst),
        .sz(sh_store ? l_sz : cp_sz),
        .ok(n_ok), .cause(n_cause)
    );
    wire unused_n_ok = n_ok;
    wire [CTX_BITS-1:0] wr_idx = (wr_src || wr_dst) ? ks_idx : cp_idx;
    assign l_cause = chk_q[cp_idx];

    // ---- context page ------------------------------------------------------------------------
    wire any_pend = src_v_q[cp_idx] || dst_v_q[cp_idx] || sz_v_q[cp_idx];
    wire all_pend = src_v_q[cp_idx] && dst_v_q[cp_idx] && sz_v_q[cp_idx];
    wire cp_launch_load = cp_load && any_pend;  // the launching load (consumes the arguments)

    assign launch_req = cp_launch_load && all_pend && en_q[cp_idx];
    assign seq_fail   = cp_launch_load && !launch_req;
    assign enabled    = en_q;
    // only the low TM_W ticket bits identify an in-flight transfer (see TM_W)
    wire unused_tkt_hi = &{1'b0, launch_ticket, cpl_ticket, prog_ticket};
    assign pending    = src_v_q | dst_v_q | sz_v_q;

    wire [1:0]         sel_st   = st_q[cp_idx];
    wire [1:0]         sel_code = code_q[cp_idx];
    wire [TM_W-1:0]    sel_tkt  = tkt_q[cp_idx];
    wire [PAGE_BITS:0] sel_lsz  = lsz_q[cp_idx];
    always @(*) begin
        case (sel_st)
            ST_LAUNCHED: begin
                if (done_q[cp_idx]) begin
                    case (sel_code)
                        UDMA_BUS_SLVERR: status_value = UDMA_LD_BUS_SLVERR;
                        UDMA_BUS_DECERR: status_value = UDMA_LD_BUS_DECERR;
                        default:         status_value = 64'd0;
                    endcase
                end else if (prog_active && prog_ticket[TM_W-1:0] == sel_tkt) begin
                    status_value = {{(63-PAGE_BITS){1'b0}}, prog_remaining};
                end else begin
                    status_value = {{(63-PAGE_BITS){1'b0}}, sel_lsz};
                end
            end
            ST_REFUSED: status_value = UDMA_LD_FAIL;
            default:    status_value = 64'd0;
        endcase
    end

    integer i;
    always @(posedge clk) begin
        if (!rst_n) begin
            en_q    <= {N_CTX{1'b0}};
            src_v_q <= {N_CTX{1'b0}};
            dst_v_q <= {N_CTX{1'b0}};
            sz_v_q  <= {N_CTX{1'b0}};
            done_q  <= {N_CTX{1'b0}};
            for (i = 0; i < N_CTX; i = i + 1) begin
                st_q[i]   <= ST_NONE;
                tkt_q[i]  <= {TM_W{1'b0}};
                lsz_q[i]  <= {(PAGE_BITS+1){1'b0}};
                code_q[i] <= 2'd0;
                chk_q[i]  <= 3'd0;
            end
        end else begin
            for (i = 0; i < N_CTX; i = i + 1)
                if ((wr_src || wr_dst || wr_sz) && wr_idx == i[CTX_BITS-1:0]) chk_q[i] <= n_cause;
            for (i = 0; i < N_CTX; i = i + 1) begin
                if (revoke[i] || (key_wr && key_wr_idx == i[CTX_BITS-1:0])) begin
                    // (re)assignment: nothing of the previous owner survives
                    en_q[i]    <= !revoke[i];
                    src_v_q[i] <= 1'b0;
                    dst_v_q[i] <= 1'b0;
                    sz_v_q[i]  <= 1'b0;
                    st_q[i]    <= ST_NONE;
                    done_q[i]  <= 1'b0;
                end else begin
                    // completion of the context's previous transfer; a launch at the same edge
                    // (below) overrides it, so the new transfer never inherits its done bit
                    if (cpl_valid && st_q[i] == ST_LAUNCHED && !done_q[i] && cpl_ticket[TM_W-1:0] == tkt_q[i]) begin
                        done_q[i] <= 1'b1;
                        code_q[i] <= cpl_code;
                    end
                    if (clear_args) begin
                        src_v_q[i] <= 1'b0;
                        dst_v_q[i] <= 1'b0;
                        sz_v_q[i]  <= 1'b0;
                    end else if (cp_launch_load && cp_idx == i[CTX_BITS-1:0]) begin
                        src_v_q[i] <= 1'b0;
                        dst_v_q[i] <= 1'b0;
                        sz_v_q[i]  <= 1'b0;
                        if (launch_req && launch_fire) begin
                            st_q[i]   <= ST_LAUNCHED;
                            tkt_q[i]  <= launch_ticket[TM_W-1:0];
                            lsz_q[i]  <= l_sz[PAGE_BITS:0];
                            done_q[i] <= 1'b0;
                        end else begin
                            st_q[i]   <= ST_REFUSED;
                        end
                    end else begin
                        if (wr_dst && ks_idx == i[CTX_BITS-1:0]) dst_v_q[i] <= 1'b1;
                        if (wr_src && ks_idx == i[CTX_BITS-1:0]) src_v_q[i] <= 1'b1;
                        if (cp_store && cp_idx == i[CTX_BITS-1:0]) sz_v_q[i] <= 1'b1;
                    end
                end
            end
        end
    end

`ifdef FORMAL
    reg f_past_valid;
    initial f_past_valid = 1'b0;
    always @(posedge clk) f_past_valid <= 1'b1;
    always @(*) if (!f_past_valid) assume (!rst_n);
    // one host access per cycle
    always @(*) assume ((sh_store + cp_store + cp_load) <= 1);

    // S4: a store whose key does not match changes no context state.
    (* anyconst *) reg [CTX_BITS-1:0] f_c;
    always @(posedge clk) if (f_past_valid && $past(rst_n) && rst_n && f_c < N_CTX) begin
        if ($past(sh_store) && !$past(key_match) && !$past(revoke[f_c]) && !$past(clear_args)
            && !($past(key_wr) && $past(key_wr_idx) == f_c)) begin
            assert (src_v_q[f_c] == $past(src_v_q[f_c]));
            assert (dst_v_q[f_c] == $past(dst_v_q[f_c]));
            assert (sz_v_q[f_c] == $past(sz_v_q[f_c]));
            assert (en_q[f_c] == $past(en_q[f_c]));
        end
    end
    always @(*) if (sh_store && !key_match) assert (!wr_dst && !wr_src);
    // A launch uses the context's own three arguments and only an enabled context launches.
    always @(*) if (launch_req) begin
        assert (en_q[cp_idx]);
        assert (src_v_q[cp_idx] && dst_v_q[cp_idx] && sz_v_q[cp_idx]);
    end
    always @(*) cover (launch_req);
`endif
endmodule

`default_nettype wire
