// udma_seq_ext: extended shadow addressing (paper section 3.2). The OS puts a context id c into
// every shadow mapping it creates for a process, so the address itself says who is speaking:
//   S(sh_c(dst), size): latch[c] := {dst, size}
//   L(sh_c(src))      : latch[c] valid -> launch {src, latch[c]}, issuer c; else refused.
// Arguments of different context ids are never combined; latch[c] is cleared by every load of c.
`default_nettype none

module udma_seq_ext #(
    parameter integer PA_BITS   = 32,  // physical address width
    parameter integer PAGE_BITS = 12,  // log2 page size
    parameter integer N_CTX     = 4,   // number of context ids (latches)
    parameter integer CTX_BITS  = 2    // ctx_id width, max(1, clog2(N_CTX))
) (
    input  wire                 clk,         // clock
    input  wire                 rst_n,       // synchronous reset, active low
    input  wire                 clear,       // kernel ABORT or METHOD write: drop every latch
    input  wire [N_CTX-1:0]     revoke,      // CTX_REVOKE / CTX_KEY write: drop latch i
    input  wire                 acc_store,   // S(sh_c(paddr), wdata), c < N_CTX, this cycle
    input  wire                 acc_load,    // L(sh_c(paddr)), c < N_CTX, this cycle
    input  wire [CTX_BITS-1:0]  acc_ctx,     // c
    input  wire [PA_BITS-1:0]   acc_paddr,   // physical address of the access
    input  wire [PAGE_BITS+1:0] acc_sz,      // store data as {size_big, size}
    output wire                 launch_req,  // this load launches
    output wire [PA_BITS-1:0]   l_dst,       // latch[c] destination
    output wire [PAGE_BITS+1:0] l_sz,        // latch[c] size
    output wire [N_CTX-1:0]     latched      // latch valid bits (waveform / formal)
);
    reg [N_CTX-1:0]     valid_q;            // latch i holds arguments
    reg [PA_BITS-1:0]   dst_q [0:N_CTX-1];  // latched destinations
    reg [PAGE_BITS+1:0] sz_q  [0:N_CTX-1];  // latched sizes

    wire ctx_in_range = ({1'b0, acc_ctx} < (CTX_BITS+1)'(N_CTX));

    assign launch_req = acc_load && ctx_in_range && valid_q[acc_ctx] && !clear && !revoke[acc_ctx];
    assign l_dst      = dst_q[acc_ctx];
    assign l_sz       = sz_q[acc_ctx];
    assign latched    = valid_q;

    integer i;
    always @(posedge clk) begin
        if (!rst_n) begin
            valid_q <= {N_CTX{1'b0}};
            for (i = 0; i < N_CTX; i = i + 1) begin
                dst_q[i] <= {PA_BITS{1'b0}};
                sz_q[i]  <= {(PAGE_BITS+2){1'b0}};
            end
        end else if (clear) begin
            valid_q <= {N_CTX{1'b0}};
        end else begin
            for (i = 0; i < N_CTX; i = i + 1) begin
                if (revoke[i]) begin
                    valid_q[i] <= 1'b0;
                end else if (ctx_in_range && acc_ctx == i[CTX_BITS-1:0]) begin
                    if (acc_load) begin
                        valid_q[i] <= 1'b0;
                    end else if (acc_store) begin
                        valid_q[i] <= 1'b1;
                        dst_q[i]   <= acc_paddr;
                        sz_q[i]    <= acc_sz;
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
    always @(*) assume (!(acc_store && acc_load));

    // Context isolation: an access of context c never changes the latch of another context.
    (* anyconst *) reg [CTX_BITS-1:0] f_other;
    always @(posedge clk) if (f_past_valid && $past(rst_n) && rst_n && f_other < N_CTX) begin
        if (!$past(clear) && !$past(revoke[f_other]) && $past(acc_ctx) != f_other) begin
            assert (valid_q[f_other] == $past(valid_q[f_other]));
            assert (dst_q[f_other] == $past(dst_q[f_other]));
            assert (sz_q[f_other] == $past(sz_q[f_other]));
        end
    end
    always @(*) if (launch_req) assert (valid_q[acc_ctx]);
    always @(*) cover (launch_req && acc_ctx == CTX_BITS'(N_CTX - 1));
`endif
endmodule

`default_nettype wire
