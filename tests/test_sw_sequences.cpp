// sw/: the sequence tables through both interpreters (hardware back end and step cursor) against
// a recording fake bus: exact SPEC section 4 sequences, fences, Figure 7 retries, refusal after N
// attempts, bad arguments rejected before any access, completion waits.
#include <catch2/catch.hpp>

#include <random>

#include "test_sw_support.hpp"
#include "udma/hw.hpp"
#include "udma/initiation.hpp"

using udma::AccessKind;
using udma::CompletionStatus;
using udma::Fence;
using udma::InitiationOutcome;
using udma::InitiationStatus;
using udma::Method;
using udma::Session;
using udma::test::Event;
using udma::test::RecordingBus;

namespace {

constexpr std::uint64_t kSrc = 0x1000'0010;
constexpr std::uint64_t kDst = 0x2000'1008;
constexpr std::uint64_t kSize = 100;
constexpr std::uint64_t kKey = 0x00AB'CDEF'0123'4567;
constexpr unsigned kCtx = 2;

enum class Interpreter { HardwareBackEnd, Cursor };

const char* name(Interpreter i) { return i == Interpreter::HardwareBackEnd ? "hw::dma" : "InitiationCursor"; }

Session session_for(Method m) { return udma::identity_session(m, udma::WindowGeometry{}, kCtx, kKey); }

InitiationOutcome run_call(Interpreter how, RecordingBus& bus, const Session& s, std::uint64_t src, std::uint64_t dst,
                           std::uint64_t size, udma::RetryPolicy policy = {}) {
    if (how == Interpreter::HardwareBackEnd) return udma::hw::dma(bus, s, src, dst, size, policy);
    udma::InitiationCursor cursor(s, src, dst, size, policy);
    return udma::run(bus, cursor);
}

std::string trace(const std::vector<Event>& events) {
    std::string out;
    for (const auto& e : events) out += udma::test::describe(e) + "\n";
    return out;
}

// Script for one attempt that fails at load position `fail_at` (0-based access index), or
// succeeds if fail_at == length.
void script_attempt(RecordingBus& bus, const Session& s, std::size_t fail_at, std::uint64_t ticket) {
    const auto& seq = udma::sequence_of(s.method);
    for (std::size_t i = 0; i < seq.length && i <= fail_at; ++i) {
        if (seq.steps[i].kind != AccessKind::Load) continue;
        bus.script.push_back(i == fail_at ? UDMA_LD_FAIL : udma::test::good_answer(s, i, seq.length, kSize, ticket));
    }
}

}  // namespace

TEST_CASE("every method emits exactly its SPEC section 4 sequence, fenced", "[sw][sequence]") {
    const Interpreter how = GENERATE(Interpreter::HardwareBackEnd, Interpreter::Cursor);
    for (Method m : udma::kUserMethods) {
        CAPTURE(name(how), udma::name(m));
        const Session s = session_for(m);
        RecordingBus bus;
        const auto& seq = udma::sequence_of(m);
        script_attempt(bus, s, seq.length, 5);
        const InitiationOutcome out = run_call(how, bus, s, kSrc, kDst, kSize);
        INFO(trace(bus.events));

        REQUIRE(out.status == InitiationStatus::Started);
        CHECK(out.attempts == 1);
        CHECK(out.accesses == seq.length);
        if (m == Method::Key) {
            CHECK(out.remaining == kSize);
        } else {
            CHECK(out.ticket == 5);
        }
        // exactly the accesses of SPEC section 4, in order
        CHECK(bus.accesses() == udma::test::spec_sequence(s, kSrc, kDst, kSize));
        // a fence before every access: Release before the first, Between before the others
        REQUIRE(bus.events.size() == 2u * seq.length);
        for (std::size_t i = 0; i < seq.length; ++i) {
            CHECK(bus.events[2 * i].kind == Event::Kind::Fence);
            CHECK(bus.events[2 * i].fence == (i == 0 ? Fence::Release : Fence::Between));
            CHECK(bus.events[2 * i + 1].kind != Event::Kind::Fence);
        }
    }
}

