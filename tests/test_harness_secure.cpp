// The secure methods under honest and malicious processes and random preemption: no violation
// over 2 x 10^5 randomized DMAs per method (two seeds of 10^5 each, so ctest -j2 runs them in parallel).
#include <catch2/catch.hpp>

#include "harness.hpp"

using namespace udma::tb;
using udma::Method;

namespace {

void run_clean(Method m, std::uint64_t seed, std::uint64_t dmas = 100000) {
    Config c;
    c.method = m;
    c.honest = 2;
    c.malicious = 2;
    c.attackers = {Strategy::Mix};
    c.dmas = dmas;
    c.seed = seed;
    c.preempt = 0.1;
    c.progress = false;
    c.quiet = true;
    c.fail_dir = ".";
    const RunResult r = run_harness(c);
    INFO(std::string(udma::name(m)) << " seed " << seed);
    for (const auto& v : r.violations) INFO(to_string(v.prop) << ": " << v.what);
    if (!r.violations.empty()) FAIL_CHECK("first violation: " << r.violations.front().what << " (reproduce: udma-sim --schedule "
                                                              << r.schedule_recorded << ")");
    CHECK(r.violations.empty());
    CHECK(r.stop_reason.empty());
    CHECK(r.completed);
    CHECK(r.dmas_requested == dmas);
    CHECK(r.dmas_started == dmas);     // every DMA eventually started (L1 with retries)
    CHECK(r.dmas_completed == dmas);   // and completed
    CHECK(r.attacks_tried > dmas / 2); // the attackers were busy
}

}  // namespace

TEST_CASE("kernel-level path: no violation (seed 1)", "[harness][secure]") { run_clean(Method::Kernel, 1); }
TEST_CASE("kernel-level path: no violation (seed 2)", "[harness][secure]") { run_clean(Method::Kernel, 2); }
TEST_CASE("SHRIMP with ABORT hook: no violation (seed 1)", "[harness][secure]") { run_clean(Method::Shrimp, 1); }
TEST_CASE("SHRIMP with ABORT hook: no violation (seed 2)", "[harness][secure]") { run_clean(Method::Shrimp, 2); }
TEST_CASE("FLASH with CURRENT_PID hook: no violation (seed 1)", "[harness][secure]") { run_clean(Method::Flash, 1); }
TEST_CASE("FLASH with CURRENT_PID hook: no violation (seed 2)", "[harness][secure]") { run_clean(Method::Flash, 2); }
TEST_CASE("PAL: no violation (seed 1)", "[harness][secure]") { run_clean(Method::Pal, 1); }
TEST_CASE("PAL: no violation (seed 2)", "[harness][secure]") { run_clean(Method::Pal, 2); }
TEST_CASE("key-based with 56-bit keys: no violation (seed 1)", "[harness][secure]") { run_clean(Method::Key, 1); }
TEST_CASE("key-based with 56-bit keys: no violation (seed 2)", "[harness][secure]") { run_clean(Method::Key, 2); }
TEST_CASE("extended shadow: no violation (seed 1)", "[harness][secure]") { run_clean(Method::Ext, 1); }
TEST_CASE("extended shadow: no violation (seed 2)", "[harness][secure]") { run_clean(Method::Ext, 2); }
TEST_CASE("repeated passing with 5 accesses: no violation (seed 1)", "[harness][secure]") { run_clean(Method::Rep5, 1); }
TEST_CASE("repeated passing with 5 accesses: no violation (seed 2)", "[harness][secure]") { run_clean(Method::Rep5, 2); }
