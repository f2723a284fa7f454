// Schedule files: a run's interleaving as text, one event a line (docs/harness.md "Schedule
// files" has the grammar). A random run can record its schedule; replaying the file reproduces
// the run exactly; hand-written files (the paper's Figures 5, 6, 8) and formal counterexamples
// use the same format.
//
//   udma-schedule 1
//   config method=rep4 honest=1 malicious=1 dmas=1 seed=1
//   dma P0 src=src0+0x40 dst=dst0 size=64      # P0's next library request
//   P0 step                                    # P0 performs its next library access
//   P0 step store sh(dst0) 0x40                #   ... and the harness checks it is this one
//   P1 load sh(pub0+0x40)                      # a raw access by P1 (an attacker)
//   P1 store sh(own0) 0x40 strb=0x0f
//   P1 load win:0x400001040                    # a raw window offset, no page table
//   switch P0                                  # context switch (the OS hooks run)
//   P1 attack fig6                             # P1 starts an attack unit (counted in the report)
#pragma once

#include <cstdint>
#include <fstream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "proc_task.hpp"

namespace udma::tb {

struct ScheduleError : std::runtime_error {
    ScheduleError(const std::string& file, int line, const std::string& msg);
};

struct ScheduleLine {
    enum class Type : std::uint8_t { Step, Raw, Switch, Dma, Attack };
    Type type = Type::Step;
    int line = 0;
    int proc = 0;
    // Raw access, or the expectation of a Step (has_expect)
    bool has_expect = false;
    bool syscall = false;
    AccessKind op = AccessKind::Load;
    AddrSpace space = AddrSpace::Virtual;
    std::uint64_t addr = 0;
    std::uint64_t data = 0;
    std::uint8_t strb = 0xFF;
    // Dma
    std::uint64_t src = 0, dst = 0, size = 0;
    // Attack: the strategy name of the attack unit that starts here (reporting only)
    std::string strategy;
};

struct Schedule {
    std::string path;
    std::vector<std::pair<std::string, std::string>> config;  // name=value, in order
    std::vector<std::pair<int, int>> config_line_numbers;
    std::vector<ScheduleLine> lines;
};

// Parse a schedule file; throws ScheduleError naming the file, line and problem.
Schedule parse_schedule(const std::string& path);
Schedule parse_schedule_text(const std::string& text, const std::string& name);
// An address operand: 0xHEX or decimal (virtual), win:0xHEX (window offset), or symbolic
// region[N][+off] (src dst pub own status ctx), optionally inside sh(...).
std::optional<std::pair<AddrSpace, std::uint64_t>> parse_address(const std::string& s);

class ScheduleWriter {
public:
    explicit ScheduleWriter(const std::string& path);
    bool ok() const { return static_cast<bool>(out_); }
    void header(const std::vector<std::pair<std::string, std::string>>& config);
    void dma(int proc, std::uint64_t src, std::uint64_t dst, std::uint64_t size);
    void step(int proc, const Step& s);
    void raw(int proc, const Step& s);
    void switch_to(int proc);
    void attack(int proc, const std::string& strategy);
    void comment(const std::string& text);
    void close();

private:
    std::ofstream out_;
};

}  // namespace udma::tb
