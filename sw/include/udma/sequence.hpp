// udma::Sequence: the initiation sequences of SPEC section 4, written ONCE, as data.
//
// A sequence is at most kMaxSteps accesses. Each step says
//   - kind: load or store (64-bit, uncached, to the engine window);
//   - address role: which address of the call it uses (the shadow of dst, the shadow of src,
//     or the process's context page);
//   - data role: what a store writes (the size, key#ctx#DST, key#ctx#SRC) or none for a load;
//   - checks_fail: whether the load's answer is compared against FAIL (-1); a FAIL answer ends
//     the attempt and the call restarts from step 1 (paper Figure 7).
// The last step is always the launching load; how its answer reads when the launch happened is
// the sequence's `launch_answer` (STARTED|ticket, or on the key-based context page STARTED|size).
//
// Two interpreters run these tables and nothing else: the hardware back end (hw.hpp: unrolled
// at compile time into straight-line volatile accesses) and the step cursor (initiation.hpp:
// one access at a time, for the Verilator harness). The retry loop and the outcome are shared
// (udma::detail::AttemptLedger). No other copy of any sequence exists (tb/ drives the cursor).
//
// Extending for atomics (issue 7): add an address role (the shadow of the word), data roles for
// the operands and key#ctx#ATOMIC, a launch answer "old value", and one table per operation.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "method.hpp"

