// HostPort<Model>: the harness's AXI4-Lite master for the s_axil_* port of any udma top. Same
// protocol as axil_host.hpp (one transaction at a time, VALID held until READY, BREADY/RREADY
// high), and it samples the engine's observation outputs (obs_launch, obs_refuse, obs_cause) in
// the deciding cycle, the cycle after the accepting edge (docs/design.md section 2).
// Speed: the handshake is sampled by a Sim hook on the settled state of each cycle instead of an
// extra settle() per access. Construct it AFTER any hook that settles the model (the AXI memory
// port) and pass hooks_settle = true then; otherwise its hook settles by itself.
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <stdexcept>

#include "dut.hpp"
#include "sim.hpp"

namespace udma::tb {

template <class Model>
class HostPort {
public:
    HostPort(Sim<Model>& sim, DutObserver* observer, bool hooks_settle, unsigned watchdog_cycles = 100000)
        : sim_(sim), observer_(observer), hooks_settle_(hooks_settle), watchdog_(watchdog_cycles) {
        auto& t = sim_.top();
        t.s_axil_awvalid = 0;
        t.s_axil_wvalid = 0;
        t.s_axil_arvalid = 0;
        t.s_axil_bready = 1;
        t.s_axil_rready = 1;
        t.s_axil_awprot = 0;
        t.s_axil_arprot = 0;
        sim_.add_hook([this](std::uint64_t cycle) { sample(cycle); });
    }
    HostPort(const HostPort&) = delete;
    HostPort& operator=(const HostPort&) = delete;

    AccessOutcome store(std::uint64_t addr, std::uint64_t data, std::uint8_t strb) {
        auto& t = sim_.top();
        begin(true);
        t.s_axil_awaddr = addr;
        t.s_axil_wdata = data;
        t.s_axil_wstrb = strb;
        t.s_axil_awvalid = 1;
        t.s_axil_wvalid = 1;
        const std::uint64_t start = sim_.cycle();
        while (!accepted_) {
            guard(start, "AW/W");
            sim_.tick();
        }
        t.s_axil_awvalid = 0;
        t.s_axil_wvalid = 0;
        while (!t.s_axil_bvalid) {  // registered: valid right after tick()
            guard(start, "B");
            sim_.tick();
        }
        r_.resp = static_cast<std::uint8_t>(t.s_axil_bresp);
        sim_.tick();
        return end(start);
    }

    AccessOutcome load(std::uint64_t addr) {
        auto& t = sim_.top();
        begin(false);
        t.s_axil_araddr = addr;
        t.s_axil_arvalid = 1;
        const std::uint64_t start = sim_.cycle();
        while (!accepted_) {
            guard(start, "AR");
            sim_.tick();
        }
        t.s_axil_arvalid = 0;
        while (!t.s_axil_rvalid) {
            guard(start, "R");
            sim_.tick();
        }
        r_.resp = static_cast<std::uint8_t>(t.s_axil_rresp);
        r_.data = t.s_axil_rdata;
        sim_.tick();
        return end(start);
    }

    std::uint64_t launches() const { return launches_; }

private:
    void begin(bool write) {
        r_ = AccessOutcome{};
        r_.seq_state_before = seq_state();
        write_ = write;
        active_ = true;
        accepted_ = false;
        decided_ = false;
    }
    AccessOutcome end(std::uint64_t start) {
        active_ = false;
        r_.cycles = sim_.cycle() - start;
        r_.seq_state_after = seq_state();
        return r_;
    }
    // Runs before every rising edge: the accepting edge of the access in flight, then the edge
    // where the engine decides it (the next one), whose observation outputs it records.
    void sample(std::uint64_t cycle) {
        if (!active_ || decided_) return;
        if (!hooks_settle_) sim_.settle();
        auto& t = sim_.top();
        if (!accepted_) {
            const bool ok = write_ ? (t.s_axil_awvalid && t.s_axil_awready && t.s_axil_wready)
                                   : (t.s_axil_arvalid && t.s_axil_arready);
            if (!ok) return;
            accepted_ = true;
            r_.accept_cycle = cycle;
            return;
        }
        decided_ = true;
        r_.decide_cycle = cycle;
        r_.launched = t.obs_launch != 0;
        r_.refused = t.obs_refuse != 0;
        r_.cause = static_cast<std::uint8_t>(t.obs_cause);
        if (r_.launched) {
            ++launches_;
            if (observer_) observer_->on_launch(cycle);
        }
    }
    std::uint8_t seq_state() const {
        const auto& t = sim_.top();
        return static_cast<std::uint8_t>((t.obs_latch ? 0x10 : 0) | (t.obs_rep_step & 7));
    }
    void guard(std::uint64_t start, const char* channel) {
        if (sim_.cycle() - start > watchdog_) {
            throw std::runtime_error(fmt::format("host port: no {} handshake within {} cycles (cycle {})", channel,
                                                 watchdog_, sim_.cycle()));
        }
    }

    Sim<Model>& sim_;
    DutObserver* observer_;
    bool hooks_settle_;
    unsigned watchdog_;
    AccessOutcome r_{};
    bool write_ = false, active_ = false, accepted_ = false, decided_ = false;
    std::uint64_t launches_ = 0;
};

}  // namespace udma::tb
