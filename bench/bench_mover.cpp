// udma-bench-mover: data-mover throughput and latency figures (issue 3). Prints, for every memory
// port width and for memories of 0, 10 and 30 cycles of read and write latency (always ready, no
// idle cycles), by transfer size from 8 B to 4 KiB, aligned (src and dst on bus words) and
// misaligned (src % 8 = 3, dst % 8 = 5; 4 KiB becomes 4088 B so both ranges fit their page):
//   - single: cycles from the K_GO accepting edge to the completion pulse of one transfer alone;
//   - stream: back-to-back kernel-page launches (K_SRC, K_DST, K_GO per transfer; a launch the
//     full queue refuses is retried), total bytes / cycles from the first K_GO accepting edge to
//     the last completion, and that rate as % of the port peak (DATA_W/8 bytes per cycle);
//   - launch to ARVALID: cycles from the launching access's accepting edge to the first cycle
//     with ARVALID high (kernel K_GO and SHRIMP's launching load).
// Output is Markdown (docs/data-mover.md holds a copy). Not a test: it prints figures.
#include <fmt/format.h>

#include <cstdint>
#include <string>
#include <vector>

#include "Vudma_top.h"
#include "Vudma_top_dw128.h"
#include "Vudma_top_dw32.h"
#include "mover_rig.hpp"

using namespace udma::tb;

namespace {

constexpr std::uint64_t kPage = 4096;
constexpr std::uint64_t kSrcBase = 0x0010'0000;
constexpr std::uint64_t kDstBase = 0x0020'0000;

struct Row {
    std::uint64_t size;
    std::uint64_t single_cycles;
    double stream_bpc;
};

template <class Model>
class MoverBench {
public:
    MoverBench(unsigned bus_bytes, unsigned latency) : bus_(bus_bytes) {
        MoverRigOptions o;
        o.mem.data_bytes = bus_bytes;
        o.mem.read_latency = latency;
        o.mem.write_latency = latency;
        o.mem.max_reads_outstanding = 32;
        o.mem.max_writes_outstanding = 32;
        o.watchdog_cycles = 20000;
        rig_ = std::make_unique<MoverRig<Model>>(o);
        rig_->mem().memory().fill_random(kSrcBase, 8 * kPage, 1);
    }

    // One transfer alone: K_GO accept to completion pulse.
    std::uint64_t single(std::uint64_t src, std::uint64_t dst, std::uint64_t size) {
        rig_->wait_idle();
        const auto go = rig_->kernel_launch(src, dst, size, false);
        rig_->wait_idle();
        return rig_->completions().back().cycle - go.go_accept;
    }

    // n back-to-back launches; bytes per cycle from the first accept to the last completion.
    double stream(std::uint64_t sa, std::uint64_t da, std::uint64_t size, unsigned n) {
        rig_->wait_idle();
        std::uint64_t start = 0;
        for (unsigned i = 0; i < n; ++i) {
            const std::uint64_t slot = i % 8;
            for (;;) {
                const std::uint64_t before = rig_->launches();
                const auto go = rig_->kernel_launch(kSrcBase + slot * kPage + sa, kDstBase + slot * kPage + da, size, false);
                if (rig_->launches() > before) {
                    if (i == 0) start = go.go_accept;
                    break;
                }
            }
        }
        rig_->wait_idle();
        const std::uint64_t end = rig_->completions().back().cycle;
        return static_cast<double>(size) * n / static_cast<double>(end - start);
    }

    // Launching access's accepting edge to the first ARVALID cycle: {kernel K_GO, SHRIMP load}.
    std::pair<std::uint64_t, std::uint64_t> launch_to_arvalid() {
        rig_->wait_idle();
        rig_->set_kreg(UDMA_KREG_K_SRC, kSrcBase);
        rig_->set_kreg(UDMA_KREG_K_DST, kDstBase);
        rig_->set_kreg(UDMA_KREG_K_SIZE, 64);
        rig_->forget_kernel_registers();
        rig_->mem().arm_arvalid_watch();
        const auto go = rig_->store(rig_->window().kernel(UDMA_KREG_K_GO), 1);
        rig_->wait_idle();
        const std::uint64_t kernel = rig_->mem().arvalid_seen_cycle().value_or(0) - go.accept_cycle;
        rig_->set_kreg(UDMA_KREG_METHOD, UDMA_M_SHRIMP);
        rig_->store(rig_->window().shadow(kDstBase + kPage), 64);
        rig_->mem().arm_arvalid_watch();
        const auto ld = rig_->load(rig_->window().shadow(kSrcBase + kPage));
        rig_->wait_idle();
        const std::uint64_t shrimp = rig_->mem().arvalid_seen_cycle().value_or(0) - ld.accept_cycle;
        rig_->set_kreg(UDMA_KREG_METHOD, UDMA_M_NONE);
        return {kernel, shrimp};
    }

    unsigned bus() const { return bus_; }

private:
    unsigned bus_;
    std::unique_ptr<MoverRig<Model>> rig_;
};

template <class Model>
void table(unsigned bus, unsigned latency) {
    const std::vector<std::uint64_t> sizes = {8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096};
    MoverBench<Model> b(bus, latency);
    const double peak = bus;
    fmt::print("\n### DATA_W {} ({} B/cycle peak), memory latency {} cycles\n\n", bus * 8, bus, latency);
    fmt::print("| size (B) | aligned: single (cycles) | aligned: stream (B/cycle) | aligned: % of peak "
               "| misaligned: single (cycles) | misaligned: stream (B/cycle) | misaligned: % of peak |\n");
    fmt::print("|---:|---:|---:|---:|---:|---:|---:|\n");
    for (const std::uint64_t size : sizes) {
        const std::uint64_t msize = (size == 4096) ? 4088 : size;
        const unsigned n = static_cast<unsigned>(std::max<std::uint64_t>(32, 65536 / size));
        const std::uint64_t a_single = b.single(kSrcBase, kDstBase, size);
        const double a_stream = b.stream(0, 0, size, n);
        const std::uint64_t m_single = b.single(kSrcBase + 3, kDstBase + 5, msize);
        const double m_stream = b.stream(3, 5, msize, n);
        fmt::print("| {}{} | {} | {:.2f} | {:.1f} % | {} | {:.2f} | {:.1f} % |\n", size,
                   msize != size ? fmt::format(" ({} misaligned)", msize) : std::string(), a_single, a_stream,
                   100.0 * a_stream / peak, m_single, m_stream, 100.0 * m_stream / peak);
    }
    const auto [kernel, shrimp] = b.launch_to_arvalid();
    fmt::print("\nLaunch to first ARVALID: {} cycles (kernel K_GO store), {} cycles (SHRIMP launching load), "
               "counted from the accepting edge of the host access; {} and {} from its deciding edge "
               "(docs/design.md section 2).\n",
               kernel, shrimp, kernel - 1, shrimp - 1);
}

}  // namespace

int main() {
    fmt::print("## udma data mover: throughput and launch latency (udma-bench-mover)\n\n"
               "single = cycles from the K_GO accepting edge to the completion pulse of one transfer alone; "
               "stream = back-to-back kernel-page launches (3 host stores each), bytes / cycles from the first "
               "K_GO to the last completion. Memory: always ready, no idle cycles, read and write latency as "
               "given. Misaligned: src % 8 = 3, dst % 8 = 5.\n");
    for (const unsigned latency : {0u, 10u, 30u}) table<Vudma_top>(8, latency);
    table<Vudma_top_dw32>(4, 0);
    table<Vudma_top_dw128>(16, 0);
    return 0;
}
