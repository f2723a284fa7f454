// udma::Window: where things are inside the engine's address window (docs/register-map.md,
// "Window"). The one C++ definition of the window layout, used by sw/, tb/ and tests/.
#pragma once

#include <cstdint>

#include "udma_regs.h"

namespace udma {

struct WindowGeometry {
    unsigned pa_bits = UDMA_DEF_PA_BITS;      // physical address width
    unsigned page_bits = UDMA_DEF_PAGE_BITS;  // log2 page size
    unsigned n_ctx = UDMA_DEF_N_CTX;          // contexts

    constexpr unsigned ctx_bits() const {
        unsigned bits = 1;
        while ((1u << bits) < n_ctx) ++bits;
        return bits;
    }
    constexpr unsigned host_aw() const { return 1 + ctx_bits() + pa_bits; }
    constexpr std::uint64_t page_size() const { return std::uint64_t{1} << page_bits; }
    constexpr std::uint64_t pa_mask() const { return (std::uint64_t{1} << pa_bits) - 1; }

    // shadow half: {1, ctx_id, paddr}
    constexpr std::uint64_t shadow(std::uint64_t paddr, unsigned ctx_id = 0) const {
        return (std::uint64_t{1} << (host_aw() - 1)) | (std::uint64_t{ctx_id} << pa_bits) | (paddr & pa_mask());
    }
    // register half: page index << page_bits | offset
    constexpr std::uint64_t reg_page(unsigned page_index) const {
        return std::uint64_t{page_index} << page_bits;
    }
    constexpr std::uint64_t kernel(std::uint64_t off) const { return reg_page(UDMA_PAGE_KERNEL) + off; }
    constexpr std::uint64_t status(std::uint64_t off) const { return reg_page(UDMA_PAGE_STATUS) + off; }
    constexpr std::uint64_t ctx_page(unsigned ctx, std::uint64_t off = UDMA_CREG_C_CTRL) const {
        return reg_page(UDMA_PAGE_CTX0 + ctx) + off;
    }
    constexpr bool is_shadow(std::uint64_t offset) const { return (offset >> (host_aw() - 1)) & 1u; }
};

// Tickets compare modulo 2^ticket_bits: ticket t is done when done_count is "after" t.
constexpr bool ticket_done(std::uint64_t done_count, std::uint64_t ticket, unsigned ticket_bits = UDMA_DEF_TICKET_W) {
    const std::uint64_t mask = (ticket_bits >= 64) ? ~std::uint64_t{0} : ((std::uint64_t{1} << ticket_bits) - 1);
    const std::uint64_t diff = (done_count - ticket - 1) & mask;
    return diff < (std::uint64_t{1} << (ticket_bits - 1));
}

}  // namespace udma
