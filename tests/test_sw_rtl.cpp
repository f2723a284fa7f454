// sw/ against the RTL: the library's sequences (through the step cursor and through the hardware
// back end) drive the verilated udma_initiator, set up by udma::os over the same AXI4-Lite port,
// and launch exactly the requested descriptor. Proves the library and the engine agree.
#include <catch2/catch.hpp>

#include "Vudma_initiator.h"
#include "Vudma_initiator_min.h"
#include "axil_host.hpp"
#include "udma/hw.hpp"
#include "udma/initiation.hpp"
#include "udma/os.hpp"

using udma::CompletionStatus;
using udma::InitiationOutcome;
using udma::InitiationStatus;
using udma::Method;
using udma::tb::AxilHost;
using udma::tb::AxiResp;
using udma::tb::Sim;

namespace {

// udma::Bus on the AXI4-Lite host port (window offsets).
template <class Model>
class AxilBus final : public udma::Bus {
public:
    explicit AxilBus(AxilHost<Model>& host) : host_(host) {}
    std::uint64_t load(std::uint64_t address) override {
        const auto r = host_.load(address);
        last_resp = r.resp;
        ++accesses;
        return r.data;
    }
    void store(std::uint64_t address, std::uint64_t data) override {
        last_resp = host_.store(address, data).resp;
        ++accesses;
    }
    AxiResp last_resp = AxiResp::Okay;
    std::uint64_t accesses = 0;

private:
    AxilHost<Model>& host_;
};

template <class Model>
struct Rig {
    explicit Rig(std::uint64_t seed, udma::WindowGeometry g = {}, udma::EngineParams p = {})
        : sim(seed), geometry(g), params(p) {
        auto& t = sim.top();
        t.desc_ready = 0;
        t.cpl_valid = 0;
        t.cpl_ticket = 0;
        t.cpl_code = 0;
        t.cpl_bytes = 0;
        t.prog_active = 0;
        t.prog_ticket = 0;
        t.prog_remaining = 0;
        sim.reset();
    }

    // One access of a cursor on the host port; a non-OKAY response is a fault.
    template <class Cursor>
    void perform(Cursor& cursor, const udma::Access& a) {
        const auto r = a.kind == udma::AccessKind::Store ? host.store(a.vaddr, a.data) : host.load(a.vaddr);
        if (r.resp != AxiResp::Okay) {
            cursor.feed_fault();
        } else {
            cursor.feed(r.data);
        }
    }

    template <class Cursor>
    void run(Cursor& cursor) {
        while (auto a = cursor.next()) perform(cursor, *a);
    }

    // Pop the queue head and complete it with `code`.
    std::uint64_t pop_and_complete(unsigned code = UDMA_BUS_OKAY) {
        auto& t = sim.top();
        sim.settle();
        REQUIRE(t.desc_valid == 1);
        const std::uint64_t ticket = t.desc_ticket;
        const std::uint64_t size = t.desc_size;
        t.desc_ready = 1;
        sim.tick();
        t.desc_ready = 0;
        t.cpl_valid = 1;
        t.cpl_ticket = static_cast<std::uint32_t>(ticket);
        t.cpl_code = code;
        t.cpl_bytes = static_cast<std::uint32_t>(code == UDMA_BUS_OKAY ? size : 0);
        sim.tick();
        t.cpl_valid = 0;
        sim.settle();
        return ticket;
    }

