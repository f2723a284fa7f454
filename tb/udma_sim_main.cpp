// udma-sim: run the preemption harness from the command line (docs/harness.md).
//   udma-sim --demo                         the make sim demonstration
//   udma-sim --method rep4 --malicious 2 --attackers fig6 --dmas 1000 --seed 7 --demonstrate
//   udma-sim --schedule tests/schedules/fig6.sched
// Exit status: 0 ok; 1 violations found (or, with --demonstrate, none found) or the run failed;
// 2 bad command line or schedule file (the message names the flag, value or line).
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "config.hpp"
#include "demo.hpp"
#include "harness.hpp"
#include "report.hpp"
#include "schedule.hpp"

namespace {

std::string default_out_dir() {
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) return "sim";
    return (exe.parent_path().parent_path() / "sim").string();
}

void usage() {
    fmt::print(
        "usage: udma-sim [--demo [--out-dir DIR]] [options]\n"
        "  --demo               every method with honest and malicious processes, the Table 1 comparison,\n"
        "                       waveforms and GTKWave save files (make sim)\n"
        "  --out-dir DIR        where --demo writes (default: <build>/sim)\n"
        "  --no-waves           --demo without waveforms\n"
        "options (also accepted as 'config name=value' in a schedule file):\n{}",
        udma::tb::options_help());
}

}  // namespace

int main(int argc, char** argv) {
    using namespace udma::tb;
    Config cfg;
    bool demo = false, waves = true;
    std::string out_dir;
    bool seed_given = false, dmas_given = false;
    try {
        std::vector<std::string> args(argv + 1, argv + argc);
        for (std::size_t i = 0; i < args.size(); ++i) {
            std::string a = args[i];
            if (a == "--help" || a == "-h") {
                usage();
                return 0;
            }
            if (a.rfind("--", 0) != 0) throw BadOption(fmt::format("unexpected argument '{}' (options start with --)", a));
            std::string name = a.substr(2), value;
            bool has_value = false;
            if (const auto eq = name.find('='); eq != std::string::npos) {
                value = name.substr(eq + 1);
                name = name.substr(0, eq);
                has_value = true;
            }
            if (name == "demo") {
                demo = true;
                continue;
            }
            if (name == "no-waves") {
                waves = false;
                continue;
            }
            if (option_is_switch(name)) {
                if (has_value) throw BadOption(fmt::format("--{} takes no value", name));
                set_option(cfg, name, "");
                continue;
            }
            if (!has_value) {
                if (i + 1 >= args.size()) throw BadOption(fmt::format("--{} needs a value", name));
                value = args[++i];
            }
            if (name == "out-dir") {
                out_dir = value;
                continue;
            }
            if (!set_option(cfg, name, value)) throw BadOption(fmt::format("unknown option --{} (see --help)", name));
            if (name == "seed") seed_given = true;
            if (name == "dmas") dmas_given = true;
        }
        if (demo) {
            DemoOptions d;
            d.out_dir = out_dir.empty() ? default_out_dir() : out_dir;
            if (seed_given) d.seed = cfg.seed;
            if (dmas_given) d.dmas = cfg.dmas;
            d.waveforms = waves;
            d.syscall_us = cfg.syscall_us;
            d.progress = cfg.progress;
            return run_demo(d);
        }
        const RunResult r = run_harness(cfg);
        const std::string text = r.config.report == "json" ? report_json(r) : report_md(r);
        if (!r.config.report_file.empty()) {
            std::ofstream f(r.config.report_file);
            if (!f) throw BadOption(fmt::format("--report-file: cannot write '{}'", r.config.report_file));
            f << text;
        } else {
            fmt::print("{}", text);
        }
        if (r.config.demonstrate) {
            fmt::print(stderr, "{}\n", r.violations.empty() ? "demonstration: the expected attack was NOT found"
                                                            : "demonstration: the attack was found");
        }
        return run_ok(r) ? 0 : 1;
    } catch (const BadOption& e) {
        fmt::print(stderr, "udma-sim: {}\n", e.what());
        return 2;
    } catch (const ScheduleError& e) {
        fmt::print(stderr, "udma-sim: schedule {}\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        fmt::print(stderr, "udma-sim: the run failed: {}\n", e.what());
        return 1;
    }
}
