// The `make sim` demonstration (udma-sim --demo): every method with honest and malicious
// processes, one table beside the paper's Table 1, a short FST waveform of each method and a
// GTKWave save file for each (docs/harness.md "make sim").
#pragma once

#include <string>
#include <vector>

#include "config.hpp"
#include "harness.hpp"

namespace udma::tb {

struct DemoOptions {
    std::string out_dir = "build/sim";   // waveforms, save files, failing schedules
    std::uint64_t seed = 1;
    std::uint64_t dmas = 10000;          // DMAs per adversarial run
    std::uint64_t calib_dmas = 1000;     // DMAs of the uncontended run (the paper's 1,000)
    bool waveforms = true;
    std::string report = "md";
    std::optional<double> syscall_us;    // pcie profile: skip measuring
    bool progress = true;
};

struct DemoRow {
    std::string label;        // "SHRIMP, no hook"
    Config adversarial;
    bool expect_violation = false;
    std::string paper;        // Table 1 value, or "-"
    std::string paper_note;   // "calibration" / "prediction"
    RunResult calib;
    RunResult attack;
    std::string fst, gtkw;
};

// Runs the demonstration, prints the table; returns the process exit code (0: every secure
// method showed no violation and every broken one was caught).
int run_demo(const DemoOptions& opts);

// A GTKWave save file for `fst` with the host port, the engine's sequence state, the descriptor
// queue and the AXI channels grouped (signal names read from the FST's own hierarchy).
bool write_gtkw(const std::string& fst, const std::string& gtkw);

}  // namespace udma::tb
