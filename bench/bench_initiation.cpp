// udma-bench-initiation: what one initiation costs on the host port, per method, measured on the
// verilated udma_initiator (default parameters). Prints a table; not a timed test.
//
//   accesses   host accesses of one initiation (the kernel path: SRC, DST, SIZE, GO, STATUS)
//   loads      of which loads (uncached loads stall the CPU for the round trip)
//   cycles     host-port cycles of the initiation with an always-ready master: from each
//              access's VALID to its response handshake, summed over the accesses
//   jitter     the same, mean over many initiations, with a master that idles 0..2 cycles before
//              each VALID (not counted) and holds BREADY/RREADY low 0..3 cycles (counted)
//   elapsed    mean cycles from the first VALID to the last response under that jitter
//   launch->desc_valid  cycles from the clock edge that decides the launching access (the edge
//              after the one that accepts it, docs/design.md section 2) to the first cycle
//              desc_valid is high (the data mover's ARVALID follows one cycle later)
//
// Usage: udma-bench-initiation [initiations-per-method-with-jitter]   (default 1000)
#include <fmt/format.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "../tests/init_fixture.hpp"

using namespace udma::test;

namespace {

struct Row {
    unsigned method;
    std::size_t accesses = 0, loads = 0;
    std::uint64_t cycles = 0;
    double jitter_cycles = 0, jitter_elapsed = 0;
    std::uint64_t launch_to_valid = 0;
};

const char* paper_us(unsigned m) {
    switch (m) {
        case UDMA_M_KERNEL: return "18.6";
        case UDMA_M_EXT: return "1.1";
        case UDMA_M_KEY: return "2.3";
        case UDMA_M_REP5: return "2.6";
        default: return "-";
    }
}

// One initiation; returns {port cycles, elapsed cycles, launch-to-desc_valid}.
struct Cost {
    std::uint64_t port = 0, elapsed = 0, to_valid = 0;
};
template <class D>
Cost initiate(D& d, unsigned m, const Transfer& t) {
    const auto seq = sequence(d.a, m, t);
    Cost c;
    std::uint64_t first = 0, accept = 0;
    for (std::size_t i = 0; i < seq.size(); ++i) {
        const auto r = d.run(seq[i]);
        if (r.resp != AxiResp::Okay) throw std::runtime_error(fmt::format("{}: access {} answered {}", method_name(m), i,
                                                                          udma::tb::to_string(r.resp)));
        if (i == 0) first = d.sim().cycle() - r.cycles;
        c.port += r.cycles;
        if (i == launching_step(m)) accept = r.accept_cycle + 1;  // the deciding edge
    }
    c.elapsed = d.sim().cycle() - first;
    const auto& lc = d.launch_cycles();
    if (lc.empty() || lc.back() != accept) throw std::runtime_error(fmt::format("{}: no launch", method_name(m)));
    c.to_valid = d.first_valid_cycle() - accept;
    (void)d.descriptors();
    return c;
}

}  // namespace

// Dut with a probe of the first cycle desc_valid is seen high after each launch.
class BenchDut : public DutDefault {
public:
    using DutDefault::DutDefault;
    void arm() {
        armed_ = true;
        first_valid_ = 0;
    }
    std::uint64_t first_valid_cycle() const { return first_valid_; }
    void install() {
        sim().add_hook([this](std::uint64_t c) {
            sim().settle();
            if (armed_ && top().desc_valid) {
                first_valid_ = c;
                armed_ = false;
            }
        });
    }

private:
    bool armed_ = false;
    std::uint64_t first_valid_ = 0;
};

int main(int argc, char** argv) {
    const unsigned n = argc > 1 ? static_cast<unsigned>(std::strtoul(argv[1], nullptr, 10)) : 1000;
    std::vector<Row> rows;
    for (unsigned m : all_methods()) {
        Row row{m};
        {
            BenchDut d(1);
            d.install();
            const Transfer t = victim_transfer(d.kCfg, m);
            prepare(d, m, t);
            const auto seq = sequence(d.a, m, t);
            row.accesses = seq.size();
            for (const auto& x : seq) row.loads += !x.store;
            d.arm();
            auto c = initiate(d, m, t);
            // a second initiation: the first may include set-up effects (none expected)
            d.arm();
            c = initiate(d, m, t);
            row.cycles = c.port;
            row.launch_to_valid = c.to_valid;
        }
        {
            BenchDut d(2, HostJitter{2, 3, 1234 + m});
            d.install();
            const Transfer t = victim_transfer(d.kCfg, m);
            prepare(d, m, t);
            std::uint64_t port = 0, elapsed = 0;
            for (unsigned i = 0; i < n; ++i) {
                d.arm();
                const auto c = initiate(d, m, t);
                port += c.port;
                elapsed += c.elapsed;
                if (c.to_valid != row.launch_to_valid)
                    throw std::runtime_error(fmt::format("{}: launch latency varies with host jitter", method_name(m)));
            }
            row.jitter_cycles = static_cast<double>(port) / n;
            row.jitter_elapsed = static_cast<double>(elapsed) / n;
        }
        rows.push_back(row);
    }

    fmt::print("udma initiation cost per method (udma_initiator, default parameters; jitter: {} initiations,\n"
               "0..2 idle cycles before each VALID, BREADY/RREADY delayed 0..3 cycles)\n\n",
               n);
    fmt::print("| method | accesses | loads | port cycles (ready) | port cycles (jitter) | elapsed (jitter) | "
               "deciding edge -> desc_valid | paper Table 1 (us @12.5 MHz) |\n");
    fmt::print("|---|---|---|---|---|---|---|---|\n");
    for (const auto& r : rows) {
        fmt::print("| {} | {} | {} | {} | {:.2f} | {:.2f} | {} | {} |\n", method_name(r.method), r.accesses, r.loads,
                   r.cycles, r.jitter_cycles, r.jitter_elapsed, r.launch_to_valid, paper_us(r.method));
    }
    return 0;
}
