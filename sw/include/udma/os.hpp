// udma::os: the OS side of udma. On a real system this is driver / kernel code; in the harness
// the OS model calls it. Everything reaches the engine through a udma::Bus whose addresses are
// WINDOW OFFSETS (the kernel's own mapping of the whole window), so the same code runs on
// hardware (VolatileWindowBus) and in the simulator (a bus that drives the AXI4-Lite port).
//
// What it does:
//   - probe the engine (ID, CONFIG) and select the user-level method (METHOD);
//   - allocate a register context and its key (getrandom(2) on a real system; an injected
//     generator in simulation, where keys can be made deliberately short), program CTX_KEY,
//     revoke with CTX_REVOKE;
//   - describe the mappings the kernel must create for a process (ordinary page, its shadow page
//     with the SAME permissions, the context page, the status page) and the Session the process's
//     library gets;
//   - the context-switch hooks SHRIMP (ABORT) and FLASH (CURRENT_PID) need: on real hardware a
//     kernel patch, here functions the OS model calls at each switch;
//   - the kernel-level DMA path (paper Figure 1): translate, check, program the kernel page.
// The kernel page has no locking of its own: callers serialise (the kernel runs it with
// interrupts disabled / under the driver's lock).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "bus.hpp"
#include "method.hpp"
#include "outcome.hpp"
#include "session.hpp"
#include "window.hpp"

namespace udma::os {

// ---- a bus on the kernel's mapping of the window ---------------------------------------------------
// Volatile 64-bit accesses at window_base + offset (the whole window mapped uncached).
class VolatileWindowBus final : public Bus {
public:
    explicit VolatileWindowBus(volatile void* window_base) : base_(reinterpret_cast<std::uintptr_t>(window_base)) {}
    std::uint64_t load(std::uint64_t offset) override;
    void store(std::uint64_t offset, std::uint64_t data) override;
    void fence(Fence kind) override;

private:
    std::uintptr_t base_;
};

// ---- keys ------------------------------------------------------------------------------------------
using KeySource = std::function<std::uint64_t()>;  // 64 random bits per call

KeySource getrandom_key_source();                   // getrandom(2); throws std::system_error
KeySource seeded_key_source(std::uint64_t seed);    // deterministic (splitmix64), for simulation

struct KeyPolicy {
    KeySource source;         // empty: getrandom_key_source()
    unsigned key_bits = UDMA_KS_KEY_W;  // random bits kept (<= 56); fewer makes keys guessable
};

// ---- permissions, page tables, mappings ------------------------------------------------------------
enum class Permission : std::uint8_t { None = 0, Read = 1, Write = 2, ReadWrite = 3 };

constexpr bool allows(Permission have, Permission need) {
    return (static_cast<unsigned>(have) & static_cast<unsigned>(need)) == static_cast<unsigned>(need);
}

// A page-table answer for one virtual address: the physical address of that byte and the
// permissions of its page.
struct Translation {
    std::uint64_t paddr = 0;
    Permission permission = Permission::None;
};
using PageTableLookup = std::function<std::optional<Translation>(std::uint64_t va)>;

// An ordinary page the process may use as a DMA argument.
struct DmaPage {
    std::uint64_t vpage = 0;  // page-aligned virtual address
    std::uint64_t ppage = 0;  // page-aligned physical address
    Permission permission = Permission::ReadWrite;
};

enum class MappingKind : std::uint8_t {
    Ordinary,     // the memory page itself
    Shadow,       // its shadow page in the engine window, same permissions
    ContextPage,  // the process's register context page (key-based), read-write
    StatusPage,   // the status page, read-only
};

// One mapping the kernel creates: virtual [vbase, vbase+length) -> physical pbase, uncached for
// every kind but Ordinary.
struct Mapping {
    MappingKind kind = MappingKind::Ordinary;
    std::uint64_t vbase = 0;
    std::uint64_t pbase = 0;  // memory physical address, or window physical base + window offset
    std::uint64_t length = 0;
    Permission permission = Permission::None;
};

// Where the OS puts the engine's pages in a process's virtual address space.
struct ProcessLayout {
    std::uint64_t shadow_delta = 0;     // shadow page of vpage at vpage + shadow_delta (page multiple)
    std::uint64_t context_page_va = 0;  // page-aligned
    std::uint64_t status_page_va = 0;   // page-aligned
};

// ---- engine ----------------------------------------------------------------------------------------
struct EngineConfig {
    std::uint16_t method_mask = 0;
    unsigned n_ctx = 0;
    unsigned queue_depth = 0;
    unsigned pa_bits = 0;
    unsigned page_bits = 0;
    unsigned result_slots = 0;
    unsigned data_bytes = 0;
    constexpr bool supports(Method m) const { return (method_mask >> code(m)) & 1u; }
};
EngineConfig decode_config(std::uint64_t config_register);

struct ContextGrant {
    unsigned ctx_id = 0;
    std::uint64_t key = 0;
    std::uint32_t owner_pid = 0;
};

struct ContextSwitchHooks {
    bool shrimp_abort = true;       // SHRIMP: write ABORT at every switch
    bool flash_current_pid = true;  // FLASH: write CURRENT_PID at every switch
};

enum class KernelDmaStatus : std::uint8_t {
    Started = 0,           // K_STATUS answered STARTED | ticket
    Refused = 1,           // K_STATUS answered FAIL; `cause` read from LAST_CAUSE
    BadArgument = 2,       // size 0, larger than a page, or a range crossing a page
    NotMapped = 3,         // src or dst has no translation
    PermissionDenied = 4,  // src page not readable or dst page not writable
};

struct KernelDmaOutcome {
    KernelDmaStatus status = KernelDmaStatus::BadArgument;
    ArgError arg_error = ArgError::None;
    std::uint64_t src_pa = 0;
    std::uint64_t dst_pa = 0;
    std::uint64_t k_status = 0;  // raw K_STATUS
    std::uint64_t ticket = 0;
    unsigned cause = UDMA_CAUSE_NONE;  // Refused: LAST_CAUSE
    std::uint64_t size = 0;
    // For waiting with CompletionCursor / hw::wait_completion and kernel_session().
    InitiationOutcome as_initiation() const;
};

class Driver {
public:
    // bus: window offsets. window_phys_base: where the window sits in the host's physical address
    // space (the base of every Shadow / ContextPage / StatusPage mapping).
    Driver(Bus& bus, const WindowGeometry& geometry, KeyPolicy keys = {}, EngineParams params = {},
           std::uint64_t window_phys_base = 0);

