// The paper's interleavings (Figures 5, 6, 7, 8) as directed tests, and bounded-exhaustive
// interleavings of a victim's sequence with a malicious process's accesses for every method.
//
// Processes and permissions (SPEC section 3): the victim moves A -> B (n bytes); A is public
// (the attacker may read it), B is private to the victim. The attacker owns C, D (read/write)
// and F. The attacker's accesses are drawn from an alphabet of shadow accesses it can issue
// (loads of pages it can read, stores to pages it can write) -- it can never name B.
//
// Every run is checked access by access against the reference model (init_model.hpp), which
// also tells which accesses supplied the arguments of every launch. On that:
//   S1 (effective): the accesses naming the destination (and, for KEY, the size / launching
//       load) all come from one process that holds write permission on the destination and
//       read permission on the source (key-based: write);
//   S2: the victim is told STARTED (KEY: its size) only if its own launching access launched
//       exactly (A, B, n) from its own accesses; the victim's transfer is never launched by
//       another process's access (the victim would be told FAIL: paper Figure 6).
#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <set>

#include "init_fixture.hpp"

using namespace udma::test;

namespace {

constexpr std::uint64_t kA = 0x1000'0010;  // victim source (public)
constexpr std::uint64_t kB = 0x2000'1008;  // victim destination (private)
constexpr std::uint64_t kN = 100;
constexpr std::uint64_t kC = 0x5000'0200;  // attacker pages
constexpr std::uint64_t kD = 0x6000'0300;
constexpr std::uint64_t kF = 0x7000'0000;
constexpr std::uint64_t kM = 64;
constexpr std::uint64_t kAttKey = 0x00FE'DCBA'9876'5432ull;
constexpr unsigned kVictim = 0, kAttacker = 1, kKernel = 2;
constexpr unsigned kAttPid = 0x0777;

std::uint64_t page_of(std::uint64_t pa) { return pa >> 12; }

Access as_foreign_copy(Access x) {
    x.foreign = true;
    return x;
}

struct Perms {
    std::set<std::uint64_t> read, write;  // page numbers
};
const Perms& perms(unsigned owner) {
    static const Perms victim{{page_of(kA), page_of(kB)}, {page_of(kA), page_of(kB)}};
    static const Perms attacker{{page_of(kA), page_of(kC), page_of(kD), page_of(kF)},
                                {page_of(kC), page_of(kD), page_of(kF)}};
    static const Perms none{};
    return owner == kVictim ? victim : owner == kAttacker ? attacker : none;
}

enum class Hook { None, Abort, Pid };

struct Scenario {
    unsigned method;
    Transfer victim;
    std::vector<Access> alphabet;  // attacker accesses
    Hook hook = Hook::None;        // the kernel's context-switch hook, run at every switch
    bool victim_atomic = false;    // PAL: the victim's pair is one uninterruptible call
};

struct Stats {
    std::uint64_t runs = 0, s1 = 0, s2 = 0, mixed = 0, victim_started = 0, attacker_launches = 0;
    std::uint64_t quiet_runs = 0, quiet_started = 0;  // runs with no attacker access inside the victim's span
    std::uint64_t victim_ontrack_at_launch = 0;       // victim's launching load answered ONTRACK
    std::string first_violation, model_diff;
};

struct Event {
    unsigned owner;
    Access x;
};

bool told_started(unsigned method, std::uint64_t answer, const Transfer& t) {
    if (method == UDMA_M_KEY) return answer == (UDMA_LD_STARTED | t.size);
    return (answer >> 62) == 1;  // STARTED | ticket (FAIL has bits 63:62 = 11)
}

template <class D>
void prepare_scenario(D& d, const Scenario& s) {
    d.reset();
    d.select(s.method);
    if (s.method == UDMA_M_KEY) {
        d.set_key(s.victim.ctx, s.victim.key);
        d.set_key((s.victim.ctx + 1) % d.kCfg.n_ctx, kAttKey);
    }
    (void)d.expected_descriptors();
}

// Run one schedule; update the statistics.
template <class D>
void run_schedule(D& d, const Scenario& s, const std::vector<Event>& sched, Stats& st) {
    prepare_scenario(d, s);
    std::vector<Event> run;
    unsigned cur = kKernel;
    for (const auto& e : sched) {
        if (e.owner != cur) {
            if (s.hook == Hook::Abort && cur != kKernel) run.push_back({kKernel, S(d.a.k(UDMA_KREG_ABORT), 1)});
            if (s.hook == Hook::Pid)
                run.push_back({kKernel, S(d.a.k(UDMA_KREG_CURRENT_PID), e.owner == kVictim ? victim_pid(d.kCfg) : kAttPid)});
            cur = e.owner;
        }
        run.push_back(e);
    }
    std::map<std::uint64_t, std::size_t> by_serial;  // model serial -> index in run
    std::vector<typename D::Checked> ans;
    for (std::size_t i = 0; i < run.size(); ++i) {
        ans.push_back(d.step(run[i].x));
        by_serial[d.ref.serial()] = i;
        if (ans.back().mismatch && st.model_diff.empty())
            st.model_diff = fmt::format("access {}: {}", i, *ans.back().mismatch);
    }
    const auto got = d.descriptors();
    const auto want = d.expected_descriptors();
    if (got != want && st.model_diff.empty()) st.model_diff = "descriptors differ:\n" + describe(got) + describe(want);
    ++st.runs;

    auto schedule_text = [&] {
        std::string out;
        for (std::size_t i = 0; i < run.size(); ++i) {
            const char* who = run[i].owner == kVictim ? "victim  " : run[i].owner == kAttacker ? "attacker" : "kernel  ";
            out += fmt::format("  {} {} {:#x}{} -> {:#x}{}\n", who, run[i].x.store ? "S" : "L", run[i].x.addr,
                               run[i].x.store ? fmt::format(" <- {:#x}", run[i].x.data) : "", ans[i].rtl.data,
                               ans[i].exp.launch ? " LAUNCH " + to_string(*ans[i].exp.launch) : "");
        }
        return out;
    };
    auto violation = [&](std::uint64_t& counter, const std::string& what) {
        ++counter;
        if (st.first_violation.empty()) st.first_violation = what + "\n" + schedule_text();
    };

    const Transfer& t = s.victim;
    const std::size_t vlaunch = launching_step(s.method);
    std::size_t vcount = 0, first_v = run.size(), last_v = 0;
    bool attacker_inside = false;
    for (std::size_t i = 0; i < run.size(); ++i) {
        if (run[i].owner == kVictim) {
            first_v = std::min(first_v, i);
            last_v = i;
        }
    }
    for (std::size_t i = first_v; i <= last_v && i < run.size(); ++i) attacker_inside |= run[i].owner == kAttacker;

    for (std::size_t i = 0; i < run.size(); ++i) {
        const auto& e = ans[i].exp;
        const bool victims_launching_access = run[i].owner == kVictim && vcount++ == vlaunch;
        if (e.launch) {
            const Desc& l = *e.launch;
            std::set<unsigned> owners, dst_owners;
            for (auto serial : e.formed_by) {
                const auto& m = run.at(by_serial.at(serial));
                owners.insert(m.owner);
                const bool names_src = ((m.x.addr >> (d.kCfg.host_aw() - 1)) & 1u) && (m.x.addr & d.kCfg.pa_mask()) == l.src &&
                                       !m.x.store == (s.method != UDMA_M_KEY);
                if (!names_src || s.method == UDMA_M_KEY) dst_owners.insert(m.owner);
            }
            if (owners.size() > 1) ++st.mixed;
            if (run[i].owner == kAttacker) ++st.attacker_launches;
            bool s1_ok = dst_owners.size() == 1;
            if (s1_ok) {
                const auto& p = perms(*dst_owners.begin());
                s1_ok = p.write.count(page_of(l.dst)) && p.read.count(page_of(l.src)) &&
                        (s.method != UDMA_M_KEY || p.write.count(page_of(l.src)));
            }
            if (!s1_ok) violation(st.s1, fmt::format("S1: launch {} at access {}", to_string(l), i));
            const bool exact = l.src == t.src && l.dst == t.dst && l.size == t.size;
            if (exact && run[i].owner != kVictim)
                violation(st.s2, fmt::format("S2: the victim's transfer launched by another process at access {}", i));
        }
        // any victim load that tells it STARTED (KEY: its launching load answering the size)
        const bool victim_load = run[i].owner == kVictim && !run[i].x.store &&
                                 (s.method != UDMA_M_KEY || victims_launching_access);
        const bool started = victim_load && told_started(s.method, ans[i].rtl.data, t);
        if (started) {
            ++st.victim_started;
            bool own = e.launch && e.launch->src == t.src && e.launch->dst == t.dst && e.launch->size == t.size;
            for (auto serial : e.formed_by) own = own && run.at(by_serial.at(serial)).owner == kVictim;
            if (!own) violation(st.s2, fmt::format("S2: victim told started at access {}, not for its own transfer", i));
        }
        if (victims_launching_access) {
            if (ans[i].rtl.data == UDMA_LD_ONTRACK) ++st.victim_ontrack_at_launch;
            if (!attacker_inside) {
                ++st.quiet_runs;
                if (started) ++st.quiet_started;
            }
        }
    }
}

// Every interleaving of the victim's accesses with k attacker accesses from the alphabet,
// for k = k_min .. k_max.
template <class D>
Stats explore(D& d, const Scenario& s, unsigned k_min, unsigned k_max) {
    Stats st;
    const auto vseq = sequence(d.a, s.method, s.victim);
    const std::size_t units = s.victim_atomic ? 1 : vseq.size();
    const std::size_t na = s.alphabet.size();
    for (unsigned k = k_min; k <= k_max; ++k) {
        const std::size_t len = units + k;
        // owner strings: every placement of k attacker slots among len positions
        std::vector<bool> att(len, false);
        std::fill(att.end() - k, att.end(), true);
        do {
            std::vector<std::size_t> letter(k, 0);
            for (;;) {
                std::vector<Event> sched;
                std::size_t vi = 0, ai = 0;
                for (std::size_t p = 0; p < len; ++p) {
                    if (att[p]) {
                        sched.push_back({kAttacker, s.alphabet[letter[ai++]]});
                    } else if (s.victim_atomic) {
                        for (const auto& x : vseq) sched.push_back({kVictim, x});
                    } else {
                        sched.push_back({kVictim, vseq[vi++]});
                    }
                }
                run_schedule(d, s, sched, st);
                std::size_t j = 0;
                while (j < k && ++letter[j] == na) letter[j++] = 0;
                if (j == k) break;
            }
        } while (std::next_permutation(att.begin(), att.end()));
    }
    return st;
}

std::uint64_t expected_runs(std::size_t units, std::size_t na, unsigned k_min, unsigned k_max) {
    std::uint64_t total = 0;
    for (unsigned k = k_min; k <= k_max; ++k) {
        std::uint64_t c = 1, p = 1;
        for (unsigned i = 1; i <= k; ++i) c = c * (units + i) / i;
        for (unsigned i = 0; i < k; ++i) p *= na;
        total += c * p;
    }
    return total;
}

template <class D>
std::vector<Access> shadow_alphabet(const D& d, unsigned ctx = 0) {
    const Addr& a = d.a;
    return {L(a.sh(kA, ctx), "L(sh(A))"),        L(a.sh(kC, ctx), "L(sh(C))"), S(a.sh(kC, ctx), kN, "S(sh(C),n)"),
            S(a.sh(kC, ctx), kM, "S(sh(C),m)"), L(a.sh(kD, ctx), "L(sh(D))"), S(a.sh(kD, ctx), kN, "S(sh(D),n)")};
}

Transfer victim_of(const Config& cfg, unsigned method) {
    Transfer t = victim_transfer(cfg, method);
    t.src = kA;
    t.dst = kB;
    t.size = kN;
    return t;
}

void report(const Stats& st) {
    UNSCOPED_INFO(fmt::format("runs {} | S1 violations {} | S2 violations {} | launches mixing processes {} | "
                              "attacker launches {} | victim started {} | quiet runs {} (started {}) | "
                              "victim launching load answered ONTRACK {}",
                              st.runs, st.s1, st.s2, st.mixed, st.attacker_launches, st.victim_started, st.quiet_runs,
                              st.quiet_started, st.victim_ontrack_at_launch));
    if (!st.first_violation.empty()) UNSCOPED_INFO("first violation: " << st.first_violation);
}

// A secure method: no violation in any run, the model agrees everywhere, and the victim always
// launches when the attacker stays out of its sequence (L1).
void require_secure(const Stats& st) {
    report(st);
    CHECK(st.model_diff == "");
    CHECK(st.s1 == 0);
    CHECK(st.s2 == 0);
    CHECK(st.quiet_runs > 0);
    CHECK(st.quiet_started == st.quiet_runs);
}
// A method the paper (or SPEC) shows broken: the exploration must find the attack.
void require_attack_found(const Stats& st) {
    report(st);
    CHECK(st.model_diff == "");
    CHECK(st.s1 + st.s2 > 0);
}

}  // namespace

