// The preemption harness (docs/harness.md): honest processes running the sw library's cursors and
// malicious processes issuing raw accesses, each with its own page table, as C++20 coroutines on
// one thread; a seeded scheduler that may switch processes after any access (or follows a
// schedule file); an OS model (udma::os::Driver: contexts, keys, mappings, context-switch hooks,
// the kernel-level path); a host write-buffer model; and the oracle watching every transfer.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "config.hpp"
#include "oracle.hpp"
#include "profiles.hpp"

namespace udma::tb {

struct StrategyStats {
    std::uint64_t tried = 0;
    std::uint64_t succeeded = 0;
};

struct ProcReport {
    int id = 0;
    std::string name;
    bool honest = false;
    std::string role;  // "honest (user-level KEY, ctx 0)", "malicious (mix)", ...
    std::uint64_t steps = 0, bus_accesses = 0, loads = 0, stores = 0, page_faults = 0, bus_errors = 0;
    std::uint64_t dmas_requested = 0, dmas_started = 0, dmas_refused = 0, retries = 0, completions_seen = 0;
    std::uint64_t attacks_tried = 0, attacks_succeeded = 0;
};

struct InitiationCost {
    std::uint64_t calls = 0;       // initiations that started
    std::uint64_t accesses = 0;    // window accesses (user level) or kernel-page accesses (kernel path)
    std::uint64_t loads = 0;
    std::uint64_t bus_cycles = 0;  // host-port cycles of those accesses
    double time_us = 0;            // under the run's profile (incl. the system call)
    double time_pcie_us = 0;       // under the pcie profile
    double time_tc_us = 0;         // under the turbochannel profile
};

struct RunResult {
    Config config;
    std::string dut;
    BusProfile profile;
    std::uint64_t steps = 0, bus_accesses = 0, cycles = 0, context_switches = 0;
    double sim_time_us = 0;
    double wall_s = 0;
    std::uint64_t dmas_requested = 0, dmas_started = 0, dmas_refused = 0, retries = 0, dmas_completed = 0;
    std::uint64_t wbuf_merged = 0, wbuf_forwarded = 0;
    InitiationCost cost;  // per started initiation of the honest processes
    std::map<std::string, StrategyStats> attacks;
    std::uint64_t attacks_tried = 0, attacks_succeeded = 0;
    OracleStats oracle;
    std::vector<Violation> violations;
    std::vector<ProcReport> procs;
    std::string schedule_recorded;  // path of the recorded schedule, if any
    std::string stop_reason;        // why the run ended early ("" = it ran to the end)
    bool completed = false;         // every honest process finished its DMAs
};

// Run one configuration. Throws BadOption / ScheduleError for bad input (exit 2 in udma-sim).
RunResult run_harness(const Config& cfg);

// Whether a run's outcome is what it asked for: no violation, or (demonstrate) at least one.
bool run_ok(const RunResult& r);

}  // namespace udma::tb
