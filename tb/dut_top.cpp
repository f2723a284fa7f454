// The "top" DUT: Vudma_top (host port + initiation engine + data mover) with the AXI4 memory
// model (tb/axi_mem.hpp, protocol checker included). The oracle sees:
//   - descriptors and completions through the top's obs_desc_* / obs_cpl_* outputs;
//   - every byte the memory writes (AxiMem::on_write: the strobed bytes of every W beat of a
//     write burst, applied when the burst is complete) and every read beat (AxiMem::on_read).
#include <memory>

#include "dut.hpp"

#if __has_include("Vudma_top.h")
#include "Vudma_top.h"
#include "axi_mem.hpp"
#include "host_port.hpp"
#include "sim.hpp"

namespace udma::tb {
namespace {

class DutTop final : public Dut {
public:
    explicit DutTop(const DutOptions& o)
        : opts_(o), sim_(o.seed, o.trace_path), mem_(mem_config(o)) {
        // hook order: the memory port (drives the slave pins and settles the model), then the host
        // port's handshake sampler and the observation of descriptors / completions, both on that
        // settled state (a descriptor is taken at least one cycle before the mover's first AR of it)
        port_ = std::make_unique<AxiMemPort<Vudma_top>>(sim_, mem_);
        host_ = std::make_unique<HostPort<Vudma_top>>(sim_, o.observer, true);
        sim_.add_hook([this](std::uint64_t cycle) { observe(cycle); });
        mem_.on_write([this](std::uint64_t addr, std::uint8_t v) {
            if (opts_.observer) opts_.observer->on_write_beat(addr, v, 1, sim_.cycle());
        });
        mem_.on_read([this](std::uint64_t word_addr, AxiResp) {
            if (opts_.observer) opts_.observer->on_read_burst(word_addr, mem_.config().data_bytes, sim_.cycle());
        });
        sim_.reset();
    }

    std::string name() const override { return "top"; }
    const WindowGeometry& geometry() const override { return geom_; }
    unsigned queue_depth() const override { return UDMA_DEF_QUEUE_DEPTH; }
    AccessOutcome access(AccessKind kind, std::uint64_t addr, std::uint64_t data, std::uint8_t strb) override {
        return kind == AccessKind::Store ? host_->store(addr, data, strb) : host_->load(addr);
    }
    void idle(std::uint64_t cycles) override { sim_.ticks(cycles); }
    std::uint64_t cycle() const override { return sim_.cycle(); }
    bool busy() override {
        sim_.settle();
        const auto& t = sim_.top();
        return t.obs_mover_busy || host_->launches() != completions_ || !mem_.idle();
    }
    std::uint8_t mem_byte(std::uint64_t paddr) override { return mem_.memory().byte(paddr); }
    void prepare_page(std::uint64_t paddr) override {
        const std::uint64_t base = paddr & ~std::uint64_t{0xFFF};
        for (std::uint64_t i = 0; i < 4096; ++i)
            mem_.memory().set_byte(base + i, opts_.mem_init ? opts_.mem_init(base + i) : 0);
    }
    void flush_trace() override { sim_.flush_trace(); }

private:
    static AxiMemConfig mem_config(const DutOptions& o) {
        AxiMemConfig c;
        c.data_bytes = 8;
        c.read_latency = o.mem_latency;
        c.write_latency = o.mem_latency;
        c.seed = o.seed;
        return c;
    }

    void observe(std::uint64_t cycle) {
        auto& t = sim_.top();
        if (!t.rst_n) return;
        if (t.obs_desc_take && opts_.observer) {
            opts_.observer->on_descriptor(
                Descriptor{t.obs_desc_src, t.obs_desc_dst, static_cast<std::uint32_t>(t.obs_desc_size),
                           static_cast<std::uint8_t>(t.obs_desc_method), static_cast<std::uint16_t>(t.obs_desc_issuer),
                           static_cast<std::uint32_t>(t.obs_desc_ticket)},
                cycle);
        }
        if (t.obs_cpl_valid) {
            ++completions_;
            if (opts_.observer)
                opts_.observer->on_complete(static_cast<std::uint32_t>(t.obs_cpl_ticket),
                                            static_cast<std::uint8_t>(t.obs_cpl_code),
                                            static_cast<std::uint32_t>(t.obs_cpl_bytes), cycle);
        }
    }

    DutOptions opts_;
    WindowGeometry geom_{};
    Sim<Vudma_top> sim_;
    AxiMem mem_;
    std::unique_ptr<AxiMemPort<Vudma_top>> port_;
    std::unique_ptr<HostPort<Vudma_top>> host_;
    std::uint64_t completions_ = 0;
};

}  // namespace

std::unique_ptr<Dut> make_dut_top(const DutOptions& opts) { return std::make_unique<DutTop>(opts); }
bool have_dut_top() { return true; }

}  // namespace udma::tb
#else
namespace udma::tb {
std::unique_ptr<Dut> make_dut_top(const DutOptions&) { return nullptr; }
bool have_dut_top() { return false; }
}  // namespace udma::tb
#endif
