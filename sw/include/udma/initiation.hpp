// The user-level initiation core and the STEP CURSORS the Verilator harness drives.
//
// How the harness (tb/, issue 5) uses it: one access at a time, each access a preemption point.
//
//     udma::Session session = ...;   // from udma::os (virtual addresses), or udma::identity_session
//     udma::InitiationCursor dma(session, src_va, dst_va, size, udma::RetryPolicy{.max_attempts = 8});
//     while (auto access = dma.next()) {          // std::optional<udma::Access>; empty when done
//         // the scheduler may preempt here, unless !access->preemptible_before (PAL)
//         // translate access->vaddr with the process's page table; a page fault never reaches
//         // the bus (the harness decides what a fault does to the process)
//         std::uint64_t answer = perform(*access);  // 64-bit load or store on the window
//         dma.feed(answer);                          // stores: the value is ignored (pass 0)
//         // or dma.feed_fault() when the bus answered SLVERR/DECERR: the call ends (AccessFault)
//     }
//     const udma::InitiationOutcome& out = dma.outcome();   // Started / Refused / BadArgument ...
//
//     udma::CompletionCursor wait(session, out, udma::CompletionPolicy{.max_polls = 1000});
//     while (auto access = wait.next()) wait.feed(perform(*access));
//     const udma::CompletionOutcome& done = wait.outcome();  // Done / BusSlvErr / ... / Timeout
//
// Bad arguments are rejected in the constructor: next() is then empty at once and no access is
// issued. Retries (paper Figure 7: a checked load answering FAIL restarts from step 1) happen
// inside the cursor: the harness sees step 1 again with attempt + 1. The cursor is a small value
// type (copyable, no allocation), so a coroutine can hold it in its frame.
//
// The hardware back end (hw.hpp) interprets the same tables with the same AttemptLedger; only
// the way accesses are issued differs.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "outcome.hpp"
#include "sequence.hpp"
#include "session.hpp"
#include "udma_regs.h"
#include "window.hpp"

