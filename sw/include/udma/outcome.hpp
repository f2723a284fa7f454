// Policies and outcomes of the user-level library. Every call returns an outcome; nothing is
// thrown away and nothing is thrown.
#pragma once

#include <chrono>
#include <cstdint>
#include <string_view>

#include "method.hpp"
#include "sequence.hpp"

namespace udma {

// Paper Figure 7: on a FAIL answer restart from access 1; here bounded.
struct RetryPolicy {
    unsigned max_attempts = 16;  // attempts (complete or cut short) before "refused"; >= 1
};

// Arguments rejected before any access.
enum class ArgError : std::uint8_t {
    None = 0,
    SizeZero,           // size 0
    SizeAbovePage,      // size > page size
    SrcCrossesPage,     // [src, src+size) crosses a page boundary
    DstCrossesPage,     // [dst, dst+size) crosses a page boundary
    UnalignedArgument,  // src or dst not 8-byte aligned on a host that needs aligned device accesses
    UnalignedAtomic,    // atomic word address not 8-byte aligned (atomics, issue 7)
    NotUserLevel,       // the session's method has no user-level sequence (NONE, KERNEL)
    KeyTooWide,         // key-based: the key has bits above 56
    ContextOutOfRange,  // key-based: ctx id does not fit the 6-bit field
    ZeroAttempts,       // RetryPolicy::max_attempts == 0
    NotStarted,         // completion wait on an outcome that did not start a transfer
    MethodMismatch,     // hw::dma<M> called with a session of another method
};

enum class InitiationStatus : std::uint8_t {
    Started = 0,      // the engine launched the transfer (ticket or remaining bytes known)
    Refused = 1,      // every attempt failed; RetryPolicy::max_attempts attempts were made
    BadArgument = 2,  // rejected before any access (arg_error says why)
    AccessFault = 3,  // the bus reported an error on an access (harness only; SIGBUS on a host)
};

struct InitiationOutcome {
    InitiationStatus status = InitiationStatus::BadArgument;
    ArgError arg_error = ArgError::None;
    Method method = Method::None;
    LaunchAnswer launch_answer = LaunchAnswer::Ticket;  // how to wait for completion
    std::uint64_t ticket = 0;         // Started, ticket methods: the ticket (TICKET_W bits)
    std::uint64_t remaining = 0;      // Started, key-based: bytes remaining at launch (the size)
    std::uint64_t answer = 0;         // Started: raw answer of the launching load
    std::uint64_t size = 0;           // the requested size
    unsigned attempts = 0;            // attempts made (1 = first try succeeded)
    unsigned accesses = 0;            // window accesses issued in total
    std::uint8_t failed_step = 0;     // 1-based step whose answer ended the latest failed attempt
    std::uint64_t failed_answer = 0;  // that answer: FAIL, or a value that is not a launch
                                      // (REP3 ONTRACK restart, a key context that lost its arguments)
    constexpr bool started() const { return status == InitiationStatus::Started; }
};

// Completion waiting: poll the status page (ticket methods) or the context page (key-based).
struct CompletionPolicy {
    std::uint64_t max_polls = 1'000'000;  // status / context-page loads before "timeout"
    std::chrono::nanoseconds timeout{0};  // hardware back end only: wall-clock bound, 0 = none
};

enum class CompletionStatus : std::uint8_t {
    Done = 0,                   // completed, every beat OKAY
    BusSlvErr = 1,              // completed with an AXI SLVERR (transfer cut short)
    BusDecErr = 2,              // completed with an AXI DECERR (transfer cut short)
    DoneResultOverwritten = 3,  // completed; RESULT_SLOTS newer transfers overwrote its result slot
    Timeout = 4,                // not seen complete within the policy
    ContextRefused = 5,         // key-based: the context's latest launch was refused (status FAIL),
                                // so the context page no longer describes this transfer
    NotStarted = 6,             // the initiation outcome given was not Started
    AccessFault = 7,            // the bus reported an error on a poll (harness only)
};

struct CompletionOutcome {
    CompletionStatus status = CompletionStatus::NotStarted;
    std::uint64_t polls = 0;        // status / context-page loads issued
    std::uint64_t last_answer = 0;  // raw answer of the last load
    constexpr bool ok() const { return status == CompletionStatus::Done; }
};

std::string_view to_string(ArgError e);
std::string_view to_string(InitiationStatus s);
std::string_view to_string(CompletionStatus s);

}  // namespace udma