// ---- the paper's figures, directed --------------------------------------------------------------

TEST_CASE("Figure 5 REP3 launches C to B for the attacker", "[initiation][figure][rep3]") {
    DutDefault d(51);
    d.select(UDMA_M_REP3);
    const auto& a = d.a;
    struct Row {
        Access x;
        std::uint64_t answer;
    };
    const std::vector<Row> fig5{
        {L(a.sh(kA), "1 victim LOAD status1 FROM shadow(A)"), UDMA_LD_ONTRACK},
        {S(a.sh(kF), 8, "2 attacker STORE foo TO shadow(foo)"), 0},
        {L(a.sh(kF), "3 attacker LOAD status2 FROM shadow(foo): not started"), UDMA_LD_ONTRACK},
        {L(a.sh(kC), "4 attacker LOAD status1 FROM shadow(C)"), UDMA_LD_ONTRACK},
        {S(a.sh(kB), kN, "5 victim STORE size TO shadow(B)"), 0},
        {L(a.sh(kC), "6 attacker LOAD status2 FROM shadow(C): started"), UDMA_LD_STARTED | 0},
        {L(a.sh(kA), "7 victim LOAD FROM shadow(A): too late"), UDMA_LD_ONTRACK},
    };
    for (std::size_t i = 0; i < fig5.size(); ++i) {
        INFO(fig5[i].x.what);
        auto c = d.step(fig5[i].x);
        CHECK(c.rtl.data == fig5[i].answer);
        CHECK(c.rtl.resp == AxiResp::Okay);
        CHECK_FALSE(c.mismatch);
        CHECK(d.launch_count() == (i >= 5 ? 1u : 0u));
    }
    const auto ds = d.descriptors();
    REQUIRE(ds.size() == 1);
    CHECK(ds[0] == Desc{kC, kB, kN, UDMA_M_REP3, 0, 0});  // the attacker's data into the victim's page
    CHECK_MODEL_STATE(d);
}

