// sw/: the OS side (udma::os) against a recording fake bus: keys, contexts, mappings, sessions,
// context-switch hooks, the kernel-level path; and the C API (udma.h) over caller accessors.
#include <catch2/catch.hpp>

#include <set>

#include "test_sw_support.hpp"
#include "udma/os.hpp"
#include "udma/udma.h"

using udma::Method;
using udma::os::Driver;
using udma::os::MappingKind;
using udma::os::Permission;
using udma::test::Event;
using udma::test::RecordingBus;

namespace {

const udma::WindowGeometry kGeometry{};
constexpr std::uint64_t kWindowPhys = 0x40'0000'0000ull;

Driver make_driver(RecordingBus& bus, unsigned key_bits = 56) {
    return Driver(bus, kGeometry, udma::os::KeyPolicy{udma::os::seeded_key_source(7), key_bits}, {}, kWindowPhys);
}

// The bus answers METHOD reads with the last METHOD write, like the engine.
void echo_method(RecordingBus& bus) {
    bus.fallback = [&bus](std::uint64_t address) -> std::uint64_t {
        if (address == kGeometry.kernel(UDMA_KREG_METHOD)) {
            for (auto it = bus.events.rbegin(); it != bus.events.rend(); ++it) {
                if (it->kind == Event::Kind::Store && it->address == address) return it->data;
            }
        }
        if (address == kGeometry.kernel(UDMA_KREG_ID)) return std::uint64_t{UDMA_MAGIC} << 32 | UDMA_VERSION;
        return 0;
    };
}

}  // namespace

TEST_CASE("keys: getrandom, seeded, and deliberately short", "[sw][os][keys]") {
    const auto random = udma::os::getrandom_key_source();
    std::set<std::uint64_t> seen;
    for (int i = 0; i < 16; ++i) seen.insert(random());
    CHECK(seen.size() == 16);

    const auto a = udma::os::seeded_key_source(1);
    const auto b = udma::os::seeded_key_source(1);
    for (int i = 0; i < 8; ++i) CHECK(a() == b());

    RecordingBus bus;
    Driver full = make_driver(bus);
    Driver short_keys = make_driver(bus, 4);
    bool some_wide = false;
    for (int i = 0; i < 64; ++i) {
        const std::uint64_t k = full.next_key();
        CHECK(k <= UDMA_KEY_MASK);
        some_wide |= k > 0xFFFF'FFFFull;
        CHECK(short_keys.next_key() < 16);
    }
    CHECK(some_wide);
}

TEST_CASE("contexts: assign writes CTX_KEY, revoke writes CTX_REVOKE, ids are reused", "[sw][os][contexts]") {
    RecordingBus bus;
    Driver driver = make_driver(bus);
    const auto key_source = udma::os::seeded_key_source(7);
    std::vector<udma::os::ContextGrant> grants;
    for (unsigned pid = 10; pid < 10 + kGeometry.n_ctx; ++pid) {
        const auto g = driver.assign_context(pid);
        REQUIRE(g);
        CHECK(g->ctx_id == pid - 10);
        CHECK(g->owner_pid == pid);
        CHECK(g->key == (key_source() & UDMA_KEY_MASK));
        grants.push_back(*g);
    }
    CHECK_FALSE(driver.assign_context(99));  // all N_CTX taken
    REQUIRE(bus.events.size() == kGeometry.n_ctx);
    for (unsigned i = 0; i < kGeometry.n_ctx; ++i) {
        CHECK(bus.events[i] == udma::test::store_of(kGeometry.kernel(UDMA_KREG_CTX_KEY_AT(i)), grants[i].key));
    }
    bus.clear();
    driver.revoke_context(2);
    CHECK(bus.events == std::vector<Event>{udma::test::store_of(kGeometry.kernel(UDMA_KREG_CTX_REVOKE), 1u << 2)});
    CHECK_FALSE(driver.context_of(12));
    const auto again = driver.assign_context(77);
    REQUIRE(again);
    CHECK(again->ctx_id == 2);
    CHECK(driver.context_of(77)->ctx_id == 2);
    CHECK_THROWS(driver.revoke_context(kGeometry.n_ctx));
}

