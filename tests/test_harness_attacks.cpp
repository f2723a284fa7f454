// The oracle can see: with the same harness and randomized preemption it finds the attack on each
// broken configuration within a bounded number of DMAs (docs/harness.md "Tests").
#include <catch2/catch.hpp>

#include "harness.hpp"

using namespace udma::tb;
using udma::Method;

namespace {

Config attack_config(Method m, std::vector<Strategy> strategies, std::uint64_t dmas, std::uint64_t seed) {
    Config c;
    c.method = m;
    c.honest = 2;
    c.malicious = 2;
    c.attackers = std::move(strategies);
    c.dmas = dmas;
    c.seed = seed;
    c.preempt = 0.1;
    c.progress = false;
    c.quiet = true;
    c.quiet_rerun = true;  // no reproducing schedule written by the test
    c.demonstrate = true;
    return c;
}

// Runs and returns the result; the attack must be found before `bound` DMAs were requested.
RunResult expect_found(const Config& c, std::uint64_t bound) {
    const RunResult r = run_harness(c);
    INFO("method " << std::string(udma::name(c.method)) << ", DMAs requested " << r.dmas_requested);
    REQUIRE_FALSE(r.violations.empty());
    CHECK(r.dmas_requested <= bound);
    CHECK(run_ok(r));
    return r;
}

}  // namespace

TEST_CASE("oracle finds the Figure 5 attack on repeated passing (3 accesses)", "[harness][attack]") {
    const RunResult r = expect_found(attack_config(Method::Rep3, {Strategy::Fig5}, 5000, 11), 5000);
    bool s1 = false;
    for (const auto& v : r.violations) s1 |= v.prop == Prop::S1;
    CHECK(s1);  // the attacker's own data lands in the victim's private page
}

TEST_CASE("oracle finds the Figure 6 attack on repeated passing (4 accesses)", "[harness][attack]") {
    const RunResult r = expect_found(attack_config(Method::Rep4, {Strategy::Fig6}, 2000, 12), 2000);
    CHECK(r.violations.front().prop == Prop::S2);  // the victim is told "failed" for its started transfer
}

TEST_CASE("oracle finds SHRIMP's race without the ABORT hook", "[harness][attack]") {
    Config c = attack_config(Method::Shrimp, {Strategy::Mix}, 1000, 13);
    c.hooks = false;
    expect_found(c, 1000);
}

TEST_CASE("oracle finds FLASH's race without the CURRENT_PID hook", "[harness][attack]") {
    Config c = attack_config(Method::Flash, {Strategy::Mix}, 1000, 14);
    c.hooks = false;
    expect_found(c, 1000);
}

TEST_CASE("oracle finds a guessed 4-bit key", "[harness][attack]") {
    Config c = attack_config(Method::Key, {Strategy::KeyGuess}, 2000, 15);
    c.key_bits = 4;
    const RunResult r = expect_found(c, 2000);
    CHECK(r.oracle.key_fail_stores > 0);  // the wrong guesses before it were counted
}

TEST_CASE("the same attack on the secure variant finds nothing", "[harness][attack]") {
    // the controls of the cases above: hooks on, a full key, five accesses
    Config shrimp = attack_config(Method::Shrimp, {Strategy::Mix}, 1000, 13);
    Config key = attack_config(Method::Key, {Strategy::KeyGuess}, 2000, 15);
    Config rep5 = attack_config(Method::Rep5, {Strategy::Fig6, Strategy::Fig5}, 2000, 12);
    for (Config* c : {&shrimp, &key, &rep5}) {
        c->demonstrate = false;
        const RunResult r = run_harness(*c);
        INFO(std::string(udma::name(c->method)));
        CHECK(r.violations.empty());
        CHECK(r.completed);
        CHECK(r.dmas_started == c->dmas);
    }
}