TEST_CASE("the tables match the paper's access counts and properties", "[sw][sequence]") {
    CHECK(udma::sequence_of(Method::Shrimp).length == 2);
    CHECK(udma::sequence_of(Method::Flash).length == 2);
    CHECK(udma::sequence_of(Method::Pal).length == 2);
    CHECK(udma::sequence_of(Method::Ext).length == 2);
    CHECK(udma::sequence_of(Method::Rep3).length == 3);
    CHECK(udma::sequence_of(Method::Key).length == 4);
    CHECK(udma::sequence_of(Method::Rep4).length == 4);
    CHECK(udma::sequence_of(Method::Rep5).length == 5);
    CHECK(udma::sequence_of(Method::None).length == 0);
    CHECK(udma::sequence_of(Method::Kernel).length == 0);
    CHECK(udma::sequence_of(Method::Pal).uninterruptible);
    CHECK(udma::sequence_of(Method::Shrimp).needs_context_switch_hook);
    CHECK(udma::sequence_of(Method::Flash).needs_context_switch_hook);
    CHECK_FALSE(udma::sequence_of(Method::Rep3).secure);
    CHECK_FALSE(udma::sequence_of(Method::Rep4).secure);
    CHECK(udma::sequence_of(Method::Rep5).secure);
    CHECK(udma::sequence_of(Method::Key).launch_answer == udma::LaunchAnswer::RemainingBytes);
}

TEST_CASE("a FAIL at each checked step restarts from access 1", "[sw][retry]") {
    const Interpreter how = GENERATE(Interpreter::HardwareBackEnd, Interpreter::Cursor);
    for (Method m : udma::kUserMethods) {
        const Session s = session_for(m);
        const auto& seq = udma::sequence_of(m);
        const auto full = udma::test::spec_sequence(s, kSrc, kDst, kSize);
        for (std::size_t k = 0; k < seq.length; ++k) {
            if (!seq.steps[k].checks_fail) continue;
            CAPTURE(name(how), udma::name(m), k + 1);
            RecordingBus bus;
            script_attempt(bus, s, k, 0);              // attempt 1 fails at step k+1
            script_attempt(bus, s, seq.length, 9);     // attempt 2 succeeds
            const InitiationOutcome out = run_call(how, bus, s, kSrc, kDst, kSize);
            INFO(trace(bus.events));
            REQUIRE(out.status == InitiationStatus::Started);
            CHECK(out.attempts == 2);
            CHECK(out.failed_step == k + 1);
            CHECK(out.failed_answer == UDMA_LD_FAIL);
            CHECK(out.accesses == k + 1 + seq.length);
            // accesses: steps 1..k+1, then the whole sequence again from step 1
            std::vector<Event> expected(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(k + 1));
            expected.insert(expected.end(), full.begin(), full.end());
            CHECK(bus.accesses() == expected);
            // the restarted attempt begins with a Release fence again
            std::size_t releases = 0;
            for (const auto& e : bus.events) releases += (e.kind == Event::Kind::Fence && e.fence == Fence::Release);
            CHECK(releases == 2);
        }
    }
}

