// udma_mover_fifo: the data FIFO between the read engine and the write data stage. A
// first-word-fall-through queue built around a memory with one synchronous read port, so that
// synthesis maps it to block RAM (iCE40: SB_RAM40_4K, 256 x 16 each). The registered read data
// of the memory is the head of the queue: when the head is popped (or empty) the next word is
// fetched, so the queue delivers one word per cycle. A word written into an empty queue is at the
// head two cycles later.
//
// in_ready is registered and leaves room for one more push in flight, so a producer that pushes
// whenever in_ready is high never overflows (a push costs no combinational path from the
// consumer side to the producer side).
`default_nettype none

module udma_mover_fifo #(
    parameter integer WIDTH = 67,   // entry width in bits
    parameter integer DEPTH = 256   // memory words, power of two, 8 .. 4096
) (
    input  wire             clk,        // clock
    input  wire             rst_n,      // synchronous reset, active low
    input  wire             push,       // enqueue in_data (only while in_ready)
    input  wire [WIDTH-1:0] in_data,    // entry to enqueue
    output wire             in_ready,   // registered: a push this cycle fits
    output wire             out_valid,  // the head holds an entry
    output wire [WIDTH-1:0] out_data,   // head entry
    input  wire             pop         // consume the head (only while out_valid)
);
    localparam integer AW = $clog2(DEPTH);  // memory address width

    generate
        if (DEPTH < 8 || DEPTH > 4096 || (DEPTH & (DEPTH - 1)) != 0) begin : g_bad_depth
            udma_param_error_FIFO_DEPTH_must_be_power_of_two_8_to_4096 u_err ();
        end
    endgenerate

    // storage: block RAM, no reset like any RAM. A fetch never reads the word a push writes in the
    // same cycle (fetch needs cnt_q != 0, a push needs room), so read/write collisions cannot
    // happen: no_rw_check tells Yosys not to emulate their behaviour around the RAM.
    (* no_rw_check *)
    reg [WIDTH-1:0] mem [0:DEPTH-1];
    reg [WIDTH-1:0] head_q;           // the memory's registered read data = queue head (no reset: RAM output)
    reg             head_v_q;         // head_q holds an entry
    reg [AW-1:0]    wr_q;             // write address
    reg [AW-1:0]    rd_q;             // next address to fetch
    reg [AW:0]      cnt_q;            // words in memory not yet fetched
    reg             in_ready_q;       // room for two more words

    wire do_pop = pop && head_v_q;
    wire fetch  = (cnt_q != {(AW+1){1'b0}}) && (!head_v_q || do_pop);

    assign in_ready  = in_ready_q;
    assign out_valid = head_v_q;
    assign out_data  = head_q;

    // memory: one write port, one synchronous read port with enable (block-RAM template)
    always @(posedge clk) begin
        if (push) mem[wr_q] <= in_data;
    end
    always @(posedge clk) begin
        if (fetch) head_q <= mem[rd_q];
    end

    always @(posedge clk) begin
        if (!rst_n) begin
            head_v_q   <= 1'b0;
            wr_q       <= {AW{1'b0}};
            rd_q       <= {AW{1'b0}};
            cnt_q      <= {(AW+1){1'b0}};
            in_ready_q <= 1'b0;
        end else begin
            if (push)  wr_q <= wr_q + 1'b1;
            if (fetch) rd_q <= rd_q + 1'b1;
            cnt_q <= cnt_q + {{AW{1'b0}}, push} - {{AW{1'b0}}, fetch};
            if (fetch)       head_v_q <= 1'b1;
            else if (do_pop) head_v_q <= 1'b0;
            // pushes at this edge and the next one must both fit: cnt_q + 2 <= DEPTH
            in_ready_q <= (cnt_q <= (AW+1)'(DEPTH - 2));
        end
    end

`ifdef FORMAL
    reg f_past_valid;
    initial f_past_valid = 1'b0;
    always @(posedge clk) f_past_valid <= 1'b1;
    always @(*) if (!f_past_valid) assume (!rst_n);
    always @(*) if (f_past_valid && rst_n) begin
        // the contract with the users: proved where the FIFO is used, assumed when it is the top
`ifdef UDMA_FORMAL_FIFO_TOP
        assume (!(push && !in_ready));
        assume (!(pop && !head_v_q));
`else
        assert (!(push && !in_ready));  // the producer obeys in_ready
        assert (!(pop && !head_v_q));   // the consumer pops only a valid head
`endif
        assert (cnt_q <= DEPTH);
        assert (((wr_q - rd_q) & (DEPTH - 1)) == (cnt_q & (DEPTH - 1)));
        if (in_ready_q) assert (cnt_q < DEPTH);
        if (push && fetch) assert (wr_q != rd_q);  // no read/write collision (no_rw_check)
    end
`endif
endmodule

`default_nettype wire
