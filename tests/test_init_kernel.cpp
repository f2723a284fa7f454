// Protection checks of every launch path (SPEC S3: size 0, a range crossing the page of src or
// dst, a full queue), the kernel page (method select, ABORT, CURRENT_PID, key set-up, the
// kernel-level DMA registers, counters, interrupts) and methods removed at synthesis
// (Vudma_initiator_min: N_CTX=1, QUEUE_DEPTH=1, RESULT_SLOTS=2, TICKET_W=8, METHOD_MASK=0x133).
#include <catch2/catch.hpp>

#include "init_fixture.hpp"

using namespace udma::test;

namespace {

const std::array<Cnt, 7> kCauseCounter{kNumCnt, kSize0, kCross, kFull, kSeq, kBadCtx, kDisabled};

// Answer of the access that reports the outcome (KEY: size; ticket methods: STARTED|ticket).
std::uint64_t success_answer(unsigned m, const Transfer& t, std::uint64_t ticket) {
    return accepted_answers(m, t, ticket).back();
}

// Run one initiation of `t`; expect it refused with `cause` (or accepted when cause is NONE).
template <class D>
void expect_outcome(D& d, unsigned m, const Transfer& t, unsigned cause) {
    const auto before = d.counters();
    const std::uint64_t launches = d.launch_count();
    const std::uint64_t ticket = d.sread(UDMA_SREG_S_TICKET_NEXT);
    const auto seq = sequence(d.a, m, t);
    std::vector<typename D::Checked> ans;
    const std::string diff = run_checked(d, seq, &ans);
    CHECK(diff == "");
    const std::uint64_t last = ans.back().rtl.data;
    const auto after = d.counters();
    if (cause == UDMA_CAUSE_NONE) {
        CHECK(last == success_answer(m, t, ticket));
        CHECK(after[kLaunch] == before[kLaunch] + 1);
        for (unsigned c = kSize0; c <= kDisabled; ++c) CHECK(after[c] == before[c]);
        const auto ds = d.descriptors();
        CHECK(ds == d.expected_descriptors());
        REQUIRE(ds.size() == 1);
        CHECK(ds[0] == accepted_desc(d.kCfg, m, t, ticket));
    } else {
        CHECK(last == UDMA_LD_FAIL);
        CHECK(after[kLaunch] == before[kLaunch]);
        for (unsigned c = kSize0; c <= kDisabled; ++c) {
            INFO(kCntName[c]);
            CHECK(after[c] == before[c] + (c == kCauseCounter[cause] ? 1u : 0u));
        }
        CHECK(d.kread(UDMA_KREG_LAST_CAUSE) == cause);
        CHECK(d.sread(UDMA_SREG_S_TICKET_NEXT) == ticket);  // a refused launch takes no ticket
        if (m == UDMA_M_KERNEL) CHECK(d.kread(UDMA_KREG_K_STATUS) == UDMA_LD_FAIL);
        if (m == UDMA_M_KEY) CHECK(d.load(d.a.c(t.ctx)).data == UDMA_LD_FAIL);
        CHECK(d.launch_count() == launches);  // nothing pushed (the queue may hold earlier launches)
    }
}

template <class D>
void protection_checks(unsigned m, std::uint64_t seed) {
    D d(seed);
    const std::uint64_t P = d.kCfg.page();
    Transfer base = victim_transfer(d.kCfg, m);
    prepare(d, m, base);
    auto with = [&](std::uint64_t src, std::uint64_t dst, std::uint64_t size) {
        Transfer t = base;
        t.src = src;
        t.dst = dst;
        t.size = size;
        return t;
    };
    const std::uint64_t S0 = 0x1000'0000, D0 = 0x2000'0000;
    struct Case {
        const char* what;
        Transfer t;
        unsigned cause;
    };
    const std::vector<Case> cases{
        {"size 0", with(S0 + 8, D0 + 8, 0), UDMA_CAUSE_SIZE_ZERO},
        {"source range crosses its page", with(S0 + P - 4, D0, 8), UDMA_CAUSE_CROSS},
        {"destination range crosses its page", with(S0, D0 + P - 4, 8), UDMA_CAUSE_CROSS},
        {"both ranges cross", with(S0 + P - 1, D0 + P - 1, 2), UDMA_CAUSE_CROSS},
        {"size one more than a page", with(S0, D0, P + 1), UDMA_CAUSE_CROSS},
        {"size twice a page", with(S0, D0, 2 * P), UDMA_CAUSE_CROSS},
        {"size with bit PAGE_BITS+1 set", with(S0, D0, (P << 1) | 8), UDMA_CAUSE_CROSS},
        {"size with bit 40 set", with(S0, D0, (std::uint64_t{1} << 40) | 8), UDMA_CAUSE_CROSS},
        {"size with bit 63 set", with(S0, D0, (std::uint64_t{1} << 63) | 8), UDMA_CAUSE_CROSS},
        {"size all ones", with(S0, D0, ~std::uint64_t{0}), UDMA_CAUSE_CROSS},
        {"size a page at offset 1", with(S0 + 1, D0, P), UDMA_CAUSE_CROSS},
        {"exactly one page", with(S0, D0, P), UDMA_CAUSE_NONE},
        {"exactly to both page ends", with(S0 + P - 100, D0 + P - 100, 100), UDMA_CAUSE_NONE},
        {"one byte at the last byte of both pages", with(S0 + P - 1, D0 + P - 1, 1), UDMA_CAUSE_NONE},
        {"one byte", with(S0, D0, 1), UDMA_CAUSE_NONE},
    };
    for (const auto& c : cases) {
        INFO(method_name(m) << ": " << c.what);
        expect_outcome(d, m, c.t, c.cause);
    }
    CHECK_MODEL_STATE(d);
}

template <class D>
void queue_full(unsigned m, std::uint64_t seed) {
    D d(seed);
    const Transfer t = victim_transfer(d.kCfg, m);
    prepare(d, m, t);
    const unsigned depth = d.kCfg.queue_depth;
    for (unsigned i = 0; i < depth; ++i) {
        INFO("fill " << i);
        const auto ans = [&] {
            std::vector<typename D::Checked> a;
            CHECK(run_checked(d, sequence(d.a, m, t), &a) == "");
            return a.back().rtl.data;
        }();
        CHECK(ans == success_answer(m, t, i));
    }
    CHECK((d.sread(UDMA_SREG_S_QUEUE) & 0xFFFF) == depth);
    CHECK(((d.sread(UDMA_SREG_S_QUEUE) >> 16) & 0xFFFF) == depth);
    // the queue is full: the next launch is refused with QUEUE_FULL
    expect_outcome(d, m, t, UDMA_CAUSE_QUEUE_FULL);
    // the order of the checks: size 0 and crossing are reported before a full queue
    Transfer z = t;
    z.size = 0;
    expect_outcome(d, m, z, UDMA_CAUSE_SIZE_ZERO);
    z.size = d.kCfg.page() + 1;
    expect_outcome(d, m, z, UDMA_CAUSE_CROSS);
    // pop one: the next launch works and gets the next ticket
    const auto one = d.pop(1);
    REQUIRE(one.size() == 1);
    CHECK(one[0] == accepted_desc(d.kCfg, m, t, 0));
    CHECK((d.sread(UDMA_SREG_S_QUEUE) & 0xFFFF) == depth - 1);
    std::vector<typename D::Checked> a;
    CHECK(run_checked(d, sequence(d.a, m, t), &a) == "");
    CHECK(a.back().rtl.data == success_answer(m, t, depth));
    const auto rest = d.descriptors();
    REQUIRE(rest.size() == depth);
    for (unsigned i = 0; i < depth; ++i) CHECK(rest[i] == accepted_desc(d.kCfg, m, t, i + 1));
    CHECK(d.kread(UDMA_KREG_CNT_REF_FULL) == 1);
    CHECK(d.kread(UDMA_KREG_CNT_LAUNCH) == depth + 1);
    CHECK_MODEL_STATE(d);
}

}  // namespace

