// Bad input on the host port (register-map "Host-port errors"), key secrecy (S4), reset in the
// middle of every sequence, and AXI4-Lite handshake robustness. Every malformed access must get
// its documented answer and change no state: each test compares a snapshot of every readable
// kernel and status register before and after, and then shows a pending sequence still launches.
#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <set>

#include "init_fixture.hpp"

using namespace udma::test;

namespace {

// Register map, written out from docs/register-map.md: offset -> access.
enum class Acc { RO, RW, WO, RW1C };
struct Reg {
    std::uint64_t off;
    Acc acc;
};
std::vector<Reg> kernel_regs(const Config& cfg) {
    std::vector<Reg> r{{0x000, Acc::RO}, {0x008, Acc::RO}, {0x010, Acc::RW}, {0x018, Acc::WO}, {0x020, Acc::RW},
                       {0x028, Acc::WO}, {0x030, Acc::RW}, {0x038, Acc::RW1C}, {0x040, Acc::RW}, {0x048, Acc::RW},
                       {0x050, Acc::RW}, {0x058, Acc::WO}, {0x060, Acc::RO}, {0x068, Acc::RO}, {0x070, Acc::RO}};
    for (std::uint64_t off = 0x080; off <= 0x0D8; off += 8) r.push_back({off, Acc::RO});
    for (unsigned i = 0; i < cfg.n_ctx; ++i) r.push_back({0x100 + 8u * i, Acc::WO});
    return r;
}
std::vector<Reg> status_regs(const Config& cfg) {
    std::vector<Reg> r{{0x000, Acc::RO}, {0x008, Acc::RO}, {0x010, Acc::RO}, {0x018, Acc::RO}, {0x020, Acc::RO}};
    for (unsigned i = 0; i < cfg.result_slots; ++i) r.push_back({0x100 + 8u * i, Acc::RO});
    return r;
}

// Every readable kernel and status register (no context page: a C_CTRL load may launch).
template <class D>
std::vector<std::uint64_t> snapshot(D& d) {
    std::vector<std::uint64_t> v;
    for (const auto& r : kernel_regs(d.kCfg))
        if (r.acc != Acc::WO) v.push_back(d.load(d.a.k(r.off)).data);
    for (const auto& r : status_regs(d.kCfg)) v.push_back(d.load(d.a.s(r.off)).data);
    return v;
}

// A fixture with SHRIMP selected, keys set, a few counters non-zero, and the victim's store
// latched: bad input must not disturb any of it, and the victim's load must still launch.
struct Armed {
    DutDefault d{41};
    Transfer t = victim_transfer(d.kCfg, UDMA_M_SHRIMP);
    std::vector<std::uint64_t> before;
    std::uint64_t launches_before = 0;
    Armed() {
        d.kset(UDMA_KREG_IRQ_ENABLE, 7);
        d.set_key(0, 0x11'1111'1111'1111ull);
        d.set_key(1, 0x22'2222'2222'2222ull);
        d.kset(UDMA_KREG_K_SRC, 0x0ABC'0000);
        d.kset(UDMA_KREG_K_DST, 0x0DEF'0000);
        d.kset(UDMA_KREG_K_SIZE, 32);
        d.kset(UDMA_KREG_CURRENT_PID, 0x42);
        d.select(UDMA_M_SHRIMP);
        // one launch, one refusal, one completion so counters and results are non-zero
        run_checked(d, sequence(d.a, UDMA_M_SHRIMP, t));
        run_checked(d, {L(d.a.sh(t.src))});
        d.descriptors();
        (void)d.expected_descriptors();
        d.complete(0, UDMA_BUS_OKAY, t.size);
        launches_before = d.launch_count();
        // the victim's first access: the latch holds (B, n)
        run_checked(d, {S(d.a.sh(t.dst), t.size)});
        before = snapshot(d);
    }
    // nothing changed, and the latched victim's load launches exactly its transfer
    void verify() {
        CHECK(snapshot(d) == before);
        auto c = d.step(L(d.a.sh(t.src)));
        CHECK(c.rtl.data == (UDMA_LD_STARTED | 1));
        CHECK_FALSE(c.mismatch);
        const auto ds = d.descriptors();
        CHECK(ds == d.expected_descriptors());
        REQUIRE(ds.size() == 1);
        CHECK(ds[0] == accepted_desc(d.kCfg, UDMA_M_SHRIMP, t, 1));
        CHECK_MODEL_STATE(d);
    }
};

}  // namespace

TEST_CASE("narrow write strobes answer SLVERR and change nothing", "[initiation][badinput]") {
    Armed f;
    auto& d = f.d;
    const auto& a = d.a;
    // stores that would each change something if accepted
    const std::vector<Access> targets{
        S(a.sh(0x3000'0000), 8, "shadow store (would overwrite the latch)"),
        S(a.sh(0x3000'0000), 8, "shadow load address as a store"),
        S(a.k(UDMA_KREG_METHOD), UDMA_M_NONE, "METHOD := NONE"),
        S(a.k(UDMA_KREG_ABORT), 1, "ABORT (would clear the latch)"),
        S(a.k(UDMA_KREG_CURRENT_PID), 7, "CURRENT_PID"),
        S(a.k(UDMA_KREG_CTX_REVOKE), 0xF, "CTX_REVOKE"),
        S(a.k(UDMA_KREG_IRQ_STATUS), 7, "IRQ_STATUS clear"),
        S(a.k(UDMA_KREG_K_SIZE), 64, "K_SIZE"),
        S(a.k(UDMA_KREG_K_GO), 1, "K_GO (would launch)"),
        S(a.k(UDMA_KREG_CTX_KEY), 0x99, "CTX_KEY[0]"),
        S(a.c(0), 8, "C_CTRL"),
        S(a.s(UDMA_SREG_S_TICKET_NEXT), 0, "status page"),
    };
    unsigned n = 0;
    for (unsigned strb = 0; strb < 0xFF; ++strb) {
        for (auto x : targets) {
            x.strb = static_cast<std::uint8_t>(strb);
            INFO(x.what << " wstrb " << strb);
            auto c = d.step(x);
            CHECK(c.rtl.resp == AxiResp::SlvErr);
            CHECK_FALSE(c.mismatch);
            ++n;
        }
    }
    CHECK(n == 255 * targets.size());
    CHECK(d.launch_count() == f.launches_before);
    f.verify();
}

TEST_CASE("unaligned register-half accesses answer SLVERR and change nothing", "[initiation][badinput]") {
    Armed f;
    auto& d = f.d;
    for (std::uint64_t page = 0; page < 2 + d.kCfg.n_ctx; ++page) {
        for (std::uint64_t base : {0x000ull, 0x010ull, 0x018ull, 0x058ull, 0x100ull, 0x108ull}) {
            for (std::uint64_t lo = 1; lo < 8; ++lo) {
                const std::uint64_t addr = d.a.page(page) + base + lo;
                INFO("page " << page << " offset " << base + lo);
                auto c1 = d.step(L(addr));
                CHECK(c1.rtl.resp == AxiResp::SlvErr);
                CHECK(c1.rtl.data == 0);
                CHECK_FALSE(c1.mismatch);
                auto c2 = d.step(S(addr, UDMA_M_NONE));
                CHECK(c2.rtl.resp == AxiResp::SlvErr);
                CHECK_FALSE(c2.mismatch);
            }
        }
    }
    // also inside undecoded pages: misalignment is reported first (SLVERR)
    CHECK(d.step(L(d.a.page(2 + d.kCfg.n_ctx) + 4)).rtl.resp == AxiResp::SlvErr);
    CHECK(d.launch_count() == f.launches_before);
    f.verify();
}

TEST_CASE("unaligned shadow addresses are byte-granular DMA arguments", "[initiation][badinput]") {
    DutDefault d(42);
    d.select(UDMA_M_SHRIMP);
    for (std::uint64_t lo = 0; lo < 8; ++lo) {
        Transfer t{0x1000'0000 + lo, 0x2000'0000 + 7 - lo, 5 + lo, 0, 0};
        CHECK(run_checked(d, sequence(d.a, UDMA_M_SHRIMP, t)).empty());
        const auto ds = d.descriptors();
        REQUIRE(ds.size() == 1);
        CHECK(ds[0] == Desc{t.src, t.dst, t.size, UDMA_M_SHRIMP, 0, lo});
    }
}

namespace {
template <class D>
void every_offset(std::uint64_t seed) {
    D d(seed);
    const auto& cfg = d.kCfg;
    std::map<std::uint64_t, Acc> kmap, smap;
    for (const auto& r : kernel_regs(cfg)) kmap[r.off] = r.acc;
    for (const auto& r : status_regs(cfg)) smap[r.off] = r.acc;
    auto expect_load = [](const std::map<std::uint64_t, Acc>& m, std::uint64_t off) {
        auto it = m.find(off);
        if (it == m.end()) return AxiResp::DecErr;
        return it->second == Acc::WO ? AxiResp::SlvErr : AxiResp::Okay;
    };
    auto expect_store = [](const std::map<std::uint64_t, Acc>& m, std::uint64_t off) {
        auto it = m.find(off);
        if (it == m.end()) return AxiResp::DecErr;
        return it->second == Acc::RO ? AxiResp::SlvErr : AxiResp::Okay;
    };
    unsigned decerr = 0;
    for (std::uint64_t off = 0; off < cfg.page(); off += 8) {
        INFO("offset " << off);
        {
            auto c = d.step(L(d.a.k(off)));
            CHECK(c.rtl.resp == expect_load(kmap, off));
            CHECK_FALSE(c.mismatch);
            auto s = d.step(L(d.a.s(off)));
            CHECK(s.rtl.resp == expect_load(smap, off));
            CHECK_FALSE(s.mismatch);
            decerr += c.rtl.resp == AxiResp::DecErr;
        }
        for (unsigned i = 0; i < cfg.n_ctx; ++i) {
            auto c = d.step(L(d.a.c(i, off)));
            CHECK(c.rtl.resp == (off == 0 ? AxiResp::Okay : AxiResp::DecErr));
            CHECK_FALSE(c.mismatch);
        }
    }
    CHECK(decerr == cfg.page() / 8 - kmap.size());
    // stores of 0 to every offset: decoded writable registers accept (their effect is checked
    // by the model), read-only ones answer SLVERR, undecoded ones DECERR
    for (std::uint64_t off = 0; off < cfg.page(); off += 8) {
        INFO("store offset " << off);
        auto c = d.step(S(d.a.k(off), 0));
        CHECK(c.rtl.resp == expect_store(kmap, off));
        CHECK_FALSE(c.mismatch);
        auto s = d.step(S(d.a.s(off), 0));
        CHECK(s.rtl.resp == (smap.count(off) ? AxiResp::SlvErr : AxiResp::DecErr));
        CHECK_FALSE(s.mismatch);
        for (unsigned i = 0; i < cfg.n_ctx; ++i) {
            auto x = d.step(S(d.a.c(i, off), 0));
            CHECK(x.rtl.resp == (off == 0 ? AxiResp::Okay : AxiResp::DecErr));
            CHECK_FALSE(x.mismatch);
        }
    }
    // pages after the last context page, up to the top of the register half
    const std::uint64_t npages = std::uint64_t{1} << (cfg.host_aw() - 1 - cfg.page_bits);
    for (std::uint64_t p : {std::uint64_t{2} + cfg.n_ctx, std::uint64_t{3} + cfg.n_ctx, npages / 2, npages - 1}) {
        INFO("page " << p);
        auto c = d.step(L(d.a.page(p)));
        CHECK(c.rtl.resp == AxiResp::DecErr);
        CHECK(c.rtl.data == 0);
        auto s = d.step(S(d.a.page(p) + 0x10, UDMA_M_SHRIMP));
        CHECK(s.rtl.resp == AxiResp::DecErr);
        CHECK_FALSE(c.mismatch);
        CHECK_FALSE(s.mismatch);
    }
    CHECK(d.descriptors() == d.expected_descriptors());
    CHECK_MODEL_STATE(d);
}
}  // namespace

TEST_CASE("every offset of every register page answers as the register map says", "[initiation][badinput]") {
    every_offset<DutDefault>(43);
}
TEST_CASE("every offset of every register page minimal config", "[initiation][badinput][min]") {
    every_offset<DutMin>(143);
}
TEST_CASE("every offset of every register page odd config", "[initiation][badinput][odd]") {
    every_offset<DutOdd>(144);
}

TEST_CASE("writes to read-only registers and the status page change nothing", "[initiation][badinput]") {
    Armed f;
    auto& d = f.d;
    for (const auto& r : kernel_regs(d.kCfg)) {
        if (r.acc != Acc::RO) continue;
        for (std::uint64_t v : {0ull, ~0ull, 0x5555'5555'5555'5555ull}) {
            auto c = d.step(S(d.a.k(r.off), v));
            INFO("kernel offset " << r.off);
            CHECK(c.rtl.resp == AxiResp::SlvErr);
            CHECK_FALSE(c.mismatch);
        }
    }
    for (const auto& r : status_regs(d.kCfg)) {
        for (std::uint64_t v : {0ull, ~0ull, 1ull}) {
            auto c = d.step(S(d.a.s(r.off), v));
            INFO("status offset " << r.off);
            CHECK(c.rtl.resp == AxiResp::SlvErr);
            CHECK_FALSE(c.mismatch);
        }
    }
    f.verify();
}

TEST_CASE("reads of write-only registers answer SLVERR with no data", "[initiation][badinput]") {
    Armed f;
    auto& d = f.d;
    for (const auto& r : kernel_regs(d.kCfg)) {
        if (r.acc != Acc::WO) continue;
        auto c = d.step(L(d.a.k(r.off)));
        INFO("kernel offset " << r.off);
        CHECK(c.rtl.resp == AxiResp::SlvErr);
        CHECK(c.rtl.data == 0);
        CHECK_FALSE(c.mismatch);
    }
    f.verify();  // in particular the ABORT read did not clear the latch, K_GO read did not launch
}

TEST_CASE("illegal METHOD writes answer SLVERR and keep partial sequences", "[initiation][badinput]") {
    Armed f;
    auto& d = f.d;
    for (std::uint64_t v : {9ull, 10ull, 14ull, 15ull, 16ull, 0x17ull, 0x1'0000'0001ull, 0x8000'0000'0000'0001ull, ~0ull}) {
        INFO("METHOD := " << v);
        auto c = d.step(S(d.a.k(UDMA_KREG_METHOD), v));
        CHECK(c.rtl.resp == AxiResp::SlvErr);
        CHECK_FALSE(c.mismatch);
        CHECK(d.kread(UDMA_KREG_METHOD) == UDMA_M_SHRIMP);
    }
    f.verify();  // the latch survived: a refused METHOD write clears nothing
}

TEST_CASE("out-of-range K_SRC K_DST CURRENT_PID and CTX_KEY values answer SLVERR", "[initiation][badinput]") {
    Armed f;
    auto& d = f.d;
    const unsigned pa = d.kCfg.pa_bits;
    for (std::uint64_t off : {std::uint64_t{UDMA_KREG_K_SRC}, std::uint64_t{UDMA_KREG_K_DST}}) {
        for (std::uint64_t v : {std::uint64_t{1} << pa, (std::uint64_t{1} << pa) | 0x10, ~std::uint64_t{0}}) {
            INFO("offset " << off << " value " << v);
            auto c = d.step(S(d.a.k(off), v));
            CHECK(c.rtl.resp == AxiResp::SlvErr);
            CHECK_FALSE(c.mismatch);
        }
        // the largest legal address is accepted (and restored below)
        CHECK(d.step(S(d.a.k(off), (std::uint64_t{1} << pa) - 1)).rtl.resp == AxiResp::Okay);
    }
    d.kset(UDMA_KREG_K_SRC, 0x0ABC'0000);
    d.kset(UDMA_KREG_K_DST, 0x0DEF'0000);
    for (std::uint64_t v : {std::uint64_t{1} << d.kCfg.pid_w, ~std::uint64_t{0}}) {
        auto c = d.step(S(d.a.k(UDMA_KREG_CURRENT_PID), v));
        CHECK(c.rtl.resp == AxiResp::SlvErr);
        CHECK_FALSE(c.mismatch);
    }
    for (std::uint64_t v : {std::uint64_t{1} << 56, std::uint64_t{0xFF00000000000001}, ~std::uint64_t{0}}) {
        for (unsigned i = 0; i < d.kCfg.n_ctx; ++i) {
            auto c = d.step(S(d.a.k(UDMA_KREG_CTX_KEY + 8u * i), v));
            CHECK(c.rtl.resp == AxiResp::SlvErr);
            CHECK_FALSE(c.mismatch);
        }
    }
    f.verify();
    // the keys were not changed: context 0 still works with its old key, not with the low bits
    d.select(UDMA_M_KEY);
    Transfer t{0x1000'0000, 0x2000'0000, 16, 0, 0x11'1111'1111'1111ull};
    CHECK(run_checked(d, sequence(d.a, UDMA_M_KEY, t)).empty());
    t.key = 1;
    CHECK(run_checked(d, sequence(d.a, UDMA_M_KEY, t)).empty());
    const auto ds = d.descriptors();
    CHECK(ds == d.expected_descriptors());
    CHECK(ds.size() == 1);
    CHECK(d.kread(UDMA_KREG_CNT_KEY_FAIL) == 2);
}

TEST_CASE("no key is readable from any page", "[initiation][badinput][secrecy]") {
    DutDefault d(44);
    const std::vector<std::uint64_t> keys{0x00C0'FFEE'5A5A'A5A5ull, 0x0012'3456'789A'BCDEull, 0x00DE'ADBE'EF01'2345ull,
                                          0x0077'6655'4433'2211ull};
    std::set<std::uint64_t> secrets;
    for (unsigned i = 0; i < d.kCfg.n_ctx; ++i) {
        d.set_key(i, keys[i]);
        for (std::uint64_t v : {keys[i], keys[i] << 8, keys[i] >> 8, keys[i] & 0xFFFF'FFFF, keys[i] >> 32,
                                key_data(keys[i], i, UDMA_KSEL_DST), key_data(keys[i], i, UDMA_KSEL_SRC)})
            secrets.insert(v);
    }
    d.select(UDMA_M_KEY);
    // exercise the keys: one good sequence per context, a wrong-key store, a launch refused
    for (unsigned i = 0; i < d.kCfg.n_ctx; ++i) {
        Transfer t{0x1000'0000 + 0x100 * i, 0x2000'0000 + 0x100 * i, 8, i, keys[i]};
        CHECK(run_checked(d, sequence(d.a, UDMA_M_KEY, t)).empty());
        CHECK(run_checked(d, {S(d.a.sh(0x3000'0000), key_data(keys[i] ^ 0x80, i, UDMA_KSEL_DST))}).empty());
    }
    auto scan = [&](const char* when) {
        unsigned reads = 0;
        for (const auto& [addr, r] : d.read_all_pages()) {
            ++reads;
            INFO(when << ": address " << addr << " answered " << r.data);
            CHECK(secrets.count(r.data) == 0);
            CHECK(secrets.count(r.data & 0xFFFF'FFFF) == 0);
            CHECK(secrets.count(r.data >> 32) == 0);
            if (r.resp != AxiResp::Okay) CHECK(r.data == 0);
        }
        CHECK(reads == (2 + d.kCfg.n_ctx) * d.kCfg.page() / 8);
    };
    scan("KEY selected");
    // shadow loads never return anything but the documented answers
    for (std::uint64_t pa : {0x1000'0000ull, 0x2000'0000ull}) CHECK(d.load(d.a.sh(pa)).data == UDMA_LD_FAIL);
    for (unsigned m : {unsigned{UDMA_M_NONE}, unsigned{UDMA_M_SHRIMP}, unsigned{UDMA_M_EXT}}) {
        d.kwrite(UDMA_KREG_METHOD, m);
        scan(method_name(m));
    }
}

// ---- reset ------------------------------------------------------------------------------------------

namespace {
template <class D>
void reset_mid_sequences(std::uint64_t seed) {
    D d(seed);
    for (unsigned m : all_methods()) {
        if (m != UDMA_M_KERNEL && !d.kCfg.has(m)) continue;
        const Transfer t = victim_transfer(d.kCfg, m);
        const auto seq = sequence(d.a, m, t);
        for (std::size_t cut = 1; cut < seq.size(); ++cut) {
            INFO(method_name(m) << ": reset after access " << cut);
            const std::vector<Access> prefix(seq.begin(), seq.begin() + static_cast<std::ptrdiff_t>(cut));
            const std::vector<Access> suffix(seq.begin() + static_cast<std::ptrdiff_t>(cut), seq.end());
            // (a) rst_n low for 3 cycles between two accesses, then the rest of the interrupted
            //     sequence launches nothing of what was passed before the reset
            d.reset();
            prepare(d, m, t);
            CHECK(run_checked(d, prefix).empty());
            d.reset(3);
            CHECK_FALSE(d.desc_valid());
            CHECK(d.kread(UDMA_KREG_METHOD) == UDMA_M_NONE);
            CHECK(d.sread(UDMA_SREG_S_TICKET_NEXT) == 0);
            for (unsigned c = 0; c < kNumCnt; ++c) CHECK(d.kread(kCntOffset[c]) == 0);
            prepare(d, m, t);
            CHECK(run_checked(d, suffix).empty());
            const auto leftover = d.descriptors();
            CHECK(leftover == d.expected_descriptors());
            if (m != UDMA_M_KERNEL) {
                CHECK(leftover.empty());
            } else {
                // the kernel re-wrote some registers; what it wrote before the reset is gone
                for (const auto& x : leftover) CHECK(x.src != t.src);
            }
            CHECK_MODEL_STATE(d);
            // (b) reset at the same point, then a full sequence works: exactly its descriptor, ticket 0
            d.reset();
            prepare(d, m, t);
            CHECK(run_checked(d, prefix).empty());
            d.reset(3);
            prepare(d, m, t);
            const auto want = accepted_answers(m, t, 0);
            for (std::size_t i = 0; i < seq.size(); ++i) {
                auto c = d.step(seq[i]);
                CHECK(c.rtl.data == want[i]);
                CHECK_FALSE(c.mismatch);
            }
            const auto ds = d.descriptors();
            REQUIRE(ds.size() == 1);
            CHECK(ds[0] == accepted_desc(d.kCfg, m, t, 0));
            CHECK_MODEL_STATE(d);
        }
    }
}
}  // namespace

TEST_CASE("reset in the middle of every sequence", "[initiation][reset]") { reset_mid_sequences<DutDefault>(45); }
TEST_CASE("reset in the middle of every sequence minimal config", "[initiation][reset][min]") {
    reset_mid_sequences<DutMin>(46);
}
TEST_CASE("reset in the middle of every sequence odd config", "[initiation][reset][odd]") {
    reset_mid_sequences<DutOdd>(146);
}

TEST_CASE("reset empties the queue and clears results and keys", "[initiation][reset]") {
    DutDefault d(47);
    const Transfer t = victim_transfer(d.kCfg, UDMA_M_KEY);
    prepare(d, UDMA_M_KEY, t);
    for (int i = 0; i < 3; ++i) CHECK(run_checked(d, sequence(d.a, UDMA_M_KEY, t)).empty());
    d.complete(0, UDMA_BUS_SLVERR, 0);
    d.kset(UDMA_KREG_IRQ_ENABLE, 7);
    CHECK(d.desc_valid());
    CHECK(d.top().irq == 1);
    d.reset(2);
    CHECK_FALSE(d.desc_valid());
    CHECK(d.top().irq == 0);
    for (unsigned s = 0; s < d.kCfg.result_slots; ++s) CHECK(d.sread(UDMA_SREG_S_RESULT_AT(s)) == 0);
    CHECK(d.sread(UDMA_SREG_S_QUEUE) == (std::uint64_t{d.kCfg.queue_depth} << 16));
    CHECK(d.kread(UDMA_KREG_K_STATUS) == 0);
    // the keys are gone: the old key no longer assigns arguments
    d.select(UDMA_M_KEY);
    CHECK(run_checked(d, sequence(d.a, UDMA_M_KEY, t)).empty());
    CHECK(d.kread(UDMA_KREG_CNT_KEY_FAIL) == 2);
    CHECK(d.descriptors().empty());
    CHECK_MODEL_STATE(d);
}

// ---- handshake robustness -----------------------------------------------------------------------------

TEST_CASE("every method under a jittery host", "[initiation][handshake]") {
    for (std::uint64_t seed : {1, 2, 3, 4}) {
        DutDefault d(seed, HostJitter{4, 6, seed});
        for (unsigned m : all_methods()) {
            INFO("seed " << seed << " " << method_name(m));
            const Transfer t = victim_transfer(d.kCfg, m);
            prepare(d, m, t);
            const std::uint64_t ticket = d.launch_count();
            const auto want = accepted_answers(m, t, ticket);
            const auto seq = sequence(d.a, m, t);
            for (std::size_t i = 0; i < seq.size(); ++i) {
                auto c = d.step(seq[i]);
                CHECK(c.rtl.data == want[i]);
                CHECK_FALSE(c.mismatch);
            }
            const auto ds = d.descriptors();
            REQUIRE(ds.size() == 1);
            CHECK(ds[0] == accepted_desc(d.kCfg, m, t, ticket));
        }
        CHECK_MODEL_STATE(d);
    }
}

namespace {
// A cycle-level AXI4-Lite master: drives the channels independently and records handshakes.
struct Raw {
    DutDefault& d;
    Vudma_initiator& t;
    explicit Raw(DutDefault& dut) : d(dut), t(dut.top()) {}
    struct Seen {
        bool aw = false, w = false, ar = false, b = false, r = false;
        std::uint64_t rdata = 0;
        unsigned bresp = 0, rresp = 0;
    };
    // settle, observe the handshakes of this cycle, then clock
    Seen cycle() {
        d.sim().settle();
        Seen s;
        s.aw = t.s_axil_awvalid && t.s_axil_awready;
        s.w = t.s_axil_wvalid && t.s_axil_wready;
        s.ar = t.s_axil_arvalid && t.s_axil_arready;
        s.b = t.s_axil_bvalid && t.s_axil_bready;
        s.r = t.s_axil_rvalid && t.s_axil_rready;
        s.rdata = t.s_axil_rdata;
        s.bresp = t.s_axil_bresp;
        s.rresp = t.s_axil_rresp;
        d.sim().tick();
        if (s.aw) t.s_axil_awvalid = 0;
        if (s.w) t.s_axil_wvalid = 0;
        if (s.ar) t.s_axil_arvalid = 0;
        return s;
    }
    void aw(std::uint64_t addr) {
        t.s_axil_awaddr = addr;
        t.s_axil_awvalid = 1;
    }
    void w(std::uint64_t data) {
        t.s_axil_wdata = data;
        t.s_axil_wstrb = 0xFF;
        t.s_axil_wvalid = 1;
    }
    void ar(std::uint64_t addr) {
        t.s_axil_araddr = addr;
        t.s_axil_arvalid = 1;
    }
};
}  // namespace

TEST_CASE("AW and W valid in different cycles", "[initiation][handshake]") {
    for (bool aw_first : {true, false}) {
        for (unsigned gap = 1; gap <= 3; ++gap) {
            INFO((aw_first ? "AW first" : "W first") << ", gap " << gap);
            DutDefault d(48);
            d.select(UDMA_M_SHRIMP);
            Raw raw(d);
            const Transfer t = victim_transfer(d.kCfg, UDMA_M_SHRIMP);
            if (aw_first) raw.aw(d.a.sh(t.dst));
            else raw.w(t.size);
            for (unsigned i = 0; i < gap; ++i) {
                auto s = raw.cycle();
                CHECK_FALSE((s.aw || s.w));  // the slave waits for both
            }
            if (aw_first) raw.w(t.size);
            else raw.aw(d.a.sh(t.dst));
            auto s = raw.cycle();
            CHECK((s.aw && s.w));  // AWREADY = WREADY in the same cycle
            d.top().s_axil_bready = 1;
            unsigned bs = 0;
            for (int i = 0; i < 4; ++i) {
                auto x = raw.cycle();
                bs += x.b;
                if (x.b) CHECK(x.bresp == 0);
            }
            CHECK(bs == 1);
            d.top().s_axil_bready = 0;
            // the latch got exactly one store: the load launches it
            auto c = d.load(d.a.sh(t.src));
            CHECK(c.data == (UDMA_LD_STARTED | 0));
            const auto ds = d.descriptors();
            REQUIRE(ds.size() == 1);
            CHECK(ds[0] == accepted_desc(d.kCfg, UDMA_M_SHRIMP, t, 0));
        }
    }
}

TEST_CASE("write and read valid together: the write wins and the read follows", "[initiation][handshake]") {
    DutDefault d(49);
    d.select(UDMA_M_SHRIMP);
    Raw raw(d);
    const Transfer t = victim_transfer(d.kCfg, UDMA_M_SHRIMP);
    raw.aw(d.a.sh(t.dst));
    raw.w(t.size);
    raw.ar(d.a.sh(t.src));
    auto s0 = raw.cycle();
    CHECK((s0.aw && s0.w));
    CHECK_FALSE(s0.ar);
    // the deciding cycle: no response yet, the read still waits
    d.sim().settle();
    CHECK(d.top().s_axil_bvalid == 0);
    CHECK_FALSE(raw.cycle().ar);
    // B pending with BREADY low: the read must wait, B must hold
    for (int i = 0; i < 10; ++i) {
        d.sim().settle();
        CHECK(d.top().s_axil_bvalid == 1);
        CHECK(d.top().s_axil_bresp == 0);
        auto s = raw.cycle();
        CHECK_FALSE(s.ar);
    }
    d.top().s_axil_bready = 1;
    auto s1 = raw.cycle();
    CHECK(s1.b);
    CHECK_FALSE(s1.ar);  // one transaction at a time: the read is accepted after the B handshake
    d.top().s_axil_bready = 0;
    auto s2 = raw.cycle();
    CHECK(s2.ar);
    d.sim().settle();
    CHECK(d.top().s_axil_rvalid == 0);  // the deciding cycle
    raw.cycle();
    // R pending with RREADY low: data and response stable
    std::uint64_t first = 0;
    for (int i = 0; i < 10; ++i) {
        d.sim().settle();
        CHECK(d.top().s_axil_rvalid == 1);
        if (i == 0) first = d.top().s_axil_rdata;
        CHECK(d.top().s_axil_rdata == first);
        raw.cycle();
    }
    CHECK(first == (UDMA_LD_STARTED | 0));
    d.top().s_axil_rready = 1;
    auto s3 = raw.cycle();
    CHECK(s3.r);
    CHECK(s3.rdata == (UDMA_LD_STARTED | 0));
    d.top().s_axil_rready = 0;
    CHECK(d.launch_count() == 1);
    const auto ds = d.descriptors();
    REQUIRE(ds.size() == 1);
    CHECK(ds[0] == accepted_desc(d.kCfg, UDMA_M_SHRIMP, t, 0));
}

TEST_CASE("reset with a response pending", "[initiation][handshake][reset]") {
    DutDefault d(50);
    d.select(UDMA_M_SHRIMP);
    Raw raw(d);
    raw.ar(d.a.k(UDMA_KREG_ID));
    CHECK(raw.cycle().ar);
    raw.cycle();  // the deciding cycle
    d.sim().settle();
    CHECK(d.top().s_axil_rvalid == 1);
    d.top().rst_n = 0;
    raw.cycle();
    d.sim().settle();
    CHECK(d.top().s_axil_rvalid == 0);  // a slave drives RVALID low in reset
    d.top().rst_n = 1;
    d.ref.reset();
    // the engine works afterwards
    d.select(UDMA_M_SHRIMP);
    const Transfer t = victim_transfer(d.kCfg, UDMA_M_SHRIMP);
    CHECK(run_checked(d, sequence(d.a, UDMA_M_SHRIMP, t)).empty());
    CHECK(d.descriptors().size() == 1);
}
