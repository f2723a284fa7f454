// udma_desc_fifo: the queue of launched transfers between the initiation engine and the data
// mover (SPEC section 5). Entries live in a block RAM; the head is held in an output register
// (first-word fall-through). A push into an empty queue bypasses the RAM, so the head is valid
// the cycle after the push. A launch into a full queue is refused by udma_launch_check, so push
// never meets a full queue (asserted below).
//
// Tickets are not stored: they are handed out in push order starting at 0 after reset, so the
// head's ticket is the number of entries popped so far (out_ticket).
`default_nettype none

module udma_desc_fifo #(
    parameter integer WIDTH    = 96,  // descriptor width in bits (without the ticket)
    parameter integer DEPTH    = 4,   // number of entries, 1 .. 64
    parameter integer TICKET_W = 32   // ticket width
) (
    input  wire                clk,         // clock
    input  wire                rst_n,       // synchronous reset, active low
    input  wire                push,        // enqueue in_data (never while full)
    input  wire [WIDTH-1:0]    in_data,     // descriptor to enqueue
    output wire                full,        // no free entry
    output wire [6:0]          level,       // entries in use
    output wire                out_valid,   // head entry is valid
    input  wire                out_ready,   // consumer takes the head this cycle
    output wire [WIDTH-1:0]    out_data,    // head entry
    output wire [TICKET_W-1:0] out_ticket   // head entry's ticket
);
    localparam integer AW = (DEPTH <= 1) ? 1 : $clog2(DEPTH);

    generate
        if (DEPTH < 1 || DEPTH > 64) begin : g_bad_depth
            udma_param_error_QUEUE_DEPTH_must_be_1_to_64 u_err ();
        end
    endgenerate

    reg             head_v_q;   // output register holds the head
    reg [WIDTH-1:0] head_q;     // the head
    reg             fetch_q;    // the RAM output register holds the next entry (read last edge)
    reg [AW-1:0]    rd_q;       // RAM index of the oldest entry not yet fetched
    reg [AW-1:0]    wr_q;       // RAM index of the next free slot
    reg [6:0]       mem_q;      // entries in the RAM not yet fetched
    reg [TICKET_W-1:0] popped_q;  // entries popped so far = ticket of the head

    wire [6:0]      total = {6'd0, head_v_q} + {6'd0, fetch_q} + mem_q;
    wire            pop   = head_v_q && out_ready;
    wire            head_free = !head_v_q || pop;
    // a fetch is issued when the RAM has an entry and the RAM output register is free (or is
    // being moved into the head at this edge)
    wire            fetch = (mem_q != 7'd0) && (!fetch_q || head_free);
    // a push goes straight into the head when nothing older exists anywhere
    wire            bypass = push && head_free && !fetch_q && (mem_q == 7'd0);
    wire            to_ram = push && !bypass;
    wire [WIDTH-1:0] ram_rdata;

    udma_ram #(.WIDTH(WIDTH), .DEPTH(DEPTH), .AW(AW)) u_ram (
        .clk(clk), .we(to_ram), .waddr(wr_q), .wdata(in_data),
        .re(fetch), .raddr(rd_q), .rdata(ram_rdata)
    );

    assign full       = (total == 7'(DEPTH));
    assign level      = total;
    assign out_valid  = head_v_q;
    assign out_data   = head_q;
    assign out_ticket = popped_q;

    function automatic [AW-1:0] incr(input [AW-1:0] p);
        incr = (p == AW'(DEPTH - 1)) ? {AW{1'b0}} : p + 1'b1;
    endfunction

    always @(posedge clk) begin
        if (!rst_n) begin
            head_v_q <= 1'b0;
            head_q   <= {WIDTH{1'b0}};
            fetch_q  <= 1'b0;
            rd_q     <= {AW{1'b0}};
            wr_q     <= {AW{1'b0}};
            mem_q    <= 7'd0;
            popped_q <= {TICKET_W{1'b0}};
        end else begin
            if (pop) popped_q <= popped_q + 1'b1;
            // the head register
            if (head_free) begin
                if (fetch_q) begin
                    head_q   <= ram_rdata;
                    head_v_q <= 1'b1;
                end else if (bypass) begin
                    head_q   <= in_data;
                    head_v_q <= 1'b1;
                end else begin
                    head_v_q <= 1'b0;
                end
            end
            // the RAM output register
            if (fetch) fetch_q <= 1'b1;
            else if (head_free) fetch_q <= 1'b0;
            if (fetch) rd_q <= incr(rd_q);
            if (to_ram) wr_q <= incr(wr_q);
            mem_q <= mem_q + {6'd0, to_ram} - {6'd0, fetch};
        end
    end

`ifdef FORMAL
    reg f_past_valid;
    initial f_past_valid = 1'b0;
    always @(posedge clk) f_past_valid <= 1'b1;
    always @(*) if (!f_past_valid) assume (!rst_n);
    always @(*) if (f_past_valid && rst_n) begin
        assert (total <= DEPTH);
        assert (mem_q <= DEPTH);
        if (fetch_q) assert (head_v_q);          // the head is filled before the RAM output
        if (mem_q != 0) assert (head_v_q);       // nothing waits in the RAM behind an empty head
        assert (!(push && full));                // the launch check refuses first
        assert (!(to_ram && fetch && wr_q == rd_q));  // never read and write one RAM word at once
    end
`endif
endmodule

`default_nettype wire
