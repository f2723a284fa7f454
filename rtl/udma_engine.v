// udma_engine: the initiation engine. It decides, access by access, whether a DMA may start,
// for every method of SPEC section 4 (docs/design.md section 4), and pushes each launched
// transfer as a descriptor into the queue the data mover consumes.
//
// Timing (docs/design.md section 2): the access is decoded while it is accepted (pre_*) and the
// decode is registered with the request; block RAMs are read with the same edge. In the deciding
// cycle (req_valid) every method block answers from flip-flops and RAM outputs; the protection
// checks were precomputed when the destination and size were recorded, so the launching access
// only compares its source offset. All state changes at the deciding edge; at most one launch
// happens per access.
`default_nettype none

module udma_engine #(
    parameter integer PA_BITS      = 32,       // physical address width, PAGE_BITS+1 .. 48
    parameter integer PAGE_BITS    = 12,       // log2 page size, 10 .. 16
    parameter integer N_CTX        = 4,        // register contexts / shadow context ids, 1 .. 64
    parameter integer QUEUE_DEPTH  = 4,        // launched-transfer queue entries, 1 .. 64
    parameter integer RESULT_SLOTS = 8,        // status-page result slots, power of two
    parameter integer PID_W        = 16,       // FLASH CURRENT_PID width
    parameter integer TICKET_W     = 32,       // ticket width
    parameter integer CNT_W        = 32,       // counter width
    parameter integer DATA_W       = 64,       // memory port width (reported in CONFIG only)
    parameter [15:0]  METHOD_MASK  = 16'h01FF, // bit m set: method code m is synthesized (bit 0 = NONE always)
    parameter integer CTX_BITS     = (N_CTX <= 2) ? 1 : $clog2(N_CTX),  // derived: do not override
    parameter integer HOST_AW      = 1 + CTX_BITS + PA_BITS              // derived: do not override
) (
    input  wire                 clk,             // clock
    input  wire                 rst_n,           // synchronous reset, active low
    // the access being accepted (from udma_axil_slave): decode and block-RAM reads start here
    input  wire                 pre_valid,       // an access is accepted this cycle
    input  wire                 pre_write,       // 1 store, 0 load
    input  wire [HOST_AW-1:0]   pre_addr,        // its window offset
    input  wire [63:0]          pre_wdata,       // its store data
    input  wire [7:0]           pre_wstrb,       // its store strobes
    // the registered access to decide this cycle (from udma_axil_slave)
    input  wire                 req_valid,       // decide this access now
    input  wire                 req_write,       // 1 store, 0 load
    input  wire [HOST_AW-1:0]   req_addr,        // window offset
    input  wire [63:0]          req_wdata,       // store data
    output reg  [63:0]          rsp_rdata,       // load answer
    output reg  [1:0]           rsp_resp,        // AXI response
    // launched descriptors (queue head), valid/ready
    output wire                 desc_valid,      // a launched transfer waits
    input  wire                 desc_ready,      // the mover takes it
    output wire [PA_BITS-1:0]   desc_src,        // source byte address
    output wire [PA_BITS-1:0]   desc_dst,        // destination byte address
    output wire [PAGE_BITS:0]   desc_size,       // bytes, 1 .. 2^PAGE_BITS
    output wire [3:0]           desc_method,     // method code that launched it
    output wire [15:0]          desc_issuer,     // context id (KEY, EXT), pid (FLASH), else 0
    output wire [TICKET_W-1:0]  desc_ticket,     // ticket answered to the issuer
    // completion and progress from the mover
    input  wire                 cpl_valid,       // transfer cpl_ticket finished (pulse)
    input  wire [TICKET_W-1:0]  cpl_ticket,      // its ticket
    input  wire [1:0]           cpl_code,        // its bus outcome
    input  wire [PAGE_BITS:0]   cpl_bytes,       // bytes it wrote
    input  wire                 prog_active,     // a transfer is in progress
    input  wire [TICKET_W-1:0]  prog_ticket,     // its ticket
    input  wire [PAGE_BITS:0]   prog_remaining,  // its bytes not yet written
    output wire                 irq,             // level interrupt (IRQ_STATUS & IRQ_ENABLE)
    // observation of the launch decision (harness oracle, waveform, formal)
    output wire                 obs_launch,      // a launch was accepted this cycle
    output wire                 obs_refuse,      // an access was refused this cycle
    output wire [2:0]           obs_cause,       // its cause
    output wire [3:0]           obs_method,      // the selected user-level method
    output wire [2:0]           obs_rep_step,    // repeated-passing FSM: steps matched so far
    output wire                 obs_latch        // SHRIMP/FLASH/PAL latch holds arguments
);
`include "udma_regs.vh"

    localparam integer SZ_W   = PAGE_BITS + 2;
    localparam integer DESC_W = 2 * PA_BITS + (PAGE_BITS + 1) + 4 + 16;  // tickets are implicit
    localparam [1:0] OKAY = 2'b00, DECERR = 2'b11;

    localparam integer EN_SHRIMP = METHOD_MASK[1] ? 1 : 0;
    localparam integer EN_FLASH  = METHOD_MASK[2] ? 1 : 0;
    localparam integer EN_PAL    = METHOD_MASK[3] ? 1 : 0;
    localparam integer EN_KEY    = METHOD_MASK[4] ? 1 : 0;
    localparam integer EN_EXT    = METHOD_MASK[5] ? 1 : 0;
    localparam integer EN_REP3   = METHOD_MASK[6] ? 1 : 0;
    localparam integer EN_REP4   = METHOD_MASK[7] ? 1 : 0;
    localparam integer EN_REP5   = METHOD_MASK[8] ? 1 : 0;
    localparam integer EN_LATCH  = EN_SHRIMP | EN_FLASH | EN_PAL;
    localparam integer EN_REP    = EN_REP3 | EN_REP4 | EN_REP5;

    generate
        if (PAGE_BITS < 10 || PAGE_BITS > 16) begin : g_bad_page
            udma_param_error_PAGE_BITS_must_be_10_to_16 u_err ();
        end
        if (PA_BITS <= PAGE_BITS || PA_BITS > 48) begin : g_bad_pa
            udma_param_error_PA_BITS_must_be_above_PAGE_BITS_and_at_most_48 u_err ();
        end
        if (N_CTX < 1 || N_CTX > 64) begin : g_bad_nctx
            udma_param_error_N_CTX_must_be_1_to_64 u_err ();
        end
        if (CTX_BITS != ((N_CTX <= 2) ? 1 : $clog2(N_CTX)) || HOST_AW != 1 + CTX_BITS + PA_BITS) begin : g_bad_derived
            udma_param_error_CTX_BITS_and_HOST_AW_are_derived_do_not_override u_err ();
        end
    endgenerate

    // ---- decode, while the access is accepted; registered with it ---------------------------------
    wire                 p_shadow, p_kernel, p_status, p_ctxpage, p_err;
    wire [CTX_BITS-1:0]  p_ctx, p_cidx;
    wire [PA_BITS-1:0]   p_paddr;
    wire [PAGE_BITS-1:0] p_off;
    wire [1:0]           p_err_resp;

    udma_decode #(
        .PA_BITS(PA_BITS), .PAGE_BITS(PAGE_BITS), .N_CTX(N_CTX), .CTX_BITS(CTX_BITS), .HOST_AW(HOST_AW)
    ) u_decode (
        .addr(pre_addr), .write(pre_write), .wstrb(pre_wstrb),
        .shadow(p_shadow), .ctx_id(p_ctx), .paddr(p_paddr),
        .kernel(p_kernel), .status(p_status), .ctxpage(p_ctxpage), .ctx_idx(p_cidx),
        .page_off(p_off), .err(p_err), .err_resp(p_err_resp)
    );

    reg                d_shadow, d_kernel, d_status, d_ctxpage, d_err, d_ctx_zero, d_ctx_ok, d_cctrl;
    reg [CTX_BITS-1:0] d_ctx, d_cidx;
    reg [1:0]          d_err_resp;
    always @(posedge clk) begin
        if (!rst_n) begin
            {d_shadow, d_kernel, d_status, d_ctxpage, d_err, d_ctx_zero, d_ctx_ok, d_cctrl} <= 8'd0;
            d_ctx      <= {CTX_BITS{1'b0}};
            d_cidx     <= {CTX_BITS{1'b0}};
            d_err_resp <= 2'b00;
        end else if (pre_valid) begin
            d_shadow   <= p_shadow;
            d_kernel   <= p_kernel;
            d_status   <= p_status;
            d_ctxpage  <= p_ctxpage;
            d_err      <= p_err;
            d_err_resp <= p_err_resp;
            d_ctx      <= p_ctx;
            d_cidx     <= p_cidx;
            d_ctx_zero <= (p_ctx == {CTX_BITS{1'b0}});
            d_ctx_ok   <= ({1'b0, p_ctx} < (CTX_BITS+1)'(N_CTX));
            d_cctrl    <= (p_off == PAGE_BITS'(UDMA_CREG_C_CTRL));
        end
    end
    wire unused_p = &{1'b0, p_paddr};

    // block-RAM read addresses, from the access being accepted
    wire [CTX_BITS-1:0]  pre_kctx = pre_wdata[UDMA_KS_CTX_LSB +: CTX_BITS];  // key-store context
    wire unused_pre = &{1'b0, pre_wdata};

    wire [PA_BITS-1:0]   d_paddr  = req_addr[PA_BITS-1:0];
    wire [PAGE_BITS-1:0] d_off    = req_addr[PAGE_BITS-1:0];
    wire [SZ_W-1:0]      wdata_sz = {|req_wdata[63:PAGE_BITS+1], req_wdata[PAGE_BITS:0]};
    wire unused_req_hi = &{1'b0, req_addr[HOST_AW-1:PA_BITS]};

    // destination/size half of the protection checks for every shadow store
    wire [2:0]         st_cause;
    wire [PAGE_BITS:0] st_limit;
    udma_size_check #(.PAGE_BITS(PAGE_BITS)) u_size_check (
        .dst_off(d_paddr[PAGE_BITS-1:0]), .sz(wdata_sz), .cause(st_cause), .src_limit(st_limit)
    );

    // ---- kernel page / status page ----------------------------------------------------------------
    wire [3:0]          method;
    wire [PID_W-1:0]    cur_pid;
    wire                method_wr, abort, key_wr, kgo;
    wire [N_CTX-1:0]    revoke;
    wire [CTX_BITS-1:0] key_wr_idx;
    wire [55:0]         key_wr_data;
    wire [PA_BITS-1:0]  k_src, k_dst;
    wire [SZ_W-1:0]     k_sz;
    wire [TICKET_W-1:0] ticket_next;
    wire [1:0]          kr_resp;
    wire [63:0]         kr_rdata;
    wire                fire, refuse, key_fail;
    wire [2:0]          refuse_cause;
    wire [6:0]          q_level;
    wire                q_full;

    udma_kernel_regs #(
        .PA_BITS(PA_BITS), .PAGE_BITS(PAGE_BITS), .N_CTX(N_CTX), .CTX_BITS(CTX_BITS),
        .QUEUE_DEPTH(QUEUE_DEPTH), .RESULT_SLOTS(RESULT_SLOTS), .PID_W(PID_W), .TICKET_W(TICKET_W),
        .CNT_W(CNT_W), .DATA_W(DATA_W), .METHOD_MASK(METHOD_MASK)
    ) u_kregs (
        .clk(clk), .rst_n(rst_n), .pre_valid(pre_valid), .pre_off(p_off),
        .acc_kernel(req_valid && d_kernel), .acc_status(req_valid && d_status), .acc_write(req_write),
        .acc_off(d_off), .acc_wdata(req_wdata), .acc_resp(kr_resp), .acc_rdata(kr_rdata),
        .method(method), .cur_pid(cur_pid), .method_wr(method_wr), .abort(abort), .revoke(revoke),
        .key_wr(key_wr), .key_wr_idx(key_wr_idx), .key_wr_data(key_wr_data),
        .kgo(kgo), .k_src(k_src), .k_dst(k_dst), .k_sz(k_sz), .ticket_next(ticket_next), .irq(irq),
        .launch_fire(fire), .refuse(refuse), .refuse_cause(refuse_cause), .key_fail(key_fail),
        .cpl_valid(cpl_valid), .cpl_ticket(cpl_ticket), .cpl_code(cpl_code), .cpl_bytes(cpl_bytes),
        .queue_level(q_level), .mover_busy(prog_active)
    );

    // kernel-level path: all of its arguments are registers, checked directly
    wire       k_ok;
    wire [2:0] k_cause;
    udma_launch_check #(.PA_BITS(PA_BITS), .PAGE_BITS(PAGE_BITS)) u_kcheck (
        .src(k_src), .dst(k_dst), .sz(k_sz), .ok(k_ok), .cause(k_cause)
    );
    wire unused_k_ok = k_ok;

    // ---- which method owns this access ---------------------------------------------------------------
    wire m_none  = (method == UDMA_M_NONE);
    wire m_latch = (method == UDMA_M_SHRIMP) || (method == UDMA_M_FLASH) || (method == UDMA_M_PAL);
    wire m_key   = (method == UDMA_M_KEY);
    wire m_ext   = (method == UDMA_M_EXT);
    wire m_rep   = (method == UDMA_M_REP3) || (method == UDMA_M_REP4) || (method == UDMA_M_REP5);
    wire [1:0] rep_variant = (method == UDMA_M_REP3) ? 2'd0 : (method == UDMA_M_REP4) ? 2'd1 : 2'd2;

    wire sh        = req_valid && d_shadow;
    wire seq_clear = method_wr || abort;

    // SHRIMP / FLASH / PAL
    wire latch_store   = sh && m_latch && d_ctx_zero && req_write;
    wire latch_load    = sh && m_latch && d_ctx_zero && !req_write;
    wire latch_discard = sh && m_latch && !d_ctx_zero;
    wire                latch_launch;
    wire [2:0]          latch_cause;
    wire [PA_BITS-1:0]  latch_dst;
    wire [SZ_W-1:0]     latch_sz;
    wire [PID_W-1:0]    latch_pid;
    wire                latch_valid;
    generate
        if (EN_LATCH != 0) begin : g_latch
            udma_seq_latch #(.PA_BITS(PA_BITS), .PAGE_BITS(PAGE_BITS), .PID_W(PID_W), .HAS_PID(EN_FLASH)) u_latch (
                .clk(clk), .rst_n(rst_n), .clear(seq_clear), .discard(latch_discard),
                .use_pid(method == UDMA_M_FLASH), .cur_pid(cur_pid),
                .acc_store(latch_store), .acc_load(latch_load), .acc_paddr(d_paddr), .acc_sz(wdata_sz),
                .acc_scause(st_cause), .acc_slimit(st_limit),
                .launch_req(latch_launch), .l_cause(latch_cause), .l_dst(latch_dst), .l_sz(latch_sz),
                .l_pid(latch_pid), .latched(latch_valid)
            );
        end else begin : g_no_latch
            assign {latch_launch, latch_cause, latch_dst, latch_sz, latch_pid, latch_valid} =
                   {(5 + PA_BITS + SZ_W + PID_W){1'b0}};
        end
    endgenerate

    // extended shadow addressing
    wire ext_store = sh && m_ext && d_ctx_ok && req_write;
    wire ext_load  = sh && m_ext && d_ctx_ok && !req_write;
    wire ext_bad   = sh && m_ext && !d_ctx_ok;
    wire                ext_launch;
    wire [2:0]          ext_cause;
    wire [PA_BITS-1:0]  ext_dst;
    wire [SZ_W-1:0]     ext_sz;
    wire [N_CTX-1:0]    ext_latched;
    generate
        if (EN_EXT != 0) begin : g_ext
            udma_seq_ext #(.PA_BITS(PA_BITS), .PAGE_BITS(PAGE_BITS), .N_CTX(N_CTX), .CTX_BITS(CTX_BITS)) u_ext (
                .clk(clk), .rst_n(rst_n), .pre_valid(pre_valid), .pre_ctx(p_ctx),
                .clear(seq_clear), .revoke(revoke | (key_wr ? (N_CTX'(1) << key_wr_idx) : {N_CTX{1'b0}})),
                .acc_store(ext_store), .acc_load(ext_load), .acc_ctx(d_ctx), .acc_paddr(d_paddr),
                .acc_sz(wdata_sz), .acc_scause(st_cause), .acc_slimit(st_limit),
                .launch_req(ext_launch), .l_cause(ext_cause), .l_dst(ext_dst), .l_sz(ext_sz),
                .latched(ext_latched)
            );
        end else begin : g_no_ext
            assign {ext_launch, ext_cause, ext_dst, ext_sz, ext_latched} = {(4 + PA_BITS + SZ_W + N_CTX){1'b0}};
        end
    endgenerate

    // repeated passing
    wire rep_store   = sh && m_rep && d_ctx_zero && req_write;
    wire rep_load    = sh && m_rep && d_ctx_zero && !req_write;
    wire rep_discard = sh && m_rep && !d_ctx_zero;
    wire                rep_launch, rep_ontrack, rep_refused;
    wire [2:0]          rep_cause;
    wire [PA_BITS-1:0]  rep_src, rep_dst;
    wire [SZ_W-1:0]     rep_sz;
    wire [2:0]          rep_step;
    generate
        if (EN_REP != 0) begin : g_rep
            udma_seq_repeat #(.PA_BITS(PA_BITS), .PAGE_BITS(PAGE_BITS),
                              .HAS_REP3(EN_REP3), .HAS_REP4(EN_REP4), .HAS_REP5(EN_REP5)) u_rep (
                .clk(clk), .rst_n(rst_n), .clear(seq_clear), .discard(rep_discard), .variant(rep_variant),
                .acc_store(rep_store), .acc_load(rep_load), .acc_paddr(d_paddr), .acc_sz(wdata_sz),
                .acc_scause(st_cause), .acc_slimit(st_limit),
                .launch_req(rep_launch), .l_cause(rep_cause), .l_src(rep_src), .l_dst(rep_dst), .l_sz(rep_sz),
                .ontrack(rep_ontrack), .refused(rep_refused), .step(rep_step)
            );
        end else begin : g_no_rep
            assign {rep_launch, rep_ontrack, rep_refused, rep_cause, rep_src, rep_dst, rep_sz, rep_step} =
                   {(6 + 2 * PA_BITS + SZ_W + 3){1'b0}};
        end
    endgenerate

    // key-based register contexts
    wire cp_ctrl     = req_valid && d_ctxpage && d_cctrl;
    wire cp_undec    = req_valid && d_ctxpage && !d_cctrl;
    wire key_sh_st   = sh && m_key && d_ctx_zero && req_write;
    wire key_sh_ld   = sh && m_key && d_ctx_zero && !req_write;
    wire key_sh_bad  = sh && m_key && !d_ctx_zero;
    wire cp_store    = cp_ctrl && m_key && req_write;
    wire cp_load     = cp_ctrl && m_key && !req_write;
    wire cp_disabled = cp_ctrl && !m_key;
    wire                key_fail_w, key_bad_ctx, key_bad_sel, key_launch, key_seq_fail;
    wire [2:0]          key_cause;
    wire [PA_BITS-1:0]  key_src, key_dst;
    wire [SZ_W-1:0]     key_sz;
    wire [63:0]         key_status;
    wire [N_CTX-1:0]    key_enabled, key_pending;
    generate
        if (EN_KEY != 0) begin : g_key
            udma_seq_key #(.PA_BITS(PA_BITS), .PAGE_BITS(PAGE_BITS), .N_CTX(N_CTX), .CTX_BITS(CTX_BITS),
                           .TICKET_W(TICKET_W)) u_key (
                .clk(clk), .rst_n(rst_n), .pre_valid(pre_valid), .pre_kctx(pre_kctx), .pre_cidx(p_cidx), .pre_shadow(p_shadow),
                .clear_args(method_wr), .revoke(revoke),
                .key_wr(key_wr), .key_wr_idx(key_wr_idx), .key_wr_data(key_wr_data),
                .sh_store(key_sh_st), .sh_paddr(d_paddr), .sh_wdata(req_wdata),
                .cp_store(cp_store), .cp_load(cp_load), .cp_idx(d_cidx), .cp_sz(wdata_sz),
                .launch_fire(fire), .launch_ticket(ticket_next),
                .cpl_valid(cpl_valid), .cpl_ticket(cpl_ticket), .cpl_code(cpl_code),
                .prog_active(prog_active), .prog_ticket(prog_ticket), .prog_remaining(prog_remaining),
                .key_fail(key_fail_w), .bad_ctx(key_bad_ctx), .bad_sel(key_bad_sel),
                .launch_req(key_launch), .l_src(key_src), .l_dst(key_dst), .l_sz(key_sz), .l_cause(key_cause),
                .seq_fail(key_seq_fail), .status_value(key_status), .enabled(key_enabled), .pending(key_pending)
            );
        end else begin : g_no_key
            assign {key_fail_w, key_bad_ctx, key_bad_sel, key_launch, key_seq_fail, key_cause, key_src, key_dst,
                    key_sz, key_status, key_enabled, key_pending} = {(8 + 2 * PA_BITS + SZ_W + 64 + 2 * N_CTX){1'b0}};
        end
    endgenerate
    assign key_fail = key_fail_w;

    // ---- the launch: at most one candidate per access ---------------------------------------------------
    wire cand = latch_launch || ext_launch || rep_launch || key_launch || kgo;
    // protection check of the candidate (precomputed per method) and the queue
    wire [2:0] c_cause = ({3{latch_launch}} & latch_cause) | ({3{ext_launch}} & ext_cause) |
                         ({3{rep_launch}} & rep_cause) | ({3{key_launch}} & key_cause) |
                         ({3{kgo}} & k_cause);
    // flat: each method's launch-and-check in parallel, one OR, the queue last
    wire launch_ok = (latch_launch && latch_cause == UDMA_CAUSE_NONE) || (ext_launch && ext_cause == UDMA_CAUSE_NONE) ||
                     (rep_launch && rep_cause == UDMA_CAUSE_NONE) || (key_launch && key_cause == UDMA_CAUSE_NONE) ||
                     (kgo && k_cause == UDMA_CAUSE_NONE);
    assign fire = launch_ok && !q_full;

    reg  [PA_BITS-1:0] c_src, c_dst;
    reg  [SZ_W-1:0]    c_sz;
    reg  [3:0]         c_method;
    reg  [15:0]        c_issuer;
    always @(*) begin
        c_src = k_src; c_dst = k_dst; c_sz = k_sz; c_method = UDMA_M_KERNEL; c_issuer = 16'd0;
        if (latch_launch) begin
            c_src = d_paddr; c_dst = latch_dst; c_sz = latch_sz; c_method = method;
            c_issuer = (method == UDMA_M_FLASH) ? 16'(latch_pid) : 16'd0;
        end else if (ext_launch) begin
            c_src = d_paddr; c_dst = ext_dst; c_sz = ext_sz; c_method = UDMA_M_EXT; c_issuer = 16'(d_ctx);
        end else if (rep_launch) begin
            c_src = rep_src; c_dst = rep_dst; c_sz = rep_sz; c_method = method;
        end else if (key_launch) begin
            c_src = key_src; c_dst = key_dst; c_sz = key_sz; c_method = UDMA_M_KEY; c_issuer = 16'(d_cidx);
        end
    end

    // ---- refusals: every refused access counted once, with its cause -------------------------------------
    reg       ref_r;
    reg [2:0] ref_cause_r;
    always @(*) begin
        ref_r = 1'b1;
        ref_cause_r = UDMA_CAUSE_NONE;
        if (cand && c_cause != UDMA_CAUSE_NONE)                   ref_cause_r = c_cause;
        else if (cand && q_full)                                  ref_cause_r = UDMA_CAUSE_QUEUE_FULL;
        else if (latch_discard || ext_bad || rep_discard || key_sh_bad || key_bad_ctx) ref_cause_r = UDMA_CAUSE_BAD_CTX;
        else if ((latch_load && !latch_launch) || (ext_load && !ext_launch) || rep_refused || key_seq_fail)
                                                                  ref_cause_r = UDMA_CAUSE_SEQUENCE;
        else if ((sh && m_none) || key_sh_ld || cp_disabled || key_bad_sel) ref_cause_r = UDMA_CAUSE_DISABLED;
        else                                                      ref_r = 1'b0;
    end
    assign refuse       = ref_r;
    assign refuse_cause = ref_cause_r;

    // ---- answer: both alternatives computed in parallel, fire selects last ----------------------------
    wire [63:0] ans_launch   = UDMA_LD_STARTED | (key_launch ? 64'(key_sz[PAGE_BITS:0]) : 64'(ticket_next));
    reg  [63:0] ans_nolaunch;
    always @(*) begin
        rsp_resp     = OKAY;
        ans_nolaunch = UDMA_LD_FAIL;
        if (d_err) begin
            rsp_resp     = d_err_resp;
            ans_nolaunch = 64'd0;
        end else if (d_kernel || d_status) begin
            rsp_resp     = kr_resp;
            ans_nolaunch = kr_rdata;
        end else if (d_ctxpage && !d_cctrl) begin
            rsp_resp     = DECERR;
            ans_nolaunch = 64'd0;
        end else if (req_write) begin
            ans_nolaunch = 64'd0;
        end else if (rep_ontrack && !cand) begin
            ans_nolaunch = UDMA_LD_ONTRACK;
        end else if (cp_load && !key_seq_fail && !cand) begin
            ans_nolaunch = key_status;
        end
        rsp_rdata = (fire && !req_write) ? ans_launch : ans_nolaunch;
    end

    // ---- the queue ------------------------------------------------------------------------------------
    wire [DESC_W-1:0] push_desc = {c_src, c_dst, c_sz[PAGE_BITS:0], c_method, c_issuer};
    wire [DESC_W-1:0] head;
    udma_desc_fifo #(.WIDTH(DESC_W), .DEPTH(QUEUE_DEPTH), .TICKET_W(TICKET_W)) u_fifo (
        .clk(clk), .rst_n(rst_n), .push(fire), .in_data(push_desc), .full(q_full), .level(q_level),
        .out_valid(desc_valid), .out_ready(desc_ready), .out_data(head), .out_ticket(desc_ticket)
    );
    assign {desc_src, desc_dst, desc_size, desc_method, desc_issuer} = head;

    assign obs_launch   = fire;
    assign obs_refuse   = refuse;
    assign obs_cause    = refuse_cause;
    assign obs_method   = method;
    assign obs_rep_step = rep_step;
    assign obs_latch    = latch_valid;

    wire unused_obs = &{1'b0, ext_latched, key_enabled, key_pending, cp_undec, c_sz[PAGE_BITS+1]};
    // inputs of the method blocks a METHOD_MASK leaves out are not read in that configuration
    wire unused_by_mask = &{1'b0, prog_ticket, prog_remaining, key_wr, key_wr_idx, key_wr_data, revoke,
                            key_sh_st, ext_store, cp_store, rep_variant, rep_store, rep_load, latch_store,
                            cur_pid, seq_clear, wdata_sz, st_cause, st_limit, pre_kctx, p_ctx};

`ifdef FORMAL
    // At most one launch candidate per access; kernel GO and user launches are exclusive.
    always @(*) begin
        assert ((latch_launch + ext_launch + rep_launch + key_launch + kgo) <= 1);
        if (fire) assert (req_valid);
        // a malformed access changes nothing: no launch, no refusal count, no sequence input
        if (req_valid && d_err) assert (!cand && !refuse && !latch_store && !latch_load && !ext_store && !ext_load &&
                           !rep_store && !rep_load && !key_sh_st && !cp_store && !cp_load && !key_wr &&
                           !method_wr && !abort);
        // S3 at the queue input: the full protection check, recomputed, agrees with the precomputed one
        if (fire) assert (c_sz[PAGE_BITS+1] == 1'b0 && c_sz[PAGE_BITS:0] != 0);
        if (fire) assert ({2'b00, c_src[PAGE_BITS-1:0]} + {1'b0, c_sz[PAGE_BITS:0]} <= (1 << PAGE_BITS));
        if (fire) assert ({2'b00, c_dst[PAGE_BITS-1:0]} + {1'b0, c_sz[PAGE_BITS:0]} <= (1 << PAGE_BITS));
    end
`endif
endmodule

`default_nettype wire