// ---- protection checks, per method family ----------------------------------------------------------

TEST_CASE("protection checks SHRIMP", "[initiation][protection]") { protection_checks<DutDefault>(UDMA_M_SHRIMP, 71); }
TEST_CASE("protection checks FLASH", "[initiation][protection]") { protection_checks<DutDefault>(UDMA_M_FLASH, 72); }
TEST_CASE("protection checks PAL", "[initiation][protection]") { protection_checks<DutDefault>(UDMA_M_PAL, 73); }
TEST_CASE("protection checks KEY", "[initiation][protection]") { protection_checks<DutDefault>(UDMA_M_KEY, 74); }
TEST_CASE("protection checks EXT", "[initiation][protection]") { protection_checks<DutDefault>(UDMA_M_EXT, 75); }
TEST_CASE("protection checks REP3", "[initiation][protection]") { protection_checks<DutDefault>(UDMA_M_REP3, 76); }
TEST_CASE("protection checks REP4", "[initiation][protection]") { protection_checks<DutDefault>(UDMA_M_REP4, 77); }
TEST_CASE("protection checks REP5", "[initiation][protection]") { protection_checks<DutDefault>(UDMA_M_REP5, 78); }
TEST_CASE("protection checks kernel path", "[initiation][protection]") { protection_checks<DutDefault>(UDMA_M_KERNEL, 79); }

