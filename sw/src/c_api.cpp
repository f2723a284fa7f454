// udma.h: the C API over the C++ core.
#include "udma/udma.h"

#include <chrono>

#include "udma/bus.hpp"
#include "udma/hw.hpp"
#include "udma/initiation.hpp"
#include "udma/session.hpp"

namespace {

// The C enums are the C++ enums' values (casts below rely on it).
static_assert(UDMA_STARTED == static_cast<int>(udma::InitiationStatus::Started) &&
              UDMA_REFUSED == static_cast<int>(udma::InitiationStatus::Refused) &&
              UDMA_BAD_ARGUMENT == static_cast<int>(udma::InitiationStatus::BadArgument) &&
              UDMA_ACCESS_FAULT == static_cast<int>(udma::InitiationStatus::AccessFault));
static_assert(UDMA_ARG_OK == static_cast<int>(udma::ArgError::None) &&
              UDMA_ARG_SIZE_ZERO == static_cast<int>(udma::ArgError::SizeZero) &&
              UDMA_ARG_SIZE_ABOVE_PAGE == static_cast<int>(udma::ArgError::SizeAbovePage) &&
              UDMA_ARG_SRC_CROSSES_PAGE == static_cast<int>(udma::ArgError::SrcCrossesPage) &&
              UDMA_ARG_DST_CROSSES_PAGE == static_cast<int>(udma::ArgError::DstCrossesPage) &&
              UDMA_ARG_UNALIGNED == static_cast<int>(udma::ArgError::UnalignedArgument) &&
              UDMA_ARG_UNALIGNED_ATOMIC == static_cast<int>(udma::ArgError::UnalignedAtomic) &&
              UDMA_ARG_NOT_USER_LEVEL == static_cast<int>(udma::ArgError::NotUserLevel) &&
              UDMA_ARG_KEY_TOO_WIDE == static_cast<int>(udma::ArgError::KeyTooWide) &&
              UDMA_ARG_CONTEXT_OUT_OF_RANGE == static_cast<int>(udma::ArgError::ContextOutOfRange) &&
              UDMA_ARG_ZERO_ATTEMPTS == static_cast<int>(udma::ArgError::ZeroAttempts) &&
              UDMA_ARG_NOT_STARTED == static_cast<int>(udma::ArgError::NotStarted) &&
              UDMA_ARG_METHOD_MISMATCH == static_cast<int>(udma::ArgError::MethodMismatch));
static_assert(UDMA_DONE == static_cast<int>(udma::CompletionStatus::Done) &&
              UDMA_DONE_BUS_SLVERR == static_cast<int>(udma::CompletionStatus::BusSlvErr) &&
              UDMA_DONE_BUS_DECERR == static_cast<int>(udma::CompletionStatus::BusDecErr) &&
              UDMA_DONE_RESULT_OVERWRITTEN == static_cast<int>(udma::CompletionStatus::DoneResultOverwritten) &&
              UDMA_WAIT_TIMEOUT == static_cast<int>(udma::CompletionStatus::Timeout) &&
              UDMA_WAIT_CONTEXT_REFUSED == static_cast<int>(udma::CompletionStatus::ContextRefused) &&
              UDMA_WAIT_NOT_STARTED == static_cast<int>(udma::CompletionStatus::NotStarted) &&
              UDMA_WAIT_ACCESS_FAULT == static_cast<int>(udma::CompletionStatus::AccessFault));
static_assert(static_cast<int>(udma::Fence::Release) == 0 && static_cast<int>(udma::Fence::Between) == 1 &&
              static_cast<int>(udma::Fence::Acquire) == 2);

udma::Session to_session(const udma_session& c) {
    udma::Session s;
    s.method = static_cast<udma::Method>(c.method);
    s.shadow_delta = c.shadow_delta;
    s.context_page_va = c.context_page_va;
    s.status_page_va = c.status_page_va;
    s.ctx_id = c.ctx_id;
    s.key = c.key;
    s.page_bits = c.page_bits;
    s.ticket_bits = c.ticket_bits;
    s.result_slots = c.result_slots;
    s.aligned_args_only = c.aligned_args_only != 0;
    return s;
}

udma_session from_session(const udma::Session& s) {
    udma_session c{};
    c.method = static_cast<int>(s.method);
    c.shadow_delta = s.shadow_delta;
    c.context_page_va = s.context_page_va;
    c.status_page_va = s.status_page_va;
    c.ctx_id = s.ctx_id;
    c.key = s.key;
    c.page_bits = s.page_bits;
    c.ticket_bits = s.ticket_bits;
    c.result_slots = s.result_slots;
    c.aligned_args_only = s.aligned_args_only ? 1 : 0;
    return c;
}

udma_result to_c(const udma::InitiationOutcome& o) {
    udma_result r{};
    r.status = static_cast<udma_status>(o.status);
    r.arg_error = static_cast<udma_arg_error>(o.arg_error);
    r.has_ticket = (o.started() && o.launch_answer == udma::LaunchAnswer::Ticket) ? 1 : 0;
    r.ticket = o.ticket;
    r.remaining = o.remaining;
    r.answer = o.answer;
    r.size = o.size;
    r.attempts = o.attempts;
    r.accesses = o.accesses;
    r.failed_step = o.failed_step;
    r.failed_answer = o.failed_answer;
    return r;
}

udma::InitiationOutcome from_c(const udma_result& r, const udma::Session& s) {
    udma::InitiationOutcome o;
    o.status = static_cast<udma::InitiationStatus>(r.status);
    o.arg_error = static_cast<udma::ArgError>(r.arg_error);
    o.method = s.method;
    o.launch_answer = udma::sequence_of(s.method).launch_answer;
    o.ticket = r.ticket;
    o.remaining = r.remaining;
    o.answer = r.answer;
    o.size = r.size;
    o.attempts = r.attempts;
    o.accesses = r.accesses;
    return o;
}

udma_wait_result to_c(const udma::CompletionOutcome& o) {
    udma_wait_result w{};
    w.status = static_cast<udma_wait_status>(o.status);
    w.polls = o.polls;
    w.last_answer = o.last_answer;
    return w;
}

// udma_bus_ops as an AccessPort.
struct CallbackPort {
    const udma_bus_ops* ops;
    std::uint64_t load(std::uint64_t a) const { return ops->load(ops->user, a); }
    void store(std::uint64_t a, std::uint64_t d) const { ops->store(ops->user, a, d); }
    void fence(udma::Fence f) const {
        if (ops->fence != nullptr) ops->fence(ops->user, static_cast<int>(f));
    }
};

udma::RetryPolicy retry_policy(unsigned max_attempts) {
    udma::RetryPolicy p;
    if (max_attempts != 0) p.max_attempts = max_attempts;
    return p;
}

udma::CompletionPolicy completion_policy(std::uint64_t max_polls, std::uint64_t timeout_ns) {
    udma::CompletionPolicy p;
    if (max_polls != 0) p.max_polls = max_polls;
    p.timeout = std::chrono::nanoseconds(static_cast<std::int64_t>(timeout_ns));
    return p;
}

udma_result bad_pointer_result() {
    udma_result r{};
    r.status = UDMA_BAD_ARGUMENT;
    r.arg_error = UDMA_ARG_NOT_USER_LEVEL;
    return r;
}

}  // namespace

