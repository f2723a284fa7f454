// Initiation engine: every method's accepted sequence produces exactly one descriptor with exact
// fields and the documented answers; completions update the status page, counters and (KEY) the
// context page. Expected values are written out here from SPEC section 4 / design.md sections
// 3-5, and every access is also compared with the reference model (init_model.hpp).
#include <catch2/catch.hpp>

#include "init_fixture.hpp"

using namespace udma::test;

namespace {

// One accepted initiation of `method`, checked access by access; returns the descriptors.
template <class D>
std::vector<Desc> accept_once(D& d, unsigned method, const Transfer& t, std::uint64_t ticket) {
    const auto seq = sequence(d.a, method, t);
    const auto want = accepted_answers(method, t, ticket);
    REQUIRE(seq.size() == want.size());
    const std::uint64_t before = d.launch_count();
    for (std::size_t i = 0; i < seq.size(); ++i) {
        INFO(method_name(method) << " access " << i << " " << seq[i].what);
        auto c = d.step(seq[i]);
        CHECK(c.rtl.resp == AxiResp::Okay);
        CHECK(c.rtl.data == want[i]);
        CHECK_FALSE(c.mismatch);
        // exactly the launching access launches
        CHECK(d.launch_count() - before == (i >= launching_step(method) ? 1u : 0u));
    }
    return d.descriptors();
}

template <class D = DutDefault>
void accepted_case(unsigned method) {
    D d(11 + method);
    const Transfer t = victim_transfer(d.kCfg, method);
    prepare(d, method, t);

    auto first = accept_once(d, method, t, 0);
    REQUIRE(first.size() == 1);
    CHECK(first[0] == accepted_desc(d.kCfg, method, t, 0));
    INFO("descriptor " << to_string(first[0]));

    // a second identical initiation gets the next ticket
    auto second = accept_once(d, method, t, 1);
    REQUIRE(second.size() == 1);
    CHECK(second[0] == accepted_desc(d.kCfg, method, t, 1));

    // counters: two launches, no refusal of any cause, LAST_CAUSE untouched
    CHECK(d.kread(UDMA_KREG_CNT_LAUNCH) == 2);
    for (unsigned c = kSize0; c <= kKeyFail; ++c) {
        INFO(kCntName[c]);
        CHECK(d.kread(kCntOffset[c]) == 0);
    }
    CHECK(d.kread(UDMA_KREG_LAST_CAUSE) == UDMA_CAUSE_NONE);
    CHECK(d.sread(UDMA_SREG_S_TICKET_NEXT) == 2);
    CHECK(d.sread(UDMA_SREG_S_TICKET_DONE) == 0);
    CHECK(d.sread(UDMA_SREG_S_METHOD) == (method == UDMA_M_KERNEL ? unsigned{UDMA_M_NONE} : method));

    // completions in ticket order: OKAY then SLVERR; slot = ticket % RESULT_SLOTS
    const unsigned rs = d.kCfg.result_slots;
    d.complete(0, UDMA_BUS_OKAY, t.size);
    CHECK(d.sread(UDMA_SREG_S_TICKET_DONE) == 1);
    CHECK(d.sread(UDMA_SREG_S_RESULT_AT(0)) == ((std::uint64_t{1} << UDMA_RS_VALID_LSB) | 0u));
    if (rs > 1) CHECK(d.sread(UDMA_SREG_S_RESULT_AT(1)) == 0);
    d.complete(1, UDMA_BUS_SLVERR, 8);
    CHECK(d.sread(UDMA_SREG_S_TICKET_DONE) == 2);
    CHECK(d.sread(UDMA_SREG_S_RESULT_AT(1 % rs)) ==
          ((std::uint64_t{1} << UDMA_RS_VALID_LSB) | (std::uint64_t{UDMA_BUS_SLVERR} << UDMA_RS_CODE_LSB) | 1u));
    CHECK(d.kread(UDMA_KREG_CNT_DONE) == 2);
    CHECK(d.kread(UDMA_KREG_CNT_BYTES) == t.size + 8);
    CHECK(d.kread(UDMA_KREG_CNT_ERR_SLV) == 1);
    CHECK(d.kread(UDMA_KREG_CNT_ERR_DEC) == 0);
    CHECK(d.kread(UDMA_KREG_IRQ_STATUS) == (UDMA_IRQ_DONE | UDMA_IRQ_BUS_ERR));
    if (method == UDMA_M_KEY) {
        // the context page reports the latest transfer of the context: it ended with SLVERR
        CHECK(d.load(d.a.c(t.ctx)).data == UDMA_LD_BUS_SLVERR);
    }
    CHECK_MODEL_STATE(d);
}

}  // namespace

