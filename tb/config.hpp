// Run configuration of the preemption harness, and the ONE table of its options: udma-sim's
// command-line flags (--name value) and a schedule file's `config name=value` lines are parsed
// by the same code, so a recorded schedule carries everything needed to replay the run.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "udma/method.hpp"

namespace udma::tb {

enum class Strategy : std::uint8_t {
    Random,    // random shadow traffic on own and public pages (and the own context page)
    Fig5,      // the paper's Figure 5 pattern (repeated passing, 3 accesses)
    Fig6,      // the paper's Figure 6 pattern: load the victim's public source shadow address
    Replay,    // replay window accesses seen from other processes, through own mappings
    Partial,   // the sw library's own sequence on own pages, abandoned after k < n steps
    KeyGuess,  // key#ctx#sel stores with guessed keys for other processes' contexts
    Size,      // size 0, above a page, page-crossing ranges, huge sizes
    Narrow,    // narrow strobes, misaligned and undecoded offsets, unmapped addresses
    Mix,       // each attack unit picks one of the above at random
};
const std::vector<std::pair<Strategy, const char*>>& strategy_names();
const char* to_string(Strategy s);
std::optional<Strategy> parse_strategy(const std::string& s);

// The method a run exercises: a user-level method or KERNEL (every process uses the system call).
std::optional<Method> parse_method(const std::string& s);
std::string method_arg(Method m);  // lower-case name used on the command line

struct Config {
    Method method = Method::Shrimp;
    unsigned honest = 2;
    unsigned malicious = 2;
    std::vector<Strategy> attackers{Strategy::Mix};  // strategy of attacker i = attackers[i % size]
    double preempt = 0.1;          // probability of a switch after an access
    std::uint64_t dmas = 1000;     // DMAs requested by the honest processes, in total
    std::uint64_t seed = 1;
    std::string profile = "turbochannel";
    bool hooks = true;             // SHRIMP ABORT / FLASH CURRENT_PID context-switch hooks
    unsigned key_bits = 56;        // key-based: random key bits (a short key can be guessed)
    unsigned write_buffer = 0;     // host write-buffer entries per process, 0 = none
    bool barriers = true;          // the library's fences (Release/Between) drain the write buffer
    std::string dut = "auto";      // top | initiator | auto (top when this build has Vudma_top)
    double wait = 0.5;             // probability an honest process waits for completion
    unsigned max_size = 512;       // largest transfer an honest process asks for
    unsigned max_attempts = 100000;  // the library's RetryPolicy (paper Figure 7 retries forever)
    std::string trace;             // FST waveform file
    std::string schedule;          // replay this schedule file
    std::string record;            // record the schedule to this file
    std::string report = "md";     // md | json
    std::string report_file;       // write the report here instead of stdout
    bool demonstrate = false;      // the run is expected to show a violation (exit 0 when it does)
    std::uint64_t max_violations = 1;  // stop after this many violations (0 = never stop)
    std::optional<double> syscall_us;  // override the measured system call (pcie profile)
    bool progress = true;          // progress line on a terminal
    unsigned mem_latency = 0;      // memory model latency (cycles)
    std::string fail_dir = ".";    // where a failing run's reproducing schedule is recorded
    // not options: set by udma-sim / tests
    bool quiet = false;
    bool quiet_rerun = false;  // this run is the recording re-run of a failed run
};

struct BadOption : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Set option `name` (without leading dashes) from `value`; throws BadOption naming the problem.
// Returns false when `name` is not an option.
bool set_option(Config& c, const std::string& name, const std::string& value);
// Whether the option takes no value (a switch such as --demonstrate).
bool option_is_switch(const std::string& name);
// The options a schedule's config lines carry (everything that changes what the processes do).
std::vector<std::pair<std::string, std::string>> config_lines(const Config& c);
// One-line description of every option, for --help.
std::string options_help();

}  // namespace udma::tb