TEST_CASE("a launch refused N times is reported as refused after N attempts", "[sw][retry]") {
    const Interpreter how = GENERATE(Interpreter::HardwareBackEnd, Interpreter::Cursor);
    const unsigned n = GENERATE(1u, 3u, 7u);
    for (Method m : udma::kUserMethods) {
        CAPTURE(name(how), udma::name(m), n);
        const Session s = session_for(m);
        const auto& seq = udma::sequence_of(m);
        RecordingBus bus;
        // every intermediate load on track, every launching load FAIL
        bus.fallback = [&](std::uint64_t) { return UDMA_LD_FAIL; };
        for (unsigned a = 0; a < n; ++a) script_attempt(bus, s, seq.length - 1, 0);
        const InitiationOutcome out = run_call(how, bus, s, kSrc, kDst, kSize, {n});
        CHECK(out.status == InitiationStatus::Refused);
        CHECK_FALSE(out.started());
        CHECK(out.attempts == n);
        CHECK(out.accesses == n * seq.length);
        CHECK(out.failed_step == seq.length);
        CHECK(out.failed_answer == UDMA_LD_FAIL);
        CHECK(bus.accesses().size() == n * seq.length);
    }
}

TEST_CASE("answers that are not a launch restart the call", "[sw][retry]") {
    const Interpreter how = GENERATE(Interpreter::HardwareBackEnd, Interpreter::Cursor);
    SECTION("REP3: the engine took the launching load as a new step 1 (ONTRACK)") {
        const Session s = session_for(Method::Rep3);
        RecordingBus bus;
        bus.script = {UDMA_LD_ONTRACK, UDMA_LD_ONTRACK, UDMA_LD_ONTRACK, UDMA_LD_STARTED | 3};
        const auto out = run_call(how, bus, s, kSrc, kDst, kSize);
        CHECK(out.started());
        CHECK(out.attempts == 2);
        CHECK(out.failed_step == 3);
        CHECK(out.failed_answer == UDMA_LD_ONTRACK);
        CHECK(out.ticket == 3);
    }
    SECTION("KEY: the context page answered the status of an older transfer (arguments lost)") {
        const Session s = session_for(Method::Key);
        RecordingBus bus;
        bus.script = {0, UDMA_LD_STARTED | kSize};
        const auto out = run_call(how, bus, s, kSrc, kDst, kSize);
        CHECK(out.started());
        CHECK(out.attempts == 2);
        CHECK(out.failed_step == 4);
        CHECK(out.failed_answer == 0);
        CHECK(out.remaining == kSize);
    }
    SECTION("KEY: a plain status equal to the size is not a launch (an older transfer still queued)") {
        const Session s = session_for(Method::Key);
        RecordingBus bus;
        bus.script = {kSize, UDMA_LD_STARTED | kSize};
        const auto out = run_call(how, bus, s, kSrc, kDst, kSize);
        CHECK(out.started());
        CHECK(out.attempts == 2);
        CHECK(out.failed_answer == kSize);
    }
    SECTION("ticket method: an answer without STARTED") {
        const Session s = session_for(Method::Ext);
        RecordingBus bus;
        bus.script = {0, UDMA_LD_STARTED | 0xFFFF'FFFFull};
        const auto out = run_call(how, bus, s, kSrc, kDst, kSize);
        CHECK(out.started());
        CHECK(out.attempts == 2);
        CHECK(out.ticket == 0xFFFF'FFFFull);
    }
}

TEST_CASE("bad arguments are rejected before any access", "[sw][args]") {
    const Interpreter how = GENERATE(Interpreter::HardwareBackEnd, Interpreter::Cursor);
    struct Case {
        const char* what;
        std::uint64_t src, dst, size;
        udma::ArgError expected;
    };
    const Case cases[] = {
        {"size 0", kSrc, kDst, 0, udma::ArgError::SizeZero},
        {"size above a page", 0x1000'0000, 0x2000'0000, 4097, udma::ArgError::SizeAbovePage},
        {"src range crosses a page", 0x1000'0F80, 0x2000'0000, 0x100, udma::ArgError::SrcCrossesPage},
        {"dst range crosses a page", 0x1000'0000, 0x2000'0FF9, 8, udma::ArgError::DstCrossesPage},
    };
    for (Method m : udma::kUserMethods) {
        for (const Case& c : cases) {
            CAPTURE(name(how), udma::name(m), c.what);
            RecordingBus bus;
            const auto out = run_call(how, bus, session_for(m), c.src, c.dst, c.size);
            CHECK(out.status == InitiationStatus::BadArgument);
            CHECK(out.arg_error == c.expected);
            CHECK(out.attempts == 0);
            CHECK(out.accesses == 0);
            CHECK(bus.events.empty());
            CHECK_FALSE(udma::to_string(out.arg_error).empty());
        }
    }
    SECTION("a whole page at a page boundary is fine") {
        RecordingBus bus;
        bus.fallback = [](std::uint64_t) { return UDMA_LD_STARTED; };
        CHECK(run_call(how, bus, session_for(Method::Ext), 0x1000'0000, 0x2000'0000, 4096).started());
    }
    SECTION("unaligned arguments on a host that needs aligned device accesses") {
        Session s = session_for(Method::Shrimp);
        s.aligned_args_only = true;
        RecordingBus bus;
        const auto out = run_call(how, bus, s, kSrc + 1, kDst, 8);
        CHECK(out.arg_error == udma::ArgError::UnalignedArgument);
        CHECK(bus.events.empty());
    }
    SECTION("methods without a user-level sequence, zero attempts, a key wider than 56 bits") {
        RecordingBus bus;
        CHECK(run_call(how, bus, session_for(Method::None), kSrc, kDst, kSize).arg_error == udma::ArgError::NotUserLevel);
        CHECK(run_call(how, bus, session_for(Method::Kernel), kSrc, kDst, kSize).arg_error == udma::ArgError::NotUserLevel);
        CHECK(run_call(how, bus, session_for(Method::Ext), kSrc, kDst, kSize, {0}).arg_error == udma::ArgError::ZeroAttempts);
        Session wide = session_for(Method::Key);
        wide.key = ~std::uint64_t{0};
        CHECK(run_call(how, bus, wide, kSrc, kDst, kSize).arg_error == udma::ArgError::KeyTooWide);
        Session far = session_for(Method::Key);
        far.ctx_id = 64;
        CHECK(run_call(how, bus, far, kSrc, kDst, kSize).arg_error == udma::ArgError::ContextOutOfRange);
        CHECK(bus.events.empty());
    }
}

TEST_CASE("hw::dma<M> refuses a session of another method", "[sw][args]") {
    RecordingBus bus;
    const auto out = udma::hw::dma<Method::Key>(bus, session_for(Method::Ext), kSrc, kDst, kSize);
    CHECK(out.arg_error == udma::ArgError::MethodMismatch);
    CHECK(bus.events.empty());
}

TEST_CASE("the cursor marks the steps of an uninterruptible call", "[sw][cursor]") {
    for (Method m : udma::kUserMethods) {
        CAPTURE(udma::name(m));
        udma::InitiationCursor cursor(session_for(m), kSrc, kDst, kSize);
        const auto& seq = udma::sequence_of(m);
        for (std::size_t i = 0; i < seq.length; ++i) {
            auto a = cursor.next();
            REQUIRE(a);
            CHECK(a->step == i + 1);
            CHECK(a->attempt == 1);
            CHECK(a->preemptible_before == !(m == Method::Pal && i > 0));
            CHECK(a->checks_fail == (a->kind == AccessKind::Load));
            cursor.feed(a->kind == AccessKind::Load
                            ? udma::test::good_answer(session_for(m), i, seq.length, kSize, 1)
                            : 0);
        }
        CHECK_FALSE(cursor.next());
        CHECK(cursor.outcome().started());
    }
}

TEST_CASE("a bus fault ends the call with AccessFault", "[sw][cursor]") {
    udma::InitiationCursor cursor(session_for(Method::Rep5), kSrc, kDst, kSize);
    cursor.feed(0);
    cursor.feed(UDMA_LD_ONTRACK);
    cursor.feed_fault();
    CHECK_FALSE(cursor.next());
    CHECK(cursor.outcome().status == InitiationStatus::AccessFault);
    CHECK(cursor.outcome().failed_step == 3);
    CHECK(cursor.outcome().accesses == 3);
}

TEST_CASE("both interpreters agree on random answers", "[sw][cursor][hw]") {
    std::mt19937_64 rng(20240604);
    const std::uint64_t answers[] = {UDMA_LD_FAIL, UDMA_LD_ONTRACK, UDMA_LD_STARTED | 7, kSize, 0,
                                     UDMA_LD_BUS_SLVERR};
    for (int round = 0; round < 400; ++round) {
        const Method m = udma::kUserMethods[rng() % std::size(udma::kUserMethods)];
        const Session s = session_for(m);
        std::deque<std::uint64_t> script;
        for (int i = 0; i < 40; ++i) script.push_back(answers[rng() % std::size(answers)]);
        const unsigned attempts = 1 + static_cast<unsigned>(rng() % 6);
        RecordingBus hw_bus, cursor_bus;
        hw_bus.script = script;
        cursor_bus.script = script;
        const auto a = run_call(Interpreter::HardwareBackEnd, hw_bus, s, kSrc, kDst, kSize, {attempts});
        const auto b = run_call(Interpreter::Cursor, cursor_bus, s, kSrc, kDst, kSize, {attempts});
        CAPTURE(round, udma::name(m));
        REQUIRE(hw_bus.events == cursor_bus.events);
        CHECK(a.status == b.status);
        CHECK(a.attempts == b.attempts);
        CHECK(a.accesses == b.accesses);
        CHECK(a.ticket == b.ticket);
        CHECK(a.remaining == b.remaining);
        CHECK(a.failed_step == b.failed_step);
        CHECK(a.failed_answer == b.failed_answer);
    }
}

// ---- completion ---------------------------------------------------------------------------------

namespace {

InitiationOutcome started_with_ticket(std::uint64_t ticket) {
    InitiationOutcome o;
    o.status = InitiationStatus::Started;
    o.method = Method::Ext;
    o.launch_answer = udma::LaunchAnswer::Ticket;
    o.ticket = ticket;
    return o;
}

std::uint64_t result_slot(std::uint64_t ticket, unsigned code) {
    return (std::uint64_t{1} << UDMA_RS_VALID_LSB) | (std::uint64_t{code} << UDMA_RS_CODE_LSB) |
           (ticket & 0xFFFF'FFFFull);
}

}  // namespace

TEST_CASE("completion of a ticket: poll S_TICKET_DONE, then read the result slot", "[sw][completion]") {
    const Session s = session_for(Method::Ext);
    const udma::WindowGeometry w;
    const std::uint64_t ticket = 10;
    const std::uint64_t slot_va = w.status(UDMA_SREG_S_RESULT_AT(ticket % s.result_slots));
    struct Case {
        const char* what;
        std::uint64_t slot;
        CompletionStatus expected;
    };
    const Case cases[] = {
        {"OKAY", result_slot(ticket, UDMA_BUS_OKAY), CompletionStatus::Done},
        {"SLVERR", result_slot(ticket, UDMA_BUS_SLVERR), CompletionStatus::BusSlvErr},
        {"DECERR", result_slot(ticket, UDMA_BUS_DECERR), CompletionStatus::BusDecErr},
        {"overwritten", result_slot(ticket + s.result_slots, UDMA_BUS_OKAY), CompletionStatus::DoneResultOverwritten},
    };
    for (const Case& c : cases) {
        CAPTURE(c.what);
        RecordingBus bus;
        bus.script = {9, 10, 11, c.slot};  // done counts 9, 10 (ticket 10 not done), 11 (done)
        udma::CompletionCursor wait(s, started_with_ticket(ticket));
        const auto out = udma::run(bus, wait);
        CHECK(out.status == c.expected);
        CHECK(out.polls == 3);
        const auto acc = bus.accesses();
        REQUIRE(acc.size() == 4);
        for (int i = 0; i < 3; ++i) CHECK(acc[i].address == w.status(UDMA_SREG_S_TICKET_DONE));
        CHECK(acc[3].address == slot_va);
        CHECK(bus.events.back().fence == Fence::Acquire);
    }
}

TEST_CASE("completion: tickets compare modulo 2^TICKET_W", "[sw][completion]") {
    Session s = session_for(Method::Ext);
    s.ticket_bits = 8;
    RecordingBus bus;
    bus.script = {0xFF, 0x00, result_slot(0xFF, UDMA_BUS_OKAY)};  // ticket 255 done when the count wraps to 0
    udma::CompletionCursor wait(s, started_with_ticket(0xFF));
    CHECK(udma::run(bus, wait).status == CompletionStatus::Done);
    CHECK(wait.outcome().polls == 2);
}

TEST_CASE("completion of a key-based transfer: poll the context page", "[sw][completion]") {
    const Session s = session_for(Method::Key);
    InitiationOutcome started;
    started.status = InitiationStatus::Started;
    started.method = Method::Key;
    started.launch_answer = udma::LaunchAnswer::RemainingBytes;
    started.remaining = kSize;
    struct Case {
        const char* what;
        std::deque<std::uint64_t> answers;
        CompletionStatus expected;
        std::uint64_t polls;
    };
    const Case cases[] = {
        {"done", {100, 60, 8, 0}, CompletionStatus::Done, 4},
        {"slverr", {100, UDMA_LD_BUS_SLVERR}, CompletionStatus::BusSlvErr, 2},
        {"decerr", {UDMA_LD_BUS_DECERR}, CompletionStatus::BusDecErr, 1},
        {"latest launch refused", {UDMA_LD_FAIL}, CompletionStatus::ContextRefused, 1},
    };
    for (const Case& c : cases) {
        CAPTURE(c.what);
        RecordingBus bus;
        bus.script = c.answers;
        udma::CompletionCursor wait(s, started);
        const auto out = udma::run(bus, wait);
        CHECK(out.status == c.expected);
        CHECK(out.polls == c.polls);
        for (const auto& e : bus.accesses()) CHECK(e.address == s.context_page_va);
    }
}

TEST_CASE("completion: timeout, not started, fault", "[sw][completion]") {
    const Session s = session_for(Method::Ext);
    SECTION("max_polls") {
        RecordingBus bus;
        bus.fallback = [](std::uint64_t) { return 0; };
        udma::CompletionCursor wait(s, started_with_ticket(4), {.max_polls = 25});
        CHECK(udma::run(bus, wait).status == CompletionStatus::Timeout);
        CHECK(wait.outcome().polls == 25);
        CHECK(bus.accesses().size() == 25);
    }
    SECTION("hw::wait_completion: wall-clock timeout") {
        RecordingBus bus;
        bus.fallback = [](std::uint64_t) { return 0; };
        const auto out = udma::hw::wait_completion(bus, s, started_with_ticket(4),
                                                   {.max_polls = ~std::uint64_t{0}, .timeout = std::chrono::milliseconds(5)});
        CHECK(out.status == CompletionStatus::Timeout);
        CHECK(out.polls >= 1);
    }
    SECTION("an outcome that did not start issues no poll") {
        RecordingBus bus;
        InitiationOutcome refused;
        refused.status = InitiationStatus::Refused;
        udma::CompletionCursor wait(s, refused);
        CHECK(udma::run(bus, wait).status == CompletionStatus::NotStarted);
        CHECK(bus.accesses().empty());
    }
    SECTION("bus fault") {
        udma::CompletionCursor wait(s, started_with_ticket(1));
        wait.feed(0);
        wait.feed_fault();
        CHECK(wait.done());
        CHECK(wait.outcome().status == CompletionStatus::AccessFault);
        CHECK(wait.outcome().polls == 2);
    }
}
