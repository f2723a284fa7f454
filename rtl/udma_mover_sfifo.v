// udma_mover_sfifo: a small first-in first-out queue in flip-flops for the data mover's
// bookkeeping (read-burst tags, write-burst reports). The producer never pushes into a full
// queue (the outstanding-burst counters bound the occupancy); the assertions check it.
`default_nettype none

module udma_mover_sfifo #(
    parameter integer WIDTH = 8,  // entry width in bits
    parameter integer DEPTH = 4   // entries, power of two, 2 .. 16
) (
    input  wire             clk,        // clock
    input  wire             rst_n,      // synchronous reset, active low
    input  wire             push,       // enqueue in_data (never while full)
    input  wire [WIDTH-1:0] in_data,    // entry to enqueue
    input  wire             pop,        // dequeue the head (only while out_valid)
    output wire             out_valid,  // the queue holds an entry
    output wire [WIDTH-1:0] out_data,   // head entry
    output wire             full        // no free entry
);
    localparam integer IW = $clog2(DEPTH);  // index width

    generate
        if (DEPTH < 2 || DEPTH > 16 || (DEPTH & (DEPTH - 1)) != 0) begin : g_bad_depth
            udma_param_error_sfifo_DEPTH_must_be_power_of_two_2_to_16 u_err ();
        end
    endgenerate

    reg [WIDTH-1:0] mem_q [0:DEPTH-1];  // storage
    reg [IW:0]      rd_q;               // head pointer with wrap bit
    reg [IW:0]      wr_q;               // tail pointer with wrap bit

    assign out_valid = (rd_q != wr_q);
    assign full      = (rd_q[IW] != wr_q[IW]) && (rd_q[IW-1:0] == wr_q[IW-1:0]);
    assign out_data  = mem_q[rd_q[IW-1:0]];

    integer i;
    always @(posedge clk) begin
        if (!rst_n) begin
            rd_q <= {(IW+1){1'b0}};
            wr_q <= {(IW+1){1'b0}};
            for (i = 0; i < DEPTH; i = i + 1) mem_q[i] <= {WIDTH{1'b0}};
        end else begin
            if (push && !full) begin
                mem_q[wr_q[IW-1:0]] <= in_data;
                wr_q <= wr_q + 1'b1;
            end
            if (pop && out_valid) rd_q <= rd_q + 1'b1;
        end
    end

`ifdef FORMAL
    reg f_past_valid;
    initial f_past_valid = 1'b0;
    always @(posedge clk) f_past_valid <= 1'b1;
    always @(*) if (!f_past_valid) assume (!rst_n);
    // The contract with the users: proved where the queue is used, assumed when it is the top.
    always @(*) if (f_past_valid && rst_n) begin
`ifdef UDMA_FORMAL_SFIFO_TOP
        assume (!(push && full));
        assume (!(pop && !out_valid));
`else
        assert (!(push && full));       // the producer respects its credit
        assert (!(pop && !out_valid));  // the consumer pops only a valid head
`endif
        assert ((IW+1)'(wr_q - rd_q) <= (IW+1)'(DEPTH));
    end
`endif
endmodule

`default_nettype wire
