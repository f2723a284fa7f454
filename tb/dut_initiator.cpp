// The "initiator" DUT: Vudma_initiator (host port + initiation engine + descriptor queue) with a
// small C++ byte mover on the descriptor port. The mover takes one descriptor at a time, reads
// the source bytes from a sparse memory, writes one 8-byte-aligned beat per cycle (strobes for
// partial beats), reports progress on prog_* and completion on cpl_* exactly as the RTL mover's
// interface (docs/design.md section 5) says.
#include <array>
#include <memory>
#include <unordered_map>
#include <vector>

#include "Vudma_initiator.h"
#include "dut.hpp"
#include "host_port.hpp"
#include "sim.hpp"

namespace udma::tb {
namespace {

class SparseMemory {
public:
    explicit SparseMemory(MemInit init) : init_(std::move(init)) {}
    std::uint8_t& at(std::uint64_t pa) {
        const std::uint64_t pn = pa >> 12;
        auto it = pages_.find(pn);
        if (it == pages_.end()) {
            auto page = std::make_unique<std::array<std::uint8_t, 4096>>();
            for (std::uint64_t i = 0; i < 4096; ++i) (*page)[i] = init_ ? init_((pn << 12) | i) : 0;
            it = pages_.emplace(pn, std::move(page)).first;
        }
        return (*it->second)[pa & 0xFFF];
    }

private:
    MemInit init_;
    std::unordered_map<std::uint64_t, std::unique_ptr<std::array<std::uint8_t, 4096>>> pages_;
};

class DutInitiator final : public Dut {
public:
    explicit DutInitiator(const DutOptions& o)
        : opts_(o), sim_(o.seed, o.trace_path), mem_(o.mem_init) {
        auto& t = sim_.top();
        t.desc_ready = 0;
        clear_mover_outputs();
        sim_.add_hook([this](std::uint64_t cycle) { mover_cycle(cycle); });
        host_ = std::make_unique<HostPort<Vudma_initiator>>(sim_, o.observer, false);
        sim_.reset();
    }

    std::string name() const override { return "initiator"; }
    const WindowGeometry& geometry() const override { return geom_; }
    unsigned queue_depth() const override { return UDMA_DEF_QUEUE_DEPTH; }

    AccessOutcome access(AccessKind kind, std::uint64_t addr, std::uint64_t data, std::uint8_t strb) override {
        return kind == AccessKind::Store ? host_->store(addr, data, strb) : host_->load(addr);
    }
    void idle(std::uint64_t cycles) override { sim_.ticks(cycles); }
    std::uint64_t cycle() const override { return sim_.cycle(); }
    bool busy() override {
        sim_.settle();
        return active_ || sim_.top().desc_valid;
    }
    std::uint8_t mem_byte(std::uint64_t paddr) override { return mem_.at(paddr); }
    void prepare_page(std::uint64_t paddr) override { (void)mem_.at(paddr); }
    void flush_trace() override { sim_.flush_trace(); }

private:
    void clear_mover_outputs() {
        auto& t = sim_.top();
        t.cpl_valid = 0;
        t.cpl_ticket = 0;
        t.cpl_code = 0;
        t.cpl_bytes = 0;
        t.prog_active = 0;
        t.prog_ticket = 0;
        t.prog_remaining = 0;
    }

    // Runs before every rising edge, on the settled state of the cycle: sets the mover's inputs
    // to the engine for this edge (desc_ready, prog_*, cpl_*).
    void mover_cycle(std::uint64_t cycle) {
        auto& t = sim_.top();
        t.cpl_valid = 0;
        t.desc_ready = 0;
        if (!t.rst_n) return;
        if (active_) {
            if (wait_ > 0) {
                --wait_;
                return;
            }
            // one write beat: the aligned 8-byte word holding dst + done_bytes_
            const std::uint64_t a = cur_.dst + done_bytes_;
            const std::uint64_t beat = a & ~std::uint64_t{7};
            std::uint8_t strb = 0;
            std::uint64_t data = 0;
            for (unsigned b = static_cast<unsigned>(a - beat); b < 8 && done_bytes_ < cur_.size; ++b) {
                strb |= static_cast<std::uint8_t>(1u << b);
                data |= std::uint64_t{buf_[done_bytes_]} << (8 * b);
                mem_.at(beat + b) = buf_[done_bytes_];
                ++done_bytes_;
            }
            if (opts_.observer) opts_.observer->on_write_beat(beat, data, strb, cycle);
            t.prog_remaining = cur_.size - done_bytes_;
            if (done_bytes_ == cur_.size) {
                active_ = false;
                t.prog_active = 0;
                t.cpl_valid = 1;
                t.cpl_ticket = cur_.ticket;
                t.cpl_code = 0;
                t.cpl_bytes = cur_.size;
                if (opts_.observer) opts_.observer->on_complete(cur_.ticket, 0, cur_.size, cycle);
            }
            return;
        }
        if (t.desc_valid) {
            // take the queue head at this edge
            t.desc_ready = 1;
            cur_ = Descriptor{t.desc_src, t.desc_dst, static_cast<std::uint32_t>(t.desc_size),
                              static_cast<std::uint8_t>(t.desc_method), static_cast<std::uint16_t>(t.desc_issuer),
                              static_cast<std::uint32_t>(t.desc_ticket)};
            if (opts_.observer) {
                opts_.observer->on_descriptor(cur_, cycle);
                opts_.observer->on_read_burst(cur_.src, cur_.size, cycle);
            }
            buf_.resize(cur_.size);
            for (std::uint32_t i = 0; i < cur_.size; ++i) buf_[i] = mem_.at(cur_.src + i);
            done_bytes_ = 0;
            active_ = true;
            wait_ = opts_.mem_latency;
            t.prog_active = 1;
            t.prog_ticket = cur_.ticket;
            t.prog_remaining = cur_.size;
        }
    }

    DutOptions opts_;
    WindowGeometry geom_{};
    Sim<Vudma_initiator> sim_;
    std::unique_ptr<HostPort<Vudma_initiator>> host_;
    SparseMemory mem_;
    Descriptor cur_{};
    std::vector<std::uint8_t> buf_;
    std::uint32_t done_bytes_ = 0;
    unsigned wait_ = 0;
    bool active_ = false;
};

}  // namespace

std::unique_ptr<Dut> make_dut_initiator(const DutOptions& opts) { return std::make_unique<DutInitiator>(opts); }

}  // namespace udma::tb