namespace udma {

inline constexpr std::size_t kMaxSteps = 5;

enum class AccessKind : std::uint8_t { Load, Store };

enum class AddressRole : std::uint8_t {
    ShadowDst,    // shadow(dst): the process's shadow virtual address of the destination
    ShadowSrc,    // shadow(src)
    ContextPage,  // C_CTRL on the process's context page (key-based)
};
inline constexpr std::size_t kAddressRoles = 3;

enum class DataRole : std::uint8_t {
    None,    // a load
    Size,    // the transfer size in bytes
    KeyDst,  // key#ctx#DST (udma_regs.h UDMA_KEY_STORE_DATA)
    KeySrc,  // key#ctx#SRC
};
inline constexpr std::size_t kDataRoles = 4;

// What the launching load answers when the launch happened.
enum class LaunchAnswer : std::uint8_t {
    Ticket,          // STARTED | ticket; completion on the status page (S_TICKET_DONE, S_RESULT)
    RemainingBytes,  // key-based context page: STARTED | size; later loads the bytes remaining
};

struct Step {
    AccessKind kind;
    AddressRole address;
    DataRole data;
    bool checks_fail;  // loads only: FAIL (-1) restarts the call from step 1
};

struct Sequence {
    Method method;
    std::uint8_t length;  // steps used, 0 for methods without a user-level sequence
    std::array<Step, kMaxSteps> steps;
    LaunchAnswer launch_answer;
    // PAL: the whole sequence is one uninterruptible call. On the Alpha this is a PAL call; on
    // x86-64 and AArch64 it does not exist (the hardware back end issues the pair like SHRIMP);
    // in the harness it tells the scheduler not to preempt between the steps.
    bool uninterruptible;
    // SHRIMP (ABORT) and FLASH (CURRENT_PID) rely on a kernel context-switch hook (udma::os).
    bool needs_context_switch_hook;
    // REP3 and REP4 are broken on purpose (paper Figures 5 and 6).
    bool secure;
    std::string_view figure;  // where the paper shows it
};

namespace seq_detail {
inline constexpr Step kStoreSizeToShadowDst{AccessKind::Store, AddressRole::ShadowDst, DataRole::Size, false};
inline constexpr Step kLoadShadowSrc{AccessKind::Load, AddressRole::ShadowSrc, DataRole::None, true};
inline constexpr Step kLoadShadowDst{AccessKind::Load, AddressRole::ShadowDst, DataRole::None, true};
inline constexpr Step kUnused{AccessKind::Load, AddressRole::ShadowSrc, DataRole::None, false};
}  // namespace seq_detail

// clang-format off
inline constexpr Sequence kSequenceShrimp{Method::Shrimp, 2,
    {seq_detail::kStoreSizeToShadowDst, seq_detail::kLoadShadowSrc, seq_detail::kUnused, seq_detail::kUnused, seq_detail::kUnused},
    LaunchAnswer::Ticket, false, true, true, "Figure 2"};
inline constexpr Sequence kSequenceFlash{Method::Flash, 2,
    {seq_detail::kStoreSizeToShadowDst, seq_detail::kLoadShadowSrc, seq_detail::kUnused, seq_detail::kUnused, seq_detail::kUnused},
    LaunchAnswer::Ticket, false, true, true, "section 2.6"};
inline constexpr Sequence kSequencePal{Method::Pal, 2,
    {seq_detail::kStoreSizeToShadowDst, seq_detail::kLoadShadowSrc, seq_detail::kUnused, seq_detail::kUnused, seq_detail::kUnused},
    LaunchAnswer::Ticket, true, false, true, "section 2.7"};
inline constexpr Sequence kSequenceKey{Method::Key, 4,
    {Step{AccessKind::Store, AddressRole::ShadowDst, DataRole::KeyDst, false},
     Step{AccessKind::Store, AddressRole::ShadowSrc, DataRole::KeySrc, false},
     Step{AccessKind::Store, AddressRole::ContextPage, DataRole::Size, false},
     Step{AccessKind::Load, AddressRole::ContextPage, DataRole::None, true},
     seq_detail::kUnused},
    LaunchAnswer::RemainingBytes, false, false, true, "Figure 3"};
inline constexpr Sequence kSequenceExt{Method::Ext, 2,
    {seq_detail::kStoreSizeToShadowDst, seq_detail::kLoadShadowSrc, seq_detail::kUnused, seq_detail::kUnused, seq_detail::kUnused},
    LaunchAnswer::Ticket, false, false, true, "Figure 4"};
inline constexpr Sequence kSequenceRep3{Method::Rep3, 3,
    {seq_detail::kLoadShadowSrc, seq_detail::kStoreSizeToShadowDst, seq_detail::kLoadShadowSrc, seq_detail::kUnused, seq_detail::kUnused},
    LaunchAnswer::Ticket, false, false, false, "Figure 5"};
inline constexpr Sequence kSequenceRep4{Method::Rep4, 4,
    {seq_detail::kStoreSizeToShadowDst, seq_detail::kLoadShadowSrc, seq_detail::kStoreSizeToShadowDst, seq_detail::kLoadShadowSrc, seq_detail::kUnused},
    LaunchAnswer::Ticket, false, false, false, "Figure 6"};
inline constexpr Sequence kSequenceRep5{Method::Rep5, 5,
    {seq_detail::kStoreSizeToShadowDst, seq_detail::kLoadShadowSrc, seq_detail::kStoreSizeToShadowDst, seq_detail::kLoadShadowSrc, seq_detail::kLoadShadowDst},
    LaunchAnswer::Ticket, false, false, true, "Figure 7"};
inline constexpr Sequence kNoSequence{Method::None, 0,
    {seq_detail::kUnused, seq_detail::kUnused, seq_detail::kUnused, seq_detail::kUnused, seq_detail::kUnused},
    LaunchAnswer::Ticket, false, false, false, ""};
// clang-format on

// The table of a method; kNoSequence (length 0) for NONE and KERNEL.
constexpr const Sequence& sequence_of(Method m) {
    switch (m) {
        case Method::Shrimp: return kSequenceShrimp;
        case Method::Flash: return kSequenceFlash;
        case Method::Pal: return kSequencePal;
        case Method::Key: return kSequenceKey;
        case Method::Ext: return kSequenceExt;
        case Method::Rep3: return kSequenceRep3;
        case Method::Rep4: return kSequenceRep4;
        case Method::Rep5: return kSequenceRep5;
        case Method::None: case Method::Kernel: return kNoSequence;
    }
    return kNoSequence;
}

// Table invariants, checked at compile time: non-empty for user methods, last step a checked
// load, loads carry no data, stores carry data.
constexpr bool well_formed(const Sequence& s) {
    if (s.length == 0 || s.length > kMaxSteps) return false;
    const Step& last = s.steps[s.length - 1];
    if (last.kind != AccessKind::Load || !last.checks_fail) return false;
    for (std::size_t i = 0; i < s.length; ++i) {
        const Step& st = s.steps[i];
        if ((st.kind == AccessKind::Load) != (st.data == DataRole::None)) return false;
        if (st.kind == AccessKind::Store && st.checks_fail) return false;
    }
    return true;
}
static_assert(well_formed(kSequenceShrimp) && well_formed(kSequenceFlash) && well_formed(kSequencePal) &&
              well_formed(kSequenceKey) && well_formed(kSequenceExt) && well_formed(kSequenceRep3) &&
              well_formed(kSequenceRep4) && well_formed(kSequenceRep5));

constexpr std::size_t index(AddressRole r) { return static_cast<std::size_t>(r); }
constexpr std::size_t index(DataRole r) { return static_cast<std::size_t>(r); }

constexpr std::string_view name(AccessKind k) { return k == AccessKind::Load ? "L" : "S"; }
constexpr std::string_view name(AddressRole r) {
    switch (r) {
        case AddressRole::ShadowDst: return "sh(dst)";
        case AddressRole::ShadowSrc: return "sh(src)";
        case AddressRole::ContextPage: return "ctx_page";
    }
    return "?";
}
constexpr std::string_view name(DataRole r) {
    switch (r) {
        case DataRole::None: return "";
        case DataRole::Size: return "size";
        case DataRole::KeyDst: return "key#ctx#DST";
        case DataRole::KeySrc: return "key#ctx#SRC";
    }
    return "?";
}

}  // namespace udma
