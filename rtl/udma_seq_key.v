// udma_seq_key: key-based register contexts (paper section 3.1, Figure 3).
//   S(sh(dst), key#ctx#DST)  -> context ctx: dst  (only if the key checker says the key matches)
//   S(sh(src), key#ctx#SRC)  -> context ctx: src
//   S(ctx_page, size)        -> context of that page: size
//   L(ctx_page)              -> launching load when any argument is pending (all three needed),
//                               otherwise the status of the context's latest transfer.
// The context page is mapped only into its owner, so size and the launching load need no key;
// the shadow stores do, because any process can name any context in the data.
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
    output wire                 seq_fail,       // this C_CTRL load found an incomplete argument set
    output reg  [63:0]          status_value,   // answer of a C_CTRL load with nothing pending
    output wire [N_CTX-1:0]     enabled,        // context i has a key (waveform / formal)
    output wire [N_CTX-1:0]     pending         // context i has at least one argument pending
);
`include "udma_regs.vh"

    localparam [1:0] ST_NONE     = 2'd0;  // no launch since assignment
    localparam [1:0] ST_LAUNCHED = 2'd1;  // latest launch accepted: ticket_q, lsz_q, done_q, code_q
    localparam [1:0] ST_REFUSED  = 2'd2;  // latest launching load was refused

    reg [55:0]          key_q   [0:N_CTX-1];  // per-context key (never readable)
    reg [N_CTX-1:0]     en_q;                 // context assigned
    reg [PA_BITS-1:0]   src_q   [0:N_CTX-1];  // source argument
    reg [PA_BITS-1:0]   dst_q   [0:N_CTX-1];  // destination argument
    reg [PAGE_BITS+1:0] sz_q    [0:N_CTX-1];  // size argument
    reg [N_CTX-1:0]     src_v_q;              // source argument valid
    reg [N_CTX-1:0]     dst_v_q;              // destination argument valid
    reg [N_CTX-1:0]     sz_v_q;               // size argument valid
    reg [1:0]           st_q    [0:N_CTX-1];  // status kind of the latest launching load
    reg [TICKET_W-1:0]  tkt_q   [0:N_CTX-1];  // ticket of the latest accepted launch
    reg [PAGE_BITS:0]   lsz_q   [0:N_CTX-1];  // its size
    reg [N_CTX-1:0]     done_q;               // it completed
    reg [1:0]           code_q  [0:N_CTX-1];  // its bus outcome

    // ---- key-based shadow store: decode key#ctx#sel and check the key ----------------------
    wire [55:0]         ks_key = sh_wdata[UDMA_KS_KEY_LSB +: UDMA_KS_KEY_W];
    wire [5:0]          ks_ctx = sh_wdata[UDMA_KS_CTX_LSB +: UDMA_KS_CTX_W];
    wire [1:0]          ks_sel = sh_wdata[UDMA_KS_SEL_LSB +: UDMA_KS_SEL_W];
    wire                ks_ctx_ok = ({1'b0, ks_ctx} < 7'(N_CTX));
    wire [CTX_BITS-1:0] ks_idx    = ks_ctx[CTX_BITS-1:0];
    wire                key_match;

    udma_key_check #(.KEY_W(56)) u_key_check (
        .presented (ks_key),
        .stored    (key_q[ks_idx]),
        .enabled   (ks_ctx_ok && en_q[ks_idx]),
        .match     (key_match)
    );

    wire sel_dst = (ks_sel == UDMA_KSEL_DST);
    wire sel_src = (ks_sel == UDMA_KSEL_SRC);
    assign bad_ctx  = sh_store && !ks_ctx_ok;
    assign key_fail = sh_store && ks_ctx_ok && !key_match;
    assign bad_sel  = sh_store && key_match && !sel_dst && !sel_src;
    wire   wr_dst   = sh_store && key_match && sel_dst;
    wire   wr_src   = sh_store && key_match && sel_src;

    // ---- context page ------------------------------------------------------------------------
    wire any_pend = src_v_q[cp_idx] || dst_v_q[cp_idx] || sz_v_q[cp_idx];
    wire all_pend = src_v_q[cp_idx] && dst_v_q[cp_idx] && sz_v_q[cp_idx];
    wire cp_launch_load = cp_load && any_pend;  // the launching load (consumes the arguments)

    assign launch_req = cp_launch_load && all_pend && en_q[cp_idx];
    assign seq_fail   = cp_launch_load && !launch_req;
    assign l_src      = src_q[cp_idx];
    assign l_dst      = dst_q[cp_idx];
    assign l_sz       = sz_q[cp_idx];
    assign enabled    = en_q;
    assign pending    = src_v_q | dst_v_q | sz_v_q;

    wire [1:0]          sel_st   = st_q[cp_idx];
    wire [1:0]          sel_code = code_q[cp_idx];
    wire [TICKET_W-1:0] sel_tkt  = tkt_q[cp_idx];
    wire [PAGE_BITS:0]  sel_lsz  = lsz_q[cp_idx];
    always @(*) begin
        case (sel_st)
            ST_LAUNCHED: begin
                if (done_q[cp_idx]) begin
                    case (sel_code)
                        UDMA_BUS_SLVERR: status_value = UDMA_LD_BUS_SLVERR;
                        UDMA_BUS_DECERR: status_value = UDMA_LD_BUS_DECERR;
                        default:         status_value = 64'd0;
                    endcase
                end else if (prog_active && prog_ticket == sel_tkt) begin
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
                key_q[i]  <= 56'd0;
                src_q[i]  <= {PA_BITS{1'b0}};
                dst_q[i]  <= {PA_BITS{1'b0}};
                sz_q[i]   <= {(PAGE_BITS+2){1'b0}};
                st_q[i]   <= ST_NONE;
                tkt_q[i]  <= {TICKET_W{1'b0}};
                lsz_q[i]  <= {(PAGE_BITS+1){1'b0}};
                code_q[i] <= 2'd0;
            end
        end else begin
            for (i = 0; i < N_CTX; i = i + 1) begin
                if (revoke[i] || (key_wr && key_wr_idx == i[CTX_BITS-1:0])) begin
                    // (re)assignment: nothing of the previous owner survives
                    en_q[i]    <= !revoke[i];
                    key_q[i]   <= revoke[i] ? 56'd0 : key_wr_data;
                    src_v_q[i] <= 1'b0;
                    dst_v_q[i] <= 1'b0;
                    sz_v_q[i]  <= 1'b0;
                    st_q[i]    <= ST_NONE;
                    done_q[i]  <= 1'b0;
                end else begin
                    // completion of the context's previous transfer; a launch at the same edge
                    // (below) overrides it, so the new transfer never inherits its done bit
                    if (cpl_valid && st_q[i] == ST_LAUNCHED && !done_q[i] && cpl_ticket == tkt_q[i]) begin
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
                            tkt_q[i]  <= launch_ticket;
                            lsz_q[i]  <= sz_q[i][PAGE_BITS:0];
                            done_q[i] <= 1'b0;
                        end else begin
                            st_q[i]   <= ST_REFUSED;
                        end
                    end else begin
                        if (wr_dst && ks_idx == i[CTX_BITS-1:0]) begin
                            dst_q[i]   <= sh_paddr;
                            dst_v_q[i] <= 1'b1;
                        end
                        if (wr_src && ks_idx == i[CTX_BITS-1:0]) begin
                            src_q[i]   <= sh_paddr;
                            src_v_q[i] <= 1'b1;
                        end
                        if (cp_store && cp_idx == i[CTX_BITS-1:0]) begin
                            sz_q[i]   <= cp_sz;
                            sz_v_q[i] <= 1'b1;
                        end
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
            assert (src_q[f_c] == $past(src_q[f_c]));
            assert (dst_q[f_c] == $past(dst_q[f_c]));
        end
    end
    // A launch uses the context's own three arguments and only an enabled context launches.
    always @(*) if (launch_req) begin
        assert (en_q[cp_idx]);
        assert (src_v_q[cp_idx] && dst_v_q[cp_idx] && sz_v_q[cp_idx]);
    end
    always @(*) cover (launch_req);
`endif
endmodule

`default_nettype wire