TEST_CASE("queue full SHRIMP", "[initiation][protection][queue]") { queue_full<DutDefault>(UDMA_M_SHRIMP, 81); }
TEST_CASE("queue full FLASH", "[initiation][protection][queue]") { queue_full<DutDefault>(UDMA_M_FLASH, 82); }
TEST_CASE("queue full PAL", "[initiation][protection][queue]") { queue_full<DutDefault>(UDMA_M_PAL, 83); }
TEST_CASE("queue full KEY", "[initiation][protection][queue]") { queue_full<DutDefault>(UDMA_M_KEY, 84); }
TEST_CASE("queue full EXT", "[initiation][protection][queue]") { queue_full<DutDefault>(UDMA_M_EXT, 85); }
TEST_CASE("queue full REP3", "[initiation][protection][queue]") { queue_full<DutDefault>(UDMA_M_REP3, 86); }
TEST_CASE("queue full REP4", "[initiation][protection][queue]") { queue_full<DutDefault>(UDMA_M_REP4, 87); }
TEST_CASE("queue full REP5", "[initiation][protection][queue]") { queue_full<DutDefault>(UDMA_M_REP5, 88); }
TEST_CASE("queue full kernel path", "[initiation][protection][queue]") { queue_full<DutDefault>(UDMA_M_KERNEL, 89); }
TEST_CASE("queue full minimal config depth 1", "[initiation][protection][queue][min]") {
    queue_full<DutMin>(UDMA_M_SHRIMP, 90);
    queue_full<DutMin>(UDMA_M_KERNEL, 91);
}
TEST_CASE("protection checks minimal config", "[initiation][protection][min]") {
    for (unsigned m : {unsigned{UDMA_M_SHRIMP}, unsigned{UDMA_M_KEY}, unsigned{UDMA_M_EXT}, unsigned{UDMA_M_REP5},
                       unsigned{UDMA_M_KERNEL}})
        protection_checks<DutMin>(m, 92 + m);
}

// ---- kernel page ---------------------------------------------------------------------------------

