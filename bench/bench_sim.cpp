// Simulation speed of the preemption harness (tracing off): host accesses and initiations per
// wall-clock second, per method, with 2 honest + 2 malicious processes and random preemption,
// oracle on. Prints figures; never fails on speed.
#include <fmt/format.h>

#include <chrono>

#include "harness.hpp"

using namespace udma::tb;

int main(int argc, char** argv) {
    std::uint64_t dmas = 100000;
    if (argc > 1) dmas = std::strtoull(argv[1], nullptr, 10);
    fmt::print("udma-sim speed (tracing off, oracle on; {} DMAs per method; 2 honest + 2 malicious, preempt 0.1)\n\n",
               dmas);
    fmt::print("| method | DUT | bus accesses | initiations | cycles | wall s | host accesses/s | initiations/s | cycles/s |\n");
    fmt::print("|---|---|---|---|---|---|---|---|---|\n");
    const udma::Method methods[] = {udma::Method::Kernel, udma::Method::Shrimp, udma::Method::Flash, udma::Method::Pal,
                                    udma::Method::Key,    udma::Method::Ext,    udma::Method::Rep5};
    for (const char* dut : {"top", "initiator"}) {
        if (std::string(dut) == "top" && !have_dut_top()) continue;
        double acc = 0, secs = 0;
        for (udma::Method m : methods) {
            Config c;
            c.method = m;
            c.dmas = dmas;
            c.seed = 1;
            c.dut = dut;
            c.progress = false;
            c.quiet = true;
            c.quiet_rerun = true;
            const auto t0 = std::chrono::steady_clock::now();
            const RunResult r = run_harness(c);
            const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            acc += static_cast<double>(r.bus_accesses);
            secs += s;
            fmt::print("| {} | {} | {} | {} | {} | {:.2f} | {:.2f} M | {:.0f} k | {:.2f} M |\n", udma::name(m), r.dut,
                       r.bus_accesses, r.dmas_started, r.cycles, s, r.bus_accesses / s / 1e6, r.dmas_started / s / 1e3,
                       r.cycles / s / 1e6);
        }
        fmt::print("| all | {} | | | | {:.2f} | {:.2f} M | | |\n", dut, secs, acc / secs / 1e6);
    }
    return 0;
}