    const WindowGeometry& geometry() const { return geometry_; }
    const EngineParams& params() const { return params_; }

    // ID magic check and CONFIG; nullopt when the window holds no udma engine.
    std::optional<EngineConfig> probe();
    // METHOD write, verified by reading it back (a method outside METHOD_MASK is refused).
    bool select_method(Method method);
    Method method() const { return method_; }

    // Contexts: the lowest free id, a new key from the key policy, CTX_KEY[id] written (this also
    // clears the id's extended-shadow latch). nullopt when all N_CTX are taken.
    std::optional<ContextGrant> assign_context(std::uint32_t pid);
    void revoke_context(unsigned ctx_id);  // CTX_REVOKE bit; the id becomes free
    std::optional<ContextGrant> context_of(std::uint32_t pid) const;
    std::uint64_t next_key();  // one key from the policy (masked to key_bits)

    // The mappings the kernel must create for a process under the selected method. `grant` is
    // required for KEY (context page) and EXT (ctx id in the shadow addresses).
    std::vector<Mapping> plan_mappings(const ProcessLayout& layout, std::span<const DmaPage> pages,
                                       const ContextGrant* grant) const;
    // The Session the process's library is given (virtual addresses of the layout).
    Session session_for(const ProcessLayout& layout, const ContextGrant* grant) const;
    // A session for the kernel's own completion waits (status page through the kernel mapping).
    Session kernel_session() const;

    // Context-switch hooks: call at every switch to `next_pid`.
    void on_context_switch(std::uint32_t next_pid);
    ContextSwitchHooks& hooks() { return hooks_; }

    // Kernel-level DMA (the baseline): translate, check, K_SRC, K_DST, K_SIZE, K_GO, K_STATUS.
    KernelDmaOutcome kernel_dma(const PageTableLookup& page_table, std::uint64_t src_va, std::uint64_t dst_va,
                                std::uint64_t size);

    std::uint64_t read_kernel(std::uint64_t offset) { return bus_.load(geometry_.kernel(offset)); }
    void write_kernel(std::uint64_t offset, std::uint64_t data) { bus_.store(geometry_.kernel(offset), data); }

private:
    Bus& bus_;
    WindowGeometry geometry_;
    KeyPolicy keys_;
    EngineParams params_;
    std::uint64_t window_phys_base_;
    Method method_ = Method::None;
    ContextSwitchHooks hooks_{};
    std::vector<std::optional<ContextGrant>> contexts_;
};

std::string_view to_string(KernelDmaStatus s);
std::string_view to_string(MappingKind k);

}  // namespace udma::os
