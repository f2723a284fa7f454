// MoverRig<Model>: a complete udma_top test bench in one object: the simulation, the AXI4 memory
// model on the master port, the AXI4-Lite host on the host port, a watchdog on every channel and
// on completion, and a log of every descriptor the mover takes and every completion it reports.
// Used by the mover tests and the mover benchmark; works with every udma_top variant.
//
//   MoverRig<Vudma_top> rig({.mem = {.data_bytes = 8, .read_latency = 10}, .seed = 3});
//   auto go = rig.kernel_launch(src, dst, size);       // K_SRC/K_DST/K_SIZE/K_GO (+ K_STATUS)
//   rig.wait_idle();                                   // every launch completed, memory idle
//   rig.completions();                                 // {ticket, code, bytes, cycle} in order
//   rig.kreg(UDMA_KREG_CNT_DONE);                      // host load of a kernel-page register
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "axi_mem.hpp"
#include "axil_host.hpp"
#include "sim.hpp"
#include "udma/window.hpp"
#include "watchdog.hpp"

namespace udma::tb {

struct MoverRigOptions {
    AxiMemConfig mem{};                   // memory model (data_bytes must match the model)
    std::uint64_t seed = 1;               // X-initialisation seed of the model
    std::uint64_t watchdog_cycles = 5000; // cycles without progress before a channel counts as stuck
    HostJitter host{};                    // host-port jitter
    std::string trace{};                  // FST trace file, empty for none
};

struct TakenDescriptor {
    std::uint64_t ticket, src, dst, size, cycle;
};
struct Completion {
    std::uint64_t ticket;
    unsigned code;   // regmap bus code: 0 OKAY, 2 SLVERR, 3 DECERR
    std::uint64_t bytes;
    std::uint64_t cycle;
};
struct KernelLaunch {
    bool started = false;          // K_STATUS had STARTED
    std::uint64_t ticket = 0;      // its ticket
    std::uint64_t status = 0;      // raw K_STATUS (0 when not read)
    std::uint64_t go_accept = 0;   // cycle() of the K_GO accepting edge
};

template <class Model>
class MoverRig {
public:
    explicit MoverRig(const MoverRigOptions& opt = {})
        : sim_(opt.seed, opt.trace), mem_(opt.mem), port_(sim_, mem_), host_(sim_, opt.host, 20000),
          watchdog_(opt.watchdog_cycles) {
        sim_.add_hook([this](std::uint64_t cycle) { observe(cycle); });
        mem_.add_probes(watchdog_);
        watchdog_.watch(
            "completion", [this] { return launches_ > completions_.size(); },
            [this] {
                const auto& s = mem_.stats();
                return completions_.size() + s.r_beats + s.w_beats + s.b_responses + s.ar_bursts + s.aw_bursts;
            },
            [this] {
                return fmt::format("{} launches, {} completions, no bus activity", launches_, completions_.size());
            });
        watchdog_.attach(sim_);
        sim_.reset();
    }
    MoverRig(const MoverRig&) = delete;
    MoverRig& operator=(const MoverRig&) = delete;

    Sim<Model>& sim() { return sim_; }
    Model& top() { return sim_.top(); }
    AxiMem& mem() { return mem_; }
    AxilHost<Model>& host() { return host_; }
    Watchdog& watchdog() { return watchdog_; }
    const WindowGeometry& window() const { return window_; }

    // ---- host accesses ---------------------------------------------------------------------
    HostResult store(std::uint64_t addr, std::uint64_t data) { return host_.store(addr, data); }
    HostResult load(std::uint64_t addr) { return host_.load(addr); }
    std::uint64_t kreg(std::uint64_t off) { return checked(host_.load(window_.kernel(off)), off).data; }
    std::uint64_t sreg(std::uint64_t off) { return checked(host_.load(window_.status(off)), off).data; }
    void set_kreg(std::uint64_t off, std::uint64_t v) { checked(host_.store(window_.kernel(off), v), off); }