TEST_CASE("Figure 6 REP4 attacker gets started and the victim gets FAIL", "[initiation][figure][rep4]") {
    DutDefault d(52);
    d.select(UDMA_M_REP4);
    const auto& a = d.a;
    struct Row {
        Access x;
        std::uint64_t answer;
    };
    const std::vector<Row> fig6{
        {S(a.sh(kB), kN, "1 victim STORE size TO shadow(B)"), 0},
        {L(a.sh(kA), "2 victim LOAD rs FROM shadow(A)"), UDMA_LD_ONTRACK},
        {S(a.sh(kB), kN, "3 victim STORE size TO shadow(B)"), 0},
        {L(a.sh(kA), "4 attacker LOAD rs FROM shadow(A): DMA is started"), UDMA_LD_STARTED | 0},
        {L(a.sh(kA), "5 victim LOAD rs FROM shadow(A): DMA is rejected"), UDMA_LD_FAIL},
    };
    for (const auto& r : fig6) {
        INFO(r.x.what);
        auto c = d.step(r.x);
        CHECK(c.rtl.data == r.answer);
        CHECK_FALSE(c.mismatch);
    }
    const auto ds = d.descriptors();
    REQUIRE(ds.size() == 1);
    CHECK(ds[0] == Desc{kA, kB, kN, UDMA_M_REP4, 0, 0});
    CHECK(d.kread(UDMA_KREG_CNT_REF_SEQ) == 1);
    CHECK(d.kread(UDMA_KREG_LAST_CAUSE) == UDMA_CAUSE_SEQUENCE);
    CHECK_MODEL_STATE(d);
}