TEST_CASE("accepted SHRIMP pair", "[initiation][accepted][shrimp]") { accepted_case(UDMA_M_SHRIMP); }
TEST_CASE("accepted FLASH pair", "[initiation][accepted][flash]") { accepted_case(UDMA_M_FLASH); }
TEST_CASE("accepted PAL pair", "[initiation][accepted][pal]") { accepted_case(UDMA_M_PAL); }
TEST_CASE("accepted KEY sequence", "[initiation][accepted][key]") { accepted_case(UDMA_M_KEY); }
TEST_CASE("accepted EXT pair", "[initiation][accepted][ext]") { accepted_case(UDMA_M_EXT); }
TEST_CASE("accepted REP3 sequence", "[initiation][accepted][rep3]") { accepted_case(UDMA_M_REP3); }
TEST_CASE("accepted REP4 sequence", "[initiation][accepted][rep4]") { accepted_case(UDMA_M_REP4); }
TEST_CASE("accepted REP5 sequence", "[initiation][accepted][rep5]") { accepted_case(UDMA_M_REP5); }
TEST_CASE("accepted kernel path", "[initiation][accepted][kernel]") { accepted_case(UDMA_M_KERNEL); }

TEST_CASE("accepted odd config SHRIMP", "[initiation][accepted][odd]") { accepted_case<DutOdd>(UDMA_M_SHRIMP); }
TEST_CASE("accepted odd config FLASH", "[initiation][accepted][odd]") { accepted_case<DutOdd>(UDMA_M_FLASH); }
TEST_CASE("accepted odd config KEY", "[initiation][accepted][odd]") { accepted_case<DutOdd>(UDMA_M_KEY); }
TEST_CASE("accepted odd config EXT", "[initiation][accepted][odd]") { accepted_case<DutOdd>(UDMA_M_EXT); }
TEST_CASE("accepted odd config REP3", "[initiation][accepted][odd]") { accepted_case<DutOdd>(UDMA_M_REP3); }
TEST_CASE("accepted odd config REP4", "[initiation][accepted][odd]") { accepted_case<DutOdd>(UDMA_M_REP4); }
TEST_CASE("accepted odd config REP5", "[initiation][accepted][odd]") { accepted_case<DutOdd>(UDMA_M_REP5); }
TEST_CASE("accepted odd config kernel path", "[initiation][accepted][odd]") { accepted_case<DutOdd>(UDMA_M_KERNEL); }
TEST_CASE("accepted minimal config every method", "[initiation][accepted][min]") {
    for (unsigned m : {unsigned{UDMA_M_SHRIMP}, unsigned{UDMA_M_KEY}, unsigned{UDMA_M_EXT}, unsigned{UDMA_M_REP5},
                       unsigned{UDMA_M_KERNEL}})
        accepted_case<DutMin>(m);
}

TEST_CASE("EXT every context id launches with its own issuer", "[initiation][accepted][ext]") {
    DutDefault d(3);
    d.select(UDMA_M_EXT);
    for (unsigned c = 0; c < d.kCfg.n_ctx; ++c) {
        Transfer t{0x3000'0000 + 0x10 * c, 0x4000'0000 + 0x1000 * c, 8 + c, c, 0};
        auto ds = accept_once(d, UDMA_M_EXT, t, c);
        REQUIRE(ds.size() == 1);
        CHECK(ds[0] == Desc{t.src, t.dst, t.size, UDMA_M_EXT, c, c});
    }
}