    Sim<Model> sim;
    AxilHost<Model> host{sim};
    AxilBus<Model> bus{host};
    udma::WindowGeometry geometry;
    udma::EngineParams params;
    udma::os::Driver driver{bus, geometry, udma::os::KeyPolicy{udma::os::seeded_key_source(42)}, params};
};

constexpr std::uint64_t kSrc = 0x1000'0010;
constexpr std::uint64_t kDst = 0x2000'1008;
constexpr std::uint64_t kSize = 100;

// The session a process gets under method m; KEY and EXT get context 1 (context 0 goes to
// another process first, so a wrong id would show).
template <class Model>
udma::Session set_up(Rig<Model>& rig, Method m) {
    REQUIRE(rig.driver.probe());
    REQUIRE(rig.driver.select_method(m));
    unsigned ctx = 0;
    std::uint64_t key = 0;
    if (m == Method::Key || m == Method::Ext) {
        REQUIRE(rig.driver.assign_context(100));
        const auto grant = rig.driver.assign_context(200);
        REQUIRE(grant);
        ctx = grant->ctx_id;
        key = grant->key;
    }
    if (m == Method::Flash) rig.driver.on_context_switch(200);
    return udma::identity_session(m, rig.geometry, ctx, key, 0, rig.params);
}

template <class Model>
void check_descriptor(Rig<Model>& rig, const udma::Session& s, const InitiationOutcome& out, std::uint64_t src,
                      std::uint64_t dst, std::uint64_t size) {
    auto& t = rig.sim.top();
    rig.sim.settle();
    REQUIRE(t.desc_valid == 1);
    CHECK(t.desc_src == src);
    CHECK(t.desc_dst == dst);
    CHECK(t.desc_size == size);
    CHECK(t.desc_method == udma::code(s.method));
    if (s.method == Method::Key || s.method == Method::Ext) CHECK(t.desc_issuer == s.ctx_id);
    if (out.launch_answer == udma::LaunchAnswer::Ticket) CHECK(t.desc_ticket == out.ticket);
}

}  // namespace

TEST_CASE("every method: the cursor launches exactly the requested descriptor on the RTL", "[sw][rtl]") {
    for (Method m : udma::kUserMethods) {
        CAPTURE(udma::name(m));
        Rig<Vudma_initiator> rig(11);
        const udma::Session s = set_up(rig, m);
        udma::InitiationCursor dma(s, kSrc, kDst, kSize);
        rig.run(dma);
        const InitiationOutcome& out = dma.outcome();
        REQUIRE(out.status == InitiationStatus::Started);
        CHECK(out.attempts == 1);
        CHECK(out.accesses == udma::sequence_of(m).length);
        CHECK(rig.driver.read_kernel(UDMA_KREG_CNT_LAUNCH) == 1);
        check_descriptor(rig, s, out, kSrc, kDst, kSize);

        rig.pop_and_complete();
        udma::CompletionCursor wait(s, out, {.max_polls = 10});
        rig.run(wait);
        CHECK(wait.outcome().status == CompletionStatus::Done);
    }
}

TEST_CASE("every method: the hardware back end launches exactly the requested descriptor on the RTL", "[sw][rtl]") {
    for (Method m : udma::kUserMethods) {
        CAPTURE(udma::name(m));
        Rig<Vudma_initiator> rig(12);
        const udma::Session s = set_up(rig, m);
        const std::uint64_t before = rig.bus.accesses;
        const InitiationOutcome out = udma::hw::dma(rig.bus, s, 0x0300'0ff0, 0x0400'0000, 16);
        REQUIRE(out.status == InitiationStatus::Started);
        CHECK(rig.bus.accesses - before == udma::sequence_of(m).length);
        check_descriptor(rig, s, out, 0x0300'0ff0, 0x0400'0000, 16);

        rig.pop_and_complete(UDMA_BUS_SLVERR);
        const auto done = udma::hw::wait_completion(rig.bus, s, out, {.max_polls = 10});
        CHECK(done.status == CompletionStatus::BusSlvErr);
    }
}

