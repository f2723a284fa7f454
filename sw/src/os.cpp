// udma::os: the OS side (os.hpp).
#include "udma/os.hpp"

#include <sys/random.h>

#include <cerrno>
#include <stdexcept>
#include <system_error>

#include "udma/hw.hpp"

namespace udma::os {

// ---- VolatileWindowBus ----------------------------------------------------------------------------

std::uint64_t VolatileWindowBus::load(std::uint64_t offset) {
    return hw::VolatilePort<>{}.load(base_ + offset);
}
void VolatileWindowBus::store(std::uint64_t offset, std::uint64_t data) {
    hw::VolatilePort<>{}.store(base_ + offset, data);
}
void VolatileWindowBus::fence(Fence kind) { hw::fence<hw::Mapping::Uncached>(kind); }

// ---- keys -----------------------------------------------------------------------------------------

KeySource getrandom_key_source() {
    return [] {
        std::uint64_t value = 0;
        auto* bytes = reinterpret_cast<unsigned char*>(&value);
        std::size_t have = 0;
        while (have < sizeof value) {
            const ssize_t got = ::getrandom(bytes + have, sizeof value - have, 0);
            if (got < 0) {
                if (errno == EINTR) continue;
                throw std::system_error(errno, std::generic_category(), "getrandom");
            }
            have += static_cast<std::size_t>(got);
        }
        return value;
    };
}

KeySource seeded_key_source(std::uint64_t seed) {
    return [state = seed]() mutable {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);  // splitmix64
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    };
}

// ---- engine ---------------------------------------------------------------------------------------

EngineConfig decode_config(std::uint64_t c) {
    EngineConfig e;
    e.method_mask = static_cast<std::uint16_t>(c & 0xFFFF);
    e.n_ctx = static_cast<unsigned>((c >> 16) & 0xFF);
    e.queue_depth = static_cast<unsigned>((c >> 24) & 0xFF);
    e.pa_bits = static_cast<unsigned>((c >> 32) & 0xFF);
    e.page_bits = static_cast<unsigned>((c >> 40) & 0xFF);
    e.result_slots = static_cast<unsigned>((c >> 48) & 0xFF);
    e.data_bytes = static_cast<unsigned>((c >> 56) & 0xFF);
    return e;
}

InitiationOutcome KernelDmaOutcome::as_initiation() const {
    InitiationOutcome o;
    o.method = Method::Kernel;
    o.launch_answer = LaunchAnswer::Ticket;
    o.size = size;
    o.arg_error = arg_error;
    o.answer = k_status;
    o.ticket = ticket;
    o.attempts = 1;
    switch (status) {
        case KernelDmaStatus::Started: o.status = InitiationStatus::Started; break;
        case KernelDmaStatus::Refused: o.status = InitiationStatus::Refused; break;
        default: o.status = InitiationStatus::BadArgument; break;
    }
    return o;
}

Driver::Driver(Bus& bus, const WindowGeometry& geometry, KeyPolicy keys, EngineParams params,
               std::uint64_t window_phys_base)
    : bus_(bus),
      geometry_(geometry),
      keys_(std::move(keys)),
      params_(params),
      window_phys_base_(window_phys_base),
      contexts_(geometry.n_ctx) {
    if (!keys_.source) keys_.source = getrandom_key_source();
    if (keys_.key_bits > UDMA_KS_KEY_W) keys_.key_bits = UDMA_KS_KEY_W;
}

std::optional<EngineConfig> Driver::probe() {
    const std::uint64_t id = read_kernel(UDMA_KREG_ID);
    if ((id >> 32) != UDMA_MAGIC) return std::nullopt;
    const EngineConfig config = decode_config(read_kernel(UDMA_KREG_CONFIG));
    method_ = static_cast<Method>(read_kernel(UDMA_KREG_METHOD) & 0xF);
    return config;
}

bool Driver::select_method(Method method) {
    write_kernel(UDMA_KREG_METHOD, code(method));
    const auto now = static_cast<Method>(read_kernel(UDMA_KREG_METHOD) & 0xF);
    method_ = now;
    return now == method;
}

std::uint64_t Driver::next_key() {
    const std::uint64_t mask = keys_.key_bits >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << keys_.key_bits) - 1;
    return keys_.source() & mask & UDMA_KEY_MASK;
}

std::optional<ContextGrant> Driver::assign_context(std::uint32_t pid) {
    for (unsigned id = 0; id < contexts_.size(); ++id) {
        if (contexts_[id]) continue;
        ContextGrant grant{id, next_key(), pid};
        write_kernel(UDMA_KREG_CTX_KEY_AT(id), grant.key);
        contexts_[id] = grant;
        return grant;
    }
    return std::nullopt;
}

void Driver::revoke_context(unsigned ctx_id) {
    if (ctx_id >= contexts_.size()) throw std::out_of_range("revoke_context: no such context");
    write_kernel(UDMA_KREG_CTX_REVOKE, std::uint64_t{1} << ctx_id);
    contexts_[ctx_id].reset();
}

std::optional<ContextGrant> Driver::context_of(std::uint32_t pid) const {
    for (const auto& c : contexts_) {
        if (c && c->owner_pid == pid) return c;
    }
    return std::nullopt;
}