extern "C" {

udma_session udma_identity_session(int method, unsigned pa_bits, unsigned page_bits, unsigned n_ctx, unsigned ctx_id,
                                   uint64_t key, uint64_t window_base) {
    const udma::WindowGeometry geometry{pa_bits, page_bits, n_ctx};
    return from_session(udma::identity_session(static_cast<udma::Method>(method), geometry, ctx_id, key, window_base));
}

udma_status udma_dma(const udma_session* session, uint64_t src_va, uint64_t dst_va, uint64_t size,
                     unsigned max_attempts, udma_result* out) {
    udma_result r = bad_pointer_result();
    if (session != nullptr) {
        udma::hw::VolatilePort<> window;
        r = to_c(udma::hw::dma(window, to_session(*session), src_va, dst_va, size, retry_policy(max_attempts)));
    }
    if (out != nullptr) *out = r;
    return r.status;
}

udma_wait_status udma_wait(const udma_session* session, const udma_result* started, uint64_t max_polls,
                           uint64_t timeout_ns, udma_wait_result* out) {
    udma_wait_result w{};
    w.status = UDMA_WAIT_NOT_STARTED;
    if (session != nullptr && started != nullptr) {
        const udma::Session s = to_session(*session);
        udma::hw::VolatilePort<> port;
        w = to_c(udma::hw::wait_completion(port, s, from_c(*started, s), completion_policy(max_polls, timeout_ns)));
    }
    if (out != nullptr) *out = w;
    return w.status;
}

udma_status udma_dma_bus(const udma_bus_ops* bus, const udma_session* session, uint64_t src_va, uint64_t dst_va,
                         uint64_t size, unsigned max_attempts, udma_result* out) {
    udma_result r = bad_pointer_result();
    if (bus != nullptr && session != nullptr && bus->load != nullptr && bus->store != nullptr) {
        CallbackPort port{bus};
        r = to_c(udma::hw::dma(port, to_session(*session), src_va, dst_va, size, retry_policy(max_attempts)));
    }
    if (out != nullptr) *out = r;
    return r.status;
}

udma_wait_status udma_wait_bus(const udma_bus_ops* bus, const udma_session* session, const udma_result* started,
                               uint64_t max_polls, udma_wait_result* out) {
    udma_wait_result w{};
    w.status = UDMA_WAIT_NOT_STARTED;
    if (bus != nullptr && session != nullptr && started != nullptr && bus->load != nullptr) {
        const udma::Session s = to_session(*session);
        CallbackPort port{bus};
        w = to_c(udma::hw::wait_completion(port, s, from_c(*started, s), completion_policy(max_polls, 0)));
    }
    if (out != nullptr) *out = w;
    return w.status;
}

const char* udma_status_name(udma_status status) {
    return udma::to_string(static_cast<udma::InitiationStatus>(status)).data();
}
const char* udma_arg_error_name(udma_arg_error error) {
    return udma::to_string(static_cast<udma::ArgError>(error)).data();
}
const char* udma_wait_status_name(udma_wait_status status) {
    return udma::to_string(static_cast<udma::CompletionStatus>(status)).data();
}

}  // extern "C"