    // Kernel-level launch: writes the K_SRC/K_DST/K_SIZE registers that changed since the last
    // launch, then K_GO; reads K_STATUS unless read_status is false.
    KernelLaunch kernel_launch(std::uint64_t src, std::uint64_t dst, std::uint64_t size, bool read_status = true) {
        if (src != k_src_) set_kreg(UDMA_KREG_K_SRC, k_src_ = src);
        if (dst != k_dst_) set_kreg(UDMA_KREG_K_DST, k_dst_ = dst);
        if (size != k_size_) set_kreg(UDMA_KREG_K_SIZE, k_size_ = size);
        KernelLaunch r;
        r.go_accept = checked(host_.store(window_.kernel(UDMA_KREG_K_GO), 1), UDMA_KREG_K_GO).accept_cycle;
        if (read_status) {
            r.status = kreg(UDMA_KREG_K_STATUS);
            r.started = (r.status & UDMA_LD_STARTED) != 0 && r.status != UDMA_LD_FAIL;
            r.ticket = r.status & ((std::uint64_t{1} << UDMA_DEF_TICKET_W) - 1);
        }
        return r;
    }

    // Forget the cached K_* values (after a reset).
    void forget_kernel_registers() { k_src_ = k_dst_ = k_size_ = ~std::uint64_t{0}; }

    // ---- waiting ------------------------------------------------------------------------------
    // Ticks until every accepted launch has completed and the memory is idle. The watchdog turns
    // a hang into a WatchdogTimeout naming the channel.
    void wait_idle() {
        for (;;) {
            sim_.settle();
            if (launches_ == completions_.size() && mem_.idle() && !top().obs_mover_busy) return;
            sim_.tick();
        }
    }
    void run(std::uint64_t cycles) { sim_.ticks(cycles); }

    // Synchronous reset of the whole system (the memory model drops its transactions too).
    void reset(unsigned cycles = 4) {
        sim_.reset(cycles);
        launches_ = 0;
        completions_.clear();
        taken_.clear();
        forget_kernel_registers();
        watchdog_.rearm();
    }

    // ---- observation --------------------------------------------------------------------------
    std::uint64_t launches() const { return launches_; }
    std::uint64_t refusals() const { return refusals_; }
    const std::vector<Completion>& completions() const { return completions_; }
    const std::vector<TakenDescriptor>& taken() const { return taken_; }
    std::optional<Completion> completion_of(std::uint64_t ticket) const {
        for (const auto& c : completions_)
            if (c.ticket == ticket) return c;
        return std::nullopt;
    }

private:
    HostResult checked(HostResult r, std::uint64_t off) {
        if (r.resp != AxiResp::Okay)
            throw std::runtime_error(fmt::format("host access to offset 0x{:x} answered {}", off, to_string(r.resp)));
        return r;
    }

    void observe(std::uint64_t cycle) {
        auto& t = sim_.top();
        if (!t.rst_n) return;
        sim_.settle();
        if (t.obs_launch) ++launches_;
        if (t.obs_refuse) ++refusals_;
        if (t.obs_desc_take)
            taken_.push_back({t.obs_desc_ticket, t.obs_desc_src, t.obs_desc_dst, t.obs_desc_size, cycle});
        if (t.obs_cpl_valid)
            completions_.push_back({t.obs_cpl_ticket, static_cast<unsigned>(t.obs_cpl_code), t.obs_cpl_bytes, cycle});
    }

    Sim<Model> sim_;
    AxiMem mem_;
    AxiMemPort<Model> port_;
    AxilHost<Model> host_;
    Watchdog watchdog_;
    WindowGeometry window_{};
    std::uint64_t launches_ = 0, refusals_ = 0;
    std::vector<Completion> completions_;
    std::vector<TakenDescriptor> taken_;
    std::uint64_t k_src_ = ~std::uint64_t{0}, k_dst_ = ~std::uint64_t{0}, k_size_ = ~std::uint64_t{0};
};

}  // namespace udma::tb
