// Every single-access deviation at every step of every method's sequence (SPEC section 6):
// for step i, the access is replaced by one of another kind, address, size, context id or key,
// or omitted; or a foreign process's shadow access, a kernel ABORT, a CURRENT_PID change, a
// METHOD rewrite or a context revocation is inserted before it. Each deviated run is checked
//   1. access by access against the reference model (AXI response and load data, launch or not),
//   2. descriptor by descriptor against the model, and every counter / LAST_CAUSE / ticket,
//   3. against a hand-written expectation from docs/design.md section 4: whether the victim's
//      exact transfer (A -> B, n) is launched, and (secure methods) that nothing else is ever
//      launched into B,
//   4. and then the victim retries (paper Fig. 7: restart on FAIL) and must get exactly its own
//      transfer, so the engine is left working.
#include <catch2/catch.hpp>

#include <map>

#include "init_fixture.hpp"

using namespace udma::test;

namespace {

constexpr std::uint64_t kC = 0x5000'0200;  // the foreign process's own pages
constexpr std::uint64_t kD = 0x6000'0300;
constexpr std::uint64_t kM = 64;             // its sizes
constexpr std::uint64_t kForeignKey = 0x00FE'DCBA'9876'5432ull;

Access as_foreign(Access x) {
    x.foreign = true;
    return x;
}

struct Variant {
    std::string cls;   // deviation class
    std::size_t pos;   // step it applies to (insertions: inserted before this step)
    std::string label;
    std::vector<Access> seq;
};

enum class Expect { Launch, NoLaunch, ModelOnly };

bool carries_size(unsigned m, std::size_t i) {
    switch (m) {
        case UDMA_M_KEY: return i == 2;
        case UDMA_M_KERNEL: return i == 2;
        case UDMA_M_REP3: return i == 1;
        case UDMA_M_REP4: return i == 0 || i == 2;
        case UDMA_M_REP5: return i == 0 || i == 2;
        default: return i == 0;
    }
}

template <class D>
std::vector<Variant> deviations(const D& d, unsigned m, const Transfer& t) {
    const Addr& a = d.a;
    const Config& cfg = d.kCfg;
    const auto canon = sequence(a, m, t);
    const std::uint64_t page = cfg.page();
    const unsigned fctx = (t.ctx + 1) % cfg.n_ctx;  // the foreign process's context / ctx id
    const bool shadow_method = (m != UDMA_M_KERNEL);
    std::vector<Variant> out;

    auto replaced = [&](std::size_t i, Access x, std::string cls, std::string label) {
        auto seq = canon;
        x.what = "deviation: " + label;
        seq[i] = x;
        out.push_back({std::move(cls), i, std::move(label), std::move(seq)});
    };
    auto inserted = [&](std::size_t i, std::vector<Access> xs, std::string cls, std::string label) {
        auto seq = canon;
        for (auto& x : xs) x.what = "inserted: " + label;
        seq.insert(seq.begin() + static_cast<std::ptrdiff_t>(i), xs.begin(), xs.end());
        out.push_back({std::move(cls), i, std::move(label), std::move(seq)});
    };

    for (std::size_t i = 0; i < canon.size(); ++i) {
        const Access& x = canon[i];
        const bool is_shadow = (x.addr >> (cfg.host_aw() - 1)) & 1u;
        const bool is_ctx_page = !is_shadow && (x.addr >> cfg.page_bits) >= UDMA_PAGE_CTX0;
        // wrong kind: a load where a store belongs, a store (of the size) where a load belongs
        replaced(i, x.store ? L(x.addr) : S(x.addr, t.size), "kind", x.store ? "load instead of store" : "store instead of load");
        // wrong address
        if (is_shadow) {
            Access y = x;
            y.addr = (x.addr & ~cfg.pa_mask()) | ((x.addr + page) & cfg.pa_mask());
            replaced(i, y, "address", "other page");
            y.addr = (x.addr & ~cfg.pa_mask()) | ((x.addr + 8) & cfg.pa_mask());
            replaced(i, y, "address", "same page +8");
        } else if (is_ctx_page) {
            if (cfg.n_ctx > 1) {
                Access y = x;
                y.addr = a.c(fctx);
                replaced(i, y, "address", "another context page");
            }
        } else {
            Access y = x;
            y.addr = x.addr + 8;
            replaced(i, y, "address", "next kernel register");
        }
        // different size
        if (carries_size(m, i)) {
            Access y = x;
            y.data = t.size + 8;
            replaced(i, y, "size", "size + 8");
        }
        // wrong context id
        if (is_shadow) {
            if (m == UDMA_M_EXT) {
                if (cfg.n_ctx > 1) {
                    Access y = x;
                    y.addr = a.sh(x.addr & cfg.pa_mask(), fctx);
                    replaced(i, y, "ctx", "another valid ctx id");
                }
                if (cfg.n_ctx < (1u << cfg.ctx_bits())) {
                    Access y = x;
                    y.addr = a.sh(x.addr & cfg.pa_mask(), (1u << cfg.ctx_bits()) - 1);
                    replaced(i, y, "ctx", "ctx id >= N_CTX");
                }
            } else {
                Access y = x;
                y.addr = a.sh(x.addr & cfg.pa_mask(), 1);
                replaced(i, y, "ctx", "ctx id 1 in the shadow address");
            }
            if (m == UDMA_M_KEY) {
                if (cfg.n_ctx > 1) {
                    Access y = x;
                    y.data = key_data(t.key, fctx, static_cast<unsigned>(x.data & 3u));
                    replaced(i, y, "ctx", "another context in the data");
                }
                Access y = x;
                y.data = key_data(t.key, 63, static_cast<unsigned>(x.data & 3u));
                replaced(i, y, "ctx", "context 63 in the data");
                // wrong key
                for (std::uint64_t flip : {std::uint64_t{1}, std::uint64_t{1} << 55}) {
                    y.data = key_data(t.key ^ flip, t.ctx, static_cast<unsigned>(x.data & 3u));
                    replaced(i, y, "key", fmt::format("key bit {} flipped", flip == 1 ? 0 : 55));
                }
                y.data = key_data(kForeignKey, t.ctx, static_cast<unsigned>(x.data & 3u));
                replaced(i, y, "key", "the foreign process's key");
                y.data = key_data(t.key, t.ctx, 0);
                replaced(i, y, "key", "select 0");
                y.data = key_data(t.key, t.ctx, 3 - static_cast<unsigned>(x.data & 3u));
                replaced(i, y, "key", "the other select");
            }
        }
        // omitted
        {
            auto seq = canon;
            seq.erase(seq.begin() + static_cast<std::ptrdiff_t>(i));
            out.push_back({"omit", i, "access omitted", std::move(seq)});
        }

        // insertions before step i
        // (with one context a second process has no context of its own: it uses the kernel path)
        const bool own_ctx = cfg.n_ctx > 1;
        if (shadow_method) {
            if (m == UDMA_M_KEY) {
                if (own_ctx) {
                    inserted(i, {as_foreign(S(a.sh(kC), key_data(kForeignKey, fctx, UDMA_KSEL_DST)))}, "foreign",
                             "foreign key store to its own context");
                    inserted(i, {as_foreign(S(a.c(fctx), kM))}, "foreign", "foreign size store on its own page");
                    inserted(i, {as_foreign(L(a.c(fctx)))}, "foreign", "foreign load of its own page");
                }
                inserted(i, {as_foreign(S(a.sh(kC), key_data(0, t.ctx, UDMA_KSEL_DST)))}, "foreign",
                         "foreign store naming the victim's context without its key");
                inserted(i, {as_foreign(L(a.sh(t.src)))}, "foreign", "foreign shadow load of A");
            } else if (m != UDMA_M_EXT || own_ctx) {
                const unsigned c = (m == UDMA_M_EXT) ? fctx : 0;
                inserted(i, {as_foreign(S(a.sh(kC, c), kM))}, "foreign", "foreign store S(sh(C),m)");
                inserted(i, {as_foreign(L(a.sh(kD, c)))}, "foreign", "foreign load L(sh(D))");
                inserted(i, {as_foreign(L(a.sh(t.src, c)))}, "foreign", "foreign load of the public source A");
                inserted(i, {as_foreign(S(a.sh(kC, c), t.size))}, "foreign", "foreign store S(sh(C),n)");
            }
            // a shadow access with a context id the method does not accept counts as a foreign
            // access (design.md section 4, common rule)
            if (m != UDMA_M_EXT) {
                inserted(i, {as_foreign(S(a.sh(kC, 1), kM))}, "foreign", "foreign store with ctx id 1");
                inserted(i, {as_foreign(L(a.sh(kD, 1)))}, "foreign", "foreign load with ctx id 1");
            } else if (cfg.n_ctx < (1u << cfg.ctx_bits())) {
                inserted(i, {as_foreign(S(a.sh(kC, cfg.n_ctx), kM))}, "foreign", "foreign store with ctx id N_CTX");
                inserted(i, {as_foreign(L(a.sh(kD, cfg.n_ctx)))}, "foreign", "foreign load with ctx id N_CTX");
            }
        } else {
            inserted(i, {as_foreign(S(a.sh(kC), kM))}, "foreign", "foreign shadow store");
            inserted(i, {as_foreign(L(a.sh(kD)))}, "foreign", "foreign shadow load");
        }
        inserted(i, {S(a.k(UDMA_KREG_ABORT), 1)}, "abort", "kernel ABORT");
        inserted(i, {S(a.k(UDMA_KREG_CURRENT_PID), foreign_pid(cfg))}, "pid", "CURRENT_PID change");
        if (m != UDMA_M_KERNEL)
            inserted(i, {S(a.k(UDMA_KREG_METHOD), m)}, "method", "METHOD rewritten");
        if (m == UDMA_M_FLASH) {
            inserted(i, {S(a.k(UDMA_KREG_CURRENT_PID), foreign_pid(cfg)), as_foreign(S(a.sh(kC), kM)),
                         S(a.k(UDMA_KREG_CURRENT_PID), victim_pid(cfg))},
                     "preempt", "switch to a process that stores, switch back");
            inserted(i, {S(a.k(UDMA_KREG_CURRENT_PID), foreign_pid(cfg)), as_foreign(L(a.sh(kD))),
                         S(a.k(UDMA_KREG_CURRENT_PID), victim_pid(cfg))},
                     "preempt", "switch to a process that loads, switch back");
        }
        if (m == UDMA_M_SHRIMP) {
            inserted(i, {S(a.k(UDMA_KREG_ABORT), 1), as_foreign(S(a.sh(kC), kM)), S(a.k(UDMA_KREG_ABORT), 1)},
                     "preempt", "ABORT, a process that stores, ABORT");
            inserted(i, {S(a.k(UDMA_KREG_ABORT), 1), as_foreign(L(a.sh(kD))), S(a.k(UDMA_KREG_ABORT), 1)},
                     "preempt", "ABORT, a process that loads, ABORT");
        }
        if (m == UDMA_M_KEY || m == UDMA_M_EXT) {
            inserted(i, {S(a.k(UDMA_KREG_CTX_REVOKE), std::uint64_t{1} << t.ctx)}, "revoke", "victim's context revoked");
            inserted(i, {S(a.k(UDMA_KREG_CTX_KEY + 8u * t.ctx), t.key)}, "revoke", "victim's CTX_KEY rewritten");
            if (cfg.n_ctx > 1)
                inserted(i, {S(a.k(UDMA_KREG_CTX_REVOKE), std::uint64_t{1} << fctx)}, "revoke",
                         "another context revoked");
        }
    }
    return out;
}

// Hand-written expectation (docs/design.md section 4) of whether the victim's exact transfer is
// launched by the deviated run.
Expect expectation(unsigned m, const Variant& v) {
    const std::size_t ls = launching_step(m);
    const bool before_start = (v.pos == 0);
    const bool after_launch = (v.pos > ls);  // only the kernel path's K_STATUS read follows its launch
    if (v.cls == "kind" || v.cls == "address" || v.cls == "size" || v.cls == "ctx" || v.cls == "key" ||
        v.cls == "omit") {
        // the victim's own sequence is broken: its exact transfer is not launched, except that
        // the kernel path has launched at K_GO before its K_STATUS read
        if (after_launch) return Expect::Launch;
        return Expect::NoLaunch;
    }
    // nothing to disturb yet (only a revoked KEY context stays unusable)
    if (before_start && !(m == UDMA_M_KEY && v.label == "victim's context revoked")) return Expect::Launch;
    if (after_launch) return Expect::Launch;
    const bool latch = (m == UDMA_M_SHRIMP || m == UDMA_M_PAL || m == UDMA_M_FLASH);
    if (v.cls == "abort") {
        // ABORT clears the SHRIMP/PAL/FLASH latch, the EXT latches and the repeated-passing FSM;
        // it does not touch key contexts or the kernel registers
        return (m == UDMA_M_KEY || m == UDMA_M_KERNEL) ? Expect::Launch : Expect::NoLaunch;
    }
    if (v.cls == "method") return Expect::NoLaunch;  // a METHOD write clears every partial sequence
    if (v.cls == "pid") return (m == UDMA_M_FLASH) ? Expect::NoLaunch : Expect::Launch;
    if (v.cls == "preempt") return Expect::NoLaunch;  // the kernel hook is used: FLASH / SHRIMP+ABORT
    if (v.cls == "revoke") {
        if (v.label == "another context revoked") return Expect::Launch;
        if (v.label == "victim's CTX_KEY rewritten" && before_start) return Expect::Launch;
        return Expect::NoLaunch;
    }
    if (v.cls == "foreign") {
        if (m == UDMA_M_KEY || m == UDMA_M_EXT || m == UDMA_M_KERNEL) return Expect::Launch;  // isolated
        // the foreign access overwrites / consumes the latch; a foreign load of the public source
        // launches the victim's transfer itself (the victim is then told FAIL)
        if (latch) return v.label == "foreign load of the public source A" ? Expect::Launch : Expect::NoLaunch;
        if (m == UDMA_M_REP5) return Expect::NoLaunch;  // any foreign access breaks the sequence
        return Expect::ModelOnly;  // REP3 / REP4: the model decides (Figures 5 and 6 are directed)
    }
    return Expect::ModelOnly;
}

// Methods whose rules promise S1 against a process without access to B (design.md section 4):
// nothing but the victim's exact transfer is ever launched into B, and only by the victim.
bool secure_against_insertions(unsigned m, const std::string& cls) {
    switch (m) {
        case UDMA_M_KEY:
        case UDMA_M_EXT:
        case UDMA_M_REP5:
        case UDMA_M_KERNEL: return true;
        case UDMA_M_FLASH: return cls == "preempt" || cls == "pid";
        case UDMA_M_SHRIMP: return cls == "preempt";
        default: return false;
    }
}

template <class D>
void prepare_all(D& d, unsigned m, const Transfer& t) {
    prepare(d, m, t);
    if (m == UDMA_M_KEY && d.kCfg.n_ctx > 1) d.set_key((t.ctx + 1) % d.kCfg.n_ctx, kForeignKey);
}

// Victim retries (paper Fig. 7): run the sequence, restart from access 1 when a load answers
// FAIL, stop when a load answers STARTED (or KEY's launching load answers the size).
template <class D>
std::optional<std::uint64_t> retry_until_started(D& d, unsigned m, const Transfer& t, std::string& diff) {
    const auto seq = sequence(d.a, m, t);
    for (int attempt = 0; attempt < 3; ++attempt) {
        for (std::size_t i = 0; i < seq.size(); ++i) {
            auto c = d.step(seq[i]);
            if (c.mismatch) diff += fmt::format("  retry {} access {}: {}\n", attempt, i, *c.mismatch);
            if (seq[i].store) continue;
            if (m == UDMA_M_KEY && i == 3) {
                if (c.rtl.data == (UDMA_LD_STARTED | t.size)) return c.rtl.data;
                break;
            }
            if ((c.rtl.data >> 62) == 1) return c.rtl.data;  // STARTED | ticket
            if (c.rtl.data == UDMA_LD_FAIL) break;
        }
    }
    return std::nullopt;
}

template <class D>
void run_deviations(unsigned m, std::uint64_t seed) {
    D d(seed);
    const Transfer t = victim_transfer(d.kCfg, m);
    const auto variants = deviations(d, m, t);
    std::map<std::string, unsigned> per_class;
    unsigned checked_expectations = 0;
    for (const auto& v : variants) {
        d.reset();
        prepare_all(d, m, t);
        (void)d.expected_descriptors();
        INFO(method_name(m) << " deviation [" << v.cls << "] step " << v.pos << ": " << v.label << "\n"
                            << describe(v.seq));
        ++per_class[v.cls];

        std::vector<typename D::Checked> answers;
        const std::string diff = run_checked(d, v.seq, &answers);
        CHECK(diff == "");

        const auto got = d.descriptors();
        const auto want = d.expected_descriptors();
        INFO("descriptors:\n" << describe(got));
        CHECK(got == want);
        CHECK_MODEL_STATE(d);

        // hand-written expectation: is the victim's exact transfer launched?
        const Expect e = expectation(m, v);
        const auto victim_launched = std::count_if(got.begin(), got.end(), [&](const Desc& x) {
            return x.src == t.src && x.dst == t.dst && x.size == t.size;
        });
        if (e != Expect::ModelOnly) {
            ++checked_expectations;
            CHECK(victim_launched == (e == Expect::Launch ? 1 : 0));
        }
        // S1 / S2 for the secure combinations: anything launched into B's page is the victim's
        // exact transfer, launched by one of the victim's own accesses
        if (secure_against_insertions(m, v.cls) &&
            (v.cls == "foreign" || v.cls == "abort" || v.cls == "pid" || v.cls == "preempt")) {
            for (std::size_t i = 0; i < answers.size(); ++i) {
                const auto& l = answers[i].exp.launch;
                if (!l) continue;
                INFO("launch at access " << i << ": " << to_string(*l));
                if ((l->dst >> d.kCfg.page_bits) == (t.dst >> d.kCfg.page_bits)) {
                    CHECK((l->src == t.src && l->dst == t.dst && l->size == t.size));
                    CHECK_FALSE(v.seq[i].foreign);
                }
            }
        }

        // the victim retries and gets exactly its own transfer: the engine is left working
        if (m == UDMA_M_FLASH) d.set_pid(victim_pid(d.kCfg));
        if (v.cls == "revoke" && (m == UDMA_M_KEY)) d.set_key(t.ctx, t.key);
        std::string rdiff;
        const auto r = retry_until_started(d, m, t, rdiff);
        CHECK(rdiff == "");
        CHECK(r.has_value());
        const auto after = d.descriptors();
        CHECK(after == d.expected_descriptors());
        REQUIRE(after.size() == 1);
        CHECK((after[0].src == t.src && after[0].dst == t.dst && after[0].size == t.size && after[0].method == m));
    }
    // the generator covered every class it should for this method
    for (const char* cls : {"kind", "address", "omit", "foreign", "abort", "pid"}) {
        INFO(cls);
        if (std::string(cls) == "foreign" && m == UDMA_M_EXT && d.kCfg.n_ctx == 1) continue;
        CHECK(per_class[cls] >= launching_step(m));
    }
    if (m != UDMA_M_KERNEL) CHECK(per_class["ctx"] > 0);
    if (m == UDMA_M_KEY) CHECK(per_class["key"] > 0);
    CHECK(checked_expectations > variants.size() / 2);
}

}  // namespace

