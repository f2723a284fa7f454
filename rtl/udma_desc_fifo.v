// udma_desc_fifo: the queue of launched transfers between the initiation engine and the data
// mover (SPEC section 5). A launch into a full queue is refused by udma_launch_check, so push
// never meets a full FIFO; the assertion below keeps that true. Output is valid the cycle after
// a push into an empty queue.
`default_nettype none

module udma_desc_fifo #(
    parameter integer WIDTH = 96,  // descriptor width in bits
    parameter integer DEPTH = 4    // number of entries, 1 .. 64
) (
    input  wire             clk,        // clock
    input  wire             rst_n,      // synchronous reset, active low
    input  wire             push,       // write in_data (never while full)
    input  wire [WIDTH-1:0] in_data,    // descriptor to enqueue
    output wire             full,       // no free entry
    output wire [6:0]       level,      // entries in use
    output wire             out_valid,  // head entry is valid
    input  wire             out_ready,  // consumer takes the head this cycle
    output wire [WIDTH-1:0] out_data    // head entry
);
    localparam integer PTR_W = (DEPTH <= 1) ? 1 : $clog2(DEPTH);

    generate
        if (DEPTH < 1 || DEPTH > 64) begin : g_bad_depth
            udma_param_error_QUEUE_DEPTH_must_be_1_to_64 u_err ();
        end
    endgenerate

    reg [WIDTH-1:0] mem_q [0:DEPTH-1];  // storage
    reg [PTR_W-1:0] rd_q;               // head index
    reg [PTR_W-1:0] wr_q;               // tail index
    reg [6:0]       cnt_q;              // entries in use

    wire pop = out_valid && out_ready;
    wire do_push = push && !full;

    assign full      = (cnt_q == 7'(DEPTH));
    assign level     = cnt_q;
    assign out_valid = (cnt_q != 7'd0);
    assign out_data  = mem_q[rd_q];

    function automatic [PTR_W-1:0] incr(input [PTR_W-1:0] p);
        incr = (p == PTR_W'(DEPTH - 1)) ? {PTR_W{1'b0}} : p + 1'b1;
    endfunction

    integer i;
    always @(posedge clk) begin
        if (!rst_n) begin
            rd_q  <= {PTR_W{1'b0}};
            wr_q  <= {PTR_W{1'b0}};
            cnt_q <= 7'd0;
            for (i = 0; i < DEPTH; i = i + 1) mem_q[i] <= {WIDTH{1'b0}};
        end else begin
            if (do_push) begin
                mem_q[wr_q] <= in_data;
                wr_q        <= incr(wr_q);
            end
            if (pop) rd_q <= incr(rd_q);
            cnt_q <= cnt_q + {6'd0, do_push} - {6'd0, pop};
        end
    end

`ifdef FORMAL
    reg f_past_valid;
    initial f_past_valid = 1'b0;
    always @(posedge clk) f_past_valid <= 1'b1;
    always @(*) if (!f_past_valid) assume (!rst_n);
    always @(*) if (f_past_valid && rst_n) begin
        assert (cnt_q <= DEPTH);
        assert (rd_q < DEPTH && wr_q < DEPTH);
        assert (((rd_q + cnt_q) % DEPTH) == wr_q);
        assert (!(push && full));  // the launch check refuses first
    end
`endif
endmodule

`default_nettype wire
