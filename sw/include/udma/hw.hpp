// The hardware back end: the sequence tables unrolled at compile time into straight-line code.
//
//   udma::hw::VolatilePort<> window;          // volatile 64-bit accesses, the host's barriers
//   auto out = udma::hw::dma<udma::Method::Ext>(window, session, src_va, dst_va, size);
//   auto done = udma::hw::wait_completion(window, session, out, {.timeout = 1ms});
//
// hw::attempt<M> is one attempt of method M: for each step of sequence_of(M), a fence and ONE
// volatile access, nothing else touches the window; a checked load that answers FAIL leaves the
// attempt. hw::dma<M> wraps it in the shared retry loop (detail::AttemptLedger, paper Figure 7)
// after validating the arguments. The generated code is checked by the test sw_asm_access_count
// (sw/asmcheck/): exactly 2 window accesses per attempt for SHRIMP/FLASH/PAL/EXT, 3 for REP3,
// 4 for KEY and REP4, 5 for REP5.
//
// Barriers (docs/sw.md, "Barriers"):
//   x86-64, UC mapping (Linux /dev/mem O_SYNC, UIO, PCI resourceN): UC accesses are issued in
//     program order, never combined, collapsed or speculated, and x86 keeps stores in order, so
//     no instruction is needed: between accesses volatile already keeps the compiler's order;
//     before the first access and after a completion a compiler barrier keeps ordinary memory
//     accesses (source / destination data) on their side.
//   x86-64, WC mapping (resourceN_wc): stores may be combined, collapsed (paper footnote 6) and
//     passed by loads: MFENCE between accesses, SFENCE before the first, LFENCE after a completion.
//   AArch64, Device-nGnRE / nGnRnE (ioremap, UIO, /dev/mem O_SYNC): DMB OSH between accesses
//     (orders every load/store pair even if the window's pages sit behind different interconnect
//     paths, where nR ordering is not promised), DMB OSHST before the first access (the source
//     data written with ordinary stores is visible first), DMB OSHLD after a completion.
//   RISC-V: FENCE IORW,IORW. Other hosts: a sequentially consistent fence (check your ISA).
// PAL: x86-64 and AArch64 have no uninterruptible user-level call; the pair is issued as for
// SHRIMP and is NOT atomic on those hosts (the engine's PAL mode then has SHRIMP's weakness).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

#include "bus.hpp"
#include "initiation.hpp"
#include "method.hpp"
#include "sequence.hpp"
#include "session.hpp"

namespace udma::hw {

enum class Mapping : std::uint8_t {
    Uncached,        // UC / Device memory: the mapping this engine expects
    WriteCombining,  // WC / Normal-NC: works, with full fences between accesses
};

// CPUs that cannot issue an unaligned 64-bit device access (docs/design.md section 2).
inline constexpr bool kHostNeedsAlignedDeviceAccess =
#if defined(__aarch64__) || defined(__arm__)
    true;
#else
    false;
#endif

template <Mapping kMapping>
[[gnu::always_inline]] inline void fence(Fence kind) {
#if defined(__x86_64__) || defined(__i386__)
    if constexpr (kMapping == Mapping::Uncached) {
        // Volatile accesses are never reordered with each other by the compiler and UC accesses
        // never by the CPU, so Between needs nothing; Release / Acquire keep ordinary memory
        // accesses (the source and destination data) on their side of the sequence.
        if (kind != Fence::Between) asm volatile("" ::: "memory");
    } else {
        switch (kind) {
            case Fence::Release: asm volatile("sfence" ::: "memory"); break;
            case Fence::Between: asm volatile("mfence" ::: "memory"); break;
            case Fence::Acquire: asm volatile("lfence" ::: "memory"); break;
        }
    }
#elif defined(__aarch64__)
    switch (kind) {
        case Fence::Release: asm volatile("dmb oshst" ::: "memory"); break;
        case Fence::Between: asm volatile("dmb osh" ::: "memory"); break;
        case Fence::Acquire: asm volatile("dmb oshld" ::: "memory"); break;
    }
#elif defined(__riscv)
    (void)kind;
    asm volatile("fence iorw,iorw" ::: "memory");
#else
    (void)kind;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
#endif
}

[[gnu::always_inline]] inline void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
    asm volatile("pause" ::: "memory");
#elif defined(__aarch64__)
    asm volatile("yield" ::: "memory");
#else
    asm volatile("" ::: "memory");
#endif
}

// Volatile 64-bit accesses at the caller's virtual addresses (pointers into the mmap'd window).
template <Mapping kMapping = Mapping::Uncached>
struct VolatilePort {
    static constexpr bool kAlignedArgsOnly = kHostNeedsAlignedDeviceAccess;