TEST_CASE("Figure 6 interleaving under REP5 launches nothing", "[initiation][figure][rep5]") {
    DutDefault d(53);
    d.select(UDMA_M_REP5);
    const auto& a = d.a;
    const std::vector<std::pair<Access, std::uint64_t>> rows{
        {S(a.sh(kB), kN, "victim S(B,n)"), 0},       {L(a.sh(kA), "victim L(A)"), UDMA_LD_ONTRACK},
        {S(a.sh(kB), kN, "victim S(B,n)"), 0},       {L(a.sh(kA), "attacker L(A)"), UDMA_LD_ONTRACK},
        {L(a.sh(kA), "victim L(A)"), UDMA_LD_FAIL},  {L(a.sh(kB), "victim L(B)"), UDMA_LD_FAIL},
    };
    for (const auto& [x, want] : rows) {
        INFO(x.what);
        auto c = d.step(x);
        CHECK(c.rtl.data == want);
        CHECK_FALSE(c.mismatch);
    }
    CHECK(d.descriptors().empty());
    CHECK(d.launch_count() == 0);
}

TEST_CASE("Figure 7 REP5 victim retrying on FAIL completes once left alone", "[initiation][figure][rep5]") {
    // The victim runs the paper's Figure 7 code (restart from 1 on FAIL, done on STARTED); an
    // attacker interleaves a random access after random victim accesses during the first R
    // attempts, then stops. The victim must end with exactly one launch of its own transfer and
    // never be told STARTED for anything else.
    DutDefault d(54);
    const Transfer t = victim_of(d.kCfg, UDMA_M_REP5);
    const auto alphabet = shadow_alphabet(d);
    const auto vseq = sequence(d.a, UDMA_M_REP5, t);
    std::mt19937_64 rng(7);
    unsigned total_restarts = 0;
    for (int trial = 0; trial < 300; ++trial) {
        d.reset();
        d.select(UDMA_M_REP5);
        (void)d.expected_descriptors();
        const int attack_budget = static_cast<int>(rng() % 12);
        int attacks = 0;
        bool started = false;
        std::uint64_t ticket = 0;
        for (int attempt = 0; attempt < 20 && !started; ++attempt) {
            for (std::size_t i = 0; i < vseq.size(); ++i) {
                auto c = d.step(vseq[i]);
                REQUIRE_FALSE(c.mismatch);
                if (vseq[i].store) {
                    // preempted here: the attacker runs
                } else if (c.rtl.data == UDMA_LD_FAIL) {
                    ++total_restarts;
                    break;
                } else if ((c.rtl.data >> 62) == 1) {
                    CHECK(i == 4);
                    started = true;
                    ticket = c.rtl.data & 0xFFFF'FFFF;
                    break;
                } else if (i == 4) {
                    // ONTRACK at the fifth access is not STARTED: the library restarts too
                    ++total_restarts;
                    break;
                }
                if (attacks < attack_budget && rng() % 2) {
                    ++attacks;
                    auto c2 = d.step(as_foreign_copy(alphabet[rng() % alphabet.size()]));
                    REQUIRE_FALSE(c2.mismatch);
                }
            }
        }
        REQUIRE(started);
        const auto ds = d.descriptors();
        CHECK(ds == d.expected_descriptors());
        const auto mine = std::count_if(ds.begin(), ds.end(), [&](const Desc& x) { return x.ticket == ticket; });
        CHECK(mine == 1);
        for (const auto& x : ds) {
            if (page_of(x.dst) == page_of(kB)) CHECK((x == Desc{kA, kB, kN, UDMA_M_REP5, 0, ticket}));
        }
    }
    UNSCOPED_INFO("restarts over 300 trials: " << total_restarts);
    CHECK(total_restarts > 0);
}