TEST_CASE("ID CONFIG and the status-page identity", "[initiation][kernel]") {
    DutDefault d(101);
    const std::uint64_t id = (std::uint64_t{0x75646D61} << 32) | 1;
    CHECK(d.kread(UDMA_KREG_ID) == id);
    CHECK(d.sread(UDMA_SREG_S_ID) == id);
    // 15:0 METHOD_MASK, 23:16 N_CTX, 31:24 QUEUE_DEPTH, 39:32 PA_BITS, 47:40 PAGE_BITS,
    // 55:48 RESULT_SLOTS, 63:56 DATA_W/8
    CHECK(d.kread(UDMA_KREG_CONFIG) == 0x0808'0C20'0404'01FFull);
    CHECK(d.kread(UDMA_KREG_CONFIG2) == 0x20'10'20ull);  // CNT_W 32, PID_W 16, TICKET_W 32
    CHECK(d.kread(UDMA_KREG_METHOD) == UDMA_M_NONE);
    CHECK(d.kread(UDMA_KREG_K_STATUS) == 0);  // before the first K_GO
    CHECK(d.kread(UDMA_KREG_LAST_CAUSE) == UDMA_CAUSE_NONE);
    CHECK(d.sread(UDMA_SREG_S_QUEUE) == (std::uint64_t{4} << 16));
    d.progress(true, 0, 0);
    CHECK(d.sread(UDMA_SREG_S_QUEUE) == ((std::uint64_t{1} << 32) | (std::uint64_t{4} << 16)));
}

TEST_CASE("METHOD selects every synthesized method and S_METHOD mirrors it", "[initiation][kernel]") {
    DutDefault d(102);
    for (unsigned m = 0; m <= 8; ++m) {
        auto c = d.step(S(d.a.k(UDMA_KREG_METHOD), m));
        CHECK(c.rtl.resp == AxiResp::Okay);
        CHECK(d.kread(UDMA_KREG_METHOD) == m);
        CHECK(d.sread(UDMA_SREG_S_METHOD) == m);
        CHECK(d.top().obs_method == m);
    }
}

TEST_CASE("kernel path works under every method selection", "[initiation][kernel]") {
    DutDefault d(103);
    d.set_auto_drain(true);
    for (unsigned m = 0; m <= 8; ++m) {
        d.select(m);
        Transfer t{0x0100'0000 + 8u * m, 0x0200'0000 + 16u * m, 24 + m, 0, 0};
        CHECK(run_checked(d, sequence(d.a, UDMA_M_KERNEL, t)).empty());
        CHECK(d.kread(UDMA_KREG_K_STATUS) == (UDMA_LD_STARTED | m));
        const auto ds = d.descriptors();
        REQUIRE(ds.size() == 1);
        CHECK(ds[0] == Desc{t.src, t.dst, t.size, UDMA_M_KERNEL, 0, m});
    }
    // K_GO launches whatever the registers hold: twice the same transfer is two launches
    d.kwrite(UDMA_KREG_K_GO, 0);
    d.kwrite(UDMA_KREG_K_GO, 123);
    CHECK(d.descriptors().size() == 2);
    CHECK(d.kread(UDMA_KREG_K_STATUS) == (UDMA_LD_STARTED | 10));
}

TEST_CASE("kernel-level registers read back what was written", "[initiation][kernel]") {
    DutDefault d(104);
    for (std::uint64_t v : {std::uint64_t{0}, std::uint64_t{0x1234'5678}, std::uint64_t{0xFFFF'FFFF}}) {
        d.kset(UDMA_KREG_K_SRC, v);
        d.kset(UDMA_KREG_K_DST, v ^ 0xFFFF'FFFF);
        CHECK(d.kread(UDMA_KREG_K_SRC) == v);
        CHECK(d.kread(UDMA_KREG_K_DST) == (v ^ 0xFFFF'FFFF));
    }
    for (std::uint64_t v : {std::uint64_t{0}, std::uint64_t{1}, std::uint64_t{4096}, std::uint64_t{8191},
                            std::uint64_t{8192}, std::uint64_t{1} << 40, ~std::uint64_t{0}}) {
        INFO("K_SIZE " << v);
        auto c = d.step(S(d.a.k(UDMA_KREG_K_SIZE), v));
        CHECK(c.rtl.resp == AxiResp::Okay);
        auto r = d.step(L(d.a.k(UDMA_KREG_K_SIZE)));
        CHECK(r.rtl.data == r.exp.data);
        CHECK_FALSE(r.mismatch);
    }
    for (unsigned v : {0u, 1u, 0xFFFFu, 0x1234u}) {
        d.set_pid(v);
        CHECK(d.kread(UDMA_KREG_CURRENT_PID) == v);
    }
}

TEST_CASE("every refusal cause is counted once and recorded in LAST_CAUSE", "[initiation][kernel][counters]") {
    DutDefault d(105);
    const auto& a = d.a;
    struct Step {
        const char* what;
        std::vector<Access> seq;
        unsigned cause;
    };
    const Transfer t = victim_transfer(d.kCfg, UDMA_M_SHRIMP);
    const std::vector<Step> steps{
        {"shadow load under NONE", {L(a.sh(t.src))}, UDMA_CAUSE_DISABLED},
        {"shadow store under NONE", {S(a.sh(t.dst), 8)}, UDMA_CAUSE_DISABLED},
        {"context page load under NONE", {L(a.c(0))}, UDMA_CAUSE_DISABLED},
        {"select SHRIMP", {S(a.k(UDMA_KREG_METHOD), UDMA_M_SHRIMP)}, UDMA_CAUSE_NONE},
        {"lone load", {L(a.sh(t.src))}, UDMA_CAUSE_SEQUENCE},
        {"load with ctx id 1", {L(a.sh(t.src, 1))}, UDMA_CAUSE_BAD_CTX},
        {"store with ctx id 1", {S(a.sh(t.dst, 1), 8)}, UDMA_CAUSE_BAD_CTX},
        {"context page store under SHRIMP", {S(a.c(1), 8)}, UDMA_CAUSE_DISABLED},
        {"size 0", {S(a.sh(t.dst), 0), L(a.sh(t.src))}, UDMA_CAUSE_SIZE_ZERO},
        {"crossing", {S(a.sh(t.dst), 5000), L(a.sh(t.src))}, UDMA_CAUSE_CROSS},
        {"select KEY", {S(a.k(UDMA_KREG_METHOD), UDMA_M_KEY)}, UDMA_CAUSE_NONE},
        {"shadow load under KEY", {L(a.sh(t.src))}, UDMA_CAUSE_DISABLED},
        {"key store naming context 9", {S(a.sh(t.dst), key_data(1, 9, UDMA_KSEL_DST))}, UDMA_CAUSE_BAD_CTX},
        {"launching load with only a size", {S(a.c(0), 8), L(a.c(0))}, UDMA_CAUSE_SEQUENCE},
        {"kernel K_GO with size 0", {S(a.k(UDMA_KREG_K_GO), 1)}, UDMA_CAUSE_SIZE_ZERO},
    };
    std::array<std::uint64_t, kNumCnt> expect{};
    unsigned last = UDMA_CAUSE_NONE;
    for (const auto& s : steps) {
        INFO(s.what);
        CHECK(run_checked(d, s.seq).empty());
        if (s.cause != UDMA_CAUSE_NONE) {
            ++expect[kCauseCounter[s.cause]];
            last = s.cause;
        }
        for (unsigned c = kSize0; c <= kDisabled; ++c) {
            INFO(kCntName[c]);
            CHECK(d.kread(kCntOffset[c]) == expect[c]);
        }
        CHECK(d.kread(UDMA_KREG_LAST_CAUSE) == last);
    }
    // a wrong key is not a refusal: CNT_KEY_FAIL only, LAST_CAUSE unchanged
    d.set_key(0, 0x42);
    CHECK(run_checked(d, {S(a.sh(t.dst), key_data(0x43, 0, UDMA_KSEL_DST))}).empty());
    CHECK(d.kread(UDMA_KREG_CNT_KEY_FAIL) == 1);
    CHECK(d.kread(UDMA_KREG_LAST_CAUSE) == last);
    // a key store to an unassigned context counts as a key failure too
    CHECK(run_checked(d, {S(a.sh(t.dst), key_data(0, 1, UDMA_KSEL_DST))}).empty());
    CHECK(d.kread(UDMA_KREG_CNT_KEY_FAIL) == 2);
    // right key, select 0 / ATOMIC: a kind KEY does not use
    CHECK(run_checked(d, {S(a.sh(t.dst), key_data(0x42, 0, 0)), S(a.sh(t.dst), key_data(0x42, 0, UDMA_KSEL_ATOMIC))}).empty());
    CHECK(d.kread(UDMA_KREG_CNT_REF_DISABLED) == expect[kDisabled] + 2);
    CHECK_MODEL_STATE(d);
}

TEST_CASE("interrupt status is sticky, write-1-to-clear, and gated by IRQ_ENABLE", "[initiation][kernel][irq]") {
    DutDefault d(106);
    d.select(UDMA_M_KEY);
    d.set_key(0, 5);
    CHECK(d.top().irq == 0);
    // KEY_FAIL
    CHECK(run_checked(d, {S(d.a.sh(0x100), key_data(6, 0, UDMA_KSEL_DST))}).empty());
    CHECK(d.kread(UDMA_KREG_IRQ_STATUS) == UDMA_IRQ_KEY_FAIL);
    d.sim().settle();
    CHECK(d.top().irq == 0);  // not enabled
    d.kset(UDMA_KREG_IRQ_ENABLE, UDMA_IRQ_KEY_FAIL);
    CHECK(d.top().irq == 1);
    // DONE and BUS_ERR
    d.complete(0, UDMA_BUS_OKAY, 4);
    CHECK(d.kread(UDMA_KREG_IRQ_STATUS) == (UDMA_IRQ_KEY_FAIL | UDMA_IRQ_DONE));
    d.complete(1, UDMA_BUS_DECERR, 0);
    CHECK(d.kread(UDMA_KREG_IRQ_STATUS) == (UDMA_IRQ_KEY_FAIL | UDMA_IRQ_DONE | UDMA_IRQ_BUS_ERR));
    d.kset(UDMA_KREG_IRQ_STATUS, UDMA_IRQ_KEY_FAIL);  // clear one bit
    CHECK(d.kread(UDMA_KREG_IRQ_STATUS) == (UDMA_IRQ_DONE | UDMA_IRQ_BUS_ERR));
    d.sim().settle();
    CHECK(d.top().irq == 0);
    d.kset(UDMA_KREG_IRQ_ENABLE, 7);
    CHECK(d.top().irq == 1);
    d.kset(UDMA_KREG_IRQ_STATUS, 0);  // writing 0 clears nothing
    CHECK(d.kread(UDMA_KREG_IRQ_STATUS) == (UDMA_IRQ_DONE | UDMA_IRQ_BUS_ERR));
    d.kset(UDMA_KREG_IRQ_STATUS, 7);
    CHECK(d.kread(UDMA_KREG_IRQ_STATUS) == 0);
    CHECK(d.top().irq == 0);
    CHECK(d.kread(UDMA_KREG_IRQ_ENABLE) == 7);
    CHECK(d.kread(UDMA_KREG_CNT_ERR_DEC) == 1);
    CHECK(d.kread(UDMA_KREG_CNT_BYTES) == 4);
    CHECK_MODEL_STATE(d);
}

TEST_CASE("ABORT clears latches and the repeated-passing FSM but not key contexts", "[initiation][kernel]") {
    DutDefault d(107);
    for (unsigned m : {unsigned{UDMA_M_SHRIMP}, unsigned{UDMA_M_FLASH}, unsigned{UDMA_M_PAL}, unsigned{UDMA_M_EXT},
                       unsigned{UDMA_M_REP3}, unsigned{UDMA_M_REP4}, unsigned{UDMA_M_REP5}, unsigned{UDMA_M_KEY}}) {
        INFO(method_name(m));
        const Transfer t = victim_transfer(d.kCfg, m);
        prepare(d, m, t);
        const auto seq = sequence(d.a, m, t);
        const std::size_t ls = launching_step(m);
        CHECK(run_checked(d, {seq.begin(), seq.begin() + static_cast<std::ptrdiff_t>(ls)}).empty());
        if (m == UDMA_M_SHRIMP || m == UDMA_M_FLASH || m == UDMA_M_PAL) CHECK(d.top().obs_latch == 1);
        if (m >= UDMA_M_REP3) CHECK(d.top().obs_rep_step == ls);
        d.abort_hook();
        if (m >= UDMA_M_REP3) CHECK(d.top().obs_rep_step == 0);
        CHECK(d.top().obs_latch == 0);
        auto c = d.step(seq[ls]);
        CHECK_FALSE(c.mismatch);
        const auto ds = d.descriptors();
        CHECK(ds == d.expected_descriptors());
        CHECK(ds.size() == (m == UDMA_M_KEY ? 1u : 0u));
    }
    CHECK_MODEL_STATE(d);
}

TEST_CASE("a METHOD write clears every partial sequence including key arguments", "[initiation][kernel]") {
    DutDefault d(108);
    for (unsigned m : {unsigned{UDMA_M_SHRIMP}, unsigned{UDMA_M_FLASH}, unsigned{UDMA_M_PAL}, unsigned{UDMA_M_EXT},
                       unsigned{UDMA_M_REP3}, unsigned{UDMA_M_REP4}, unsigned{UDMA_M_REP5}, unsigned{UDMA_M_KEY}}) {
        INFO(method_name(m));
        const Transfer t = victim_transfer(d.kCfg, m);
        prepare(d, m, t);
        const auto seq = sequence(d.a, m, t);
        const std::size_t ls = launching_step(m);
        CHECK(run_checked(d, {seq.begin(), seq.begin() + static_cast<std::ptrdiff_t>(ls)}).empty());
        d.select(m);
        auto c = d.step(seq[ls]);
        // KEY: nothing pending, status 0; REP3: the load starts a new sequence
        CHECK(c.rtl.data == (m == UDMA_M_KEY ? 0u : m == UDMA_M_REP3 ? UDMA_LD_ONTRACK : UDMA_LD_FAIL));
        CHECK_FALSE(c.mismatch);
        CHECK(d.descriptors().empty());
    }
    CHECK_MODEL_STATE(d);
}

TEST_CASE("CTX_REVOKE and CTX_KEY reset one context only", "[initiation][kernel][key]") {
    DutDefault d(109);
    d.select(UDMA_M_KEY);
    for (unsigned c = 0; c < 4; ++c) d.set_key(c, 0x1000 + c);
    auto tr = [&](unsigned c) { return Transfer{0x1000'0000 + 0x40 * c, 0x2000'0000 + 0x40 * c, 8 + c, c, 0x1000u + c}; };
    // give every context a launched transfer and pending arguments
    for (unsigned c = 0; c < 4; ++c) CHECK(run_checked(d, sequence(d.a, UDMA_M_KEY, tr(c))).empty());
    for (unsigned c = 0; c < 4; ++c) {
        auto s = sequence(d.a, UDMA_M_KEY, tr(c));
        CHECK(run_checked(d, {s[0], s[1]}).empty());
    }
    CHECK(d.descriptors().size() == 4);
    (void)d.expected_descriptors();
    d.kset(UDMA_KREG_CTX_REVOKE, 0b0010);                 // context 1 revoked
    d.kset(UDMA_KREG_CTX_KEY + 8 * 2, 0x2002);            // context 2 re-assigned with a new key
    auto l1 = d.step(L(d.a.c(1)));
    CHECK(l1.rtl.data == 0);  // revoked: arguments and status gone
    auto l2 = d.step(L(d.a.c(2)));
    CHECK(l2.rtl.data == 0);  // re-assigned: arguments and status gone
    auto l3 = d.step(L(d.a.c(3)));
    CHECK(l3.rtl.data == UDMA_LD_FAIL);  // untouched: its pending dst/src make this a launching load without size
    CHECK_FALSE((l1.mismatch || l2.mismatch || l3.mismatch));
    CHECK(d.descriptors() == d.expected_descriptors());
    // context 1: its old key no longer works; context 2: only the new key works
    CHECK(run_checked(d, sequence(d.a, UDMA_M_KEY, tr(1))).empty());
    CHECK(run_checked(d, sequence(d.a, UDMA_M_KEY, tr(2))).empty());
    Transfer t2 = tr(2);
    t2.key = 0x2002;
    CHECK(run_checked(d, sequence(d.a, UDMA_M_KEY, t2)).empty());
    CHECK(run_checked(d, sequence(d.a, UDMA_M_KEY, tr(0))).empty());
    const auto ds = d.descriptors();
    CHECK(ds == d.expected_descriptors());
    REQUIRE(ds.size() == 2);
    CHECK(ds[0].issuer == 2);
    CHECK(ds[1].issuer == 0);
    CHECK(d.kread(UDMA_KREG_CNT_KEY_FAIL) == 4);
    CHECK_MODEL_STATE(d);
}

// ---- removable at synthesis (Vudma_initiator_min, METHOD_MASK 0x133) --------------------------------

TEST_CASE("minimal config reports its parameters and refuses absent methods", "[initiation][kernel][min]") {
    DutMin d(111);
    CHECK(d.kread(UDMA_KREG_CONFIG) == 0x0802'0C20'0101'0133ull);
    CHECK(d.kread(UDMA_KREG_CONFIG2) == 0x20'10'08ull);  // TICKET_W 8
    for (unsigned m = 0; m < 16; ++m) {
        INFO("METHOD := " << m);
        d.select(UDMA_M_SHRIMP);
        auto c = d.step(S(d.a.k(UDMA_KREG_METHOD), m));
        const bool present = (0x133u >> m) & 1u;
        CHECK(c.rtl.resp == (present && m != UDMA_M_KERNEL ? AxiResp::Okay : AxiResp::SlvErr));
        CHECK_FALSE(c.mismatch);
        CHECK(d.kread(UDMA_KREG_METHOD) == (present ? m : unsigned{UDMA_M_SHRIMP}));
    }
}

TEST_CASE("minimal config every remaining method works", "[initiation][kernel][min]") {
    DutMin d(112);
    d.set_auto_drain(true);
    std::uint64_t ticket = 0;
    for (unsigned m : {unsigned{UDMA_M_SHRIMP}, unsigned{UDMA_M_KEY}, unsigned{UDMA_M_EXT}, unsigned{UDMA_M_REP5},
                       unsigned{UDMA_M_KERNEL}}) {
        INFO(method_name(m));
        const Transfer t = victim_transfer(d.kCfg, m);
        prepare(d, m, t);
        std::vector<DutMin::Checked> a;
        CHECK(run_checked(d, sequence(d.a, m, t), &a).empty());
        CHECK(a.back().rtl.data == accepted_answers(m, t, ticket).back());
        const auto ds = d.descriptors();
        REQUIRE(ds.size() == 1);
        CHECK(ds[0] == accepted_desc(d.kCfg, m, t, ticket));
        ++ticket;
    }
    // one context: ctx id 1 is BAD_CTX for EXT, context page 3 is undecoded, KEY context 1 is BAD_CTX
    d.select(UDMA_M_EXT);
    CHECK(run_checked(d, {S(d.a.sh(0x100, 1), 8), L(d.a.sh(0x200, 1))}).empty());
    CHECK(d.kread(UDMA_KREG_CNT_REF_BADCTX) == 2);
    CHECK(d.step(L(d.a.page(3))).rtl.resp == AxiResp::DecErr);
    d.select(UDMA_M_KEY);
    CHECK(run_checked(d, {S(d.a.sh(0x100), key_data(0, 1, UDMA_KSEL_DST))}).empty());
    CHECK(d.kread(UDMA_KREG_CNT_REF_BADCTX) == 3);
    CHECK(d.step(L(d.a.k(UDMA_KREG_CTX_KEY + 8))).rtl.resp == AxiResp::DecErr);
    CHECK_MODEL_STATE(d);
}

TEST_CASE("minimal config tickets wrap at TICKET_W 8 bits", "[initiation][kernel][min]") {
    DutMin d(113);
    d.select(UDMA_M_SHRIMP);
    const Transfer t = victim_transfer(d.kCfg, UDMA_M_SHRIMP);
    for (unsigned i = 0; i < 260; ++i) {
        std::vector<DutMin::Checked> a;
        REQUIRE(run_checked(d, sequence(d.a, UDMA_M_SHRIMP, t), &a).empty());
        CHECK(a.back().rtl.data == (UDMA_LD_STARTED | (i & 0xFF)));
        const auto ds = d.pop(1);
        REQUIRE(ds.size() == 1);
        CHECK(ds[0].ticket == (i & 0xFF));
        d.complete(i & 0xFF, UDMA_BUS_OKAY, t.size);
    }
    CHECK(d.sread(UDMA_SREG_S_TICKET_NEXT) == (260 & 0xFF));
    CHECK(d.sread(UDMA_SREG_S_TICKET_DONE) == (260 & 0xFF));
    // RESULT_SLOTS = 2: slot 1 holds ticket 259 & 0xFF = 3, slot 0 ticket 258 & 0xFF = 2
    CHECK(d.sread(UDMA_SREG_S_RESULT_AT(0)) == ((std::uint64_t{1} << UDMA_RS_VALID_LSB) | 2));
    CHECK(d.sread(UDMA_SREG_S_RESULT_AT(1)) == ((std::uint64_t{1} << UDMA_RS_VALID_LSB) | 3));
    CHECK(d.kread(UDMA_KREG_CNT_LAUNCH) == 260);
    CHECK_MODEL_STATE(d);
}

// ---- corners of the parameter ranges (Vudma_initiator_odd) ------------------------------------------
// PA_BITS 48, PAGE_BITS 10, N_CTX 3, QUEUE_DEPTH 3, RESULT_SLOTS 1, TICKET_W 9, PID_W 4, CNT_W 8,
// METHOD_MASK 0x1F7 (no PAL).

TEST_CASE("odd config reports its parameters and refuses PAL", "[initiation][kernel][odd]") {
    DutOdd d(121);
    CHECK(d.kread(UDMA_KREG_CONFIG) == 0x0801'0A30'0303'01F7ull);
    CHECK(d.kread(UDMA_KREG_CONFIG2) == 0x08'04'09ull);  // CNT_W 8, PID_W 4, TICKET_W 9
    CHECK(d.step(S(d.a.k(UDMA_KREG_METHOD), UDMA_M_PAL)).rtl.resp == AxiResp::SlvErr);
    CHECK(d.kread(UDMA_KREG_METHOD) == UDMA_M_NONE);
    for (unsigned m : {1u, 2u, 4u, 5u, 6u, 7u, 8u, 0u}) {
        CHECK(d.step(S(d.a.k(UDMA_KREG_METHOD), m)).rtl.resp == AxiResp::Okay);
        CHECK(d.kread(UDMA_KREG_METHOD) == m);
    }
}

TEST_CASE("protection checks odd config", "[initiation][protection][odd]") {
    for (unsigned m : {unsigned{UDMA_M_SHRIMP}, unsigned{UDMA_M_FLASH}, unsigned{UDMA_M_KEY}, unsigned{UDMA_M_EXT},
                       unsigned{UDMA_M_REP3}, unsigned{UDMA_M_REP4}, unsigned{UDMA_M_REP5}, unsigned{UDMA_M_KERNEL}})
        protection_checks<DutOdd>(m, 122 + m);
}

TEST_CASE("queue full odd config depth 3", "[initiation][protection][queue][odd]") {
    queue_full<DutOdd>(UDMA_M_FLASH, 131);
    queue_full<DutOdd>(UDMA_M_KEY, 132);
    queue_full<DutOdd>(UDMA_M_KERNEL, 133);
}

TEST_CASE("odd config one result slot records every completion", "[initiation][completion][odd]") {
    DutOdd d(134);
    d.select(UDMA_M_SHRIMP);
    const Transfer t = victim_transfer(d.kCfg, UDMA_M_SHRIMP);
    const std::uint64_t valid = std::uint64_t{1} << UDMA_RS_VALID_LSB;
    for (unsigned i = 0; i < 3; ++i) CHECK(run_checked(d, sequence(d.a, UDMA_M_SHRIMP, t)).empty());
    CHECK(d.descriptors().size() == 3);
    d.complete(0, UDMA_BUS_OKAY, t.size);
    CHECK(d.sread(UDMA_SREG_S_RESULT_AT(0)) == (valid | 0));
    d.complete(1, UDMA_BUS_SLVERR, 0);  // ticket 1 % RESULT_SLOTS == 0
    CHECK(d.sread(UDMA_SREG_S_RESULT_AT(0)) == (valid | (std::uint64_t{UDMA_BUS_SLVERR} << UDMA_RS_CODE_LSB) | 1));
    d.complete(2, UDMA_BUS_OKAY, t.size);
    CHECK(d.sread(UDMA_SREG_S_RESULT_AT(0)) == (valid | 2));
    CHECK(d.step(L(d.a.s(UDMA_SREG_S_RESULT_AT(1)))).rtl.resp == AxiResp::DecErr);
    CHECK_MODEL_STATE(d);
}

TEST_CASE("odd config 8-bit counters and 9-bit tickets wrap", "[initiation][kernel][odd]") {
    DutOdd d(135);
    d.select(UDMA_M_SHRIMP);
    for (unsigned i = 0; i < 260; ++i) CHECK(run_checked(d, {L(d.a.sh(0x100))}).empty());
    CHECK(d.kread(UDMA_KREG_CNT_REF_SEQ) == (260 & 0xFF));
    d.complete(0, UDMA_BUS_OKAY, 200);
    d.complete(1, UDMA_BUS_OKAY, 200);
    CHECK(d.kread(UDMA_KREG_CNT_BYTES) == (400 & 0xFF));
    const Transfer t = victim_transfer(d.kCfg, UDMA_M_SHRIMP);
    for (unsigned i = 0; i < 515; ++i) {
        std::vector<DutOdd::Checked> a;
        REQUIRE(run_checked(d, sequence(d.a, UDMA_M_SHRIMP, t), &a).empty());
        REQUIRE(a.back().rtl.data == (UDMA_LD_STARTED | (i & 0x1FF)));
        REQUIRE(d.pop(1).size() == 1);
    }
    CHECK(d.sread(UDMA_SREG_S_TICKET_NEXT) == (515 & 0x1FF));
    CHECK(d.kread(UDMA_KREG_CNT_LAUNCH) == (515 & 0xFF));
    CHECK_MODEL_STATE(d);
}

TEST_CASE("odd config 4-bit CURRENT_PID three contexts and 48-bit addresses", "[initiation][kernel][odd]") {
    DutOdd d(136);
    const auto& a = d.a;
    CHECK(d.step(S(a.k(UDMA_KREG_CURRENT_PID), 16)).rtl.resp == AxiResp::SlvErr);
    d.set_pid(15);
    d.select(UDMA_M_FLASH);
    const Transfer big{0xFFFF'FFFF'F000 + 0x10, 0xABCD'1234'5400, 0x3F0, 0, 0};
    CHECK(run_checked(d, sequence(a, UDMA_M_FLASH, big)).empty());
    auto ds = d.descriptors();
    REQUIRE(ds.size() == 1);
    CHECK(ds[0] == Desc{big.src, big.dst, big.size, UDMA_M_FLASH, 15, 0});
    // EXT: ctx id 3 exists in the address (CTX_BITS = 2) but not as a context
    d.select(UDMA_M_EXT);
    CHECK(run_checked(d, {S(a.sh(0x100, 3), 8), L(a.sh(0x200, 3))}).empty());
    CHECK(d.kread(UDMA_KREG_CNT_REF_BADCTX) == 2);
    for (unsigned c = 0; c < 3; ++c) {
        Transfer t{0x1000 + c, 0x2000 + c, 4, c, 0};
        CHECK(run_checked(d, sequence(a, UDMA_M_EXT, t)).empty());
    }
    ds = d.descriptors();
    REQUIRE(ds.size() == 3);
    for (unsigned c = 0; c < 3; ++c) CHECK(ds[c].issuer == c);
    // KEY: context 3 is BAD_CTX, its page and its key register are undecoded
    d.select(UDMA_M_KEY);
    CHECK(run_checked(d, {S(a.sh(0x100), key_data(0, 3, UDMA_KSEL_DST))}).empty());
    CHECK(d.kread(UDMA_KREG_CNT_REF_BADCTX) == 3);
    CHECK(d.step(L(a.c(3))).rtl.resp == AxiResp::DecErr);
    CHECK(d.step(S(a.k(UDMA_KREG_CTX_KEY + 8 * 3), 1)).rtl.resp == AxiResp::DecErr);
    d.kset(UDMA_KREG_CTX_REVOKE, 0xFF);  // bits of absent contexts are ignored
    CHECK(d.step(S(a.k(UDMA_KREG_K_SRC), std::uint64_t{1} << 48)).rtl.resp == AxiResp::SlvErr);
    CHECK(d.step(S(a.k(UDMA_KREG_K_SRC), (std::uint64_t{1} << 48) - 1)).rtl.resp == AxiResp::Okay);
    CHECK_MODEL_STATE(d);
}
