// Data mover (issue 3), end to end through udma_top (64-bit memory port): launches through the
// kernel page, the key-based context page and SHRIMP; the AXI4 memory model checks the protocol;
// the byte-exact reference model checks the whole memory image. Basic behaviour, completion
// reporting, launch latency, read and write errors, full queue, reset with bursts outstanding,
// read-after-write ordering, a randomized soak. The alignment sweeps are in test_mover_sweep.cpp.
#include <catch2/catch.hpp>

#include <random>

#include "Vudma_top.h"
#include "mover_fixture.hpp"

using namespace udma::test;
using udma::tb::AccessDir;
using udma::tb::AxiErrorRange;
using udma::tb::AxiResp;

namespace {

using Rig = MoverRig<Vudma_top>;
constexpr unsigned kBus = 8;
constexpr std::uint64_t kKey = 0x00C0'FFEE'1234'5678ull;

MoverRigOptions opts(AxiMemConfig mem, std::uint64_t seed = 1) {
    MoverRigOptions o;
    o.mem = mem;
    o.seed = seed;
    return o;
}

std::uint64_t words_of(std::uint64_t addr, std::uint64_t size, unsigned bus) {
    return (addr % bus + size + bus - 1) / bus;
}

unsigned code_of(AxiResp r) { return static_cast<unsigned>(r); }

// Key-based launch of context 0; answers the launching load.
std::uint64_t key_launch(Rig& rig, std::uint64_t src, std::uint64_t dst, std::uint64_t size) {
    const auto& w = rig.window();
    REQUIRE(rig.store(w.shadow(dst), UDMA_KEY_STORE_DATA(kKey, 0, UDMA_KSEL_DST)).resp == AxiResp::Okay);
    REQUIRE(rig.store(w.shadow(src), UDMA_KEY_STORE_DATA(kKey, 0, UDMA_KSEL_SRC)).resp == AxiResp::Okay);
    REQUIRE(rig.store(w.ctx_page(0), size).resp == AxiResp::Okay);
    return rig.load(w.ctx_page(0)).data;
}

void select_key_method(Rig& rig) {
    rig.set_kreg(UDMA_KREG_METHOD, UDMA_M_KEY);
    rig.set_kreg(UDMA_KREG_CTX_KEY_AT(0), kKey);
}

}  // namespace