    [[gnu::always_inline]] std::uint64_t load(std::uint64_t va) const {
        return *reinterpret_cast<const volatile std::uint64_t*>(static_cast<std::uintptr_t>(va));
    }
    [[gnu::always_inline]] void store(std::uint64_t va, std::uint64_t data) const {
        *reinterpret_cast<volatile std::uint64_t*>(static_cast<std::uintptr_t>(va)) = data;
    }
    [[gnu::always_inline]] void fence(Fence kind) const { hw::fence<kMapping>(kind); }
};

template <class Port>
constexpr bool port_needs_aligned_args() {
    if constexpr (requires { Port::kAlignedArgsOnly; }) {
        return Port::kAlignedArgsOnly;
    } else {
        return false;
    }
}

// One attempt of method M, from step I on: unrolled, one access per step.
template <Method M, std::size_t I = 0, AccessPort Port>
[[gnu::always_inline]] inline detail::AttemptResult attempt(Port& port, const detail::Operands& ops) {
    constexpr const Sequence& seq = sequence_of(M);
    static_assert(well_formed(seq), "method without a user-level sequence");
    constexpr Step step = seq.steps[I];
    constexpr auto step_number = static_cast<std::uint8_t>(I + 1);
    port.fence(I == 0 ? Fence::Release : Fence::Between);
    const std::uint64_t address = ops.address[index(step.address)];
    if constexpr (step.kind == AccessKind::Store) {
        port.store(address, ops.data[index(step.data)]);
        return attempt<M, I + 1>(port, ops);  // a store is never the last step (well_formed)
    } else {
        const std::uint64_t answer = static_cast<std::uint64_t>(port.load(address));
        const detail::Verdict verdict = detail::judge(seq, I, answer, ops);
        if constexpr (I + 1 == seq.length) {
            return {verdict, step_number, answer};
        } else {
            if (verdict != detail::Verdict::Continue) return {verdict, step_number, answer};
            return attempt<M, I + 1>(port, ops);
        }
    }
}

// A whole call of method M: validate, then attempts until launched or max_attempts.
template <Method M, AccessPort Port>
InitiationOutcome dma(Port& port, const Session& session, std::uint64_t src_va, std::uint64_t dst_va,
                      std::uint64_t size, RetryPolicy policy = {}) {
    detail::AttemptLedger ledger(session, src_va, dst_va, size, policy, port_needs_aligned_args<Port>());
    if (session.method != M) {
        InitiationOutcome wrong = ledger.outcome();
        wrong.status = InitiationStatus::BadArgument;
        wrong.arg_error = ArgError::MethodMismatch;
        return wrong;
    }
    if (ledger.finished()) return ledger.outcome();
    const detail::Operands ops = detail::resolve(session, src_va, dst_va, size);
    do {
        ledger.begin_attempt();
    } while (!ledger.end_attempt(attempt<M>(port, ops), ops));
    return ledger.outcome();
}

// The session's method chosen at run time (one switch, then the unrolled code).
template <AccessPort Port>
InitiationOutcome dma(Port& port, const Session& session, std::uint64_t src_va, std::uint64_t dst_va,
                      std::uint64_t size, RetryPolicy policy = {}) {
    switch (session.method) {
        case Method::Shrimp: return dma<Method::Shrimp>(port, session, src_va, dst_va, size, policy);
        case Method::Flash: return dma<Method::Flash>(port, session, src_va, dst_va, size, policy);
        case Method::Pal: return dma<Method::Pal>(port, session, src_va, dst_va, size, policy);
        case Method::Key: return dma<Method::Key>(port, session, src_va, dst_va, size, policy);
        case Method::Ext: return dma<Method::Ext>(port, session, src_va, dst_va, size, policy);
        case Method::Rep3: return dma<Method::Rep3>(port, session, src_va, dst_va, size, policy);
        case Method::Rep4: return dma<Method::Rep4>(port, session, src_va, dst_va, size, policy);
        case Method::Rep5: return dma<Method::Rep5>(port, session, src_va, dst_va, size, policy);
        case Method::None: case Method::Kernel: break;
    }
    return detail::AttemptLedger(session, src_va, dst_va, size, policy).outcome();  // NotUserLevel
}

// Wait for a started transfer: polls (CompletionCursor) with a pause between them, bounded by
// policy.max_polls and, if non-zero, policy.timeout of wall-clock time.
template <AccessPort Port>
CompletionOutcome wait_completion(Port& port, const Session& session, const InitiationOutcome& started,
                                  CompletionPolicy policy = {}) {
    CompletionCursor cursor(session, started, policy);
    const bool bounded = policy.timeout.count() > 0;
    const auto deadline = std::chrono::steady_clock::now() + policy.timeout;
    bool first = true;
    while (auto access = cursor.next()) {
        if (!first && access->step == 1) {
            if (bounded && std::chrono::steady_clock::now() >= deadline) {
                cursor.expire();
                break;
            }
            cpu_relax();
        }
        first = false;
        port.fence(Fence::Between);
        cursor.feed(static_cast<std::uint64_t>(port.load(access->vaddr)));
    }
    if (!first) port.fence(Fence::Acquire);
    return cursor.outcome();
}

}  // namespace udma::hw
