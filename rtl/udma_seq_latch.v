// udma_seq_latch: the single argument latch of the SHRIMP pair (paper section 2.5), of FLASH
// (section 2.6, latch tagged with the kernel-written CURRENT_PID) and of PAL (section 2.7, engine
// side as SHRIMP without the hook).
//   S(sh(dst), size): latch := {dst, size[, CURRENT_PID]}           (overwrites)
//   L(sh(src))      : latch valid [and latch.pid == CURRENT_PID] -> launch {src, latch}
//                     otherwise refused; the latch is cleared either way.
// The kernel clears the latch with ABORT (SHRIMP's context-switch hook) or a METHOD write.
`default_nettype none

module udma_seq_latch #(
    parameter integer PA_BITS   = 32,  // physical address width
    parameter integer PAGE_BITS = 12,  // log2 page size (size is PAGE_BITS+2 bits, see launch_check)
    parameter integer PID_W     = 16,  // CURRENT_PID width
    parameter integer HAS_PID   = 1    // 1: FLASH tagging is synthesized; 0: SHRIMP/PAL only
) (
    input  wire                 clk,         // clock
    input  wire                 rst_n,       // synchronous reset, active low
    input  wire                 clear,       // kernel ABORT, METHOD write: drop the latch
    input  wire                 discard,     // a foreign shadow access (bad ctx_id): drop the latch
    input  wire                 use_pid,     // the selected method is FLASH
    input  wire [PID_W-1:0]     cur_pid,     // CURRENT_PID register
    input  wire                 acc_store,   // S(sh(paddr), wdata) for this method, this cycle
    input  wire                 acc_load,    // L(sh(paddr)) for this method, this cycle
    input  wire [PA_BITS-1:0]   acc_paddr,   // physical address of the access
    input  wire [PAGE_BITS+1:0] acc_sz,      // store data as {size_big, size}
    input  wire [2:0]           acc_scause,  // udma_size_check of the store: SIZE_ZERO, CROSS or NONE
    input  wire [PAGE_BITS:0]   acc_slimit,  // udma_size_check of the store: largest legal src offset
    output wire                 launch_req,  // this load launches {acc_paddr -> l_dst, l_sz}
    output wire [2:0]           l_cause,     // protection check of that launch (NONE: it may go)
    output wire [PA_BITS-1:0]   l_dst,       // latched destination
    output wire [PAGE_BITS+1:0] l_sz,        // latched size
    output wire [PID_W-1:0]     l_pid,       // pid the arguments were latched under
    output wire                 latched      // the latch holds arguments (for the waveform / formal)
);
    reg                 valid_q;  // latch holds arguments
    reg [PA_BITS-1:0]   dst_q;    // latched destination
    reg [PAGE_BITS+1:0] sz_q;     // latched size
    reg [PID_W-1:0]     pid_q;    // pid of the storing process (FLASH)
    reg [2:0]           cause_q;  // size/destination check of the latched arguments
    reg [PAGE_BITS:0]   limit_q;  // largest source offset they allow

    wire pid_ok = (HAS_PID == 0) || !use_pid || (pid_q == cur_pid);

    assign launch_req = acc_load && valid_q && pid_ok && !clear && !discard;
    assign l_dst      = dst_q;
    assign l_sz       = sz_q;
    assign l_pid      = (HAS_PID != 0) ? pid_q : {PID_W{1'b0}};
    assign latched    = valid_q;
    assign l_cause    = (cause_q != 3'd0) ? cause_q :
                        ({1'b0, acc_paddr[PAGE_BITS-1:0]} > limit_q) ? 3'd2 : 3'd0;  // CROSS / NONE

    always @(posedge clk) begin
        if (!rst_n) begin
            valid_q <= 1'b0;
            dst_q   <= {PA_BITS{1'b0}};
            sz_q    <= {(PAGE_BITS+2){1'b0}};
            pid_q   <= {PID_W{1'b0}};
            cause_q <= 3'd0;
            limit_q <= {(PAGE_BITS+1){1'b0}};
        end else if (clear || discard || acc_load) begin
            valid_q <= 1'b0;
        end else if (acc_store) begin
            valid_q <= 1'b1;
            dst_q   <= acc_paddr;
            sz_q    <= acc_sz;
            pid_q   <= (HAS_PID != 0) ? cur_pid : {PID_W{1'b0}};
            cause_q <= acc_scause;
            limit_q <= acc_slimit;
        end
    end

`ifdef FORMAL
    reg f_past_valid;
    initial f_past_valid = 1'b0;
    always @(posedge clk) f_past_valid <= 1'b1;
    always @(*) if (!f_past_valid) assume (!rst_n);
    always @(*) assume (!(acc_store && acc_load));

    // A launch uses exactly the arguments of the latest store, under the same pid (FLASH).
    reg                 f_have;   // shadow copy of the last store since the last load/clear
    reg [PA_BITS-1:0]   f_dst;
    reg [PAGE_BITS+1:0] f_sz;
    reg [PID_W-1:0]     f_pid;
    always @(posedge clk) begin
        if (!rst_n || clear || discard || acc_load) f_have <= 1'b0;
        else if (acc_store) begin
            f_have <= 1'b1; f_dst <= acc_paddr; f_sz <= acc_sz; f_pid <= cur_pid;
        end
    end
    always @(*) if (f_past_valid && rst_n) begin
        assert (valid_q == f_have);
        if (launch_req) begin
            assert (f_have);
            assert (l_dst == f_dst);
            assert (l_sz == f_sz);
            if (HAS_PID != 0 && use_pid) assert (f_pid == cur_pid);
        end
    end
    // A load always consumes the latch: two loads never launch from one store.
    always @(posedge clk) if (f_past_valid && $past(rst_n) && rst_n && $past(acc_load))
        assert (!valid_q);
    always @(*) cover (launch_req);
`endif
endmodule

`default_nettype wire
