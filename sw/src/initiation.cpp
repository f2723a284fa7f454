// The step cursors (initiation.hpp): the runtime interpreter of the sequence tables.
#include "udma/initiation.hpp"

namespace udma {

// ---- InitiationCursor ---------------------------------------------------------------------------

InitiationCursor::InitiationCursor(const Session& session, std::uint64_t src_va, std::uint64_t dst_va,
                                   std::uint64_t size, RetryPolicy policy)
    : sequence_(&sequence_of(session.method)),
      ops_(detail::resolve(session, src_va, dst_va, size)),
      ledger_(session, src_va, dst_va, size, policy) {
    if (!ledger_.finished()) ledger_.begin_attempt();
}

std::optional<Access> InitiationCursor::next() const {
    if (ledger_.finished()) return std::nullopt;
    const Step& step = sequence_->steps[index_];
    Access a;
    a.kind = step.kind;
    a.vaddr = ops_.address[index(step.address)];
    a.data = ops_.data[index(step.data)];
    a.step = static_cast<std::uint8_t>(index_ + 1);
    a.attempt = ledger_.attempts();
    a.checks_fail = step.checks_fail;
    a.preemptible_before = !(sequence_->uninterruptible && index_ > 0);
    return a;
}

void InitiationCursor::feed(std::uint64_t answer) {
    if (ledger_.finished()) return;
    const Step& step = sequence_->steps[index_];
    const auto step_number = static_cast<std::uint8_t>(index_ + 1);
    detail::Verdict verdict = detail::Verdict::Continue;
    if (step.kind == AccessKind::Load) verdict = detail::judge(*sequence_, index_, answer, ops_);
    if (verdict == detail::Verdict::Continue) {
        ++index_;
        return;
    }
    index_ = 0;
    if (!ledger_.end_attempt({verdict, step_number, answer}, ops_)) ledger_.begin_attempt();
}

void InitiationCursor::feed_fault() {
    if (ledger_.finished()) return;
    ledger_.fault(static_cast<std::uint8_t>(index_ + 1));
}

// ---- CompletionCursor ---------------------------------------------------------------------------

CompletionCursor::CompletionCursor(const Session& session, const InitiationOutcome& started, CompletionPolicy policy)
    : status_page_va_(session.status_page_va),
      context_page_va_(session.context_page_va),
      ticket_(started.ticket),
      ticket_bits_(session.ticket_bits),
      result_slots_(session.result_slots == 0 ? 1 : session.result_slots),
      max_polls_(policy.max_polls) {
    if (!started.started()) {
        finish(CompletionStatus::NotStarted);
    } else if (max_polls_ == 0) {
        finish(CompletionStatus::Timeout);
    } else {
        phase_ = started.launch_answer == LaunchAnswer::Ticket ? Phase::PollTicketDone : Phase::PollContext;
    }
}

std::optional<Access> CompletionCursor::next() const {
    Access a;
    a.kind = AccessKind::Load;
    a.checks_fail = false;
    switch (phase_) {
        case Phase::PollTicketDone:
            a.vaddr = status_page_va_ + UDMA_SREG_S_TICKET_DONE;
            a.step = 1;
            a.attempt = static_cast<unsigned>(outcome_.polls + 1);
            return a;
        case Phase::ReadResult:
            a.vaddr = status_page_va_ + UDMA_SREG_S_RESULT_AT(ticket_ % result_slots_);
            a.step = 2;
            a.attempt = static_cast<unsigned>(outcome_.polls);
            return a;
        case Phase::PollContext:
            a.vaddr = context_page_va_;
            a.step = 1;
            a.attempt = static_cast<unsigned>(outcome_.polls + 1);
            return a;
        case Phase::Done:
            break;
    }
    return std::nullopt;
}

void CompletionCursor::finish(CompletionStatus status) {
    outcome_.status = status;
    phase_ = Phase::Done;
}

void CompletionCursor::feed(std::uint64_t answer) {
    outcome_.last_answer = answer;
    switch (phase_) {
        case Phase::PollTicketDone:
            ++outcome_.polls;
            if (ticket_done(answer, ticket_, ticket_bits_)) {
                phase_ = Phase::ReadResult;
            } else if (outcome_.polls >= max_polls_) {
                finish(CompletionStatus::Timeout);
            }
            return;
        case Phase::ReadResult: {
            const std::uint64_t slot_ticket_mask = (std::uint64_t{1} << UDMA_RS_TICKET_W) - 1;
            const std::uint64_t slot_ticket = (answer >> UDMA_RS_TICKET_LSB) & slot_ticket_mask;
            const bool valid = (answer >> UDMA_RS_VALID_LSB) & 1u;
            const auto code = static_cast<unsigned>((answer >> UDMA_RS_CODE_LSB) & ((1u << UDMA_RS_CODE_W) - 1));
            if (!valid || slot_ticket != (ticket_ & slot_ticket_mask)) {
                finish(CompletionStatus::DoneResultOverwritten);
            } else if (code == UDMA_BUS_SLVERR) {
                finish(CompletionStatus::BusSlvErr);
            } else if (code == UDMA_BUS_DECERR) {
                finish(CompletionStatus::BusDecErr);
            } else {
                finish(CompletionStatus::Done);
            }
            return;
        }
        case Phase::PollContext:
            ++outcome_.polls;
            if (answer == 0) {
                finish(CompletionStatus::Done);
            } else if (answer == UDMA_LD_BUS_SLVERR) {
                finish(CompletionStatus::BusSlvErr);
            } else if (answer == UDMA_LD_BUS_DECERR) {
                finish(CompletionStatus::BusDecErr);
            } else if (answer == UDMA_LD_FAIL) {
                finish(CompletionStatus::ContextRefused);
            } else if (outcome_.polls >= max_polls_) {
                finish(CompletionStatus::Timeout);
            }
            return;
        case Phase::Done:
            return;
    }
}

void CompletionCursor::feed_fault() {
    if (phase_ == Phase::Done) return;
    if (phase_ != Phase::ReadResult) ++outcome_.polls;
    finish(CompletionStatus::AccessFault);
}

void CompletionCursor::expire() {
    if (phase_ != Phase::Done) finish(CompletionStatus::Timeout);
}

// ---- names ----------------------------------------------------------------------------------------

std::string_view to_string(ArgError e) {
    switch (e) {
        case ArgError::None: return "none";
        case ArgError::SizeZero: return "size is 0";
        case ArgError::SizeAbovePage: return "size is larger than a page";
        case ArgError::SrcCrossesPage: return "[src, src+size) crosses a page boundary";
        case ArgError::DstCrossesPage: return "[dst, dst+size) crosses a page boundary";
        case ArgError::UnalignedArgument: return "src or dst is not 8-byte aligned (this host needs aligned device accesses)";
        case ArgError::UnalignedAtomic: return "atomic word address is not 8-byte aligned";
        case ArgError::NotUserLevel: return "the session's method has no user-level sequence";
        case ArgError::KeyTooWide: return "key has bits above the 56-bit key field";
        case ArgError::ContextOutOfRange: return "context id does not fit the 6-bit field";
        case ArgError::ZeroAttempts: return "retry policy allows 0 attempts";
        case ArgError::NotStarted: return "the transfer was not started";
        case ArgError::MethodMismatch: return "the session's method is not the one this call issues";
    }
    return "?";
}

std::string_view to_string(InitiationStatus s) {
    switch (s) {
        case InitiationStatus::Started: return "started";
        case InitiationStatus::Refused: return "refused";
        case InitiationStatus::BadArgument: return "bad argument";
        case InitiationStatus::AccessFault: return "access fault";
    }
    return "?";
}

std::string_view to_string(CompletionStatus s) {
    switch (s) {
        case CompletionStatus::Done: return "done";
        case CompletionStatus::BusSlvErr: return "bus error (SLVERR)";
        case CompletionStatus::BusDecErr: return "bus error (DECERR)";
        case CompletionStatus::DoneResultOverwritten: return "done (result slot overwritten)";
        case CompletionStatus::Timeout: return "timeout";
        case CompletionStatus::ContextRefused: return "context's latest launch refused";
        case CompletionStatus::NotStarted: return "not started";
        case CompletionStatus::AccessFault: return "access fault";
    }
    return "?";
}

}  // namespace udma
