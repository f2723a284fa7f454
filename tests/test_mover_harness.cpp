// The data-mover harness itself (tb/axi_mem.hpp, tb/watchdog.hpp, tb/ref_mem.hpp), driven at pin
// level without a Verilated model: the memory model answers correctly (data, strobes, latency,
// W before AW, injected errors) and its protocol checks and the watchdog really fail.
#include <catch2/catch.hpp>

#include <string>

#include "axi_mem.hpp"
#include "ref_mem.hpp"
#include "watchdog.hpp"

using namespace udma::tb;

namespace {

// A tiny pin-level master: holds the pins, runs drive/sample once per cycle.
struct PinMaster {
    AxiMem& mem;
    AxiMasterPins m{};
    AxiSlavePins s{};
    std::uint64_t cycle = 0;

    void step() {
        s = mem.drive(cycle);
        mem.sample(m, cycle);
        ++cycle;
    }
    void ar(std::uint64_t addr, unsigned len) {
        m.arvalid = true;
        m.araddr = addr;
        m.arlen = len;
        m.arsize = 3;
        m.arburst = 1;
    }
    void aw(std::uint64_t addr, unsigned len) {
        m.awvalid = true;
        m.awaddr = addr;
        m.awlen = len;
        m.awsize = 3;
        m.awburst = 1;
    }
    void w(std::uint64_t value, std::uint32_t strb, bool last) {
        m.wvalid = true;
        for (unsigned i = 0; i < 8; ++i) m.wdata[i] = static_cast<std::uint8_t>(value >> (8 * i));
        m.wstrb = strb;
        m.wlast = last;
    }
    // hold the master pins until the handshake given by `fired` happens
    template <class Fired>
    void until(Fired fired, unsigned limit = 100) {
        for (unsigned i = 0; i < limit; ++i) {
            s = mem.drive(cycle);
            const bool f = fired(s);
            mem.sample(m, cycle);
            ++cycle;
            if (f) return;
        }
        FAIL("handshake did not happen");
    }
};

std::string message_of(const std::function<void()>& fn) {
    try {
        fn();
    } catch (const std::exception& e) {
        return e.what();
    }
    return {};
}

}  // namespace

TEST_CASE("axi_mem: reads and strobed writes, latency, W before AW", "[harness][axi_mem]") {
    AxiMemConfig cfg;
    cfg.read_latency = 3;
    AxiMem mem(cfg);
    mem.memory().fill_random(0x1000, 64, 7);
    PinMaster p{mem};

    // a 2-beat read: first beat offered 1 + 3 cycles after the AR handshake
    p.ar(0x1008, 1);
    p.until([&](const AxiSlavePins& s) { return s.arready; });
    const std::uint64_t ar_cycle = p.cycle - 1;
    p.m.arvalid = false;
    p.m.rready = true;
    std::vector<std::uint8_t> got;
    std::uint64_t first_beat = 0;
    while (got.size() < 16) {
        p.step();
        if (p.s.rvalid) {
            if (got.empty()) first_beat = p.cycle - 1;
            for (unsigned i = 0; i < 8; ++i) got.push_back(p.s.rdata[i]);
            CHECK(p.s.rlast == (got.size() == 16));
            CHECK(p.s.rresp == 0);
        }
    }
    CHECK(first_beat - ar_cycle == 1 + 3);
    for (unsigned i = 0; i < 16; ++i) CHECK(got[i] == mem.memory().byte(0x1008 + i));

    // a write whose data arrives before its address, with a partial strobe
    p.m.rready = false;
    p.m.bready = true;
    p.w(0x1122334455667788ull, 0x0F, false);
    p.until([&](const AxiSlavePins& s) { return s.wready; });
    p.w(0x99AABBCCDDEEFF00ull, 0xF0, true);
    p.until([&](const AxiSlavePins& s) { return s.wready; });
    p.m.wvalid = false;
    CHECK(mem.stats().w_before_aw_beats == 2);
    const std::uint8_t untouched = mem.memory().byte(0x1004);
    p.aw(0x1000, 1);
    p.until([&](const AxiSlavePins& s) { return s.awready; });
    p.m.awvalid = false;
    CHECK(mem.memory().byte(0x1000) == 0x88);
    CHECK(mem.memory().byte(0x1003) == 0x55);
    CHECK(mem.memory().byte(0x1004) == untouched);
    CHECK(mem.memory().byte(0x100C) == 0xCC);
    CHECK(mem.memory().byte(0x100F) == 0x99);
    CHECK(mem.stats().bytes_written_ok == 8);
    p.until([&](const AxiSlavePins& s) { return s.bvalid; });
    CHECK(p.s.bresp == 0);
    CHECK(mem.idle());
}