// ---- Figure 8: bounded-exhaustive interleavings of REP5 -------------------------------------------

TEST_CASE("Figure 8 REP5 every interleaving with up to 3 attacker accesses", "[initiation][figure][rep5][exhaustive]") {
    DutDefault d(55);
    Scenario s{UDMA_M_REP5, victim_of(d.kCfg, UDMA_M_REP5), shadow_alphabet(d)};
    const Stats st = explore(d, s, 0, 3);
    CHECK(st.runs == expected_runs(5, s.alphabet.size(), 0, 3));
    require_secure(st);
}

TEST_CASE("Figure 8 REP5 every interleaving with 4 attacker accesses", "[initiation][figure][rep5][exhaustive]") {
    DutDefault d(56);
    const Addr& a = d.a;
    Scenario s{UDMA_M_REP5, victim_of(d.kCfg, UDMA_M_REP5),
               {L(a.sh(kA), "L(sh(A))"), S(a.sh(kC), kN, "S(sh(C),n)"), L(a.sh(kC), "L(sh(C))"),
                S(a.sh(kC), kM, "S(sh(C),m)")}};
    const Stats st = explore(d, s, 4, 4);
    CHECK(st.runs == expected_runs(5, s.alphabet.size(), 4, 4));
    require_secure(st);
}

