// AxilHost<Model>: drives the engine's AXI4-Lite host port the way a CPU issues strongly ordered
// uncached 64-bit accesses: one at a time, the next only after the previous completed.
// Works with every top that has the s_axil_* ports (udma_initiator, udma_top).
// Optional seeded jitter: idle cycles before VALID and delayed BREADY/RREADY, to exercise the
// handshake rules. A handshake that never happens throws HostTimeout naming channel and cycle.
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <random>
#include <stdexcept>
#include <string>

#include "sim.hpp"

namespace udma::tb {

enum class AxiResp : std::uint8_t { Okay = 0, ExOkay = 1, SlvErr = 2, DecErr = 3 };

inline const char* to_string(AxiResp r) {
    switch (r) {
        case AxiResp::Okay: return "OKAY";
        case AxiResp::ExOkay: return "EXOKAY";
        case AxiResp::SlvErr: return "SLVERR";
        case AxiResp::DecErr: return "DECERR";
    }
    return "?";
}

struct HostResult {
    std::uint64_t data = 0;   // load data (0 for stores)
    AxiResp resp = AxiResp::Okay;
    std::uint64_t cycles = 0;  // host-port cycles from VALID to the response handshake
    std::uint64_t accept_cycle = 0;  // cycle() of the accepting clock edge
};

struct HostJitter {
    unsigned max_idle_before_valid = 0;  // 0..N idle cycles before VALID rises
    unsigned max_ready_delay = 0;        // 0..N cycles BREADY/RREADY stay low after VALID
    std::uint64_t seed = 1;
};

class HostTimeout : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

template <class Model>
class AxilHost {
public:
    explicit AxilHost(Sim<Model>& sim, HostJitter jitter = {}, unsigned watchdog_cycles = 1000)
        : sim_(sim), jitter_(jitter), rng_(jitter.seed), watchdog_(watchdog_cycles) {
        auto& t = sim_.top();
        t.s_axil_awvalid = 0;
        t.s_axil_wvalid = 0;
        t.s_axil_arvalid = 0;
        t.s_axil_bready = 0;
        t.s_axil_rready = 0;
        t.s_axil_awprot = 0;
        t.s_axil_arprot = 0;
    }

    HostResult store(std::uint64_t addr, std::uint64_t data, std::uint8_t strb = 0xFF) {
        auto& t = sim_.top();
        HostResult r;
        idle_before();
        const std::uint64_t start = sim_.cycle();
        t.s_axil_awaddr = addr;
        t.s_axil_wdata = data;
        t.s_axil_wstrb = strb;
        t.s_axil_awvalid = 1;
        t.s_axil_wvalid = 1;
        wait_for([&] { return t.s_axil_awready && t.s_axil_wready; }, "AW/W", start);
        r.accept_cycle = sim_.cycle();
        sim_.tick();
        t.s_axil_awvalid = 0;
        t.s_axil_wvalid = 0;
        const unsigned delay = ready_delay();
        unsigned waited = 0;
        wait_for([&] {
            t.s_axil_bready = (waited++ >= delay) ? 1 : 0;
            return t.s_axil_bvalid && t.s_axil_bready;
        }, "B", start);
        r.resp = static_cast<AxiResp>(t.s_axil_bresp);
        sim_.tick();
        t.s_axil_bready = 0;
        r.cycles = sim_.cycle() - start;
        return r;
    }

    HostResult load(std::uint64_t addr) {
        auto& t = sim_.top();
        HostResult r;
        idle_before();
        const std::uint64_t start = sim_.cycle();
        t.s_axil_araddr = addr;
        t.s_axil_arvalid = 1;
        wait_for([&] { return t.s_axil_arready != 0; }, "AR", start);
        r.accept_cycle = sim_.cycle();
        sim_.tick();
        t.s_axil_arvalid = 0;
        const unsigned delay = ready_delay();
        unsigned waited = 0;
        wait_for([&] {
            t.s_axil_rready = (waited++ >= delay) ? 1 : 0;
            return t.s_axil_rvalid && t.s_axil_rready;
        }, "R", start);
        r.resp = static_cast<AxiResp>(t.s_axil_rresp);
        r.data = t.s_axil_rdata;
        sim_.tick();
        t.s_axil_rready = 0;
        r.cycles = sim_.cycle() - start;
        return r;
    }

private:
    // Settle, test the condition, and tick until it holds at a clock edge (the tick that follows
    // is the caller's). Throws after watchdog_ cycles.
    template <class Cond>
    void wait_for(Cond cond, const char* channel, std::uint64_t start) {
        for (;;) {
            sim_.settle();
            if (cond()) return;
            if (sim_.cycle() - start > watchdog_) {
                throw HostTimeout(fmt::format("host port: no {} handshake within {} cycles (cycle {})",
                                              channel, watchdog_, sim_.cycle()));
            }
            sim_.tick();
        }
    }

    void idle_before() {
        if (jitter_.max_idle_before_valid == 0) return;
        std::uniform_int_distribution<unsigned> d(0, jitter_.max_idle_before_valid);
        sim_.ticks(d(rng_));
    }

    unsigned ready_delay() {
        if (jitter_.max_ready_delay == 0) return 0;
        std::uniform_int_distribution<unsigned> d(0, jitter_.max_ready_delay);
        return d(rng_);
    }

    Sim<Model>& sim_;
    HostJitter jitter_;
    std::mt19937_64 rng_;
    unsigned watchdog_;
};

}  // namespace udma::tb
