// udma::Session: what one process knows about its engine, as the OS gave it (udma::os builds it).
//
// The library works in the process's VIRTUAL addresses, as on a real host:
//   - shadow(va) = va + shadow_delta: the OS mapped, for every page the process may use as a DMA
//     argument, a shadow page at a constant virtual offset, onto the shadow physical page
//     {1, ctx_id, paddr} of the engine window, with the same permissions as the ordinary page;
//   - context_page_va: the virtual address of C_CTRL on the process's context page (key-based);
//   - status_page_va: the virtual address of the status page (ticket methods' completion).
// On real hardware these are pointers into mmap'd windows; in the harness (tb/) the simulated
// process's page table translates them to window offsets.
//
// For code that talks to the engine without an MMU (tests, bring-up, the harness's direct mode)
// identity_session() sets virtual == window offset (+ an optional base), computed by
// WindowGeometry: a DMA argument is then the physical address itself.
#pragma once

#include <cstdint>

#include "method.hpp"
#include "udma_regs.h"
#include "window.hpp"

namespace udma {

struct Session {
    Method method = Method::None;
    std::uint64_t shadow_delta = 0;    // shadow(va) = va + shadow_delta (mod 2^64)
    std::uint64_t context_page_va = 0; // virtual address of C_CTRL of the process's context page
    std::uint64_t status_page_va = 0;  // virtual address of the status page (offset 0)
    unsigned ctx_id = 0;               // key-based: register context id in key#ctx#sel
    std::uint64_t key = 0;             // key-based: the key (low 56 bits)
    unsigned page_bits = UDMA_DEF_PAGE_BITS;       // engine PAGE_BITS (transfers never cross a page)
    unsigned ticket_bits = UDMA_DEF_TICKET_W;      // engine TICKET_W
    unsigned result_slots = UDMA_DEF_RESULT_SLOTS; // engine RESULT_SLOTS
    // Refuse DMA arguments that are not 8-byte aligned: for hosts that cannot issue an unaligned
    // 64-bit device access (docs/design.md section 2). The hardware back end forces it on AArch64.
    bool aligned_args_only = false;

    constexpr std::uint64_t page_size() const { return std::uint64_t{1} << page_bits; }
    constexpr std::uint64_t shadow(std::uint64_t va) const { return va + shadow_delta; }
    constexpr std::uint64_t status(std::uint64_t offset) const { return status_page_va + offset; }
    constexpr std::uint64_t ticket_mask() const {
        return ticket_bits >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << ticket_bits) - 1;
    }
    // Data of a key-based shadow store: key#ctx#sel (register map, "Key-based store data").
    constexpr std::uint64_t key_store_data(unsigned sel) const { return UDMA_KEY_STORE_DATA(key, ctx_id, sel); }
};

// Engine parameters the library needs besides the window geometry (CONFIG has RESULT_SLOTS,
// but not TICKET_W: the OS must know it from the synthesis configuration).
struct EngineParams {
    unsigned ticket_bits = UDMA_DEF_TICKET_W;
    unsigned result_slots = UDMA_DEF_RESULT_SLOTS;
};

// Virtual == window offset + window_base. EXT puts ctx_id into the shadow address, as the OS's
// shadow mapping would; every other method uses ctx id 0 in the shadow half.
constexpr Session identity_session(Method method, const WindowGeometry& geometry, unsigned ctx_id = 0,
                                   std::uint64_t key = 0, std::uint64_t window_base = 0,
                                   EngineParams params = {}) {
    Session s;
    s.method = method;
    s.shadow_delta = window_base + geometry.shadow(0, method == Method::Ext ? ctx_id : 0);
    s.context_page_va = window_base + geometry.ctx_page(ctx_id, UDMA_CREG_C_CTRL);
    s.status_page_va = window_base + geometry.status(0);
    s.ctx_id = ctx_id;
    s.key = key & UDMA_KEY_MASK;
    s.page_bits = geometry.page_bits;
    s.ticket_bits = params.ticket_bits;
    s.result_slots = params.result_slots;
    return s;
}

}  // namespace udma
