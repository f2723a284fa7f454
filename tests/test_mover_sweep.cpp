// Data mover alignment sweeps (issue 3), for every DATA_W (32, 64, 128) and a small-burst,
// small-FIFO configuration: every length 1 .. 4*B+64, every source and destination offset inside
// a bus word, placements ending exactly at a page end, a few lengths up to 4 KiB; with a
// zero-latency always-ready memory and with random backpressure, idle cycles and latency. Each
// batch is compared byte for byte with the reference model, bytes just outside every range
// included (other transfers' slots, the gaps between them and the page ends).
#include <catch2/catch.hpp>

#include "Vudma_top.h"
#include "Vudma_top_dw128.h"
#include "Vudma_top_dw32.h"
#include "Vudma_top_small.h"
#include "mover_fixture.hpp"

using namespace udma::test;
using udma::tb::AccessDir;
using udma::tb::AxiResp;

namespace {

constexpr std::uint64_t kSlot = 256;  // one transfer per 256-byte slot (max sweep length 128 + offsets)

template <class Model>
struct Sweep {
    unsigned bus;
    bool backpressure;
    std::uint64_t seed;

    std::unique_ptr<MoverRig<Model>> make_rig() const {
        MoverRigOptions o;
        o.mem = backpressure ? stressed_memory(bus, seed) : fast_memory(bus);
        o.seed = seed;
        return std::make_unique<MoverRig<Model>>(o);
    }

    // every length 1 .. 4B+64, every (src offset, dst offset) inside a bus word
    void lengths_and_offsets() const {
        auto rig = make_rig();
        const Layout l;
        fill_layout(*rig, l, seed);
        CopyRunner<Model> runner(*rig);
        const unsigned max_len = 4 * bus + 64;
        std::vector<Xfer> batch;
        unsigned slot = 0;
        for (unsigned len = 1; len <= max_len; ++len) {
            for (unsigned sa = 0; sa < bus; ++sa) {
                for (unsigned da = 0; da < bus; ++da) {
                    // 16 slots per page; sources and destinations rotate over 4 pages each
                    const std::uint64_t page = (slot / 16) % 4, in_page = (slot % 16) * kSlot;
                    batch.push_back({l.src_base + page * kPage + in_page + sa, l.dst_base + page * kPage + in_page + da, len});
                    if (++slot % 64 == 0) {
                        runner.run_batch(batch);
                        batch.clear();
                    }
                }
            }
        }
        if (!batch.empty()) runner.run_batch(batch);
        CHECK(runner.transfers() == std::uint64_t{max_len} * bus * bus);
        CHECK(rig->kreg(UDMA_KREG_CNT_DONE) == runner.transfers());
        CHECK(rig->kreg(UDMA_KREG_CNT_BYTES) == runner.bytes());
        CHECK(rig->kreg(UDMA_KREG_CNT_ERR_SLV) == 0);
    }

    // ranges ending exactly at a page end (source, destination or both), and long transfers
    void page_ends_and_long() const {
        auto rig = make_rig();
        const Layout l;
        fill_layout(*rig, l, seed + 100);
        CopyRunner<Model> runner(*rig);
        const unsigned max_len = 4 * bus + 64;
        std::vector<Xfer> batch;
        auto flush = [&] {
            runner.run_batch(batch);
            batch.clear();
        };
        unsigned k = 0;
        for (unsigned len = 1; len <= max_len; ++len) {
            for (unsigned mode = 0; mode < 3; ++mode) {
                const unsigned other = (len * 7 + mode) % bus;  // offset of the end that is not pinned
                const std::uint64_t page = k % 4;
                const std::uint64_t src_end = l.src_base + (page + 1) * kPage;
                const std::uint64_t dst_end = l.dst_base + (page + 1) * kPage;
                const std::uint64_t src = (mode != 1) ? src_end - len : l.src_base + page * kPage + 64 * (k % 16) + other;
                const std::uint64_t dst = (mode != 0) ? dst_end - len : l.dst_base + page * kPage + 64 * (k % 16) + other;
                batch.push_back({src, dst, len});
                if (++k % 4 == 0) flush();  // a page end is used once per batch
            }
        }
        if (!batch.empty()) flush();
        const std::uint64_t long_sizes[] = {255, 256, 257, 1000, 2047, 2048, 2049, 4000, 4095, 4096};
        const unsigned offs[][2] = {{0, 0}, {1, 0}, {0, 1}, {bus - 1, 1}, {3 % bus, bus - 2}};
        for (const std::uint64_t size : long_sizes) {
            for (unsigned i = 0; i < 5; ++i) {
                const std::uint64_t so = offs[i][0], dof = offs[i][1];
                if (so + size > kPage || dof + size > kPage) continue;
                batch.push_back({l.src_base + (i % 4) * kPage + so, l.dst_base + (i % 4) * kPage + dof, size});
                if (batch.size() == 4) flush();
            }
        }
        if (!batch.empty()) flush();
        CHECK(runner.transfers() > 3u * max_len);
    }
};

template <class Model>
void sweep_both(unsigned bus, bool backpressure, std::uint64_t seed) {
    const Sweep<Model> s{bus, backpressure, seed};
    SECTION("every length 1 .. 4B+64, every source and destination offset") { s.lengths_and_offsets(); }
    SECTION("ranges ending at a page end, lengths up to 4 KiB") { s.page_ends_and_long(); }
}

}  // namespace