TEST_CASE("axi_mem: injected errors answer the error and change nothing", "[harness][axi_mem]") {
    AxiMem mem;
    mem.memory().fill_random(0x2000, 64, 9);
    const SparseMemory before = mem.memory();
    mem.add_error({0x2010, 0x2011, AxiResp::DecErr, AccessDir::Read});
    mem.add_error({0x2030, 0x2038, AxiResp::SlvErr, AccessDir::Write});
    PinMaster p{mem};
    p.m.rready = true;
    p.m.bready = true;
    p.ar(0x2000, 3);
    p.until([&](const AxiSlavePins& s) { return s.arready; });
    p.m.arvalid = false;
    std::vector<unsigned> resp;
    while (resp.size() < 4) {
        p.step();
        if (p.s.rvalid) {
            resp.push_back(p.s.rresp);
            if (p.s.rresp != 0) CHECK(p.s.rdata[0] == 0xE5);
        }
    }
    CHECK(resp == std::vector<unsigned>{0, 0, 3, 0});
    p.aw(0x2028, 1);
    p.until([&](const AxiSlavePins& s) { return s.awready; });
    p.m.awvalid = false;
    p.w(~0ull, 0xFF, false);
    p.until([&](const AxiSlavePins& s) { return s.wready; });
    p.w(~0ull, 0xFF, true);
    p.until([&](const AxiSlavePins& s) { return s.wready; });
    p.m.wvalid = false;
    p.until([&](const AxiSlavePins& s) { return s.bvalid; });
    CHECK(p.s.bresp == 2);
    CHECK_FALSE(RefMem(before).mismatch(mem.memory()).has_value());
    CHECK(mem.stats().read_error_beats == 1);
}

TEST_CASE("axi_mem: the protocol checker fails bad bursts and unstable handshakes", "[harness][axi_mem]") {
    SECTION("a burst crossing 4 KiB") {
        AxiMem mem;
        PinMaster p{mem};
        p.ar(0x1FF8, 1);
        const auto what = message_of([&] { p.step(); });
        CHECK_THAT(what, Catch::Contains("crosses a 4 KiB boundary") && Catch::Contains("on AR"));
    }
    SECTION("a burst longer than the limit") {
        AxiMemConfig cfg;
        cfg.max_burst_beats = 16;
        AxiMem mem(cfg);
        PinMaster p{mem};
        p.aw(0x0, 16);
        CHECK_THAT(message_of([&] { p.step(); }), Catch::Contains("17 beats exceed the limit 16"));
    }
    SECTION("an unaligned or narrow burst") {
        AxiMem mem;
        PinMaster p{mem};
        p.ar(0x1004, 0);
        CHECK_THAT(message_of([&] { p.step(); }), Catch::Contains("not bus-word aligned"));
        AxiMem mem2;
        PinMaster q{mem2};
        q.ar(0x1000, 0);
        q.m.arsize = 2;
        CHECK_THAT(message_of([&] { q.step(); }), Catch::Contains("not the bus width"));
    }
    SECTION("WLAST on the wrong beat") {
        AxiMem mem;
        PinMaster p{mem};
        p.aw(0x0, 2);
        p.until([&](const AxiSlavePins& s) { return s.awready; });
        p.m.awvalid = false;
        p.w(1, 0xFF, true);  // beat 0 of 3 claims to be last
        CHECK_THAT(message_of([&] { p.step(); }), Catch::Contains("WLAST true on beat 0 of a 3-beat burst"));
    }
    SECTION("VALID dropped or payload changed before READY") {
        AxiMemConfig cfg;
        cfg.max_reads_outstanding = 1;
        AxiMem mem(cfg);
        PinMaster p{mem};
        p.ar(0x0, 0);
        p.until([&](const AxiSlavePins& s) { return s.arready; });
        p.ar(0x100, 0);  // the memory is full: ARREADY stays low while the first read is unanswered
        p.step();
        CHECK_FALSE(p.s.arready);
        p.m.araddr = 0x200;
        CHECK_THAT(message_of([&] { p.step(); }), Catch::Contains("payload changed while waiting for ARREADY"));
    }
}

TEST_CASE("watchdog: a read nobody accepts is reported with its channel and cycle", "[harness][watchdog]") {
    AxiMem mem;
    Watchdog wd(50);
    mem.add_probes(wd);
    PinMaster p{mem};
    p.ar(0x0, 3);
    p.until([&](const AxiSlavePins& s) { return s.arready; });
    p.m.arvalid = false;
    p.m.rready = false;  // the master never takes the data
    const auto what = message_of([&] {
        for (int i = 0; i < 200; ++i) {
            p.step();
            wd.check(p.cycle);
        }
    });
    CHECK_THAT(what, Catch::Contains("channel R stuck at cycle") && Catch::Contains("master RREADY false"));
}

TEST_CASE("ref_mem: copies and reports the first difference", "[harness][ref_mem]") {
    SparseMemory m;
    m.fill_random(0x0, 8192, 1);
    RefMem ref(m);
    ref.copy(0x10, 0x1003, 100);
    CHECK(ref.mismatch(m).has_value());
    std::vector<std::uint8_t> buf(100);
    m.read(0x10, buf);
    m.write(0x1003, buf);
    CHECK_FALSE(ref.mismatch(m).has_value());
    m.set_byte(0x1066, static_cast<std::uint8_t>(m.byte(0x1066) ^ 1));
    const auto why = ref.mismatch(m);
    REQUIRE(why.has_value());
    CHECK_THAT(*why, Catch::Contains("byte 0x1066") && Catch::Contains("1 bytes differ"));
}