// ---- the other methods under the same exploration ---------------------------------------------------

TEST_CASE("exhaustive REP3 finds the Figure 5 attack", "[initiation][exhaustive][rep3]") {
    DutDefault d(57);
    Scenario s{UDMA_M_REP3, victim_of(d.kCfg, UDMA_M_REP3), shadow_alphabet(d)};
    require_attack_found(explore(d, s, 0, 3));
}

TEST_CASE("exhaustive REP4 finds the Figure 6 attack", "[initiation][exhaustive][rep4]") {
    DutDefault d(58);
    Scenario s{UDMA_M_REP4, victim_of(d.kCfg, UDMA_M_REP4), shadow_alphabet(d)};
    const Stats st = explore(d, s, 0, 3);
    require_attack_found(st);
    CHECK(st.s2 > 0);  // the attacker launches the victim's own transfer
}

TEST_CASE("exhaustive SHRIMP without the ABORT hook is broken", "[initiation][exhaustive][shrimp]") {
    DutDefault d(59);
    Scenario s{UDMA_M_SHRIMP, victim_of(d.kCfg, UDMA_M_SHRIMP), shadow_alphabet(d)};
    require_attack_found(explore(d, s, 0, 3));
}

TEST_CASE("exhaustive SHRIMP with the ABORT hook at every switch", "[initiation][exhaustive][shrimp]") {
    DutDefault d(60);
    Scenario s{UDMA_M_SHRIMP, victim_of(d.kCfg, UDMA_M_SHRIMP), shadow_alphabet(d), Hook::Abort};
    require_secure(explore(d, s, 0, 3));
}