namespace udma {

// One window access, in the process's virtual addresses.
struct Access {
    AccessKind kind = AccessKind::Load;
    std::uint64_t vaddr = 0;       // process virtual address (identity session: window offset)
    std::uint64_t data = 0;        // store data; 0 for loads
    std::uint8_t step = 0;         // 1-based step of the sequence (completion: 1 poll, 2 result slot)
    unsigned attempt = 0;          // 1-based attempt (completion: 1-based poll number)
    bool checks_fail = false;      // a load whose FAIL answer restarts the call
    bool preemptible_before = true;// false inside an uninterruptible (PAL) call: do not switch
                                   // processes between the previous access and this one
};

namespace detail {

// The concrete addresses and data of one call, by role (sequence.hpp).
struct Operands {
    std::array<std::uint64_t, kAddressRoles> address{};
    std::array<std::uint64_t, kDataRoles> data{};
    std::uint64_t size = 0;
    std::uint64_t ticket_mask = 0;
};

constexpr bool crosses_page(std::uint64_t va, std::uint64_t size, std::uint64_t page_size) {
    return (va & (page_size - 1)) + size > page_size;
}

// Everything that makes a call invalid, checked before any access.
constexpr ArgError validate(const Session& s, std::uint64_t src_va, std::uint64_t dst_va, std::uint64_t size,
                            const RetryPolicy& policy, bool aligned_args_only) {
    if (!is_user_level(s.method)) return ArgError::NotUserLevel;
    if (policy.max_attempts == 0) return ArgError::ZeroAttempts;
    if (s.method == Method::Key) {
        if (s.key > UDMA_KEY_MASK) return ArgError::KeyTooWide;
        if (s.ctx_id >= (1u << UDMA_KS_CTX_W)) return ArgError::ContextOutOfRange;
    }
    if (size == 0) return ArgError::SizeZero;
    if (size > s.page_size()) return ArgError::SizeAbovePage;
    if (crosses_page(src_va, size, s.page_size())) return ArgError::SrcCrossesPage;
    if (crosses_page(dst_va, size, s.page_size())) return ArgError::DstCrossesPage;
    if ((aligned_args_only || s.aligned_args_only) && ((src_va | dst_va) & 7u) != 0) return ArgError::UnalignedArgument;
    return ArgError::None;
}

constexpr Operands resolve(const Session& s, std::uint64_t src_va, std::uint64_t dst_va, std::uint64_t size) {
    Operands ops;
    ops.address[index(AddressRole::ShadowDst)] = s.shadow(dst_va);
    ops.address[index(AddressRole::ShadowSrc)] = s.shadow(src_va);
    ops.address[index(AddressRole::ContextPage)] = s.context_page_va;
    ops.data[index(DataRole::None)] = 0;
    ops.data[index(DataRole::Size)] = size;
    ops.data[index(DataRole::KeyDst)] = s.key_store_data(UDMA_KSEL_DST);
    ops.data[index(DataRole::KeySrc)] = s.key_store_data(UDMA_KSEL_SRC);
    ops.size = size;
    ops.ticket_mask = s.ticket_mask();
    return ops;
}

enum class Verdict : std::uint8_t {
    Continue,  // go on with the next step
    Restart,   // this attempt failed: restart from step 1 (if attempts remain)
    Launched,  // the launching load answered a launch
};

// The answer of the load at step index i (0-based). Intermediate loads: only FAIL matters (the
// paper's check). The launching load: a launch only in the method's success form, which always
// carries the STARTED flag (STARTED | ticket, key-based STARTED | size); FAIL or any other value
// (REP3/REP5: ONTRACK when the engine took it as an intermediate step of another sequence;
// key-based: the plain status of an older transfer when the context lost its arguments) means
// "not launched".
constexpr Verdict judge(const Sequence& seq, std::size_t i, std::uint64_t answer, const Operands& ops) {
    if (i + 1 < seq.length) {
        return (seq.steps[i].checks_fail && answer == UDMA_LD_FAIL) ? Verdict::Restart : Verdict::Continue;
    }
    if (answer == UDMA_LD_FAIL) return Verdict::Restart;
    if (seq.launch_answer == LaunchAnswer::Ticket) {
        return (answer & ~ops.ticket_mask) == UDMA_LD_STARTED ? Verdict::Launched : Verdict::Restart;
    }
    return answer == (UDMA_LD_STARTED | ops.size) ? Verdict::Launched : Verdict::Restart;
}

// How one attempt ended: the verdict of its last access, its 1-based step (= accesses issued in
// this attempt) and the answer.
struct AttemptResult {
    Verdict verdict = Verdict::Restart;
    std::uint8_t step = 0;
    std::uint64_t answer = 0;
};

// The shared retry loop state and outcome (paper Figure 7, bounded). Both interpreters call
// begin_attempt() before step 1 and end_attempt() when a load ends the attempt.
class AttemptLedger {
public:
    constexpr AttemptLedger(const Session& s, std::uint64_t src_va, std::uint64_t dst_va, std::uint64_t size,
                            const RetryPolicy& policy, bool aligned_args_only = false)
        : max_attempts_(policy.max_attempts) {
        outcome_.method = s.method;
        outcome_.launch_answer = sequence_of(s.method).launch_answer;
        outcome_.size = size;
        outcome_.arg_error = validate(s, src_va, dst_va, size, policy, aligned_args_only);
        finished_ = outcome_.arg_error != ArgError::None;
        outcome_.status = finished_ ? InitiationStatus::BadArgument : InitiationStatus::Refused;
    }

    constexpr bool finished() const { return finished_; }
    constexpr unsigned attempts() const { return outcome_.attempts; }
    constexpr void begin_attempt() { ++outcome_.attempts; }

