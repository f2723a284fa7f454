// Oracle: checks SPEC section 3 on everything the RTL does (docs/harness.md "Oracle").
//   S1  every launched transfer is exactly the complete request of a process holding the rights
//       (honest processes: an open attempt of the sw library for exactly (src, dst, size);
//       raw-access processes: read (key-based: write) on the source page and write on the
//       destination page); descriptor method/issuer match the requester.
//   S2  every load a library process sees: "started" only for a transfer started on its behalf,
//       with its arguments and ticket; "failed" only if none was; completion status (ticket
//       counters, result slots, context-page bytes) never claims more than happened.
//   S3  launch: 1 <= size <= page, neither range crosses its page; every AXI write beat lies in
//       [dst, dst+size) of the transfer it belongs to and writes the reference bytes; reads stay
//       inside the source's bus-aligned range.
//   S4  no load answers a key; CNT_KEY_FAIL equals the wrong-key stores the oracle counted.
//   and: final memory image byte for byte against the reference model (legitimate transfers
//   only), engine counters, and "an access answered with an AXI error changes nothing".
// Launch decisions are observed in the accepting cycle (obs_launch); descriptors reach the mover
// later, in ticket order, and are resolved then (the check may lag the launch by a few cycles).
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "dut.hpp"
#include "proc_task.hpp"
#include "udma/method.hpp"
#include "udma/window.hpp"
#include "vm.hpp"

namespace udma::tb {

enum class Prop : std::uint8_t { S1, S2, S3, S4, Memory, Counter, Protocol };
const char* to_string(Prop p);

struct Violation {
    Prop prop = Prop::S1;
    std::uint64_t cycle = 0;       // cycle of the event that showed it
    std::uint64_t access = 0;      // index of the bus access (1-based) involved
    std::string what;
    std::vector<int> procs;        // process ids involved (-1 = kernel)
};

struct OracleProc {
    int id = 0;
    std::string name;
    bool honest = false;             // runs the sw library (its loads are S2-checked)
    const AddressSpace* as = nullptr;
    int ctx = -1;                    // register context / shadow ctx id, -1 none
    std::uint16_t pid = 0;           // FLASH CURRENT_PID
};

struct OracleConfig {
    Method method = Method::Shrimp;
    WindowGeometry geom{};
    unsigned ticket_bits = 32;
    unsigned key_bits = 56;
    bool flash_hook = true;
    bool keep_going = false;  // continue after a violation (counts them; the reference follows the DUT)
};

struct OracleStats {
    std::uint64_t launches = 0, refusals = 0, completions = 0;
    std::uint64_t honest_launches = 0, kernel_launches = 0, attacker_transfers = 0, hijacked = 0;
    std::uint64_t unauthorized = 0, key_fail_stores = 0, error_responses = 0, write_beats = 0;
    std::uint64_t bytes_written = 0;
    std::uint64_t honest_completed = 0;  // completed transfers requested by library processes
    std::uint64_t ctx_zero_before_completion = 0;  // context page said 0 with write responses pending
};

class Oracle final : public DutObserver {
public:
    using MemInit = udma::tb::MemInit;
    Oracle(const OracleConfig& cfg, MemInit init);

    void add_process(const OracleProc& p);
    void set_key(unsigned ctx, std::uint64_t key);
    void register_page(std::uint64_t paddr);  // a page the final image check compares

    // ---- process side ----------------------------------------------------------------------------
    // An honest process begins attempt of (src, dst, size) in physical addresses.
    void begin_attempt(int pid, std::uint64_t src, std::uint64_t dst, std::uint64_t size, bool kernel);
    // The library read the answer of its load at access `access` as a launch (ticket or size).
    void told_started(int pid, std::uint64_t access, std::uint64_t answer);
    // The library read the answer of a load as "failed" (the attempt ends).
    void told_failed(int pid, std::uint64_t access);
    // Every bus access (pid -1: the kernel) is announced before it is issued...
    void begin_access(int pid, std::uint64_t access, const Step& step) {
        cur_pid_ = pid;
        cur_access_ = access;
        cur_syscall_ = step.kind == StepKind::Syscall || pid < 0;
    }
    // ... and reported after it completed. `role`/`addr_is_shadow` describe it.
    void access_done(int pid, std::uint64_t access, const Step& step, std::uint64_t window_addr,
                     const AccessOutcome& out);

    // ---- DutObserver -----------------------------------------------------------------------------
    void on_launch(std::uint64_t cycle) override;
    void on_descriptor(const Descriptor& d, std::uint64_t cycle) override;
    void on_write_beat(std::uint64_t addr, std::uint64_t data, std::uint8_t strb, std::uint64_t cycle) override;
    void on_read_burst(std::uint64_t addr, std::uint64_t bytes, std::uint64_t cycle) override;
    void on_complete(std::uint32_t ticket, std::uint8_t code, std::uint32_t bytes, std::uint64_t cycle) override;