TEST_CASE("KEY every context launches with its own issuer", "[initiation][accepted][key]") {
    DutDefault d(4);
    d.select(UDMA_M_KEY);
    for (unsigned c = 0; c < d.kCfg.n_ctx; ++c) d.set_key(c, 0x11'2233'4455'6600ull + c);
    for (unsigned c = 0; c < d.kCfg.n_ctx; ++c) {
        Transfer t{0x3000'0000 + 0x10 * c, 0x4000'0000 + 0x1000 * c, 16 + c, c, 0x11'2233'4455'6600ull + c};
        auto ds = accept_once(d, UDMA_M_KEY, t, c);
        REQUIRE(ds.size() == 1);
        CHECK(ds[0] == Desc{t.src, t.dst, t.size, UDMA_M_KEY, c, c});
    }
}

TEST_CASE("KEY context page reports remaining bytes then completion", "[initiation][accepted][key][completion]") {
    DutDefault d(5);
    const Transfer t = victim_transfer(d.kCfg, UDMA_M_KEY);
    prepare(d, UDMA_M_KEY, t);
    const auto cp = d.a.c(t.ctx);
    CHECK(d.load(cp).data == 0);  // no transfer yet: 0
    auto ds = accept_once(d, UDMA_M_KEY, t, 0);
    REQUIRE(ds.size() == 1);
    // launched, not yet started by the mover: all bytes remain
    CHECK(d.load(cp).data == t.size);
    // the mover works on another ticket: still the full size
    d.progress(true, 7, 3);
    CHECK(d.load(cp).data == t.size);
    // the mover works on this ticket: its remaining bytes
    d.progress(true, 0, 40);
    CHECK(d.load(cp).data == 40);
    d.progress(true, 0, 8);
    CHECK(d.load(cp).data == 8);
    d.progress(false);
    d.complete(0, UDMA_BUS_OKAY, t.size);
    CHECK(d.load(cp).data == 0);  // done
    // a completion of some other ticket does not change this context's answer
    d.complete(5, UDMA_BUS_DECERR, 0);
    CHECK(d.load(cp).data == 0);

    // a new transfer ending with DECERR, then one refused (size 0)
    auto ds2 = accept_once(d, UDMA_M_KEY, t, 1);
    REQUIRE(ds2.size() == 1);
    d.complete(1, UDMA_BUS_DECERR, 0);
    CHECK(d.load(cp).data == UDMA_LD_BUS_DECERR);
    Transfer z = t;
    z.size = 0;
    auto seq = sequence(d.a, UDMA_M_KEY, z);
    CHECK(run_checked(d, seq).empty());
    CHECK(d.kread(UDMA_KREG_LAST_CAUSE) == UDMA_CAUSE_SIZE_ZERO);
    CHECK(d.load(cp).data == UDMA_LD_FAIL);  // latest launch refused
    CHECK(d.descriptors().empty());
    CHECK_MODEL_STATE(d);
}

TEST_CASE("KEY completion in the same cycle as the next launching load", "[initiation][key][completion]") {
    // The completion of the context's previous transfer arrives at the clock edge that accepts
    // the context's next launching load: the new transfer must not be reported done.
    DutDefault d(6);
    const Transfer t = victim_transfer(d.kCfg, UDMA_M_KEY);
    prepare(d, UDMA_M_KEY, t);
    auto ds = accept_once(d, UDMA_M_KEY, t, 0);
    REQUIRE(ds.size() == 1);
    auto seq = sequence(d.a, UDMA_M_KEY, t);
    CHECK(run_checked(d, {seq[0], seq[1], seq[2]}).empty());
    d.complete_with_next_access(0, UDMA_BUS_OKAY, t.size);
    auto c = d.step(seq[3]);
    CHECK(c.rtl.data == (UDMA_LD_STARTED | t.size));
    CHECK_FALSE(c.mismatch);
    CHECK(d.sread(UDMA_SREG_S_TICKET_DONE) == 1);
    // ticket 1 is launched and not complete: its bytes remain
    CHECK(d.load(d.a.c(t.ctx)).data == t.size);
    CHECK(d.descriptors().size() == 1);
}

TEST_CASE("status page result slots wrap modulo RESULT_SLOTS", "[initiation][completion]") {
    DutDefault d(8);
    d.select(UDMA_M_SHRIMP);
    const Transfer t = victim_transfer(d.kCfg, UDMA_M_SHRIMP);
    const unsigned n = d.kCfg.result_slots + 3;
    for (unsigned i = 0; i < n; ++i) {
        CHECK(run_checked(d, sequence(d.a, UDMA_M_SHRIMP, t)).empty());
        auto ds = d.descriptors();
        REQUIRE(ds.size() == 1);
        CHECK(ds[0].ticket == i);
        d.complete(i, (i % 3 == 2) ? UDMA_BUS_DECERR : UDMA_BUS_OKAY, t.size);
    }
    for (unsigned s = 0; s < d.kCfg.result_slots; ++s) {
        // slot s holds the latest ticket t with t % RESULT_SLOTS == s
        std::uint64_t ticket = s + ((s < 3) ? d.kCfg.result_slots : 0);
        const unsigned code = (ticket % 3 == 2) ? UDMA_BUS_DECERR : UDMA_BUS_OKAY;
        INFO("slot " << s);
        CHECK(d.sread(UDMA_SREG_S_RESULT_AT(s)) ==
              ((std::uint64_t{1} << UDMA_RS_VALID_LSB) | (std::uint64_t{code} << UDMA_RS_CODE_LSB) | ticket));
    }
    CHECK(d.sread(UDMA_SREG_S_TICKET_DONE) == n);
    CHECK_MODEL_STATE(d);
}

TEST_CASE("obs_launch pulses once per launch and agrees with CNT_LAUNCH", "[initiation][observation]") {
    DutDefault d(9);
    d.set_auto_drain(true);
    std::uint64_t expect = 0;
    for (unsigned m : all_methods()) {
        const Transfer t = victim_transfer(d.kCfg, m);
        prepare(d, m, t);
        CHECK(run_checked(d, sequence(d.a, m, t)).empty());
        ++expect;
        CHECK(d.launch_count() == expect);
    }
    CHECK(d.kread(UDMA_KREG_CNT_LAUNCH) == expect);
    CHECK(d.descriptors().size() == expect);
}