    // Returns true when the call is over: launched, or the last allowed attempt failed.
    constexpr bool end_attempt(const AttemptResult& r, const Operands& ops) {
        outcome_.accesses += r.step;
        if (r.verdict == Verdict::Launched) {
            outcome_.status = InitiationStatus::Started;
            outcome_.answer = r.answer;
            if (outcome_.launch_answer == LaunchAnswer::Ticket) {
                outcome_.ticket = r.answer & ops.ticket_mask;
            } else {
                outcome_.remaining = r.answer & ~UDMA_LD_STARTED;
            }
            finished_ = true;
            return true;
        }
        outcome_.failed_step = r.step;
        outcome_.failed_answer = r.answer;
        if (outcome_.attempts >= max_attempts_) {
            outcome_.status = InitiationStatus::Refused;
            finished_ = true;
        }
        return finished_;
    }

    // The bus answered an access with an error: the call ends.
    constexpr void fault(std::uint8_t step) {
        outcome_.accesses += step;
        outcome_.failed_step = step;
        outcome_.status = InitiationStatus::AccessFault;
        finished_ = true;
    }

    constexpr const InitiationOutcome& outcome() const { return outcome_; }

private:
    InitiationOutcome outcome_{};
    unsigned max_attempts_ = 1;
    bool finished_ = false;
};

}  // namespace detail

// Initiation, one access at a time (see the top of this file).
class InitiationCursor {
public:
    InitiationCursor(const Session& session, std::uint64_t src_va, std::uint64_t dst_va, std::uint64_t size,
                     RetryPolicy policy = {});

    // The access to perform now, or nothing when the call is over.
    std::optional<Access> next() const;
    // The access returned by next() was performed; loads pass their answer.
    void feed(std::uint64_t answer = 0);
    // The access returned by next() got a bus error: the call ends with AccessFault.
    void feed_fault();

    bool done() const { return ledger_.finished(); }
    const InitiationOutcome& outcome() const { return ledger_.outcome(); }
    const Sequence& sequence() const { return *sequence_; }
    unsigned attempt() const { return ledger_.attempts(); }
    std::uint8_t next_step() const { return static_cast<std::uint8_t>(index_ + 1); }  // 1-based

private:
    const Sequence* sequence_;
    detail::Operands ops_;
    detail::AttemptLedger ledger_;
    std::size_t index_ = 0;
};

// Completion wait, one poll at a time.
//   ticket methods: L(status + S_TICKET_DONE) until ticket_done(), then L(status + S_RESULT[t %
//   RESULT_SLOTS]): Done / BusSlvErr / BusDecErr, or DoneResultOverwritten if the slot names a
//   newer ticket;
//   key-based: L(context page) until 0 (Done), BUS_SLVERR, BUS_DECERR or FAIL (ContextRefused).
//   The context page describes the context's LATEST launch only.
class CompletionCursor {
public:
    CompletionCursor(const Session& session, const InitiationOutcome& started, CompletionPolicy policy = {});

    std::optional<Access> next() const;
    void feed(std::uint64_t answer);
    void feed_fault();
    // End the wait now with Timeout (a wall-clock or simulated-time bound kept by the caller).
    void expire();

    bool done() const { return phase_ == Phase::Done; }
    const CompletionOutcome& outcome() const { return outcome_; }

private:
    enum class Phase : std::uint8_t { PollTicketDone, ReadResult, PollContext, Done };
    void finish(CompletionStatus status);

    Phase phase_ = Phase::Done;
    std::uint64_t status_page_va_ = 0;
    std::uint64_t context_page_va_ = 0;
    std::uint64_t ticket_ = 0;
    unsigned ticket_bits_ = UDMA_DEF_TICKET_W;
    unsigned result_slots_ = UDMA_DEF_RESULT_SLOTS;
    std::uint64_t max_polls_ = 0;
    CompletionOutcome outcome_{};
};

}  // namespace udma