TEST_CASE("mappings: every DMA page gets a shadow page with the same permissions", "[sw][os][mappings]") {
    RecordingBus bus;
    echo_method(bus);
    Driver driver = make_driver(bus);
    const udma::os::ProcessLayout layout{0x100'0000'0000ull, 0x7fff'0000'0000ull, 0x7fff'0001'0000ull};
    const udma::os::DmaPage pages[] = {
        {0x5000'0000, 0x1234'5000, Permission::Read},       // a public source page
        {0x5000'1000, 0x2222'0000, Permission::ReadWrite},  // a private destination page
    };
    for (Method m : udma::kUserMethods) {
        CAPTURE(udma::name(m));
        REQUIRE(driver.select_method(m));
        const auto grant = driver.assign_context(300);
        REQUIRE(grant);
        const auto plan = driver.plan_mappings(layout, pages, &*grant);
        const unsigned shadow_ctx = m == Method::Ext ? grant->ctx_id : 0;
        std::size_t i = 0;
        for (const auto& p : pages) {
            REQUIRE(plan.size() > i + 1);
            CHECK(plan[i].kind == MappingKind::Ordinary);
            CHECK(plan[i].vbase == p.vpage);
            CHECK(plan[i].pbase == p.ppage);
            CHECK(plan[i].permission == p.permission);
            CHECK(plan[i + 1].kind == MappingKind::Shadow);
            CHECK(plan[i + 1].vbase == p.vpage + layout.shadow_delta);
            CHECK(plan[i + 1].pbase == kWindowPhys + kGeometry.shadow(p.ppage, shadow_ctx));
            CHECK(plan[i + 1].permission == p.permission);
            CHECK(plan[i + 1].length == kGeometry.page_size());
            i += 2;
        }
        if (m == Method::Key) {
            REQUIRE(plan.size() == i + 2);
            CHECK(plan[i].kind == MappingKind::ContextPage);
            CHECK(plan[i].vbase == layout.context_page_va);
            CHECK(plan[i].pbase == kWindowPhys + kGeometry.ctx_page(grant->ctx_id, 0));
            CHECK(plan[i].permission == Permission::ReadWrite);
            ++i;
        }
        REQUIRE(plan.size() == i + 1);
        CHECK(plan[i].kind == MappingKind::StatusPage);
        CHECK(plan[i].pbase == kWindowPhys + kGeometry.status(0));
        CHECK(plan[i].permission == Permission::Read);
        for (const auto& mp : plan) CHECK_FALSE(mp.pbase == kWindowPhys + kGeometry.kernel(0));  // never the kernel page

        const udma::Session s = driver.session_for(layout, &*grant);
        CHECK(s.method == m);
        CHECK(s.shadow(0x5000'0010) == 0x5000'0010 + layout.shadow_delta);
        CHECK(s.context_page_va == layout.context_page_va + UDMA_CREG_C_CTRL);
        CHECK(s.status_page_va == layout.status_page_va);
        CHECK(s.key == (m == Method::Key ? grant->key : 0));
        driver.revoke_context(grant->ctx_id);
    }
    SECTION("misaligned layouts and KEY without a context are configuration errors") {
        REQUIRE(driver.select_method(Method::Ext));
        CHECK_THROWS(driver.plan_mappings({0x123, 0, 0}, pages, nullptr));
        CHECK_THROWS(driver.plan_mappings(layout, pages, nullptr));
    }
}

TEST_CASE("context-switch hooks: SHRIMP writes ABORT, FLASH writes CURRENT_PID, others nothing", "[sw][os][hooks]") {
    RecordingBus bus;
    echo_method(bus);
    Driver driver = make_driver(bus);
    for (Method m : {Method::None, Method::Shrimp, Method::Flash, Method::Pal, Method::Key, Method::Ext, Method::Rep3,
                     Method::Rep4, Method::Rep5}) {
        CAPTURE(udma::name(m));
        REQUIRE(driver.select_method(m));
        bus.events.clear();
        driver.on_context_switch(42);
        std::vector<Event> expected;
        if (m == Method::Shrimp) expected.push_back(udma::test::store_of(kGeometry.kernel(UDMA_KREG_ABORT), 1));
        if (m == Method::Flash) expected.push_back(udma::test::store_of(kGeometry.kernel(UDMA_KREG_CURRENT_PID), 42));
        CHECK(bus.events == expected);
    }
    SECTION("the harness can switch the hooks off to show what breaks") {
        REQUIRE(driver.select_method(Method::Shrimp));
        driver.hooks().shrimp_abort = false;
        bus.events.clear();
        driver.on_context_switch(1);
        CHECK(bus.events.empty());
    }
}

TEST_CASE("kernel-level DMA: translate, check, then SRC DST SIZE GO STATUS", "[sw][os][kernel]") {
    RecordingBus bus;
    Driver driver = make_driver(bus);
    const auto page_table = [](std::uint64_t va) -> std::optional<udma::os::Translation> {
        if ((va >> 12) == 0x10) return udma::os::Translation{0xA000 + (va & 0xFFF), Permission::Read};
        if ((va >> 12) == 0x20) return udma::os::Translation{0xB000 + (va & 0xFFF), Permission::ReadWrite};
        return std::nullopt;
    };
    SECTION("started") {
        bus.script = {UDMA_LD_STARTED | 17};
        const auto out = driver.kernel_dma(page_table, 0x10'010, 0x20'020, 32);
        CHECK(out.status == udma::os::KernelDmaStatus::Started);
        CHECK(out.ticket == 17);
        const std::vector<Event> expected{
            udma::test::store_of(kGeometry.kernel(UDMA_KREG_K_SRC), 0xA010),
            udma::test::store_of(kGeometry.kernel(UDMA_KREG_K_DST), 0xB020),
            udma::test::store_of(kGeometry.kernel(UDMA_KREG_K_SIZE), 32),
            udma::test::store_of(kGeometry.kernel(UDMA_KREG_K_GO), 1),
            udma::test::load_of(kGeometry.kernel(UDMA_KREG_K_STATUS)),
        };
        CHECK(bus.accesses() == expected);
        CHECK(out.as_initiation().started());
    }
    SECTION("refused: the cause is read from LAST_CAUSE") {
        bus.script = {UDMA_LD_FAIL, UDMA_CAUSE_QUEUE_FULL};
        const auto out = driver.kernel_dma(page_table, 0x10'010, 0x20'020, 32);
        CHECK(out.status == udma::os::KernelDmaStatus::Refused);
        CHECK(out.cause == UDMA_CAUSE_QUEUE_FULL);
        CHECK(bus.accesses().back() == udma::test::load_of(kGeometry.kernel(UDMA_KREG_LAST_CAUSE)));
    }
    SECTION("checks come first") {
        CHECK(driver.kernel_dma(page_table, 0x10'010, 0x20'020, 0).arg_error == udma::ArgError::SizeZero);
        CHECK(driver.kernel_dma(page_table, 0x10'ff0, 0x20'020, 32).arg_error == udma::ArgError::SrcCrossesPage);
        CHECK(driver.kernel_dma(page_table, 0x10'010, 0x20'ff0, 32).arg_error == udma::ArgError::DstCrossesPage);
        CHECK(driver.kernel_dma(page_table, 0x10'000, 0x20'000, 4097).arg_error == udma::ArgError::SizeAbovePage);
        CHECK(driver.kernel_dma(page_table, 0x30'010, 0x20'020, 32).status == udma::os::KernelDmaStatus::NotMapped);
        CHECK(driver.kernel_dma(page_table, 0x20'010, 0x10'020, 32).status ==
              udma::os::KernelDmaStatus::PermissionDenied);  // dst page read-only
        CHECK(bus.events.empty());
    }
}

TEST_CASE("probe reads ID and CONFIG", "[sw][os]") {
    RecordingBus bus;
    Driver driver = make_driver(bus);
    bus.script = {0xdeadbeefull << 32};
    CHECK_FALSE(driver.probe());
    const std::uint64_t config = 0x1FFull | (4ull << 16) | (4ull << 24) | (32ull << 32) | (12ull << 40) |
                                 (8ull << 48) | (8ull << 56);
    bus.script = {std::uint64_t{UDMA_MAGIC} << 32 | 1, config, UDMA_M_KEY};
    const auto c = driver.probe();
    REQUIRE(c);
    CHECK(c->method_mask == 0x1FF);
    CHECK(c->n_ctx == 4);
    CHECK(c->queue_depth == 4);
    CHECK(c->pa_bits == 32);
    CHECK(c->page_bits == 12);
    CHECK(c->result_slots == 8);
    CHECK(c->data_bytes == 8);
    CHECK(driver.method() == Method::Key);
}

// ---- C API ----------------------------------------------------------------------------------------

namespace {

extern "C" std::uint64_t c_load(void* user, std::uint64_t address) { return static_cast<RecordingBus*>(user)->load(address); }
extern "C" void c_store(void* user, std::uint64_t address, std::uint64_t data) {
    static_cast<RecordingBus*>(user)->store(address, data);
}
extern "C" void c_fence(void* user, int kind) { static_cast<RecordingBus*>(user)->fence(static_cast<udma::Fence>(kind)); }

}  // namespace

TEST_CASE("C API: udma_dma_bus runs the same sequences and reports every outcome", "[sw][capi]") {
    RecordingBus bus;
    const udma_bus_ops ops{c_load, c_store, c_fence, &bus};
    const udma_session s = udma_identity_session(UDMA_M_KEY, 32, 12, 4, 1, 0x55, 0);
    const udma::Session cpp = udma::identity_session(Method::Key, kGeometry, 1, 0x55);
    CHECK(s.shadow_delta == cpp.shadow_delta);
    CHECK(s.context_page_va == cpp.context_page_va);

    SECTION("started after a retry") {
        bus.script = {UDMA_LD_FAIL, UDMA_LD_STARTED | 64};
        udma_result r;
        CHECK(udma_dma_bus(&ops, &s, 0x1000, 0x2000, 64, 4, &r) == UDMA_STARTED);
        CHECK(r.attempts == 2);
        CHECK(r.accesses == 8);
        CHECK(r.failed_step == 4);
        CHECK(r.remaining == 64);
        CHECK(r.has_ticket == 0);
        auto once = udma::test::spec_sequence(cpp, 0x1000, 0x2000, 64);
        auto twice = once;
        twice.insert(twice.end(), once.begin(), once.end());
        CHECK(bus.accesses() == twice);

        bus.clear();
        bus.script = {32, 0};
        udma_wait_result w;
        CHECK(udma_wait_bus(&ops, &s, &r, 10, &w) == UDMA_DONE);
        CHECK(w.polls == 2);
    }
    SECTION("refused after N") {
        udma_result r;
        CHECK(udma_dma_bus(&ops, &s, 0x1000, 0x2000, 64, 3, &r) == UDMA_REFUSED);
        CHECK(r.attempts == 3);
        CHECK(std::string(udma_status_name(r.status)) == "refused");
    }
    SECTION("bad arguments, before any access, with a readable reason") {
        udma_result r;
        CHECK(udma_dma_bus(&ops, &s, 0x1000, 0x2ff8, 64, 0, &r) == UDMA_BAD_ARGUMENT);
        CHECK(r.arg_error == UDMA_ARG_DST_CROSSES_PAGE);
        CHECK(std::string(udma_arg_error_name(r.arg_error)).find("crosses") != std::string::npos);
        CHECK(udma_dma_bus(&ops, &s, 0x1000, 0x2000, 0, 0, &r) == UDMA_BAD_ARGUMENT);
        CHECK(r.arg_error == UDMA_ARG_SIZE_ZERO);
        CHECK(udma_dma_bus(&ops, nullptr, 0x1000, 0x2000, 8, 0, &r) == UDMA_BAD_ARGUMENT);
        CHECK(bus.events.empty());
        udma_wait_result w;
        CHECK(udma_wait_bus(&ops, &s, &r, 10, &w) == UDMA_WAIT_NOT_STARTED);
        CHECK(bus.events.empty());
    }
    SECTION("C enums mirror the C++ ones") {
        CHECK(UDMA_STARTED == static_cast<int>(udma::InitiationStatus::Started));
        CHECK(UDMA_ACCESS_FAULT == static_cast<int>(udma::InitiationStatus::AccessFault));
        CHECK(UDMA_ARG_METHOD_MISMATCH == static_cast<int>(udma::ArgError::MethodMismatch));
        CHECK(UDMA_WAIT_ACCESS_FAULT == static_cast<int>(udma::CompletionStatus::AccessFault));
        CHECK(UDMA_DONE_RESULT_OVERWRITTEN == static_cast<int>(udma::CompletionStatus::DoneResultOverwritten));
    }
}
