// udma_kernel_regs: the privileged kernel page and the public read-only status page
// (docs/register-map.md): method select, the SHRIMP ABORT and FLASH CURRENT_PID hooks, context
// key set-up (write-only), the kernel-level DMA registers, counters, interrupts, tickets and
// completion results. Keys pass through this module to udma_seq_key and are never stored here.
// The result slots live in a block RAM read with the accepting edge of a status-page access; a
// completion writing the same slot at that edge is forwarded, so the answer is the slot as of the
// accepting edge. The eight access-event counters (CNT_LAUNCH, CNT_REF_*, CNT_KEY_FAIL) live in a
// block RAM too: an access causes at most one of these events, accesses are decided at least
// three cycles apart (udma_axil_slave), so a two-cycle read-modify-write after the deciding edge
// never overlaps the next access's read; a write at that read's edge is forwarded. Per-counter
// valid bits (reset) make the RAM read as zero after reset.
`default_nettype none

module udma_kernel_regs #(
    parameter integer PA_BITS      = 32,       // physical address width
    parameter integer PAGE_BITS    = 12,       // log2 page size
    parameter integer N_CTX        = 4,        // number of register contexts
    parameter integer CTX_BITS     = 2,        // context index width
    parameter integer QUEUE_DEPTH  = 4,        // launched-transfer queue depth (reported in CONFIG)
    parameter integer RESULT_SLOTS = 8,        // status-page result slots (power of two, 1 .. 64)
    parameter integer PID_W        = 16,       // CURRENT_PID width
    parameter integer TICKET_W     = 32,       // ticket width
    parameter integer CNT_W        = 32,       // counter width
    parameter integer DATA_W       = 64,       // memory port width (reported in CONFIG)
    parameter [15:0]  METHOD_MASK  = 16'h01FF  // bit m: method code m is synthesized
) (
    input  wire                 clk,             // clock
    input  wire                 rst_n,           // synchronous reset, active low
    // the access being accepted (result-slot RAM read)
    input  wire                 pre_valid,       // an access is being accepted
    input  wire [PAGE_BITS-1:0] pre_off,         // its byte offset inside a register page
    // decoded host access (deciding cycle)
    input  wire                 acc_kernel,      // kernel-page access this cycle
    input  wire                 acc_status,      // status-page access this cycle
    input  wire                 acc_write,       // 1 store, 0 load
    input  wire [PAGE_BITS-1:0] acc_off,         // byte offset inside the page
    input  wire [63:0]          acc_wdata,       // store data
    output reg  [1:0]           acc_resp,        // AXI response for the access
    output reg  [63:0]          acc_rdata,       // load data
    // configuration and hooks to the engine
    output wire [3:0]           method,          // selected user-level method
    output wire [PID_W-1:0]     cur_pid,         // FLASH CURRENT_PID
    output wire                 method_wr,       // accepted METHOD write (clears partial sequences)
    output wire                 abort,           // ABORT write (SHRIMP hook)
    output wire [N_CTX-1:0]     revoke,          // CTX_REVOKE write
    output wire                 key_wr,          // CTX_KEY[key_wr_idx] write
    output wire [CTX_BITS-1:0]  key_wr_idx,      // which context
    output wire [55:0]          key_wr_data,     // the key
    output wire                 kgo,             // K_GO write: launch the kernel-level registers
    output wire [PA_BITS-1:0]   k_src,           // K_SRC
    output wire [PA_BITS-1:0]   k_dst,           // K_DST
    output wire [PAGE_BITS+1:0] k_sz,            // K_SIZE as {size_big, size}
    output wire [TICKET_W-1:0]  ticket_next,     // ticket of the next launch
    output wire                 irq,             // level interrupt
    // events from the engine
    input  wire                 launch_fire,     // a launch was accepted this cycle
    input  wire                 refuse,          // an access was refused this cycle
    input  wire [2:0]           refuse_cause,    // its cause
    input  wire                 key_fail,        // a key-based store carried a wrong key
    // completion from the mover
    input  wire                 cpl_valid,       // transfer cpl_ticket finished
    input  wire [TICKET_W-1:0]  cpl_ticket,      // its ticket
    input  wire [1:0]           cpl_code,        // its bus outcome
    input  wire [PAGE_BITS:0]   cpl_bytes,       // bytes it wrote
    input  wire [6:0]           queue_level,     // launched transfers waiting
    input  wire                 mover_busy       // the mover has a transfer in progress
);
`include "udma_regs.vh"

    localparam integer RS_W = (RESULT_SLOTS <= 1) ? 1 : $clog2(RESULT_SLOTS);
    localparam [1:0] OKAY = 2'b00, SLVERR = 2'b10, DECERR = 2'b11;

    generate
        if (RESULT_SLOTS < 1 || RESULT_SLOTS > 64 || (RESULT_SLOTS & (RESULT_SLOTS - 1)) != 0) begin : g_bad_rs
            udma_param_error_RESULT_SLOTS_must_be_power_of_two_1_to_64 u_err ();
        end
        if (TICKET_W < 8 || TICKET_W > 32) begin : g_bad_tw
            udma_param_error_TICKET_W_must_be_8_to_32 u_err ();
        end
        if (CNT_W < 8 || CNT_W > 64) begin : g_bad_cw
            udma_param_error_CNT_W_must_be_8_to_64 u_err ();
        end
        if (PID_W < 1 || PID_W > 16) begin : g_bad_pid
            udma_param_error_PID_W_must_be_1_to_16 u_err ();
        end
        if (METHOD_MASK[0] != 1'b1 || METHOD_MASK[15:9] != 7'd0) begin : g_bad_mask
            udma_param_error_METHOD_MASK_bit0_set_bits15to9_clear u_err ();
        end
    endgenerate

    // ---- state --------------------------------------------------------------------------------
    reg [3:0]           method_q;      // METHOD
    reg [PID_W-1:0]     pid_q;         // CURRENT_PID
    reg [UDMA_IRQ_W-1:0] irq_en_q;     // IRQ_ENABLE
    reg [UDMA_IRQ_W-1:0] irq_st_q;     // IRQ_STATUS
    reg [PA_BITS-1:0]   ksrc_q;        // K_SRC
    reg [PA_BITS-1:0]   kdst_q;        // K_DST
    reg [PAGE_BITS+1:0] ksz_q;         // K_SIZE
    reg                 kst_fail_q;    // K_STATUS is FAIL
    reg                 kst_valid_q;   // K_STATUS was written by a K_GO
    reg [TICKET_W-1:0]  kst_ticket_q;  // K_STATUS ticket when started
    reg [2:0]           last_cause_q;  // LAST_CAUSE
    reg [TICKET_W-1:0]  tnext_q;       // S_TICKET_NEXT
    reg [TICKET_W-1:0]  tdone_q;       // S_TICKET_DONE
    reg [CNT_W-1:0]     cnt_done_q, cnt_bytes_q, cnt_errslv_q, cnt_errdec_q;  // completion counters
    reg                 ev1_q;         // an access event was decided last edge: read its counter now
    reg [2:0]           ev1_idx_q;     // which counter
    reg                 ev2_q;         // write the incremented counter at this edge
    reg [2:0]           ev2_idx_q;     // which counter
    reg [7:0]           ev_valid_q;    // counter i has been written since reset
    reg                 cnt_fwd_q;     // the counter read at the accepting edge was written at that edge
    reg [CNT_W-1:0]     cnt_fwd_data_q;// what was written
    reg                 cnt_valid_rd_q;// valid bit of the read counter at the accepting edge
    wire [CNT_W-1:0]    cnt_ram_rdata; // counter RAM read data
    reg [RESULT_SLOTS-1:0] rs_valid_q;                   // result slot written
    reg                 rs_fwd_q;      // a completion wrote the read slot at the accepting edge
    reg [TICKET_W+1:0]  rs_fwd_data_q; // what it wrote
    reg                 rs_valid_rd_q; // valid bit of the read slot as of the accepting edge
    wire [TICKET_W+1:0] rs_ram_rdata;  // {code, ticket} read from the slot RAM

    // ---- decode of the access -----------------------------------------------------------------
    wire [PAGE_BITS-1:0] off = acc_off;
    wire is_key_off = (off >= PAGE_BITS'(UDMA_KREG_CTX_KEY)) &&
                      (off <  PAGE_BITS'(UDMA_KREG_CTX_KEY + 8 * N_CTX));
    wire [PAGE_BITS-1:0] key_rel = off - PAGE_BITS'(UDMA_KREG_CTX_KEY);
    wire is_rs_off = (off >= PAGE_BITS'(UDMA_SREG_S_RESULT)) &&
                     (off <  PAGE_BITS'(UDMA_SREG_S_RESULT + 8 * RESULT_SLOTS));
    wire [PAGE_BITS-1:0] rs_rel = off - PAGE_BITS'(UDMA_SREG_S_RESULT);

    wire method_legal = (acc_wdata[63:4] == 60'd0) && METHOD_MASK[acc_wdata[3:0]] &&
                        (acc_wdata[3:0] != UDMA_M_KERNEL);
    wire pid_legal    = (acc_wdata >> PID_W) == 64'd0;
    wire addr_legal   = (acc_wdata >> PA_BITS) == 64'd0;
    wire key_legal    = (acc_wdata[63:56] == 8'd0);

    wire [63:0] cfg_word = {8'(DATA_W / 8), 8'(RESULT_SLOTS), 8'(PAGE_BITS), 8'(PA_BITS),
                            8'(QUEUE_DEPTH), 8'(N_CTX), METHOD_MASK};
    wire [63:0] id_word  = {UDMA_MAGIC, UDMA_VERSION};
    wire [63:0] cfg2_word = {40'd0, 8'(CNT_W), 8'(PID_W), 8'(TICKET_W)};
    wire [TICKET_W+1:0] rs_rd_word    = rs_fwd_q ? rs_fwd_data_q : rs_ram_rdata;
    wire [CNT_W-1:0]    cnt_rd_word   = cnt_fwd_q ? cnt_fwd_data_q :
                                        cnt_valid_rd_q ? cnt_ram_rdata : {CNT_W{1'b0}};
    wire                is_ecnt_off   = (off >= PAGE_BITS'(UDMA_KREG_CNT_LAUNCH)) &&
                                        (off <= PAGE_BITS'(UDMA_KREG_CNT_KEY_FAIL));
    wire [TICKET_W-1:0] rs_sel_ticket = rs_rd_word[TICKET_W-1:0];
    wire [1:0]          rs_sel_code   = rs_rd_word[TICKET_W+1:TICKET_W];
    wire [63:0]         kstatus_word  = !kst_valid_q ? 64'd0 :
                                        kst_fail_q ? UDMA_LD_FAIL : (UDMA_LD_STARTED | 64'(kst_ticket_q));

    function automatic [63:0] zx_cnt(input [CNT_W-1:0] v);
        zx_cnt = 64'(v);
    endfunction

    // write enables, each valid only for a legal write (a SLVERR write changes nothing)
    reg wr_method, wr_abort, wr_pid, wr_revoke, wr_irq_en, wr_irq_st, wr_ksrc, wr_kdst, wr_ksize,
        wr_kgo, wr_key;

    always @(*) begin
        acc_resp  = OKAY;
        acc_rdata = 64'd0;
        {wr_method, wr_abort, wr_pid, wr_revoke, wr_irq_en, wr_irq_st, wr_ksrc, wr_kdst, wr_ksize,
         wr_kgo, wr_key} = 11'd0;
        if (acc_kernel) begin
            if (is_key_off) begin
                if (acc_write && key_legal) wr_key = 1'b1;
                else acc_resp = SLVERR;  // keys are write-only; a key wider than 56 bits is refused
            end else if (is_ecnt_off) begin
                if (acc_write) acc_resp = SLVERR; else acc_rdata = zx_cnt(cnt_rd_word);
            end else begin
                case (off)
                    PAGE_BITS'(UDMA_KREG_ID):       if (acc_write) acc_resp = SLVERR; else acc_rdata = id_word;
                    PAGE_BITS'(UDMA_KREG_CONFIG):   if (acc_write) acc_resp = SLVERR; else acc_rdata = cfg_word;
                    PAGE_BITS'(UDMA_KREG_CONFIG2):  if (acc_write) acc_resp = SLVERR; else acc_rdata = cfg2_word;
                    PAGE_BITS'(UDMA_KREG_METHOD):
                        if (!acc_write) acc_rdata = {60'd0, method_q};
                        else if (method_legal) wr_method = 1'b1;
                        else acc_resp = SLVERR;
                    PAGE_BITS'(UDMA_KREG_ABORT):    if (acc_write) wr_abort = 1'b1; else acc_resp = SLVERR;
                    PAGE_BITS'(UDMA_KREG_CURRENT_PID):
                        if (!acc_write) acc_rdata = 64'(pid_q);
                        else if (pid_legal) wr_pid = 1'b1;
                        else acc_resp = SLVERR;
                    PAGE_BITS'(UDMA_KREG_CTX_REVOKE): if (acc_write) wr_revoke = 1'b1; else acc_resp = SLVERR;
                    PAGE_BITS'(UDMA_KREG_IRQ_ENABLE):
                        if (acc_write) wr_irq_en = 1'b1; else acc_rdata = 64'(irq_en_q);
                    PAGE_BITS'(UDMA_KREG_IRQ_STATUS):
                        if (acc_write) wr_irq_st = 1'b1; else acc_rdata = 64'(irq_st_q);
                    PAGE_BITS'(UDMA_KREG_K_SRC):
                        if (!acc_write) acc_rdata = 64'(ksrc_q);
                        else if (addr_legal) wr_ksrc = 1'b1;
                        else acc_resp = SLVERR;
                    PAGE_BITS'(UDMA_KREG_K_DST):
                        if (!acc_write) acc_rdata = 64'(kdst_q);
                        else if (addr_legal) wr_kdst = 1'b1;
                        else acc_resp = SLVERR;
                    PAGE_BITS'(UDMA_KREG_K_SIZE):
                        if (acc_write) wr_ksize = 1'b1; else acc_rdata = 64'(ksz_q);
                    PAGE_BITS'(UDMA_KREG_K_GO):     if (acc_write) wr_kgo = 1'b1; else acc_resp = SLVERR;
                    PAGE_BITS'(UDMA_KREG_K_STATUS): if (acc_write) acc_resp = SLVERR; else acc_rdata = kstatus_word;
                    PAGE_BITS'(UDMA_KREG_LAST_CAUSE): if (acc_write) acc_resp = SLVERR; else acc_rdata = 64'(last_cause_q);
                    PAGE_BITS'(UDMA_KREG_CNT_DONE):         if (acc_write) acc_resp = SLVERR; else acc_rdata = zx_cnt(cnt_done_q);
                    PAGE_BITS'(UDMA_KREG_CNT_BYTES):        if (acc_write) acc_resp = SLVERR; else acc_rdata = zx_cnt(cnt_bytes_q);
                    PAGE_BITS'(UDMA_KREG_CNT_ERR_SLV):      if (acc_write) acc_resp = SLVERR; else acc_rdata = zx_cnt(cnt_errslv_q);
                    PAGE_BITS'(UDMA_KREG_CNT_ERR_DEC):      if (acc_write) acc_resp = SLVERR; else acc_rdata = zx_cnt(cnt_errdec_q);
                    default: acc_resp = DECERR;
                endcase
            end
        end else if (acc_status) begin
            if (is_rs_off) begin
                // an unwritten slot reads 0 (the RAM content is not reset)
                if (rs_valid_rd_q) acc_rdata = {29'd0, 1'b1, rs_sel_code, 32'(rs_sel_ticket)};
            end else begin
                case (off)
                    PAGE_BITS'(UDMA_SREG_S_ID):          acc_rdata = id_word;
                    PAGE_BITS'(UDMA_SREG_S_TICKET_NEXT): acc_rdata = 64'(tnext_q);
                    PAGE_BITS'(UDMA_SREG_S_TICKET_DONE): acc_rdata = 64'(tdone_q);
                    PAGE_BITS'(UDMA_SREG_S_METHOD):      acc_rdata = {60'd0, method_q};
                    PAGE_BITS'(UDMA_SREG_S_QUEUE):
                        acc_rdata = {31'd0, mover_busy, 16'(QUEUE_DEPTH), 9'd0, queue_level};
                    default: acc_resp = DECERR;
                endcase
            end
            // the status page is read-only: a store to a decoded offset is a slave error
            if (acc_write) begin
                acc_rdata = 64'd0;
                if (acc_resp == OKAY) acc_resp = SLVERR;
            end
        end
    end

    wire unused_rel = &{1'b0, key_rel, rs_rel, cpl_bytes, pre_rrel};  // cpl_bytes: bits above CNT_W when CNT_W is small

    // ---- outputs --------------------------------------------------------------------------------
    assign method      = method_q;
    assign cur_pid     = pid_q;
    assign method_wr   = wr_method;
    assign abort       = wr_abort;
    assign revoke      = wr_revoke ? acc_wdata[N_CTX-1:0] : {N_CTX{1'b0}};
    assign key_wr      = wr_key;
    assign key_wr_idx  = key_rel[CTX_BITS+2:3];
    assign key_wr_data = acc_wdata[55:0];
    assign kgo         = wr_kgo;
    assign k_src       = ksrc_q;
    assign k_dst       = kdst_q;
    assign k_sz        = ksz_q;
    assign ticket_next = tnext_q;
    assign irq         = |(irq_st_q & irq_en_q);

    wire [PAGE_BITS+1:0] wdata_sz = {|acc_wdata[63:PAGE_BITS+1], acc_wdata[PAGE_BITS:0]};
    wire [UDMA_IRQ_W-1:0] irq_set = (cpl_valid ? (UDMA_IRQ_W'(1) << UDMA_IRQ_DONE_BIT) : {UDMA_IRQ_W{1'b0}}) |
                                    ((cpl_valid && cpl_code != UDMA_BUS_OKAY) ? (UDMA_IRQ_W'(1) << UDMA_IRQ_BUS_ERR_BIT) : {UDMA_IRQ_W{1'b0}}) |
                                    (key_fail ? (UDMA_IRQ_W'(1) << UDMA_IRQ_KEY_FAIL_BIT) : {UDMA_IRQ_W{1'b0}});
    wire [RS_W-1:0] cpl_slot = cpl_ticket[RS_W-1:0] & RS_W'(RESULT_SLOTS - 1);  // ticket % RESULT_SLOTS
    wire [PAGE_BITS-1:0] pre_rrel = pre_off - PAGE_BITS'(UDMA_SREG_S_RESULT);
    wire [RS_W-1:0] pre_slot = pre_rrel[RS_W+2:3] & RS_W'(RESULT_SLOTS - 1);
    wire [2:0]      pre_cidx = pre_off[5:3];  // CNT_LAUNCH + 8*i, i = counter index

    // access-event counters: index 0 launches, 1..6 refusal causes (cause code), 7 key failures
    wire       ev     = launch_fire || refuse || key_fail;
    wire [2:0] ev_idx = launch_fire ? 3'd0 : key_fail ? 3'd7 : refuse_cause;
    wire [CNT_W-1:0] ev_new = (ev_valid_q[ev2_idx_q] ? cnt_ram_rdata : {CNT_W{1'b0}}) + 1'b1;
    udma_ram #(.WIDTH(CNT_W), .DEPTH(8), .AW(3)) u_counters (
        .clk(clk), .we(ev2_q), .waddr(ev2_idx_q), .wdata(ev_new),
        .re(ev1_q || pre_valid), .raddr(ev1_q ? ev1_idx_q : pre_cidx), .rdata(cnt_ram_rdata)
    );

    udma_ram #(.WIDTH(TICKET_W + 2), .DEPTH(RESULT_SLOTS), .AW(RS_W)) u_results (
        .clk(clk), .we(cpl_valid), .waddr(cpl_slot), .wdata({cpl_code, cpl_ticket}),
        .re(pre_valid), .raddr(pre_slot), .rdata(rs_ram_rdata)
    );

    always @(posedge clk) begin
        if (!rst_n) begin
            method_q     <= UDMA_M_NONE;
            pid_q        <= {PID_W{1'b0}};
            irq_en_q     <= {UDMA_IRQ_W{1'b0}};
            irq_st_q     <= {UDMA_IRQ_W{1'b0}};
            ksrc_q       <= {PA_BITS{1'b0}};
            kdst_q       <= {PA_BITS{1'b0}};
            ksz_q        <= {(PAGE_BITS+2){1'b0}};
            kst_fail_q   <= 1'b0;
            kst_valid_q  <= 1'b0;
            kst_ticket_q <= {TICKET_W{1'b0}};
            rs_fwd_q      <= 1'b0;
            rs_fwd_data_q <= {(TICKET_W+2){1'b0}};
            rs_valid_rd_q <= 1'b0;
            last_cause_q <= UDMA_CAUSE_NONE;
            tnext_q      <= {TICKET_W{1'b0}};
            tdone_q      <= {TICKET_W{1'b0}};
            {cnt_done_q, cnt_bytes_q, cnt_errslv_q, cnt_errdec_q} <= {(4*CNT_W){1'b0}};
            ev1_q          <= 1'b0;
            ev1_idx_q      <= 3'd0;
            ev2_q          <= 1'b0;
            ev2_idx_q      <= 3'd0;
            ev_valid_q     <= 8'd0;
            cnt_fwd_q      <= 1'b0;
            cnt_fwd_data_q <= {CNT_W{1'b0}};
            cnt_valid_rd_q <= 1'b0;
            rs_valid_q   <= {RESULT_SLOTS{1'b0}};
        end else begin
            // counter read-modify-write: event at the deciding edge, read next edge, write after
            ev1_q     <= ev;
            ev1_idx_q <= ev_idx;
            ev2_q     <= ev1_q;
            ev2_idx_q <= ev1_idx_q;
            if (ev2_q) ev_valid_q[ev2_idx_q] <= 1'b1;
            if (pre_valid) begin
                cnt_fwd_q      <= ev2_q && (ev2_idx_q == pre_cidx);
                cnt_fwd_data_q <= ev_new;
                cnt_valid_rd_q <= ev_valid_q[pre_cidx];
                rs_fwd_q      <= cpl_valid && (cpl_slot == pre_slot);
                rs_fwd_data_q <= {cpl_code, cpl_ticket};
                rs_valid_rd_q <= rs_valid_q[pre_slot] || (cpl_valid && (cpl_slot == pre_slot));
            end
            if (wr_method) method_q <= acc_wdata[3:0];
            if (wr_pid)    pid_q    <= acc_wdata[PID_W-1:0];
            if (wr_irq_en) irq_en_q <= acc_wdata[UDMA_IRQ_W-1:0];
            irq_st_q <= (irq_st_q & ~(wr_irq_st ? acc_wdata[UDMA_IRQ_W-1:0] : {UDMA_IRQ_W{1'b0}})) | irq_set;
            if (wr_ksrc)   ksrc_q   <= acc_wdata[PA_BITS-1:0];
            if (wr_kdst)   kdst_q   <= acc_wdata[PA_BITS-1:0];
            if (wr_ksize)  ksz_q    <= wdata_sz;
            if (wr_kgo) begin
                kst_valid_q  <= 1'b1;
                kst_fail_q   <= !launch_fire;
                kst_ticket_q <= tnext_q;
            end
            if (launch_fire) tnext_q <= tnext_q + 1'b1;
            if (refuse) last_cause_q <= refuse_cause;
            if (cpl_valid) begin
                tdone_q     <= tdone_q + 1'b1;
                cnt_done_q  <= cnt_done_q + 1'b1;
                cnt_bytes_q <= cnt_bytes_q + CNT_W'(cpl_bytes);
                if (cpl_code == UDMA_BUS_SLVERR) cnt_errslv_q <= cnt_errslv_q + 1'b1;
                if (cpl_code == UDMA_BUS_DECERR) cnt_errdec_q <= cnt_errdec_q + 1'b1;
                rs_valid_q[cpl_slot]  <= 1'b1;
            end
        end
    end

`ifdef FORMAL
    reg f_past_valid;
    initial f_past_valid = 1'b0;
    always @(posedge clk) f_past_valid <= 1'b1;
    always @(*) if (!f_past_valid) assume (!rst_n);
    always @(*) assume (!(acc_kernel && acc_status));
    // A refused host access (SLVERR/DECERR) changes no configuration register.
    always @(posedge clk) if (f_past_valid && $past(rst_n) && rst_n && $past(acc_resp != OKAY)) begin
        assert (method_q == $past(method_q));
        assert (pid_q == $past(pid_q));
        assert (ksrc_q == $past(ksrc_q) && kdst_q == $past(kdst_q) && ksz_q == $past(ksz_q));
        assert (irq_en_q == $past(irq_en_q));
    end
    always @(*) if (acc_resp != OKAY) begin
        assert (!wr_method && !wr_abort && !wr_pid && !wr_revoke && !wr_key && !wr_kgo);
    end
    // The counter RAM: at most one access event per decision, and the read-modify-write never
    // meets a host read of the RAM at its read edge (accesses are three cycles apart).
    always @(*) if (f_past_valid && rst_n) begin
        assert ((launch_fire + refuse + key_fail) <= 1);
        assert (!(ev1_q && pre_valid));
    end
    // The method register only ever holds a synthesized method.
    always @(*) if (f_past_valid && rst_n) assert (METHOD_MASK[method_q] && method_q != UDMA_M_KERNEL);
`endif
endmodule

`default_nettype wire