TEST_CASE("retries against the RTL: interrupted sequences restart and launch the right transfer", "[sw][rtl][retry]") {
    SECTION("SHRIMP: the context-switch hook aborts a half sequence") {
        Rig<Vudma_initiator> rig(13);
        const udma::Session s = set_up(rig, Method::Shrimp);
        udma::InitiationCursor dma(s, kSrc, kDst, kSize);
        rig.perform(dma, *dma.next());         // step 1
        rig.driver.on_context_switch(7);       // preempted: ABORT
        rig.driver.on_context_switch(200);     // back: ABORT again
        rig.run(dma);
        CHECK(dma.outcome().started());
        CHECK(dma.outcome().attempts == 2);
        CHECK(dma.outcome().failed_step == 2);
        check_descriptor(rig, s, dma.outcome(), kSrc, kDst, kSize);
        CHECK(rig.driver.read_kernel(UDMA_KREG_CNT_LAUNCH) == 1);
    }
    SECTION("REP5: a foreign shadow access between steps") {
        Rig<Vudma_initiator> rig(14);
        const udma::Session s = set_up(rig, Method::Rep5);
        udma::InitiationCursor dma(s, kSrc, kDst, kSize);
        rig.perform(dma, *dma.next());  // S(sh(dst))
        rig.perform(dma, *dma.next());  // L(sh(src))
        rig.host.load(rig.geometry.shadow(0x0500'0000));  // another process's load
        rig.run(dma);
        CHECK(dma.outcome().started());
        CHECK(dma.outcome().attempts == 2);
        check_descriptor(rig, s, dma.outcome(), kSrc, kDst, kSize);
        CHECK(rig.driver.read_kernel(UDMA_KREG_CNT_LAUNCH) == 1);
    }
    SECTION("KEY: a store with a guessed key between steps changes nothing") {
        Rig<Vudma_initiator> rig(15);
        const udma::Session s = set_up(rig, Method::Key);
        udma::InitiationCursor dma(s, kSrc, kDst, kSize);
        rig.perform(dma, *dma.next());
        rig.host.store(rig.geometry.shadow(0x0600'0000), UDMA_KEY_STORE_DATA(s.key ^ 1, s.ctx_id, UDMA_KSEL_DST));
        rig.run(dma);
        CHECK(dma.outcome().started());
        CHECK(dma.outcome().attempts == 1);
        check_descriptor(rig, s, dma.outcome(), kSrc, kDst, kSize);
        CHECK(rig.driver.read_kernel(UDMA_KREG_CNT_KEY_FAIL) == 1);
    }
    SECTION("a full queue: refused after N attempts") {
        Rig<Vudma_initiator> rig(16);
        const udma::Session s = set_up(rig, Method::Ext);
        for (unsigned i = 0; i < UDMA_DEF_QUEUE_DEPTH; ++i) {
            REQUIRE(udma::hw::dma(rig.bus, s, kSrc, kDst + 8u * i, 8).started());
        }
        udma::InitiationCursor dma(s, kSrc, kDst, kSize, {.max_attempts = 3});
        rig.run(dma);
        CHECK(dma.outcome().status == InitiationStatus::Refused);
        CHECK(dma.outcome().attempts == 3);
        CHECK(dma.outcome().failed_answer == UDMA_LD_FAIL);
        CHECK(rig.driver.read_kernel(UDMA_KREG_LAST_CAUSE) == UDMA_CAUSE_QUEUE_FULL);
        CHECK(rig.driver.read_kernel(UDMA_KREG_CNT_REF_FULL) == 3);
    }
}

TEST_CASE("completion against the RTL: result slots overwritten, key-based bus error", "[sw][rtl][completion]") {
    SECTION("ticket: RESULT_SLOTS newer transfers overwrite the slot") {
        Rig<Vudma_initiator> rig(17);
        const udma::Session s = set_up(rig, Method::Ext);
        const InitiationOutcome first = udma::hw::dma(rig.bus, s, kSrc, kDst, kSize);
        REQUIRE(first.started());
        rig.pop_and_complete();
        for (unsigned i = 0; i < UDMA_DEF_RESULT_SLOTS; ++i) {
            REQUIRE(udma::hw::dma(rig.bus, s, kSrc, kDst, kSize).started());
            rig.pop_and_complete();
        }
        CHECK(udma::hw::wait_completion(rig.bus, s, first).status == CompletionStatus::DoneResultOverwritten);
    }
    SECTION("key-based: DECERR on the context page, and the wait before completion") {
        Rig<Vudma_initiator> rig(18);
        const udma::Session s = set_up(rig, Method::Key);
        const InitiationOutcome out = udma::hw::dma(rig.bus, s, kSrc, kDst, kSize);
        REQUIRE(out.started());
        CHECK(out.remaining == kSize);
        CHECK(udma::hw::wait_completion(rig.bus, s, out, {.max_polls = 3}).status == CompletionStatus::Timeout);
        rig.pop_and_complete(UDMA_BUS_DECERR);
        CHECK(udma::hw::wait_completion(rig.bus, s, out, {.max_polls = 3}).status == CompletionStatus::BusDecErr);
    }
}

TEST_CASE("the OS side on the RTL: kernel-level path, keys, revocation", "[sw][rtl][os]") {
    Rig<Vudma_initiator> rig(19);
    const auto config = rig.driver.probe();
    REQUIRE(config);
    CHECK(config->n_ctx == UDMA_DEF_N_CTX);
    CHECK(config->page_bits == UDMA_DEF_PAGE_BITS);
    CHECK(config->supports(Method::Rep5));
    CHECK_FALSE(rig.driver.select_method(static_cast<Method>(9)));  // not synthesized: refused

    const auto page_table = [](std::uint64_t va) -> std::optional<udma::os::Translation> {
        // virtual 0x7000'0000 + x -> physical 0x1000'0000 + x; pages below 0x7000'8000 read-only
        if (va < 0x7000'0000 || va >= 0x7001'0000) return std::nullopt;
        const auto perm = va < 0x7000'8000 ? udma::os::Permission::Read : udma::os::Permission::ReadWrite;
        return udma::os::Translation{0x1000'0000 + (va - 0x7000'0000), perm};
    };
    SECTION("kernel-level DMA launches the translated descriptor") {
        const auto out = rig.driver.kernel_dma(page_table, 0x7000'0010, 0x7000'9008, 64);
        REQUIRE(out.status == udma::os::KernelDmaStatus::Started);
        CHECK(out.src_pa == 0x1000'0010);
        CHECK(out.dst_pa == 0x1000'9008);
        auto& t = rig.sim.top();
        rig.sim.settle();
        REQUIRE(t.desc_valid == 1);
        CHECK(t.desc_src == 0x1000'0010u);
        CHECK(t.desc_dst == 0x1000'9008u);
        CHECK(t.desc_size == 64);
        CHECK(t.desc_method == UDMA_M_KERNEL);
        rig.pop_and_complete();
        const udma::Session ks = rig.driver.kernel_session();
        CHECK(udma::hw::wait_completion(rig.bus, ks, out.as_initiation()).status == CompletionStatus::Done);
    }
    SECTION("kernel-level DMA checks before touching the engine") {
        const std::uint64_t before = rig.bus.accesses;
        CHECK(rig.driver.kernel_dma(page_table, 0x7000'0010, 0x7000'1008, 64).status ==
              udma::os::KernelDmaStatus::PermissionDenied);  // dst read-only
        CHECK(rig.driver.kernel_dma(page_table, 0x6000'0000, 0x7000'9008, 64).status ==
              udma::os::KernelDmaStatus::NotMapped);
        CHECK(rig.driver.kernel_dma(page_table, 0x7000'0ff0, 0x7000'9008, 64).status ==
              udma::os::KernelDmaStatus::BadArgument);
        CHECK(rig.bus.accesses == before);
    }
    SECTION("a revoked key-based context launches nothing") {
        REQUIRE(rig.driver.select_method(Method::Key));
        const auto grant = rig.driver.assign_context(5);
        REQUIRE(grant);
        const udma::Session s = udma::identity_session(Method::Key, rig.geometry, grant->ctx_id, grant->key);
        rig.driver.revoke_context(grant->ctx_id);
        const auto out = udma::hw::dma(rig.bus, s, kSrc, kDst, kSize, {.max_attempts = 2});
        CHECK(out.status == InitiationStatus::Refused);
        CHECK(rig.driver.read_kernel(UDMA_KREG_CNT_LAUNCH) == 0);
        CHECK(rig.driver.read_kernel(UDMA_KREG_CNT_KEY_FAIL) == 4);
    }
}

TEST_CASE("minimal configuration: 8-bit tickets wrap, 2 result slots", "[sw][rtl][min]") {
    Rig<Vudma_initiator_min> rig(20, udma::WindowGeometry{32, 12, 1}, udma::EngineParams{8, 2});
    const udma::Session s = set_up(rig, Method::Rep5);
    for (unsigned i = 0; i < 300; ++i) {
        const InitiationOutcome out = udma::hw::dma(rig.bus, s, kSrc, kDst, kSize);
        REQUIRE(out.started());
        REQUIRE(out.ticket == (i & 0xFF));
        rig.pop_and_complete();
        REQUIRE(udma::hw::wait_completion(rig.bus, s, out, {.max_polls = 2}).status == CompletionStatus::Done);
    }
}
