// udma_seq_repeat: repeated passing of arguments (paper section 3.3), one FSM per engine.
//   REP3: L(sh(src)), S(sh(dst),size), L(sh(src))                      broken (paper Figure 5)
//   REP4: S(sh(dst),size), L(sh(src)), S(sh(dst),size), L(sh(src))     broken (paper Figure 6)
//   REP5: S(sh(dst),n), L(sh(src)), S(sh(dst),n), L(sh(src)), L(sh(dst))       (paper Figure 7)
// An access that matches the expected next step (same kind; same address as the earlier step
// naming the same argument; same size for a repeated store) advances; the last step launches.
// Any other access discards the partial sequence; if it can be step 1 it starts a new one (a
// load then answers ONTRACK), otherwise a load is refused and a store dropped.
`default_nettype none

module udma_seq_repeat #(
    parameter integer PA_BITS   = 32,  // physical address width
    parameter integer PAGE_BITS = 12,  // log2 page size
    parameter integer HAS_REP3  = 1,   // synthesize the 3-access variant
    parameter integer HAS_REP4  = 1,   // synthesize the 4-access variant
    parameter integer HAS_REP5  = 1    // synthesize the 5-access variant
) (
    input  wire                 clk,         // clock
    input  wire                 rst_n,       // synchronous reset, active low
    input  wire                 clear,       // kernel ABORT or METHOD write: back to step 1
    input  wire                 discard,     // foreign shadow access (bad ctx_id): back to step 1
    input  wire [1:0]           variant,     // 0: REP3, 1: REP4, 2: REP5
    input  wire                 acc_store,   // S(sh(paddr), wdata) this cycle
    input  wire                 acc_load,    // L(sh(paddr)) this cycle
    input  wire [PA_BITS-1:0]   acc_paddr,   // physical address of the access
    input  wire [PAGE_BITS+1:0] acc_sz,      // store data as {size_big, size}
    input  wire [2:0]           acc_scause,  // udma_size_check of a store
    input  wire [PAGE_BITS:0]   acc_slimit,  // udma_size_check of a store: largest legal src offset
    output wire                 launch_req,  // this access completes the sequence
    output wire [2:0]           l_cause,     // protection check of that launch (NONE: it may go)
    output wire [PA_BITS-1:0]   l_src,       // source of the launch
    output wire [PA_BITS-1:0]   l_dst,       // destination of the launch
    output wire [PAGE_BITS+1:0] l_sz,        // size of the launch
    output wire                 ontrack,     // this load advanced or started a sequence
    output wire                 refused,     // this access matched nothing (load: FAIL, store: dropped)
    output wire [2:0]           step        // number of steps matched so far (waveform / formal)
);
    localparam [1:0] V_REP3 = 2'd0;
    localparam [1:0] V_REP4 = 2'd1;
    localparam [1:0] V_REP5 = 2'd2;

    reg [2:0]           k_q;    // steps matched so far
    reg [PA_BITS-1:0]   src_q;  // source address seen in the sequence
    reg [PA_BITS-1:0]   dst_q;  // destination address seen in the sequence
    reg [PAGE_BITS+1:0] sz_q;   // size seen in the sequence
    reg [2:0]           cause_q;  // size/destination check of dst_q, sz_q
    reg [PAGE_BITS:0]   limit_q;  // largest source offset they allow

    wire v_ok = (variant == V_REP3 && HAS_REP3 != 0) || (variant == V_REP4 && HAS_REP4 != 0) ||
                (variant == V_REP5 && HAS_REP5 != 0);

    // pattern tables: kind (1 = load) and argument (1 = src) of step k, and pattern length
    function automatic step_is_load(input [1:0] v, input [2:0] k);
        case (v)
            V_REP3:  step_is_load = (k != 3'd1);
            V_REP4:  step_is_load = k[0];
            default: step_is_load = (k == 3'd1) || (k == 3'd3) || (k == 3'd4);
        endcase
    endfunction
    function automatic step_is_src(input [1:0] v, input [2:0] k);
        case (v)
            V_REP3:  step_is_src = (k == 3'd0) || (k == 3'd2);
            default: step_is_src = (k == 3'd1) || (k == 3'd3);
        endcase
    endfunction
    function automatic [2:0] pattern_len(input [1:0] v);
        case (v)
            V_REP3:  pattern_len = 3'd3;
            V_REP4:  pattern_len = 3'd4;
            default: pattern_len = 3'd5;
        endcase
    endfunction
    // the argument named by step k was already recorded by an earlier step
    function automatic seen_src(input [1:0] v, input [2:0] k);
        seen_src = (v == V_REP3) ? (k >= 3'd1) : (k >= 3'd2);
    endfunction
    function automatic seen_dst(input [1:0] v, input [2:0] k);
        seen_dst = (v == V_REP3) ? (k >= 3'd2) : (k >= 3'd1);
    endfunction

    wire acc      = (acc_store || acc_load) && v_ok && !clear && !discard;
    wire exp_load = step_is_load(variant, k_q);
    wire exp_src  = step_is_src(variant, k_q);
    wire src_same = !seen_src(variant, k_q) || (acc_paddr == src_q);
    wire dst_same = !seen_dst(variant, k_q) || ((acc_paddr == dst_q) && (acc_load || acc_sz == sz_q));
    wire match    = acc && (acc_load == exp_load) && (exp_src ? src_same : dst_same);
    wire last     = (k_q == pattern_len(variant) - 3'd1);
    wire restart  = acc && !match && (acc_load == step_is_load(variant, 3'd0));

    assign launch_req = match && last;
    assign l_src      = src_q;
    assign l_dst      = dst_q;
    assign l_sz       = sz_q;
    assign ontrack    = acc_load && ((match && !last) || restart);
    assign refused    = acc && !match && !restart;
    assign step       = k_q;
    assign l_cause    = (cause_q != 3'd0) ? cause_q :
                        ({1'b0, src_q[PAGE_BITS-1:0]} > limit_q) ? 3'd2 : 3'd0;  // CROSS / NONE

    // argument named by the step the access is taken as (next step on a match, step 1 on a restart)
    wire rec_src = match ? exp_src : step_is_src(variant, 3'd0);

    always @(posedge clk) begin
        if (!rst_n) begin
            k_q   <= 3'd0;
            src_q <= {PA_BITS{1'b0}};
            dst_q <= {PA_BITS{1'b0}};
            sz_q  <= {(PAGE_BITS+2){1'b0}};
            cause_q <= 3'd0;
            limit_q <= {(PAGE_BITS+1){1'b0}};
        end else if (clear || discard) begin
            k_q <= 3'd0;
        end else if (acc) begin
            if (match && last) begin
                k_q <= 3'd0;
            end else if (match || restart) begin
                k_q <= match ? k_q + 3'd1 : 3'd1;
                if (rec_src) begin
                    src_q <= acc_paddr;
                end else begin
                    dst_q <= acc_paddr;
                    if (acc_store) begin
                        sz_q    <= acc_sz;
                        cause_q <= acc_scause;
                        limit_q <= acc_slimit;
                    end
                end
            end else begin
                k_q <= 3'd0;
            end
        end
    end

`ifdef FORMAL
    reg f_past_valid;
    initial f_past_valid = 1'b0;
    always @(posedge clk) f_past_valid <= 1'b1;
    always @(*) if (!f_past_valid) assume (!rst_n);
    always @(*) assume (!(acc_store && acc_load));
    always @(*) assume (variant != 2'd3);
    always @(posedge clk) if (f_past_valid) assume (variant == $past(variant) || $past(clear));

    always @(*) if (rst_n) begin
        assert (k_q < pattern_len(variant));
        assert (!(launch_req && ontrack));
        assert (!(launch_req && refused));
        assert (!(ontrack && refused));
    end
    always @(*) cover (launch_req && variant == V_REP5);
`endif
endmodule

`default_nettype wire