std::vector<Mapping> Driver::plan_mappings(const ProcessLayout& layout, std::span<const DmaPage> pages,
                                           const ContextGrant* grant) const {
    const std::uint64_t page = geometry_.page_size();
    const auto aligned = [page](std::uint64_t a) { return (a & (page - 1)) == 0; };
    if (!aligned(layout.shadow_delta) || !aligned(layout.status_page_va) || !aligned(layout.context_page_va)) {
        throw std::invalid_argument("plan_mappings: layout addresses must be page aligned");
    }
    const bool needs_ctx = method_ == Method::Key || method_ == Method::Ext;
    if (needs_ctx && grant == nullptr) throw std::invalid_argument("plan_mappings: KEY and EXT need a context");
    const unsigned shadow_ctx = (method_ == Method::Ext) ? grant->ctx_id : 0;

    std::vector<Mapping> plan;
    plan.reserve(2 * pages.size() + 2);
    for (const DmaPage& p : pages) {
        if (!aligned(p.vpage) || !aligned(p.ppage)) throw std::invalid_argument("plan_mappings: pages must be aligned");
        plan.push_back({MappingKind::Ordinary, p.vpage, p.ppage, page, p.permission});
        if (is_user_level(method_)) {
            plan.push_back({MappingKind::Shadow, p.vpage + layout.shadow_delta,
                            window_phys_base_ + geometry_.shadow(p.ppage, shadow_ctx), page, p.permission});
        }
    }
    if (method_ == Method::Key) {
        plan.push_back({MappingKind::ContextPage, layout.context_page_va,
                        window_phys_base_ + geometry_.ctx_page(grant->ctx_id, 0), page, Permission::ReadWrite});
    }
    plan.push_back({MappingKind::StatusPage, layout.status_page_va, window_phys_base_ + geometry_.status(0), page,
                    Permission::Read});
    return plan;
}

Session Driver::session_for(const ProcessLayout& layout, const ContextGrant* grant) const {
    Session s;
    s.method = method_;
    s.shadow_delta = layout.shadow_delta;
    s.context_page_va = layout.context_page_va + UDMA_CREG_C_CTRL;
    s.status_page_va = layout.status_page_va;
    if (grant != nullptr) {
        s.ctx_id = grant->ctx_id;
        s.key = (method_ == Method::Key) ? grant->key : 0;
    }
    s.page_bits = geometry_.page_bits;
    s.ticket_bits = params_.ticket_bits;
    s.result_slots = params_.result_slots;
    return s;
}

Session Driver::kernel_session() const {
    Session s = identity_session(Method::Kernel, geometry_, 0, 0, 0, params_);
    return s;
}

void Driver::on_context_switch(std::uint32_t next_pid) {
    if (method_ == Method::Shrimp && hooks_.shrimp_abort) write_kernel(UDMA_KREG_ABORT, 1);
    if (method_ == Method::Flash && hooks_.flash_current_pid) write_kernel(UDMA_KREG_CURRENT_PID, next_pid);
}

KernelDmaOutcome Driver::kernel_dma(const PageTableLookup& page_table, std::uint64_t src_va, std::uint64_t dst_va,
                                    std::uint64_t size) {
    KernelDmaOutcome out;
    out.size = size;
    const std::uint64_t page = geometry_.page_size();
    // check_size(): the whole range must lie in one page of each argument
    if (size == 0) out.arg_error = ArgError::SizeZero;
    else if (size > page) out.arg_error = ArgError::SizeAbovePage;
    else if (detail::crosses_page(src_va, size, page)) out.arg_error = ArgError::SrcCrossesPage;
    else if (detail::crosses_page(dst_va, size, page)) out.arg_error = ArgError::DstCrossesPage;
    if (out.arg_error != ArgError::None) {
        out.status = KernelDmaStatus::BadArgument;
        return out;
    }
    // virtual_to_physical() and the protection check
    const std::optional<Translation> src = page_table(src_va);
    const std::optional<Translation> dst = page_table(dst_va);
    if (!src || !dst) {
        out.status = KernelDmaStatus::NotMapped;
        return out;
    }
    if (!allows(src->permission, Permission::Read) || !allows(dst->permission, Permission::Write)) {
        out.status = KernelDmaStatus::PermissionDenied;
        return out;
    }
    out.src_pa = src->paddr;
    out.dst_pa = dst->paddr;
    // program the kernel page (paper Figure 1)
    write_kernel(UDMA_KREG_K_SRC, out.src_pa);
    write_kernel(UDMA_KREG_K_DST, out.dst_pa);
    write_kernel(UDMA_KREG_K_SIZE, size);
    write_kernel(UDMA_KREG_K_GO, 1);
    out.k_status = read_kernel(UDMA_KREG_K_STATUS);
    const std::uint64_t ticket_mask = identity_session(Method::Kernel, geometry_, 0, 0, 0, params_).ticket_mask();
    if (out.k_status != UDMA_LD_FAIL && (out.k_status & ~ticket_mask) == UDMA_LD_STARTED) {
        out.status = KernelDmaStatus::Started;
        out.ticket = out.k_status & ticket_mask;
    } else {
        out.status = KernelDmaStatus::Refused;
        out.cause = static_cast<unsigned>(read_kernel(UDMA_KREG_LAST_CAUSE));
    }
    return out;
}

std::string_view to_string(KernelDmaStatus s) {
    switch (s) {
        case KernelDmaStatus::Started: return "started";
        case KernelDmaStatus::Refused: return "refused";
        case KernelDmaStatus::BadArgument: return "bad argument";
        case KernelDmaStatus::NotMapped: return "not mapped";
        case KernelDmaStatus::PermissionDenied: return "permission denied";
    }
    return "?";
}

std::string_view to_string(MappingKind k) {
    switch (k) {
        case MappingKind::Ordinary: return "ordinary";
        case MappingKind::Shadow: return "shadow";
        case MappingKind::ContextPage: return "context page";
        case MappingKind::StatusPage: return "status page";
    }
    return "?";
}

}  // namespace udma::os
