// Fixture of the initiation-engine tests and bench: one verilated udma_initiator (default or
// minimal configuration) with its AXI4-Lite host, a descriptor consumer, completion injection,
// kernel-page helpers and the access sequences of every method, written here from SPEC section 4
// and docs/register-map.md (NOT from sw/, so the tests are an independent oracle of both).
//
// Clock discipline as tb/sim.hpp. A per-cycle hook (run on the settled state before each rising
// edge) counts obs_launch pulses, pops descriptors when the consumer is ready, and applies
// one-shot completion pulses.
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <deque>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "Vudma_initiator.h"
#include "Vudma_initiator_min.h"
#include "Vudma_initiator_odd.h"
#include "axil_host.hpp"
#include "init_model.hpp"
#include "sim.hpp"
#include "udma/udma_regs.h"
#include "udma/window.hpp"

namespace udma::test {

using tb::AxilHost;
using tb::AxiResp;
using tb::HostJitter;
using tb::HostResult;
using tb::Sim;

template <class M> struct ConfigOf;
template <> struct ConfigOf<Vudma_initiator> { static constexpr Config value = kDefaultConfig; };
template <> struct ConfigOf<Vudma_initiator_min> { static constexpr Config value = kMinConfig; };
template <> struct ConfigOf<Vudma_initiator_odd> { static constexpr Config value = kOddConfig; };

inline Resp to_resp(AxiResp r) { return static_cast<Resp>(static_cast<unsigned>(r)); }

// Assign a value to a verilated port of any width.
template <class P, class V>
void put(P& port, V v) {
    port = static_cast<std::remove_reference_t<P>>(v);
}

// ---- access constructors ----------------------------------------------------------------------
inline Access S(std::uint64_t addr, std::uint64_t data, std::string what = {}) {
    return Access{true, addr, data, 0xFF, std::move(what)};
}
inline Access L(std::uint64_t addr, std::string what = {}) { return Access{false, addr, 0, 0xFF, std::move(what)}; }

// key#ctx#sel store data (regmap key_store fields)
inline std::uint64_t key_data(std::uint64_t key, unsigned ctx, unsigned sel) {
    return ((key & ((std::uint64_t{1} << UDMA_KS_KEY_W) - 1)) << UDMA_KS_KEY_LSB) |
           (std::uint64_t{ctx & 0x3Fu} << UDMA_KS_CTX_LSB) | (std::uint64_t{sel & 3u} << UDMA_KS_SEL_LSB);
}

inline const char* method_name(unsigned m) {
    switch (m) {
        case UDMA_M_NONE: return "NONE";
        case UDMA_M_SHRIMP: return "SHRIMP";
        case UDMA_M_FLASH: return "FLASH";
        case UDMA_M_PAL: return "PAL";
        case UDMA_M_KEY: return "KEY";
        case UDMA_M_EXT: return "EXT";
        case UDMA_M_REP3: return "REP3";
        case UDMA_M_REP4: return "REP4";
        case UDMA_M_REP5: return "REP5";
        case UDMA_M_KERNEL: return "KERNEL";
    }
    return "?";
}

// Address helpers of one configuration (docs/register-map.md "Window").
struct Addr {
    Config cfg;
    std::uint64_t sh(std::uint64_t paddr, unsigned ctx = 0) const {
        return (std::uint64_t{1} << (cfg.host_aw() - 1)) | (std::uint64_t{ctx} << cfg.pa_bits) | (paddr & cfg.pa_mask());
    }
    std::uint64_t page(std::uint64_t index) const { return index << cfg.page_bits; }
    std::uint64_t k(std::uint64_t off) const { return page(UDMA_PAGE_KERNEL) + off; }
    std::uint64_t s(std::uint64_t off) const { return page(UDMA_PAGE_STATUS) + off; }
    std::uint64_t c(unsigned ctx, std::uint64_t off = UDMA_CREG_C_CTRL) const {
        return page(UDMA_PAGE_CTX0 + ctx) + off;
    }
};

// The user-level / kernel sequences of SPEC section 4, as data.
struct Transfer {
    std::uint64_t src = 0, dst = 0, size = 0;
    unsigned ctx = 0;         // EXT ctx id / KEY context
    std::uint64_t key = 0;    // KEY
};

inline std::vector<Access> sequence(const Addr& a, unsigned method, const Transfer& t) {
    switch (method) {
        case UDMA_M_SHRIMP:
        case UDMA_M_FLASH:
        case UDMA_M_PAL:
            return {S(a.sh(t.dst), t.size, "S(sh(dst),size)"), L(a.sh(t.src), "L(sh(src))")};
        case UDMA_M_EXT:
            return {S(a.sh(t.dst, t.ctx), t.size, "S(sh_c(dst),size)"), L(a.sh(t.src, t.ctx), "L(sh_c(src))")};
        case UDMA_M_KEY:
            return {S(a.sh(t.dst), key_data(t.key, t.ctx, UDMA_KSEL_DST), "S(sh(dst),key#ctx#DST)"),
                    S(a.sh(t.src), key_data(t.key, t.ctx, UDMA_KSEL_SRC), "S(sh(src),key#ctx#SRC)"),
                    S(a.c(t.ctx), t.size, "S(ctx_page,size)"), L(a.c(t.ctx), "L(ctx_page)")};
        case UDMA_M_REP3:
            return {L(a.sh(t.src), "L(sh(src))"), S(a.sh(t.dst), t.size, "S(sh(dst),size)"), L(a.sh(t.src), "L(sh(src))")};
        case UDMA_M_REP4:
            return {S(a.sh(t.dst), t.size, "S(sh(dst),size)"), L(a.sh(t.src), "L(sh(src))"),
                    S(a.sh(t.dst), t.size, "S(sh(dst),size)"), L(a.sh(t.src), "L(sh(src))")};
        case UDMA_M_REP5:
            return {S(a.sh(t.dst), t.size, "S(sh(dst),n)"), L(a.sh(t.src), "L(sh(src))"),
                    S(a.sh(t.dst), t.size, "S(sh(dst),n)"), L(a.sh(t.src), "L(sh(src))"), L(a.sh(t.dst), "L(sh(dst))")};
        case UDMA_M_KERNEL:
            return {S(a.k(UDMA_KREG_K_SRC), t.src, "K_SRC"), S(a.k(UDMA_KREG_K_DST), t.dst, "K_DST"),
                    S(a.k(UDMA_KREG_K_SIZE), t.size, "K_SIZE"), S(a.k(UDMA_KREG_K_GO), 1, "K_GO"),
                    L(a.k(UDMA_KREG_K_STATUS), "K_STATUS")};
        default: return {};
    }
}

// Index of the access whose answer tells the issuer the outcome (the launching access; for the
// kernel path the K_STATUS read).
inline std::size_t launching_step(unsigned method) {
    switch (method) {
        case UDMA_M_KEY: return 3;
        case UDMA_M_REP3: return 2;
        case UDMA_M_REP4: return 3;
        case UDMA_M_REP5: return 4;
        case UDMA_M_KERNEL: return 3;  // K_GO launches; K_STATUS (4) reports
        default: return 1;
    }
}

inline const std::vector<unsigned>& all_methods() {
    static const std::vector<unsigned> m{UDMA_M_SHRIMP, UDMA_M_FLASH, UDMA_M_PAL,  UDMA_M_KEY,   UDMA_M_EXT,
                                         UDMA_M_REP3,   UDMA_M_REP4,  UDMA_M_REP5, UDMA_M_KERNEL};
    return m;
}

// The transfer the tests' legitimate process (the victim) starts: A -> B, n bytes.
inline Transfer victim_transfer(const Config& cfg, unsigned method) {
    Transfer t{0x1000'0010, 0x2000'1008, 100, 0, 0x00AB'CDEF'0123'4567};
    if (method == UDMA_M_KEY) t.ctx = cfg.n_ctx > 2 ? 2 : cfg.n_ctx - 1;
    if (method == UDMA_M_EXT) t.ctx = cfg.n_ctx - 1;
    return t;
}
// CURRENT_PID of the victim and of another process (within PID_W bits)
inline constexpr unsigned victim_pid(const Config& c) { return 0x1234u & ((1u << c.pid_w) - 1u); }
inline constexpr unsigned foreign_pid(const Config& c) { return 0x0777u & ((1u << c.pid_w) - 1u); }

// The documented answers of an accepted sequence (design.md section 3): stores answer 0,
// intermediate loads ONTRACK, the launching load STARTED|ticket (KEY: STARTED|size).
inline std::vector<std::uint64_t> accepted_answers(unsigned method, const Transfer& t, std::uint64_t ticket) {
    const std::uint64_t st = UDMA_LD_STARTED | ticket;
    switch (method) {
        case UDMA_M_KEY: return {0, 0, 0, UDMA_LD_STARTED | t.size};
        case UDMA_M_REP3: return {UDMA_LD_ONTRACK, 0, st};
        case UDMA_M_REP4: return {0, UDMA_LD_ONTRACK, 0, st};
        case UDMA_M_REP5: return {0, UDMA_LD_ONTRACK, 0, UDMA_LD_ONTRACK, st};
        case UDMA_M_KERNEL: return {0, 0, 0, 0, st};
        default: return {0, st};
    }
}
// The descriptor an accepted sequence launches (design.md section 5: issuer = context id for
// KEY and EXT, CURRENT_PID for FLASH, 0 otherwise).
inline Desc accepted_desc(const Config& cfg, unsigned method, const Transfer& t, std::uint64_t ticket) {
    unsigned issuer = 0;
    if (method == UDMA_M_KEY || method == UDMA_M_EXT) issuer = t.ctx;
    if (method == UDMA_M_FLASH) issuer = victim_pid(cfg);
    return Desc{t.src, t.dst, t.size, method, issuer, ticket};
}

// ---- the device under test ----------------------------------------------------------------------
template <class Model>
class Dut {
public:
    static constexpr Config kCfg = ConfigOf<Model>::value;

    explicit Dut(std::uint64_t seed = 1, HostJitter jitter = {})
        : a{kCfg}, ref(kCfg), sim_(seed), host_(sim_, jitter) {
        auto& t = sim_.top();
        t.desc_ready = 0;
        t.cpl_valid = 0;
        t.cpl_ticket = 0;
        t.cpl_code = 0;
        t.cpl_bytes = 0;
        t.prog_active = 0;
        t.prog_ticket = 0;
        t.prog_remaining = 0;
        sim_.add_hook([this](std::uint64_t c) { on_cycle(c); });
        sim_.reset();
    }

    Sim<Model>& sim() { return sim_; }
    Model& top() { return sim_.top(); }
    AxilHost<Model>& host() { return host_; }

    // Reset the RTL (rst_n low `cycles` cycles) and the reference model; forget observations.
    void reset(unsigned cycles = 4) {
        sim_.reset(cycles);
        ref.reset();
        ref.auto_drain = auto_drain_;
        popped_.clear();
        expected_.clear();
        launches_ = 0;
        refusals_.fill(0);
    }

    // ---- raw accesses (no model) ----
    HostResult store(std::uint64_t addr, std::uint64_t data, std::uint8_t strb = 0xFF) {
        return host_.store(addr, data, strb);
    }
    HostResult load(std::uint64_t addr) { return host_.load(addr); }
    HostResult run(const Access& x) { return x.store ? host_.store(x.addr, x.data, x.strb) : host_.load(x.addr); }

    // ---- accesses checked against the reference model ----
    // Runs `x` on the RTL and the model; returns a mismatch description or nothing.
    struct Checked {
        HostResult rtl;
        Answer exp;
        std::optional<std::string> mismatch;
    };
    Checked step(const Access& x) {
        Checked c;
        const std::uint64_t before = launches_;
        c.rtl = run(x);
        c.exp = ref.access(x);
        const bool launched = launches_ != before;
        if (to_resp(c.rtl.resp) != c.exp.resp || c.rtl.data != c.exp.data || launched != c.exp.launch.has_value()) {
            c.mismatch = fmt::format("{} {:#x} data {:#x}: RTL {} {:#x}{} / expected {} {:#x}{}", x.store ? "store" : "load",
                                     x.addr, x.data, tb::to_string(c.rtl.resp), c.rtl.data, launched ? " LAUNCH" : "",
                                     resp_name(c.exp.resp), c.exp.data, c.exp.launch ? " LAUNCH" : "");
        }
        if (c.exp.launch) expected_.push_back(*c.exp.launch);
        return c;
    }

    // ---- descriptor port ----
    // Pop every queued descriptor (desc_ready high until desc_valid falls) and return every
    // descriptor popped since the last call. Tells the model the queue is empty.
    std::vector<Desc> descriptors() {
        drain_ = true;
        for (unsigned i = 0; i < kCfg.queue_depth + 2; ++i) {
            sim_.settle();
            if (!top().desc_valid) break;
            sim_.tick();
        }
        drain_ = auto_drain_;
        sim_.settle();
        ref.drained();
        std::vector<Desc> out(popped_.begin(), popped_.end());
        popped_.clear();
        return out;
    }
    // Pop at most n descriptors (desc_ready high for n cycles while valid); returns them. Tells
    // the model how many left the queue.
    std::vector<Desc> pop(unsigned n) {
        const std::size_t before = popped_.size();
        drain_ = true;
        for (unsigned i = 0; i < n; ++i) {
            sim_.settle();
            if (!top().desc_valid) break;
            sim_.tick();
        }
        drain_ = auto_drain_;
        sim_.settle();
        std::vector<Desc> out(popped_.begin() + static_cast<std::ptrdiff_t>(before), popped_.end());
        popped_.resize(before);
        ref.popped(static_cast<unsigned>(out.size()));
        return out;
    }
    // Descriptors the model predicted since the last call.
    std::vector<Desc> expected_descriptors() {
        std::vector<Desc> out(expected_.begin(), expected_.end());
        expected_.clear();
        return out;
    }
    void set_auto_drain(bool on) {
        auto_drain_ = on;
        drain_ = on;
        ref.auto_drain = on;
    }
    std::uint64_t launch_count() const { return launches_; }
    const std::vector<std::uint64_t>& launch_cycles() const { return launch_cycles_; }
    Desc head() {
        sim_.settle();
        return read_desc();
    }
    bool desc_valid() {
        sim_.settle();
        return top().desc_valid != 0;
    }

    // ---- completion and progress (the mover's side) ----
    void complete(std::uint64_t ticket, unsigned code = UDMA_BUS_OKAY, std::uint64_t bytes = 0) {
        auto& t = top();
        t.cpl_valid = 1;
        put(t.cpl_ticket, ticket);
        put(t.cpl_code, code);
        put(t.cpl_bytes, bytes);
        sim_.tick();
        t.cpl_valid = 0;
        sim_.settle();
        ref.complete(ticket, code, bytes);
    }
    // Arm a completion pulse in the deciding cycle of the next accepted host access, i.e. at the
    // clock edge where that access changes the engine's state (the cycle after acceptance).
    void complete_with_next_access(std::uint64_t ticket, unsigned code = UDMA_BUS_OKAY, std::uint64_t bytes = 0) {
        armed_cpl_ = Cpl{ticket, code, bytes};
    }
    void progress(bool active, std::uint64_t ticket = 0, std::uint64_t remaining = 0) {
        auto& t = top();
        t.prog_active = active;
        put(t.prog_ticket, ticket);
        put(t.prog_remaining, remaining);
        sim_.settle();
        ref.set_prog({active, ticket, remaining});
    }

    // ---- kernel page (raw, throwing on an error response) ----
    std::uint64_t kread(std::uint64_t off) { return ok(load(a.k(off)), "kernel read", off).data; }
    void kwrite(std::uint64_t off, std::uint64_t v) { ok(store(a.k(off), v), "kernel write", off); }
    std::uint64_t sread(std::uint64_t off) { return ok(load(a.s(off)), "status read", off).data; }

    // kernel-page set-up, applied to the RTL and the model
    void kset(std::uint64_t off, std::uint64_t v) {
        auto c = step(S(a.k(off), v));
        if (c.mismatch) throw std::runtime_error("kernel set-up: " + *c.mismatch);
    }
    void select(unsigned method) { kset(UDMA_KREG_METHOD, method); }
    void set_pid(unsigned pid) { kset(UDMA_KREG_CURRENT_PID, pid); }
    void set_key(unsigned ctx, std::uint64_t key) { kset(UDMA_KREG_CTX_KEY + 8u * ctx, key); }
    void abort_hook() { kset(UDMA_KREG_ABORT, 1); }

    std::array<std::uint64_t, kNumCnt> counters() {
        std::array<std::uint64_t, kNumCnt> c{};
        for (unsigned i = 0; i < kNumCnt; ++i) c[i] = kread(kCntOffset[i]);
        return c;
    }
    // Compare every counter, LAST_CAUSE, tickets and IRQ_STATUS with the model.
    std::optional<std::string> compare_state() {
        std::string diff;
        const Access reads[] = {L(a.k(UDMA_KREG_LAST_CAUSE)),   L(a.k(UDMA_KREG_K_STATUS)),
                                L(a.k(UDMA_KREG_IRQ_STATUS)),   L(a.k(UDMA_KREG_METHOD)),
                                L(a.s(UDMA_SREG_S_TICKET_NEXT)), L(a.s(UDMA_SREG_S_TICKET_DONE)),
                                L(a.s(UDMA_SREG_S_QUEUE))};
        for (const auto& r : reads) {
            auto c = step(r);
            if (c.mismatch) diff += fmt::format("[{:#x}] {}\n", r.addr, *c.mismatch);
        }
        for (unsigned i = 0; i < kNumCnt; ++i) {
            auto c = step(L(a.k(kCntOffset[i])));
            if (c.mismatch) diff += fmt::format("{}: {}\n", kCntName[i], *c.mismatch);
        }
        // the observation port pulses once per launch and once per counted refusal, with its cause
        static constexpr std::array<Cnt, 7> by_cause{kNumCnt, kSize0, kCross, kFull, kSeq, kBadCtx, kDisabled};
        const std::uint64_t mask = kCfg.cnt_w >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << kCfg.cnt_w) - 1;
        if ((launches_ & mask) != ref.counter(kLaunch))
            diff += fmt::format("obs_launch pulses {} / CNT_LAUNCH {}\n", launches_, ref.counter(kLaunch));
        for (unsigned cause = 1; cause < 7; ++cause) {
            if ((refusals_[cause] & mask) != ref.counter(by_cause[cause]))
                diff += fmt::format("obs_refuse pulses with cause {}: {} / counter {}\n", cause, refusals_[cause],
                                    ref.counter(by_cause[cause]));
        }
        if (refusals_[0] != 0 || refusals_[7] != 0) diff += "obs_refuse pulsed with cause NONE or 7\n";
        if (diff.empty()) return std::nullopt;
        return diff;
    }

    // Every readable register of every page (kernel, status, context pages) in offset order.
    std::vector<std::pair<std::uint64_t, HostResult>> read_all_pages() {
        std::vector<std::pair<std::uint64_t, HostResult>> out;
        for (unsigned p = 0; p < 2 + kCfg.n_ctx; ++p) {
            for (std::uint64_t off = 0; off < kCfg.page(); off += 8) {
                const std::uint64_t addr = a.page(p) + off;
                out.emplace_back(addr, load(addr));
            }
        }
        return out;
    }

    const Addr a;
    RefEngine ref;

private:
    struct Cpl {
        std::uint64_t ticket;
        unsigned code;
        std::uint64_t bytes;
    };

    static HostResult ok(HostResult r, const char* what, std::uint64_t off) {
        if (r.resp != AxiResp::Okay)
            throw std::runtime_error(fmt::format("{} {:#x}: {}", what, off, tb::to_string(r.resp)));
        return r;
    }

    Desc read_desc() {
        auto& t = top();
        return Desc{t.desc_src, t.desc_dst, t.desc_size, t.desc_method, t.desc_issuer, t.desc_ticket};
    }

    void on_cycle(std::uint64_t cycle) {
        auto& t = top();
        if (cpl_clear_) {
            t.cpl_valid = 0;
            cpl_clear_ = false;
        }
        sim_.settle();
        if (cpl_next_cycle_) {
            cpl_next_cycle_ = false;
            t.cpl_valid = 1;
            put(t.cpl_ticket, armed_cpl_->ticket);
            put(t.cpl_code, armed_cpl_->code);
            put(t.cpl_bytes, armed_cpl_->bytes);
            ref.complete(armed_cpl_->ticket, armed_cpl_->code, armed_cpl_->bytes);  // applied before the access
            armed_cpl_.reset();
            cpl_clear_ = true;
            sim_.settle();
        } else if (armed_cpl_ && ((t.s_axil_awvalid && t.s_axil_awready) || (t.s_axil_arvalid && t.s_axil_arready))) {
            cpl_next_cycle_ = true;  // accepted now, decided at the next edge
        }
        // registers are random until the first reset edge (--x-initial unique): observe only out of reset
        if (!t.rst_n) return;
        if (t.obs_launch) {
            ++launches_;
            launch_cycles_.push_back(cycle);
        }
        if (t.obs_refuse) ++refusals_[t.obs_cause & 7u];
        t.desc_ready = drain_ ? 1 : 0;
        if (t.desc_valid && t.desc_ready) popped_.push_back(read_desc());
    }

    Sim<Model> sim_;
    AxilHost<Model> host_;
    std::deque<Desc> popped_;
    std::deque<Desc> expected_;
    std::vector<std::uint64_t> launch_cycles_;
    std::uint64_t launches_ = 0;
    std::array<std::uint64_t, 8> refusals_{};  // obs_refuse pulses by obs_cause since reset
    bool drain_ = false;
    bool auto_drain_ = false;
    std::optional<Cpl> armed_cpl_;
    bool cpl_clear_ = false;
    bool cpl_next_cycle_ = false;
};

// Kernel set-up a method needs before its sequence: METHOD, CURRENT_PID (FLASH), CTX_KEY (KEY).
template <class D>
void prepare(D& d, unsigned method, const Transfer& t) {
    if (method != UDMA_M_KERNEL) d.select(method);
    if (method == UDMA_M_FLASH) d.set_pid(victim_pid(d.kCfg));
    if (method == UDMA_M_KEY) d.set_key(t.ctx, t.key);
}

using DutDefault = Dut<Vudma_initiator>;
using DutMin = Dut<Vudma_initiator_min>;
using DutOdd = Dut<Vudma_initiator_odd>;

// Run a list of accesses against RTL and model; returns every mismatch (empty: all agreed).
template <class D>
std::string run_checked(D& dut, const std::vector<Access>& seq, std::vector<typename D::Checked>* out = nullptr) {
    std::string diff;
    for (std::size_t i = 0; i < seq.size(); ++i) {
        auto c = dut.step(seq[i]);
        if (c.mismatch) diff += fmt::format("  access {} {}: {}\n", i, seq[i].what, *c.mismatch);
        if (out) out->push_back(c);
    }
    return diff;
}

inline std::string describe(const std::vector<Access>& seq) {
    std::string s;
    for (const auto& x : seq)
        s += fmt::format("  {} {:#x}{} {}\n", x.store ? "S" : "L", x.addr, x.store ? fmt::format(" <- {:#x}", x.data) : "",
                         x.what);
    return s;
}

inline std::string describe(const std::vector<Desc>& ds) {
    std::string s;
    for (const auto& d : ds) s += "  " + to_string(d) + "\n";
    return s.empty() ? "  (none)\n" : s;
}

}  // namespace udma::test

// In a Catch2 test: compare counters, LAST_CAUSE, tickets, queue and IRQ_STATUS with the model.
#if defined(CATCH_VERSION_MAJOR)
#define CHECK_MODEL_STATE(dut)                                  \
    do {                                                        \
        const auto udma_state_diff_ = (dut).compare_state();    \
        if (udma_state_diff_) FAIL_CHECK(*udma_state_diff_);    \
        else SUCCEED("state agrees with the reference model");  \
    } while (0)
#endif
