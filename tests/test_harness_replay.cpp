// Reproducibility and the paper's figures as schedule files (docs/harness.md "Schedule files").
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "harness.hpp"
#include "report.hpp"
#include "schedule.hpp"

using namespace udma::tb;
using udma::Method;

#ifndef UDMA_SCHEDULE_DIR
#error "UDMA_SCHEDULE_DIR must point at tests/schedules"
#endif

namespace {

Config quiet(Config c) {
    c.progress = false;
    c.quiet = true;
    c.quiet_rerun = true;
    return c;
}

std::string fingerprint(RunResult r) {
    r.schedule_recorded.clear();
    r.config.record.clear();
    r.config.schedule.clear();
    return report_json(r);
}

std::string sched(const char* name) { return std::string(UDMA_SCHEDULE_DIR) + "/" + name; }

}  // namespace

TEST_CASE("same seed twice gives identical reports", "[harness][replay]") {
    for (Method m : {Method::Shrimp, Method::Key, Method::Rep5, Method::Kernel}) {
        Config c = quiet({});
        c.method = m;
        c.dmas = 3000;
        c.seed = 77;
        const RunResult a = run_harness(c);
        const RunResult b = run_harness(c);
        INFO(std::string(udma::name(m)));
        CHECK(a.cycles == b.cycles);
        CHECK(report_md(a) == report_md(b));
        CHECK(report_json(a) == report_json(b));
        c.seed = 78;
        const RunResult d = run_harness(c);
        CHECK(report_json(a) != report_json(d));  // and the seed matters
    }
}

TEST_CASE("a recorded schedule replays to the identical result", "[harness][replay]") {
    const auto dir = std::filesystem::temp_directory_path();
    SECTION("secure method, clean run") {
        Config c = quiet({});
        c.method = Method::Ext;
        c.dmas = 2000;
        c.seed = 5;
        c.preempt = 0.3;
        c.record = (dir / "udma-replay-ext.sched").string();
        const RunResult rec = run_harness(c);
        Config r = quiet({});
        r.schedule = c.record;
        r.preempt = 0.3;
        const RunResult rep = run_harness(r);
        CHECK(rec.violations.empty());
        CHECK(rec.cycles == rep.cycles);
        CHECK(fingerprint(rec) == fingerprint(rep));
    }
    SECTION("broken method: the violation replays at the same cycle") {
        Config c = quiet({});
        c.method = Method::Rep4;
        c.attackers = {Strategy::Fig6, Strategy::Mix};
        c.dmas = 2000;
        c.seed = 6;
        c.record = (dir / "udma-replay-rep4.sched").string();
        const RunResult rec = run_harness(c);
        REQUIRE_FALSE(rec.violations.empty());
        Config r = quiet({});
        r.schedule = c.record;
        const RunResult rep = run_harness(r);
        REQUIRE_FALSE(rep.violations.empty());
        CHECK(rep.violations.front().cycle == rec.violations.front().cycle);
        CHECK(rep.violations.front().what == rec.violations.front().what);
        CHECK(fingerprint(rec) == fingerprint(rep));
    }
}

TEST_CASE("a failing run names a schedule that reproduces it", "[harness][replay]") {
    const auto dir = std::filesystem::temp_directory_path();
    Config c;
    c.method = Method::Shrimp;
    c.hooks = false;
    c.dmas = 500;
    c.seed = 3;
    c.progress = false;
    c.quiet = true;
    c.fail_dir = dir.string();
    const RunResult r = run_harness(c);
    REQUIRE_FALSE(r.violations.empty());
    REQUIRE_FALSE(r.schedule_recorded.empty());
    REQUIRE(std::filesystem::exists(r.schedule_recorded));
    Config rep = quiet({});
    rep.schedule = r.schedule_recorded;
    const RunResult again = run_harness(rep);
    REQUIRE_FALSE(again.violations.empty());
    CHECK(again.violations.front().what == r.violations.front().what);
    CHECK(again.violations.front().cycle == r.violations.front().cycle);
}

TEST_CASE("paper Figure 5 as a schedule: REP3 transfers the attacker's data (S1)", "[harness][figures]") {
    Config c = quiet({});
    c.schedule = sched("fig5.sched");
    const RunResult r = run_harness(c);
    REQUIRE(r.violations.size() == 1);
    const Violation& v = r.violations.front();
    CHECK(v.prop == Prop::S1);
    CHECK(v.procs == std::vector<int>{1});          // launched by the malicious P1
    CHECK(v.what.find("64 bytes") != std::string::npos);
    CHECK(r.oracle.launches == 1);
}

TEST_CASE("paper Figure 6 as a schedule: REP4 misinforms the victim (S2)", "[harness][figures]") {
    Config c = quiet({});
    c.schedule = sched("fig6.sched");
    const RunResult r = run_harness(c);
    REQUIRE(r.violations.size() == 1);
    const Violation& v = r.violations.front();
    CHECK(v.prop == Prop::S2);
    CHECK(v.what.find("told \"failed\"") != std::string::npos);
    CHECK(v.procs == std::vector<int>{0, 1});       // the victim P0, and P1 whose access started it
    CHECK(r.oracle.hijacked == 1);                   // exactly P0's request, started by P1
}