TEST_CASE("deviations SHRIMP", "[initiation][deviation][shrimp]") { run_deviations<DutDefault>(UDMA_M_SHRIMP, 21); }
TEST_CASE("deviations FLASH", "[initiation][deviation][flash]") { run_deviations<DutDefault>(UDMA_M_FLASH, 22); }
TEST_CASE("deviations PAL", "[initiation][deviation][pal]") { run_deviations<DutDefault>(UDMA_M_PAL, 23); }
TEST_CASE("deviations KEY", "[initiation][deviation][key]") { run_deviations<DutDefault>(UDMA_M_KEY, 24); }
TEST_CASE("deviations EXT", "[initiation][deviation][ext]") { run_deviations<DutDefault>(UDMA_M_EXT, 25); }
TEST_CASE("deviations REP3", "[initiation][deviation][rep3]") { run_deviations<DutDefault>(UDMA_M_REP3, 26); }
TEST_CASE("deviations REP4", "[initiation][deviation][rep4]") { run_deviations<DutDefault>(UDMA_M_REP4, 27); }
TEST_CASE("deviations REP5", "[initiation][deviation][rep5]") { run_deviations<DutDefault>(UDMA_M_REP5, 28); }
TEST_CASE("deviations kernel path", "[initiation][deviation][kernel]") { run_deviations<DutDefault>(UDMA_M_KERNEL, 29); }
TEST_CASE("deviations minimal config SHRIMP", "[initiation][deviation][min]") { run_deviations<DutMin>(UDMA_M_SHRIMP, 31); }
TEST_CASE("deviations minimal config KEY", "[initiation][deviation][min]") { run_deviations<DutMin>(UDMA_M_KEY, 32); }
TEST_CASE("deviations minimal config EXT", "[initiation][deviation][min]") { run_deviations<DutMin>(UDMA_M_EXT, 33); }
TEST_CASE("deviations minimal config REP5", "[initiation][deviation][min]") { run_deviations<DutMin>(UDMA_M_REP5, 34); }
TEST_CASE("deviations odd config SHRIMP", "[initiation][deviation][odd]") { run_deviations<DutOdd>(UDMA_M_SHRIMP, 35); }
TEST_CASE("deviations odd config FLASH", "[initiation][deviation][odd]") { run_deviations<DutOdd>(UDMA_M_FLASH, 36); }
TEST_CASE("deviations odd config KEY", "[initiation][deviation][odd]") { run_deviations<DutOdd>(UDMA_M_KEY, 37); }
TEST_CASE("deviations odd config EXT", "[initiation][deviation][odd]") { run_deviations<DutOdd>(UDMA_M_EXT, 38); }
TEST_CASE("deviations odd config REP4", "[initiation][deviation][odd]") { run_deviations<DutOdd>(UDMA_M_REP4, 39); }
TEST_CASE("deviations odd config REP5", "[initiation][deviation][odd]") { run_deviations<DutOdd>(UDMA_M_REP5, 40); }
TEST_CASE("deviations odd config kernel path", "[initiation][deviation][odd]") { run_deviations<DutOdd>(UDMA_M_KERNEL, 41); }