    // ---- end of run --------------------------------------------------------------------------------
    void check_counters(std::uint64_t cnt_launch, std::uint64_t cnt_key_fail, std::uint64_t cnt_done, std::uint64_t cycle);
    void check_memory(const std::function<std::uint8_t(std::uint64_t)>& dut_byte, std::uint64_t cycle);
    std::uint64_t pending_launches() const { return launches_.size(); }

    bool stop() const { return !cfg_.keep_going && !violations_.empty(); }
    const std::vector<Violation>& violations() const { return violations_; }
    const OracleStats& stats() const { return stats_; }
    // Called on every new violation (the harness uses it to attribute attacks).
    std::function<void(const Violation&)> on_violation;

private:
    struct Attempt {
        std::uint64_t id = 0;
        int pid = 0;
        std::uint64_t src = 0, dst = 0, size = 0;
        std::uint64_t opened = 0;           // access index when it began
        std::uint64_t closed = UINT64_MAX;  // access index of the load that ended it
        bool failed = false;                // ended by a "failed" answer
        bool kernel = false;
        std::optional<std::uint32_t> consumed_by;  // ticket of the launch attributed to it
        int consumed_pid = -1;                     // whose access launched it
        std::uint64_t consumed_access = 0;
    };
    struct LaunchRec {
        std::uint32_t ticket = 0;
        std::uint64_t access = 0;
        std::uint64_t cycle = 0;
        int pid = -1;                 // process whose access launched (-1 kernel set-up)
        bool kernel_path = false;     // launched by K_GO
        int told_pid = -1;            // a library process told "started" by this access
        std::uint64_t told_attempt = 0;
    };
    struct Resolved {
        std::uint64_t access = 0;
        std::uint32_t ticket = 0;
        bool kernel_path = false;
        std::uint64_t owner_attempt = 0;
        int owner_pid = -1;
    };
    struct Transfer {
        std::uint32_t ticket = 0;
        std::uint64_t src = 0, dst = 0;
        std::uint32_t size = 0;
        std::vector<std::int16_t> expect;  // expected byte values, -1 unknown
        std::vector<bool> written;
        std::uint32_t written_count = 0;
        bool complete = false;
        bool honest_owner = false;
    };
    struct RefPage {
        std::uint8_t bytes[4096];
        bool known[4096];
    };

    void violation(Prop p, std::uint64_t cycle, std::uint64_t access, std::string what, std::vector<int> procs);
    Attempt* current_attempt(int pid);
    Attempt* find_attempt(int pid, std::uint64_t id);
    RefPage& ref_page(std::uint64_t paddr);
    const OracleProc* proc(int pid) const;
    std::string pname(int pid) const;
    std::uint64_t done_before(std::uint64_t cycle) const;
    bool ticket_complete(std::uint32_t t) const;
    bool ticket_written(std::uint32_t t) const;
    void check_load_answer(int pid, std::uint64_t access, const Step& step, std::uint64_t window_addr,
                           const AccessOutcome& out);

    OracleConfig cfg_;
    MemInit init_;
    std::vector<OracleProc> procs_;
    std::unordered_map<int, std::deque<Attempt>> attempts_;
    std::uint64_t next_attempt_id_ = 1;
    std::deque<LaunchRec> launches_;          // launched, descriptor not yet seen
    std::deque<Resolved> resolved_;            // recently resolved launches
    std::unordered_map<int, std::uint64_t> last_access_;
    std::deque<Transfer> transfers_;           // descriptor seen, not yet complete
    std::uint32_t next_ticket_ = 0;            // ticket of the next launch
    std::uint32_t next_cpl_ticket_ = 0;        // ticket of the next completion expected
    std::uint64_t done_count_ = 0;
    std::deque<std::uint64_t> recent_cpl_cycles_;
    std::vector<std::uint64_t> keys_;
    std::vector<bool> key_set_;
    std::vector<std::int64_t> ctx_latest_ticket_;  // key-based: latest launch of each context (-1 refused/none)
    std::unordered_map<std::uint64_t, std::unique_ptr<RefPage>> ref_;
    std::vector<std::uint64_t> pages_;
    std::vector<Violation> violations_;
    OracleStats stats_;
    std::uint64_t last_cycle_ = 0;
    int cur_pid_ = -1;
    std::uint64_t cur_access_ = 0;
    bool cur_syscall_ = false;
};

}  // namespace udma::tb