TEST_CASE("mover: one aligned 4 KiB copy, counters, status page, irq", "[mover]") {
    Rig rig(opts(fast_memory(kBus)));
    const Layout l;
    fill_layout(rig, l, 11);
    RefMem ref(rig.mem().memory());
    rig.set_kreg(UDMA_KREG_IRQ_ENABLE, UDMA_IRQ_DONE | UDMA_IRQ_BUS_ERR);

    const Xfer x{l.src_base, l.dst_base, 4096};
    const auto go = rig.kernel_launch(x.src, x.dst, x.size);
    REQUIRE(go.started);
    CHECK(go.ticket == 0);
    rig.wait_idle();
    ref.copy(x.src, x.dst, x.size);
    const auto why = ref.mismatch(rig.mem().memory());
    INFO(why.value_or("image matches"));
    CHECK_FALSE(why.has_value());

    // 4 KiB aligned at 8 bytes per beat: two 256-beat bursts each way
    CHECK(rig.mem().stats().ar_bursts == 2);
    CHECK(rig.mem().stats().aw_bursts == 2);
    CHECK(rig.mem().stats().longest_burst == 256);
    CHECK(rig.mem().stats().r_beats == 512);
    CHECK(rig.mem().stats().w_beats == 512);

    REQUIRE(rig.completions().size() == 1);
    CHECK(rig.completions()[0].code == UDMA_BUS_OKAY);
    CHECK(rig.completions()[0].bytes == 4096);
    CHECK(rig.sreg(UDMA_SREG_S_TICKET_DONE) == 1);
    const std::uint64_t slot = rig.sreg(UDMA_SREG_S_RESULT_AT(0));
    CHECK((slot & 0xFFFF'FFFFu) == 0);
    CHECK(((slot >> UDMA_RS_CODE_LSB) & 3u) == UDMA_BUS_OKAY);
    CHECK(((slot >> UDMA_RS_VALID_LSB) & 1u) == 1);
    CHECK(rig.kreg(UDMA_KREG_CNT_DONE) == 1);
    CHECK(rig.kreg(UDMA_KREG_CNT_BYTES) == 4096);
    CHECK(rig.kreg(UDMA_KREG_CNT_ERR_SLV) == 0);
    CHECK(rig.kreg(UDMA_KREG_CNT_ERR_DEC) == 0);
    rig.sim().settle();
    CHECK(rig.top().irq == 1);
    CHECK(rig.kreg(UDMA_KREG_IRQ_STATUS) == UDMA_IRQ_DONE);
    rig.set_kreg(UDMA_KREG_IRQ_STATUS, UDMA_IRQ_DONE);
    rig.sim().settle();
    CHECK(rig.top().irq == 0);
    CHECK((rig.sreg(UDMA_SREG_S_QUEUE) >> 32) == 0);  // mover idle
}

TEST_CASE("mover: first ARVALID 2 cycles after the deciding edge of the launch (kernel page and SHRIMP)", "[mover][latency]") {
    // docs/design.md section 2: an access is accepted at edge a, decided at edge a+1 (where it
    // pushes the descriptor), and the mover raises ARVALID two cycles after the decision, i.e. 3
    // cycles after the accepting edge.
    Rig rig(opts(fast_memory(kBus)));
    const Layout l;
    fill_layout(rig, l, 12);

    // kernel page: K_GO's accepting edge to the first cycle with ARVALID high
    rig.set_kreg(UDMA_KREG_K_SRC, l.src_base + 3);
    rig.set_kreg(UDMA_KREG_K_DST, l.dst_base + 5);
    rig.set_kreg(UDMA_KREG_K_SIZE, 100);
    rig.mem().arm_arvalid_watch();
    const auto go = rig.store(rig.window().kernel(UDMA_KREG_K_GO), 1);
    rig.run(4);
    REQUIRE(rig.mem().arvalid_seen_cycle().has_value());
    CHECK(*rig.mem().arvalid_seen_cycle() - go.accept_cycle == 3);
    rig.wait_idle();

    // SHRIMP pair: the launching load's accepting edge
    rig.set_kreg(UDMA_KREG_METHOD, UDMA_M_SHRIMP);
    REQUIRE(rig.store(rig.window().shadow(l.dst_base + 0x400), 64).resp == AxiResp::Okay);
    rig.mem().arm_arvalid_watch();
    const auto ld = rig.load(rig.window().shadow(l.src_base + 0x400));
    CHECK(ld.data == (UDMA_LD_STARTED | 1));
    rig.run(4);
    REQUIRE(rig.mem().arvalid_seen_cycle().has_value());
    CHECK(*rig.mem().arvalid_seen_cycle() - ld.accept_cycle == 3);
    rig.wait_idle();
    CHECK(rig.completions().size() == 2);
}

TEST_CASE("mover: key-based context page counts remaining bytes down to 0", "[mover][completion]") {
    AxiMemConfig mem = fast_memory(kBus);
    mem.read_latency = 12;
    mem.w_ready_pct = 30;
    mem.seed = 5;
    Rig rig(opts(mem));
    const Layout l;
    fill_layout(rig, l, 13);
    RefMem ref(rig.mem().memory());
    select_key_method(rig);

    const Xfer x{l.src_base + 9, l.dst_base + 2, 3000};
    CHECK(key_launch(rig, x.src, x.dst, x.size) == (UDMA_LD_STARTED | x.size));
    std::vector<std::uint64_t> seen;
    bool busy_seen = false;
    for (int i = 0; i < 2000; ++i) {
        const std::uint64_t v = rig.load(rig.window().ctx_page(0)).data;
        seen.push_back(v);
        if ((rig.sreg(UDMA_SREG_S_QUEUE) >> 32) & 1u) busy_seen = true;
        if (v == 0) break;
    }
    REQUIRE(!seen.empty());
    CHECK(seen.back() == 0);
    CHECK(busy_seen);
    for (std::size_t i = 0; i < seen.size(); ++i) {
        INFO("poll " << i << " answered " << seen[i]);
        CHECK(seen[i] <= x.size);
        if (i > 0) CHECK(seen[i] <= seen[i - 1]);
    }
    // some intermediate value strictly between the size and 0 was observed
    CHECK(std::any_of(seen.begin(), seen.end(), [&](std::uint64_t v) { return v > 0 && v < x.size; }));
    rig.wait_idle();
    ref.copy(x.src, x.dst, x.size);
    CHECK_FALSE(ref.mismatch(rig.mem().memory()).has_value());
    CHECK(rig.load(rig.window().ctx_page(0)).data == 0);
}

TEST_CASE("mover: read error in the first, a middle and the last beat of a burst", "[mover][error]") {
    struct Place {
        std::uint64_t src_off, dst_off, size;
    };
    const Place place = GENERATE(Place{0, 0, 4096}, Place{3, 5, 4088}, Place{6, 1, 4089});
    const AxiResp resp = GENERATE(AxiResp::SlvErr, AxiResp::DecErr);
    const Layout l;
    const Xfer x{l.src_base + place.src_off, l.dst_base + place.dst_off, place.size};
    const std::uint64_t n_rd = words_of(x.src, x.size, kBus);
    // first / middle / last beat of the first 256-beat burst, first beat of the second, last beat
    const std::uint64_t fail_word = GENERATE(values<std::uint64_t>({0, 100, 255, 256, 511}));
    const std::uint64_t failing = std::min(fail_word, n_rd - 1);
    INFO(describe(x) << " read error " << to_string(resp) << " on source word " << failing);

    Rig rig(opts(fast_memory(kBus)));
    fill_layout(rig, l, 21 + failing);
    RefMem ref(rig.mem().memory());
    rig.set_kreg(UDMA_KREG_IRQ_ENABLE, UDMA_IRQ_BUS_ERR);
    const std::uint64_t word = (x.src & ~std::uint64_t{kBus - 1}) + failing * kBus;
    rig.mem().add_error({word, word + kBus, resp, AccessDir::Read});

    REQUIRE(rig.kernel_launch(x.src, x.dst, x.size).started);
    rig.wait_idle();
    const std::uint64_t prefix = bytes_before_read_error(x, failing, kBus);
    REQUIRE(rig.completions().size() == 1);
    CHECK(rig.completions()[0].code == code_of(resp));
    CHECK(rig.completions()[0].bytes == prefix);
    ref.copy_part(x.src, x.dst, 0, prefix);
    const auto why = ref.mismatch(rig.mem().memory());
    INFO(why.value_or("image matches"));
    CHECK_FALSE(why.has_value());

    CHECK(rig.kreg(UDMA_KREG_CNT_DONE) == 1);
    CHECK(rig.kreg(UDMA_KREG_CNT_BYTES) == prefix);
    CHECK(rig.kreg(resp == AxiResp::SlvErr ? UDMA_KREG_CNT_ERR_SLV : UDMA_KREG_CNT_ERR_DEC) == 1);
    CHECK(rig.kreg(resp == AxiResp::SlvErr ? UDMA_KREG_CNT_ERR_DEC : UDMA_KREG_CNT_ERR_SLV) == 0);
    CHECK(((rig.sreg(UDMA_SREG_S_RESULT_AT(0)) >> UDMA_RS_CODE_LSB) & 3u) == code_of(resp));
    rig.sim().settle();
    CHECK(rig.top().irq == 1);
    CHECK(rig.kreg(UDMA_KREG_IRQ_STATUS) == (UDMA_IRQ_DONE | UDMA_IRQ_BUS_ERR));

    // the engine goes on: the next transfer (same source, the error range is gone) is exact
    rig.mem().clear_errors();
    const Xfer next{x.src, l.dst_base + kPage + place.dst_off, x.size};
    REQUIRE(rig.kernel_launch(next.src, next.dst, next.size).started);
    rig.wait_idle();
    REQUIRE(rig.completions().size() == 2);
    CHECK(rig.completions()[1].code == UDMA_BUS_OKAY);
    CHECK(rig.completions()[1].bytes == next.size);
    ref.copy(next.src, next.dst, next.size);
    CHECK_FALSE(ref.mismatch(rig.mem().memory()).has_value());
}

TEST_CASE("mover: write error in the first, a middle and the last beat of a burst", "[mover][error]") {
    struct Place {
        std::uint64_t src_off, dst_off, size;
    };
    const Place place = GENERATE(Place{0, 0, 4096}, Place{5, 3, 4090});
    const AxiResp resp = GENERATE(AxiResp::SlvErr, AxiResp::DecErr);
    const Layout l;
    const Xfer x{l.src_base + place.src_off, l.dst_base + place.dst_off, place.size};
    const std::uint64_t n_wr = words_of(x.dst, x.size, kBus);
    const std::uint64_t fail_word = std::min(GENERATE(values<std::uint64_t>({0, 77, 255, 256, 511})), n_wr - 1);
    INFO(describe(x) << " write error " << to_string(resp) << " on destination word " << fail_word);

    AxiMemConfig mem = fast_memory(kBus);
    mem.write_latency = 6;  // the error is seen while later bursts are still being written
    Rig rig(opts(mem));
    fill_layout(rig, l, 31 + fail_word);
    const udma::tb::SparseMemory before = rig.mem().memory();
    RefMem copied(rig.mem().memory());
    copied.copy(x.src, x.dst, x.size);
    const std::uint64_t base = x.dst & ~std::uint64_t{kBus - 1};
    const std::uint64_t word = base + fail_word * kBus;
    rig.mem().add_error({word, word + kBus, resp, AccessDir::Write});

    REQUIRE(rig.kernel_launch(x.src, x.dst, x.size).started);
    rig.wait_idle();
    REQUIRE(rig.completions().size() == 1);
    const auto& c = rig.completions()[0];
    CHECK(c.code == code_of(resp));
    CHECK(c.bytes == rig.mem().stats().bytes_written_ok);
    CHECK(rig.kreg(UDMA_KREG_CNT_BYTES) == c.bytes);
    CHECK(rig.kreg(resp == AxiResp::SlvErr ? UDMA_KREG_CNT_ERR_SLV : UDMA_KREG_CNT_ERR_DEC) == 1);
    CHECK(rig.mem().stats().write_error_bursts == 1);

    // bursts before the failing one are written, the failing burst is not, later bursts may be;
    // nothing outside the destination changes
    const std::uint64_t burst_lo = base + (fail_word / 256) * 256 * kBus;
    const std::uint64_t burst_hi = burst_lo + 256 * kBus;
    std::uint64_t written = 0;
    for (std::uint64_t a = l.dst_base - 64; a < l.dst_base + kPage + 64; ++a) {
        const std::uint8_t now = rig.mem().memory().byte(a);
        const bool in_range = a >= x.dst && a < x.dst + x.size;
        INFO("byte 0x" << std::hex << a);
        if (!in_range || (a >= burst_lo && a < burst_hi)) {
            REQUIRE(now == before.byte(a));
        } else if (a < burst_lo) {
            REQUIRE(now == copied.memory().byte(a));
            ++written;
        } else {
            REQUIRE((now == before.byte(a) || now == copied.memory().byte(a)));
        }
    }
    CHECK(c.bytes >= written);
    CHECK(c.bytes < x.size);
    // and no other page changed at all
    RefMem others(before);
    std::vector<std::uint8_t> page(kPage);
    rig.mem().memory().read(l.dst_base, page);
    others.memory().write(l.dst_base, page);
    CHECK_FALSE(others.mismatch(rig.mem().memory()).has_value());

    // the engine goes on with the next transfer
    rig.mem().clear_errors();
    RefMem ref(rig.mem().memory());
    const Xfer next{x.src, l.dst_base + kPage + 8, 1000};
    REQUIRE(rig.kernel_launch(next.src, next.dst, next.size).started);
    rig.wait_idle();
    REQUIRE(rig.completions().size() == 2);
    CHECK(rig.completions()[1].code == UDMA_BUS_OKAY);
    ref.copy(next.src, next.dst, next.size);
    CHECK_FALSE(ref.mismatch(rig.mem().memory()).has_value());
}

TEST_CASE("mover: bus errors on a key-based transfer read BUS_SLVERR / BUS_DECERR on its context page",
          "[mover][error][completion]") {
    const AxiResp resp = GENERATE(AxiResp::SlvErr, AxiResp::DecErr);
    const AccessDir dir = GENERATE(AccessDir::Read, AccessDir::Write);
    Rig rig(opts(fast_memory(kBus)));
    const Layout l;
    fill_layout(rig, l, 41);
    select_key_method(rig);
    const Xfer x{l.src_base + 16, l.dst_base + 32, 2000};
    const std::uint64_t at = (dir == AccessDir::Read ? x.src : x.dst) + 1000;
    rig.mem().add_error({at, at + 1, resp, dir});
    CHECK(key_launch(rig, x.src, x.dst, x.size) == (UDMA_LD_STARTED | x.size));
    rig.wait_idle();
    const std::uint64_t expect = resp == AxiResp::SlvErr ? UDMA_LD_BUS_SLVERR : UDMA_LD_BUS_DECERR;
    CHECK(rig.load(rig.window().ctx_page(0)).data == expect);
    CHECK(expect != UDMA_LD_FAIL);
    // a clean transfer on the same context then reads 0
    rig.mem().clear_errors();
    CHECK(key_launch(rig, x.src, x.dst + kPage, x.size) == (UDMA_LD_STARTED | x.size));
    rig.wait_idle();
    CHECK(rig.load(rig.window().ctx_page(0)).data == 0);
}

TEST_CASE("mover: a launch into a full queue is refused and nothing is lost", "[mover][queue]") {
    AxiMemConfig slow = fast_memory(kBus);
    slow.read_latency = 1500;  // nothing completes while the queue fills
    Rig rig(opts(slow));
    const Layout l;
    fill_layout(rig, l, 51);
    RefMem ref(rig.mem().memory());

    std::vector<Xfer> accepted;
    Xfer refused{};
    bool was_refused = false;
    for (unsigned i = 0; i < 12 && !was_refused; ++i) {
        const Xfer x{l.src_base + i * 64 + (i % 7), l.dst_base + i * kPage + (i % 5), 512};
        const auto go = rig.kernel_launch(x.src, x.dst, x.size);
        if (go.started) {
            CHECK(go.ticket == accepted.size());
            accepted.push_back(x);
        } else {
            CHECK(go.status == UDMA_LD_FAIL);
            refused = x;
            was_refused = true;
        }
    }
    REQUIRE(was_refused);
    // the engine's queue (QUEUE_DEPTH 4) plus the transfers inside the mover (MOVER_XFERS 2)
    CHECK(accepted.size() == 4 + 2);
    CHECK(rig.kreg(UDMA_KREG_LAST_CAUSE) == UDMA_CAUSE_QUEUE_FULL);
    CHECK(rig.kreg(UDMA_KREG_CNT_REF_FULL) == 1);
    CHECK((rig.sreg(UDMA_SREG_S_QUEUE) & 0xFFFF) == 4);

    rig.wait_idle();
    REQUIRE(rig.completions().size() == accepted.size());
    for (std::size_t i = 0; i < accepted.size(); ++i) {
        CHECK(rig.completions()[i].ticket == i);
        CHECK(rig.completions()[i].code == UDMA_BUS_OKAY);
        ref.copy(accepted[i].src, accepted[i].dst, accepted[i].size);
    }
    // the refused transfer wrote nothing
    const auto why = ref.mismatch(rig.mem().memory());
    INFO(why.value_or("image matches") << "; refused " << describe(refused));
    CHECK_FALSE(why.has_value());
    CHECK(rig.kreg(UDMA_KREG_CNT_LAUNCH) == accepted.size());
}

TEST_CASE("mover: reset while bursts are outstanding, the engine comes back clean", "[mover][reset]") {
    const std::uint64_t reset_after = GENERATE(3, 7, 40, 150, 333, 700);
    AxiMemConfig mem = stressed_memory(kBus, 61 + reset_after);
    Rig rig(opts(mem, 61));
    const Layout l;
    fill_layout(rig, l, 61);
    for (unsigned i = 0; i < 3; ++i)
        REQUIRE(rig.kernel_launch(l.src_base + i * 8 + 1, l.dst_base + i * kPage + 3, 1500, false).go_accept > 0);
    rig.run(reset_after);
    INFO("reset after " << reset_after << " cycles; reads open " << rig.mem().reads_open() << ", writes open "
                        << rig.mem().writes_open());
    if (reset_after >= 7) CHECK_FALSE(rig.mem().idle());  // bursts really are outstanding

    rig.reset(3);  // the memory model drops its transactions and checks the VALIDs go low
    rig.sim().settle();
    CHECK(rig.top().m_axi_arvalid == 0);
    CHECK(rig.top().m_axi_awvalid == 0);
    CHECK(rig.top().m_axi_wvalid == 0);
    CHECK(rig.top().obs_mover_busy == 0);
    CHECK(rig.sreg(UDMA_SREG_S_TICKET_NEXT) == 0);
    CHECK(rig.sreg(UDMA_SREG_S_TICKET_DONE) == 0);
    CHECK(rig.sreg(UDMA_SREG_S_QUEUE) == (std::uint64_t{4} << 16));
    CHECK(rig.kreg(UDMA_KREG_CNT_DONE) == 0);
    rig.run(50);
    CHECK(rig.mem().idle());  // no stray beat of the old transfers after the reset

    // new transfers run exactly
    CopyRunner<Vudma_top> runner(rig);
    std::vector<Xfer> batch;
    for (unsigned i = 0; i < 5; ++i)
        batch.push_back({l.src_base + 0x800 + i * 100 + i, l.dst_base + 4 * kPage + i * 0x300 + (i * 3) % 8, 200 + i * 37});
    runner.run_batch(batch);
    CHECK(rig.completions().front().ticket == 0);
}

TEST_CASE("mover: a transfer reading the previous one's destination sees its data", "[mover][ordering]") {
    AxiMemConfig mem = fast_memory(kBus);
    mem.write_latency = 40;  // writes are acknowledged long after the data went out
    Rig rig(opts(mem));
    const Layout l;
    fill_layout(rig, l, 71);
    RefMem ref(rig.mem().memory());
    const Xfer a{l.src_base + 5, l.dst_base + 7, 2000};                   // A -> B
    const Xfer b{l.dst_base + 7, l.dst_base + kPage + 1, 2000};          // B -> C
    const Xfer c{l.dst_base + kPage + 101, l.dst_base + 2 * kPage, 900};  // C -> D
    for (const auto& x : {a, b, c}) REQUIRE(rig.kernel_launch(x.src, x.dst, x.size, false).go_accept > 0);
    rig.wait_idle();
    for (const auto& x : {a, b, c}) ref.copy(x.src, x.dst, x.size);
    const auto why = ref.mismatch(rig.mem().memory());
    INFO(why.value_or("image matches"));
    CHECK_FALSE(why.has_value());
    CHECK(rig.completions().size() == 3);
}

TEST_CASE("mover: randomized transfers under backpressure and latency", "[mover][soak]") {
    const std::uint64_t seed = GENERATE(1, 2, 3);
    AxiMemConfig mem = stressed_memory(kBus, seed * 977);
    mem.read_latency = static_cast<unsigned>(seed * 7);
    mem.write_latency = static_cast<unsigned>(seed * 3);
    Rig rig(opts(mem, seed));
    const Layout l;
    fill_layout(rig, l, seed);
    CopyRunner<Vudma_top> runner(rig);
    std::mt19937_64 rng(seed);
    for (unsigned batch_no = 0; batch_no < 6; ++batch_no) {
        std::vector<Xfer> batch;
        for (unsigned i = 0; i < 8; ++i) {
            // sources in the first half of the layout pages, destinations in the other: no overlap
            const std::uint64_t size = 1 + rng() % (rng() % 4 == 0 ? 4096 : 300);
            const std::uint64_t src_off = rng() % (kPage - size + 1);
            const std::uint64_t dst_off = rng() % (kPage - size + 1);
            batch.push_back({l.src_base + (rng() % 8) * kPage + src_off, l.dst_base + i * kPage + dst_off, size});
        }
        runner.run_batch(batch);
    }
    CHECK(runner.transfers() == 48);
    CHECK(rig.kreg(UDMA_KREG_CNT_DONE) == 48);
    CHECK(rig.kreg(UDMA_KREG_CNT_BYTES) == runner.bytes());
}

TEST_CASE("mover: randomized read and write errors under backpressure", "[mover][error][soak]") {
    const std::uint64_t seed = GENERATE(11, 12, 13, 14);
    Rig rig(opts(stressed_memory(kBus, seed * 31), seed));
    error_soak(rig, seed, 8, 256);
    CHECK(rig.kreg(UDMA_KREG_CNT_DONE) == 48);
    CHECK(rig.kreg(UDMA_KREG_CNT_ERR_SLV) + rig.kreg(UDMA_KREG_CNT_ERR_DEC) > 0);
}
