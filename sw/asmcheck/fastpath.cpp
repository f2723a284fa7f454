// Functions compiled to assembly (-O2 -S) so the test sw_asm_access_count can count the window
// accesses the hardware back end generates: the "2 to 5 instructions" claim, shown, not asserted.
//
// Every function takes its arguments in registers and builds its Session locally, so the ONLY
// memory operands left in its body are the volatile window accesses (the checker ignores
// stack-relative operands and lea/nop, and reports every other memory operand it counts).
#include <cstdint>

#include "udma/hw.hpp"

// A C-compatible result (16 bytes: returned in two registers, no memory).
extern "C" struct udma_asm_attempt_result {
    std::uint64_t answer;
    std::uint32_t verdict;  // udma::detail::Verdict
    std::uint32_t step;     // 1-based step that ended the attempt
};

namespace {

using udma::Method;
using udma::hw::Mapping;
using udma::hw::VolatilePort;

udma::Session session_of(Method method, std::uint64_t shadow_delta, std::uint64_t context_page_va, std::uint64_t key,
                         unsigned ctx_id) {
    udma::Session s;
    s.method = method;
    s.shadow_delta = shadow_delta;
    s.context_page_va = context_page_va;
    s.key = key & UDMA_KEY_MASK;
    s.ctx_id = ctx_id & 63u;
    return s;
}

template <Method M, Mapping kMapping = Mapping::Uncached>
udma_asm_attempt_result one_attempt(std::uint64_t src_va, std::uint64_t dst_va, std::uint64_t size,
                                        std::uint64_t shadow_delta, std::uint64_t context_page_va, std::uint64_t key,
                                        unsigned ctx_id) {
    VolatilePort<kMapping> window;
    const udma::Session s = session_of(M, shadow_delta, context_page_va, key, ctx_id);
    const udma::detail::AttemptResult r = udma::hw::attempt<M>(window, udma::detail::resolve(s, src_va, dst_va, size));
    return {r.answer, static_cast<std::uint32_t>(r.verdict), r.step};
}

}  // namespace

extern "C" {

// One attempt (Figure 7's "from access 1 to the launching load"), UC mapping.
#define UDMA_ASM_ATTEMPT(name, method)                                                                     \
    udma_asm_attempt_result udma_asm_attempt_##name(std::uint64_t src_va, std::uint64_t dst_va,        \
                                                        std::uint64_t size, std::uint64_t shadow_delta,   \
                                                        std::uint64_t context_page_va, std::uint64_t key, \
                                                        unsigned ctx_id) {                                \
        return one_attempt<method>(src_va, dst_va, size, shadow_delta, context_page_va, key, ctx_id);      \
    }
UDMA_ASM_ATTEMPT(shrimp, Method::Shrimp)
UDMA_ASM_ATTEMPT(flash, Method::Flash)
UDMA_ASM_ATTEMPT(pal, Method::Pal)
UDMA_ASM_ATTEMPT(key, Method::Key)
UDMA_ASM_ATTEMPT(ext, Method::Ext)
UDMA_ASM_ATTEMPT(rep3, Method::Rep3)
UDMA_ASM_ATTEMPT(rep4, Method::Rep4)
UDMA_ASM_ATTEMPT(rep5, Method::Rep5)
#undef UDMA_ASM_ATTEMPT

// The same EXT attempt on a write-combining mapping: the fences become instructions.
udma_asm_attempt_result udma_asm_attempt_ext_wc(std::uint64_t src_va, std::uint64_t dst_va, std::uint64_t size,
                                                    std::uint64_t shadow_delta) {
    return one_attempt<Method::Ext, Mapping::WriteCombining>(src_va, dst_va, size, shadow_delta, 0, 0, 0);
}

// A whole call with validation and the bounded retry loop; returns the ticket or ~0.
std::uint64_t udma_asm_dma_ext(std::uint64_t src_va, std::uint64_t dst_va, std::uint64_t size,
                               std::uint64_t shadow_delta, unsigned max_attempts) {
    VolatilePort<> window;
    const udma::Session s = session_of(Method::Ext, shadow_delta, 0, 0, 0);
    const udma::InitiationOutcome o = udma::hw::dma<Method::Ext>(window, s, src_va, dst_va, size, {max_attempts});
    return o.started() ? o.ticket : ~std::uint64_t{0};
}

std::uint64_t udma_asm_dma_key(std::uint64_t src_va, std::uint64_t dst_va, std::uint64_t size,
                               std::uint64_t shadow_delta, std::uint64_t context_page_va, std::uint64_t key) {
    VolatilePort<> window;
    const udma::Session s = session_of(Method::Key, shadow_delta, context_page_va, key, 1);
    const udma::InitiationOutcome o = udma::hw::dma<Method::Key>(window, s, src_va, dst_va, size, {16});
    return o.started() ? o.remaining : ~std::uint64_t{0};
}

}  // extern "C"
