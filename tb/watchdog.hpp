// Watchdog: turns a hang into a failure that names the cycle and the stuck channel.
//
//   Watchdog wd(2000);                                   // cycles without progress allowed
//   wd.watch("R", [&]{ return work_pending; },           // is something waiting on this channel?
//                 [&]{ return beats_so_far; },           // a counter that moves on progress
//                 [&]{ return std::string("detail"); }); // optional: state to print
//   wd.attach(sim);                                      // checks once per clock edge (Sim hook)
//
// A channel is stuck when it has been pending for `limit` consecutive cycles while its progress
// counter did not change; check() then throws WatchdogTimeout:
//   "watchdog: channel R stuck at cycle 12345 (no progress for 2000 cycles): <detail>"
// AxiMem::add_probes() registers its AR/R/AW/W/B channels; tests add their own probes
// (e.g. "completion": transfers launched but not completed).
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "sim.hpp"

namespace udma::tb {

class WatchdogTimeout : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Watchdog {
public:
    using Pending = std::function<bool()>;
    using Progress = std::function<std::uint64_t()>;
    using Detail = std::function<std::string()>;

    explicit Watchdog(std::uint64_t limit_cycles = 5000) : limit_(limit_cycles) {}

    void watch(std::string channel, Pending pending, Progress progress, Detail detail = {}) {
        probes_.push_back(Probe{std::move(channel), std::move(pending), std::move(progress), std::move(detail)});
    }

    void set_limit(std::uint64_t limit_cycles) { limit_ = limit_cycles; }
    std::uint64_t limit() const { return limit_; }

    // Forget progress history (e.g. after a reset).
    void rearm() {
        for (auto& p : probes_) p.stalled = 0;
    }

    void check(std::uint64_t cycle) {
        for (auto& p : probes_) {
            const std::uint64_t now = p.progress();
            if (!p.pending() || now != p.last_progress) {
                p.last_progress = now;
                p.stalled = 0;
                continue;
            }
            if (++p.stalled >= limit_) {
                throw WatchdogTimeout(fmt::format("watchdog: channel {} stuck at cycle {} (no progress for {} cycles){}{}",
                                                  p.channel, cycle, p.stalled, p.detail ? ": " : "",
                                                  p.detail ? p.detail() : std::string()));
            }
        }
    }

    // Check at every clock edge of `sim`. The watchdog must outlive the simulation's last tick.
    template <class Model>
    void attach(Sim<Model>& sim) {
        sim.add_hook([this](std::uint64_t cycle) { check(cycle); });
    }

private:
    struct Probe {
        std::string channel;
        Pending pending;
        Progress progress;
        Detail detail;
        std::uint64_t last_progress = 0;
        std::uint64_t stalled = 0;
    };

    std::uint64_t limit_;
    std::vector<Probe> probes_;
};

}  // namespace udma::tb
