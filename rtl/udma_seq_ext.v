// udma_seq_ext: extended shadow addressing (paper section 3.2). The OS puts a context id c into
// every shadow mapping it creates for a process, so the address itself says who is speaking:
//   S(sh_c(dst), size): latch[c] := {dst, size}
//   L(sh_c(src))      : latch[c] valid -> launch {src, latch[c]}, issuer c; else refused.
// Arguments of different context ids are never combined; latch[c] is cleared by every load of c.
// The latches live in a block RAM read with the accepting edge (pre_ctx) and written at the
// deciding edge; their valid bits are flip-flops. Host accesses are strictly sequential, so a
// latch is never read and written at the same edge.
`default_nettype none

module udma_seq_ext #(
    parameter integer PA_BITS   = 32,  // physical address width
    parameter integer PAGE_BITS = 12,  // log2 page size
    parameter integer N_CTX     = 4,   // number of context ids (latches)
    parameter integer CTX_BITS  = 2    // ctx_id width, max(1, clog2(N_CTX))
) (
    input  wire                 clk,         // clock
    input  wire                 rst_n,       // synchronous reset, active low
    input  wire                 pre_valid,   // an access is being accepted (RAM read enable)
    input  wire [CTX_BITS-1:0]  pre_ctx,     // its shadow ctx_id (RAM read address)
    input  wire                 clear,       // kernel ABORT or METHOD write: drop every latch
    input  wire [N_CTX-1:0]     revoke,      // CTX_REVOKE / CTX_KEY write: drop latch i
    input  wire                 acc_store,   // S(sh_c(paddr), wdata), c < N_CTX, this cycle
    input  wire                 acc_load,    // L(sh_c(paddr)), c < N_CTX, this cycle
    input  wire [CTX_BITS-1:0]  acc_ctx,     // c
    input  wire [PA_BITS-1:0]   acc_paddr,   // physical address of the access
    input  wire [PAGE_BITS+1:0] acc_sz,      // store data as {size_big, size}
    input  wire [2:0]           acc_scause,  // udma_size_check of the store
    input  wire [PAGE_BITS:0]   acc_slimit,  // udma_size_check of the store: largest legal src offset
    output wire                 launch_req,  // this load launches
    output wire [2:0]           l_cause,     // protection check of that launch (NONE: it may go)
    output wire [PA_BITS-1:0]   l_dst,       // latch[c] destination
    output wire [PAGE_BITS+1:0] l_sz,        // latch[c] size
    output wire [N_CTX-1:0]     latched      // latch valid bits (waveform / formal)
);
    localparam integer LW = PA_BITS + (PAGE_BITS + 2) + 3 + (PAGE_BITS + 1);

    reg [N_CTX-1:0] valid_q;  // latch i holds arguments
    wire [LW-1:0]   rd;

    udma_ram #(.WIDTH(LW), .DEPTH(N_CTX), .AW(CTX_BITS)) u_latches (
        .clk(clk), .we(acc_store && !clear && !revoke[acc_ctx]), .waddr(acc_ctx), .wdata({acc_paddr, acc_sz, acc_scause, acc_slimit}),
        .re(pre_valid), .raddr(pre_ctx), .rdata(rd)
    );

    assign launch_req = acc_load && valid_q[acc_ctx] && !clear && !revoke[acc_ctx];
    wire [2:0]         rd_cause;
    wire [PAGE_BITS:0] rd_limit;
    assign {l_dst, l_sz, rd_cause, rd_limit} = rd;
    assign l_cause = (rd_cause != 3'd0) ? rd_cause :
                     ({1'b0, acc_paddr[PAGE_BITS-1:0]} > rd_limit) ? 3'd2 : 3'd0;  // CROSS / NONE
    assign latched = valid_q;

    integer i;
    always @(posedge clk) begin
        if (!rst_n) begin
            valid_q <= {N_CTX{1'b0}};
        end else if (clear) begin
            valid_q <= {N_CTX{1'b0}};
        end else begin
            for (i = 0; i < N_CTX; i = i + 1) begin
                if (revoke[i]) valid_q[i] <= 1'b0;
                else if (acc_ctx == i[CTX_BITS-1:0] && acc_load) valid_q[i] <= 1'b0;
                else if (acc_ctx == i[CTX_BITS-1:0] && acc_store) valid_q[i] <= 1'b1;
            end
        end
    end

`ifdef FORMAL
    reg f_past_valid;
    initial f_past_valid = 1'b0;
    always @(posedge clk) f_past_valid <= 1'b1;
    always @(*) if (!f_past_valid) assume (!rst_n);
    always @(*) assume (!(acc_store && acc_load));
    always @(*) if (acc_store || acc_load) assume (acc_ctx < N_CTX);
    // the engine reads the latch of the access being decided: the RAM was read with its ctx
    always @(posedge clk) if (f_past_valid && (acc_store || acc_load)) assume ($past(pre_valid) && $past(pre_ctx) == acc_ctx);

    // Context isolation: an access of context c never changes the valid bit of another context.
    (* anyconst *) reg [CTX_BITS-1:0] f_other;
    always @(posedge clk) if (f_past_valid && $past(rst_n) && rst_n && f_other < N_CTX) begin
        if (!$past(clear) && !$past(revoke[f_other]) && $past(acc_ctx) != f_other)
            assert (valid_q[f_other] == $past(valid_q[f_other]));
    end
    always @(*) if (launch_req) assert (valid_q[acc_ctx]);
    always @(*) cover (launch_req && acc_ctx == CTX_BITS'(N_CTX - 1));
`endif
endmodule

`default_nettype wire