TEST_CASE("exhaustive FLASH with CURRENT_PID written at every switch", "[initiation][exhaustive][flash]") {
    DutDefault d(61);
    Scenario s{UDMA_M_FLASH, victim_of(d.kCfg, UDMA_M_FLASH), shadow_alphabet(d), Hook::Pid};
    require_secure(explore(d, s, 0, 3));
}

TEST_CASE("exhaustive FLASH without the CURRENT_PID hook is broken", "[initiation][exhaustive][flash]") {
    DutDefault d(62);
    Scenario s{UDMA_M_FLASH, victim_of(d.kCfg, UDMA_M_FLASH), shadow_alphabet(d)};
    require_attack_found(explore(d, s, 0, 2));
}

TEST_CASE("exhaustive PAL with the pair uninterruptible", "[initiation][exhaustive][pal]") {
    DutDefault d(63);
    Scenario s{UDMA_M_PAL, victim_of(d.kCfg, UDMA_M_PAL), shadow_alphabet(d), Hook::None, true};
    require_secure(explore(d, s, 0, 3));
}

TEST_CASE("exhaustive PAL interrupted inside the pair is broken", "[initiation][exhaustive][pal]") {
    DutDefault d(64);
    Scenario s{UDMA_M_PAL, victim_of(d.kCfg, UDMA_M_PAL), shadow_alphabet(d)};
    require_attack_found(explore(d, s, 0, 2));
}

TEST_CASE("exhaustive EXT attacker with its own context id", "[initiation][exhaustive][ext]") {
    DutDefault d(65);
    const Transfer t = victim_of(d.kCfg, UDMA_M_EXT);
    Scenario s{UDMA_M_EXT, t, shadow_alphabet(d, (t.ctx + 1) % d.kCfg.n_ctx)};
    require_secure(explore(d, s, 0, 3));
}

TEST_CASE("exhaustive KEY attacker with its own context and key", "[initiation][exhaustive][key]") {
    DutDefault d(66);
    const Transfer t = victim_of(d.kCfg, UDMA_M_KEY);
    const unsigned f = (t.ctx + 1) % d.kCfg.n_ctx;
    const Addr& a = d.a;
    Scenario s{UDMA_M_KEY, t,
               {L(a.sh(kA), "L(sh(A))"), S(a.sh(kC), key_data(kAttKey, f, UDMA_KSEL_DST), "S(sh(C),ka#f#DST)"),
                S(a.sh(kD), key_data(kAttKey, f, UDMA_KSEL_SRC), "S(sh(D),ka#f#SRC)"), S(a.c(f), kM, "S(ctx f,m)"),
                L(a.c(f), "L(ctx f)"), S(a.sh(kC), key_data(kAttKey, t.ctx, UDMA_KSEL_DST), "S(sh(C),ka#v#DST)"),
                S(a.sh(kD), key_data(t.key ^ 1, t.ctx, UDMA_KSEL_SRC), "S(sh(D),guess#v#SRC)")}};
    require_secure(explore(d, s, 0, 3));
}

TEST_CASE("exhaustive KEY attacker completing its own transfer inside the victim's", "[initiation][exhaustive][key]") {
    DutDefault d(67);
    const Transfer t = victim_of(d.kCfg, UDMA_M_KEY);
    const unsigned f = (t.ctx + 1) % d.kCfg.n_ctx;
    const Addr& a = d.a;
    Scenario s{UDMA_M_KEY, t,
               {S(a.sh(kC), key_data(kAttKey, f, UDMA_KSEL_DST)), S(a.sh(kD), key_data(kAttKey, f, UDMA_KSEL_SRC)),
                S(a.c(f), kM), L(a.c(f))}};
    const Stats st = explore(d, s, 4, 4);
    require_secure(st);
    CHECK(st.attacker_launches > 0);  // the attacker's own D -> C transfers do launch
}