TEST_CASE("mover sweep: DATA_W 64, zero-latency memory", "[mover][sweep][dw64]") { sweep_both<Vudma_top>(8, false, 101); }
TEST_CASE("mover sweep: DATA_W 64, backpressure and latency", "[mover][sweep][dw64]") { sweep_both<Vudma_top>(8, true, 102); }
TEST_CASE("mover sweep: DATA_W 32, zero-latency memory", "[mover][sweep][dw32]") { sweep_both<Vudma_top_dw32>(4, false, 103); }
TEST_CASE("mover sweep: DATA_W 32, backpressure and latency", "[mover][sweep][dw32]") { sweep_both<Vudma_top_dw32>(4, true, 104); }
TEST_CASE("mover sweep: DATA_W 128, zero-latency memory", "[mover][sweep][dw128]") { sweep_both<Vudma_top_dw128>(16, false, 105); }
TEST_CASE("mover sweep: DATA_W 128, backpressure and latency", "[mover][sweep][dw128]") { sweep_both<Vudma_top_dw128>(16, true, 106); }
TEST_CASE("mover sweep: small bursts and FIFO (DATA_W 32), zero-latency memory", "[mover][sweep][small]") {
    sweep_both<Vudma_top_small>(4, false, 107);
}
TEST_CASE("mover sweep: small bursts and FIFO (DATA_W 32), backpressure and latency", "[mover][sweep][small]") {
    sweep_both<Vudma_top_small>(4, true, 108);
}

TEST_CASE("mover: 128-bit port, a 4 KiB aligned copy is one 256-beat burst each way", "[mover][dw128]") {
    MoverRigOptions o;
    o.mem = fast_memory(16);
    MoverRig<Vudma_top_dw128> rig(o);
    const Layout l;
    fill_layout(rig, l, 9);
    RefMem ref(rig.mem().memory());
    REQUIRE(rig.kernel_launch(l.src_base, l.dst_base, 4096).started);
    rig.wait_idle();
    ref.copy(l.src_base, l.dst_base, 4096);
    CHECK_FALSE(ref.mismatch(rig.mem().memory()).has_value());
    // 4 KiB at 16 bytes per beat: exactly one 256-beat burst each way, ending at the 4 KiB line
    CHECK(rig.mem().stats().ar_bursts == 1);
    CHECK(rig.mem().stats().aw_bursts == 1);
    CHECK(rig.mem().stats().longest_burst == 256);
}

TEST_CASE("mover: small configuration stops issuing reads after a read error", "[mover][error][small]") {
    // 1 KiB at 4 bytes per beat in 8-beat bursts: 32 read bursts; the error is in burst 5
    MoverRigOptions o;
    o.mem = fast_memory(4);
    o.mem.read_latency = 4;
    MoverRig<Vudma_top_small> rig(o);
    const Layout l;
    fill_layout(rig, l, 17);
    RefMem ref(rig.mem().memory());
    const Xfer x{l.src_base, l.dst_base + 2, 1024};
    const std::uint64_t fail_word = 43;
    rig.mem().add_error({x.src + fail_word * 4, x.src + fail_word * 4 + 4, AxiResp::SlvErr, AccessDir::Read});
    REQUIRE(rig.kernel_launch(x.src, x.dst, x.size).started);
    rig.wait_idle();
    const std::uint64_t bursts = rig.mem().stats().ar_bursts;
    INFO("read bursts issued: " << bursts);
    // bursts 0..5 were needed; at most MAX_RD_BURSTS (2) more can be in flight or registered
    CHECK(bursts >= 6);
    CHECK(bursts <= 6 + 2 + 1);
    REQUIRE(rig.completions().size() == 1);
    CHECK(rig.completions()[0].code == UDMA_BUS_SLVERR);
    const std::uint64_t prefix = bytes_before_read_error(x, fail_word, 4);
    CHECK(rig.completions()[0].bytes == prefix);
    ref.copy_part(x.src, x.dst, 0, prefix);
    CHECK_FALSE(ref.mismatch(rig.mem().memory()).has_value());
    // and the next transfer runs
    rig.mem().clear_errors();
    REQUIRE(rig.kernel_launch(x.src, x.dst + kPage, x.size).started);
    rig.wait_idle();
    CHECK(rig.completions().back().code == UDMA_BUS_OKAY);
    ref.copy(x.src, x.dst + kPage, x.size);
    CHECK_FALSE(ref.mismatch(rig.mem().memory()).has_value());
}

TEST_CASE("mover: small configuration, randomized read and write errors under backpressure", "[mover][error][small]") {
    const std::uint64_t seed = GENERATE(21, 22, 23);
    MoverRigOptions o;
    o.mem = stressed_memory(4, seed * 17);
    o.seed = seed;
    MoverRig<Vudma_top_small> rig(o);
    error_soak(rig, seed, 8, 8);
    CHECK(rig.kreg(UDMA_KREG_CNT_DONE) == 48);
}

TEST_CASE("mover: 128-bit port, randomized read and write errors under backpressure", "[mover][error][dw128]") {
    MoverRigOptions o;
    o.mem = stressed_memory(16, 77);
    o.seed = 31;
    MoverRig<Vudma_top_dw128> rig(o);
    error_soak(rig, 31, 8, 256);
    CHECK(rig.kreg(UDMA_KREG_CNT_DONE) == 48);
}