TEST_CASE("paper Figure 8 as a schedule: REP5 interleavings never start a wrong DMA", "[harness][figures]") {
    Config c = quiet({});
    c.schedule = sched("fig8.sched");
    const RunResult r = run_harness(c);
    CHECK(r.violations.empty());
    CHECK(r.completed);
    CHECK(r.oracle.launches == 1);                  // one transfer ...
    CHECK(r.oracle.honest_launches == 1);           // ... P0's own ...
    CHECK(r.oracle.hijacked == 0);
    CHECK(r.dmas_started == 1);                     // ... reported "started" to P0
    CHECK(r.retries == 4);                          // after four attempts the others broke
    CHECK(r.dmas_completed == 1);
}

TEST_CASE("the Figure 6 interleaving is harmless under REP5", "[harness][figures]") {
    // the same accesses with the fifth one added: P1's load breaks the sequence, P0 retries
    const char* text =
        "udma-schedule 1\n"
        "config method=rep5 honest=1 malicious=1 dmas=1 seed=1\n"
        "dma P0 src=src0+0x100 dst=dst0+0x200 size=64\n"
        "P0 step store sh(dst0+0x200) 0x40\n"
        "P0 step load sh(src0+0x100)\n"
        "P0 step store sh(dst0+0x200) 0x40\n"
        "P1 load sh(pub0+0x100)\n"
        "P0 step load sh(src0+0x100)\n";
    const auto path = std::filesystem::temp_directory_path() / "udma-fig6-rep5.sched";
    std::ofstream(path) << text;
    Config c = quiet({});
    c.schedule = path.string();
    const RunResult r = run_harness(c);
    CHECK(r.violations.empty());
    CHECK(r.dmas_started == 1);
    CHECK(r.oracle.hijacked == 0);
}

TEST_CASE("schedule lines are checked against what the library does", "[harness][figures]") {
    const char* text =
        "udma-schedule 1\n"
        "config method=rep4 honest=1 malicious=1 dmas=1 seed=1\n"
        "dma P0 src=src0+0x100 dst=dst0+0x200 size=64\n"
        "P0 step load sh(src0+0x100)\n";  // REP4 starts with a store
    const auto path = std::filesystem::temp_directory_path() / "udma-diverge.sched";
    std::ofstream(path) << text;
    Config c = quiet({});
    c.schedule = path.string();
    try {
        run_harness(c);
        FAIL("a diverging schedule was accepted");
    } catch (const ScheduleError& e) {
        CHECK(std::string(e.what()).find(":4:") != std::string::npos);
        CHECK(std::string(e.what()).find("expects load") != std::string::npos);
    }
}

TEST_CASE("host write buffer without barriers breaks repeated passing and the key-based status", "[harness][wbuf]") {
    Config base = quiet({});
    base.honest = 1;
    base.malicious = 0;
    base.dmas = 200;
    base.seed = 4;
    base.write_buffer = 2;
    base.max_attempts = 50;
    SECTION("barriers on: nothing changes") {
        for (Method m : {Method::Rep4, Method::Rep5, Method::Key}) {
            Config c = base;
            c.method = m;
            c.barriers = true;
            const RunResult r = run_harness(c);
            CHECK(r.violations.empty());
            CHECK(r.dmas_started == 200);
            CHECK(r.wbuf_merged == 0);
        }
    }
    SECTION("REP4 and REP5 without barriers: the repeated store is merged, no DMA starts") {
        for (Method m : {Method::Rep4, Method::Rep5}) {
            Config c = base;
            c.method = m;
            c.barriers = false;
            const RunResult r = run_harness(c);
            CHECK(r.wbuf_merged > 0);
            CHECK(r.dmas_started == 0);  // liveness lost ...
            CHECK(r.dmas_refused == 200);
            CHECK(r.violations.empty());  // ... but nothing unsafe happened
        }
    }
    SECTION("SHRIMP without barriers: a late store mixes two requests (S1)") {
        Config c = base;
        c.method = Method::Shrimp;
        c.barriers = false;
        const RunResult r = run_harness(c);
        REQUIRE_FALSE(r.violations.empty());
        CHECK(r.violations.front().prop == Prop::S1);
    }
    SECTION("KEY without barriers: the buffer answers the launching load, the STARTED flag keeps it honest") {
        // The write buffer forwards the buffered S(ctx_page, size) to the launching L(ctx_page):
        // the load never reaches the engine. Its answer (the bare size) lacks the STARTED flag a
        // launch always carries (STARTED | size), so the library restarts instead of believing
        // it (before the flag existed this was an S2 violation). Progress only comes when a
        // context switch drains the buffer between the two accesses.
        Config c = base;
        c.method = Method::Key;
        c.barriers = false;
        const RunResult r = run_harness(c);
        CHECK(r.wbuf_forwarded > 0);
        CHECK(r.violations.empty());
        CHECK(r.retries > 0);
    }
}

TEST_CASE("the kernel-level path is refused for pages the caller may not use", "[harness][kernel]") {
    // a kernel-path caller passes a virtual address it has no mapping for: the OS refuses it
    const char* text =
        "udma-schedule 1\n"
        "config method=kernel honest=1 malicious=0 dmas=1 seed=1\n"
        "dma P0 src=pub0 dst=dst0 size=64\n"   // P0 (honest) maps no public page
        "P0 step syscall\n";
    const auto path = std::filesystem::temp_directory_path() / "udma-kernel-unmapped.sched";
    std::ofstream(path) << text;
    Config c = quiet({});
    c.schedule = path.string();
    c.max_attempts = 3;
    const RunResult r = run_harness(c);
    CHECK(r.violations.empty());
    CHECK(r.oracle.launches == 0);
    CHECK(r.dmas_started == 0);
}
