// Shared pieces of the data-mover tests: a transfer plan, the batch runner that launches
// transfers through the kernel page, checks each completion and compares the whole memory
// image with the reference model, and the exact expectation for a transfer cut short by a read
// error (docs/data-mover.md section 4).
#pragma once

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "mover_rig.hpp"
#include "ref_mem.hpp"

namespace udma::test {

using tb::AxiMem;
using tb::AxiMemConfig;
using tb::MoverRig;
using tb::MoverRigOptions;
using tb::RefMem;

inline constexpr std::uint64_t kPage = 4096;

struct Xfer {
    std::uint64_t src, dst, size;
};

inline std::string describe(const Xfer& x) {
    return fmt::format("src 0x{:x} dst 0x{:x} size {}", x.src, x.dst, x.size);
}

// Memory traffic shapes used across the suites.
inline AxiMemConfig fast_memory(unsigned data_bytes) {
    AxiMemConfig c;
    c.data_bytes = data_bytes;
    return c;
}
inline AxiMemConfig stressed_memory(unsigned data_bytes, std::uint64_t seed) {
    AxiMemConfig c;
    c.data_bytes = data_bytes;
    c.read_latency = 3;
    c.write_latency = 2;
    c.ar_ready_pct = 60;
    c.aw_ready_pct = 60;
    c.w_ready_pct = 55;
    c.r_valid_pct = 65;
    c.b_valid_pct = 60;
    c.max_reads_outstanding = 3;
    c.max_writes_outstanding = 3;
    c.seed = seed;
    return c;
}

// Runs transfers through the kernel page, a batch at a time: every launch that the engine
// refuses with QUEUE_FULL is retried after a few cycles; after each batch the rig is drained,
// each completion is checked (OKAY, all bytes) and the whole memory image is compared with the
// reference. Every byte the memory writes must lie inside the destination of a transfer of the
// batch, and every word it reads must overlap the source of one.
template <class Model>
class CopyRunner {
public:
    explicit CopyRunner(MoverRig<Model>& rig) : rig_(rig), ref_(rig.mem().memory()) {
        rig_.mem().on_write([this](std::uint64_t addr, std::uint8_t) {
            for (const auto& x : batch_)
                if (addr >= x.dst && addr < x.dst + x.size) return;
            stray_writes_.push_back(addr);
        });
        rig_.mem().on_read([this](std::uint64_t word, tb::AxiResp) {
            const std::uint64_t bytes = rig_.mem().config().data_bytes;
            for (const auto& x : batch_)
                if (word < x.src + x.size && x.src < word + bytes) return;
            stray_reads_.push_back(word);
        });
    }

    // Launch and check one batch. Transfers of a batch should not write what another one reads.
    void run_batch(const std::vector<Xfer>& xfers) {
        batch_ = xfers;
        const std::size_t first_cpl = rig_.completions().size();
        std::vector<std::uint64_t> tickets;
        for (const auto& x : xfers) {
            for (unsigned attempt = 0;; ++attempt) {
                const auto go = rig_.kernel_launch(x.src, x.dst, x.size);
                if (go.started) {
                    tickets.push_back(go.ticket);
                    break;
                }
                INFO(describe(x) << " K_STATUS 0x" << std::hex << go.status);
                REQUIRE(rig_.kreg(UDMA_KREG_LAST_CAUSE) == UDMA_CAUSE_QUEUE_FULL);
                REQUIRE(attempt < 10000);
                rig_.run(8);
            }
        }
        rig_.wait_idle();
        REQUIRE(rig_.completions().size() - first_cpl == xfers.size());
        for (std::size_t i = 0; i < xfers.size(); ++i) {
            const auto& c = rig_.completions()[first_cpl + i];
            INFO(describe(xfers[i]));
            CHECK(c.ticket == tickets[i]);
            CHECK(c.code == UDMA_BUS_OKAY);
            CHECK(c.bytes == xfers[i].size);
            ref_.copy(xfers[i].src, xfers[i].dst, xfers[i].size);
            bytes_ += xfers[i].size;
        }
        transfers_ += xfers.size();
        if (auto why = ref_.mismatch(rig_.mem().memory())) {
            std::string list;
            for (const auto& x : xfers) list += describe(x) + "\n";
            FAIL("memory image differs from the reference: " << *why << "\nbatch:\n" << list);
        }
        if (!stray_writes_.empty()) FAIL(fmt::format("write outside every destination at 0x{:x}", stray_writes_[0]));
        if (!stray_reads_.empty()) FAIL(fmt::format("read of word 0x{:x} outside every source", stray_reads_[0]));
        batch_.clear();
    }

    std::uint64_t transfers() const { return transfers_; }
    std::uint64_t bytes() const { return bytes_; }
    RefMem& ref() { return ref_; }

private:
    MoverRig<Model>& rig_;
    RefMem ref_;
    std::vector<Xfer> batch_;
    std::vector<std::uint64_t> stray_writes_, stray_reads_;
    std::uint64_t transfers_ = 0, bytes_ = 0;
};

// Source and destination regions: separate pages, filled with random bytes.
struct Layout {
    std::uint64_t src_base = 0x0010'0000;
    std::uint64_t dst_base = 0x0020'0000;
    unsigned pages = 16;
};

template <class Model>
void fill_layout(MoverRig<Model>& rig, const Layout& l, std::uint64_t seed) {
    rig.mem().memory().fill_random(l.src_base, l.pages * kPage, seed);
    rig.mem().memory().fill_random(l.dst_base, l.pages * kPage, seed ^ 0x5a5a5a5a);
}

// Bytes of [dst, dst+size) the mover writes when the source beat at word index `fail_word`
// (0-based among the transfer's source words) answers a read error: destination words are cut
// at the first one that would take a byte of the failed word, so the written part is the prefix
// [dst, end) with end a destination word boundary (docs/data-mover.md section 4).
inline std::uint64_t bytes_before_read_error(const Xfer& x, std::uint64_t fail_word, unsigned bus_bytes) {
    const std::uint64_t sa = x.src % bus_bytes, da = x.dst % bus_bytes;
    // destination word k consumes source word k (sa <= da) or k+1 (sa > da)
    const std::uint64_t first_bad_out = (sa > da) ? (fail_word == 0 ? 0 : fail_word - 1) : fail_word;
    const std::uint64_t end = (x.dst - da) + first_bad_out * bus_bytes;
    if (end <= x.dst) return 0;
    return std::min(end - x.dst, x.size);
}


// Randomized transfers with injected read and write errors under backpressure: every transfer
// gets its own source and destination page; some get a read error on one source word, some a
// write error on one destination word. Checks each completion's code and byte count and the
// whole memory image: exact prefix for read errors; for write errors the bursts before the
// failing one written, the failing burst untouched, later bytes old or new, and the byte count
// equal to what the memory wrote.
template <class Model>
void error_soak(MoverRig<Model>& rig, std::uint64_t seed, unsigned batches, unsigned max_burst_beats) {
    const Layout l;
    const unsigned bus = rig.mem().config().data_bytes;
    std::mt19937_64 rng(seed);
    fill_layout(rig, l, seed);
    std::map<std::uint64_t, std::uint64_t> written_in_page;  // dst page -> bytes the memory wrote
    rig.mem().on_write([&](std::uint64_t addr, std::uint8_t) { ++written_in_page[addr / kPage]; });
    for (unsigned b = 0; b < batches; ++b) {
        struct Case {
            Xfer x;
            int kind;  // 0 none, 1 read error, 2 write error
            std::uint64_t word;
            tb::AxiResp resp;
        };
        std::vector<Case> cases;
        const tb::SparseMemory before = rig.mem().memory();
        RefMem copied(before);
        rig.mem().clear_errors();
        written_in_page.clear();
        for (unsigned i = 0; i < 6; ++i) {
            const std::uint64_t size = 1 + rng() % (rng() % 3 == 0 ? 4096 : 600);
            const Xfer x{l.src_base + i * kPage + rng() % (kPage - size + 1),
                         l.dst_base + i * kPage + rng() % (kPage - size + 1), size};
            Case c{x, static_cast<int>(rng() % 3), 0, (rng() & 1) ? tb::AxiResp::SlvErr : tb::AxiResp::DecErr};
            if (c.kind == 1) {
                c.word = rng() % ((x.src % bus + size + bus - 1) / bus);
                const std::uint64_t a = (x.src & ~std::uint64_t{bus - 1}) + c.word * bus;
                rig.mem().add_error({a, a + bus, c.resp, tb::AccessDir::Read});
            } else if (c.kind == 2) {
                c.word = rng() % ((x.dst % bus + size + bus - 1) / bus);
                const std::uint64_t a = (x.dst & ~std::uint64_t{bus - 1}) + c.word * bus;
                rig.mem().add_error({a, a + bus, c.resp, tb::AccessDir::Write});
            }
            copied.copy(x.src, x.dst, x.size);
            cases.push_back(c);
        }
        const std::size_t first = rig.completions().size();
        for (const auto& c : cases) {
            for (unsigned attempt = 0;; ++attempt) {
                if (rig.kernel_launch(c.x.src, c.x.dst, c.x.size).started) break;
                REQUIRE(attempt < 10000);
                rig.run(8);
            }
        }
        rig.wait_idle();
        REQUIRE(rig.completions().size() - first == cases.size());
        RefMem expect(before);
        for (std::size_t i = 0; i < cases.size(); ++i) {
            const Case& c = cases[i];
            const auto& cpl = rig.completions()[first + i];
            INFO("batch " << b << " case " << i << ": " << describe(c.x) << " kind " << c.kind << " word " << c.word);
            CHECK(cpl.code == (c.kind == 0 ? 0u : static_cast<unsigned>(c.resp)));
            const std::uint64_t page = c.x.dst / kPage;
            CHECK(cpl.bytes == written_in_page[page]);
            if (c.kind == 0) {
                expect.copy(c.x.src, c.x.dst, c.x.size);
                CHECK(cpl.bytes == c.x.size);
            } else if (c.kind == 1) {
                const std::uint64_t prefix = bytes_before_read_error(c.x, c.word, bus);
                expect.copy_part(c.x.src, c.x.dst, 0, prefix);
                CHECK(cpl.bytes == prefix);
            } else {
                const std::uint64_t base = c.x.dst & ~std::uint64_t{bus - 1};
                const std::uint64_t block = std::uint64_t{max_burst_beats} * bus;
                const std::uint64_t fail_addr = base + c.word * bus;
                const std::uint64_t burst_lo = std::max(fail_addr / block * block, c.x.dst);
                const std::uint64_t burst_hi = std::min((fail_addr / block + 1) * block, c.x.dst + c.x.size);
                expect.copy_part(c.x.src, c.x.dst, 0, burst_lo - c.x.dst);
                for (std::uint64_t a = burst_hi; a < c.x.dst + c.x.size; ++a) {
                    const std::uint8_t now = rig.mem().memory().byte(a);
                    REQUIRE((now == before.byte(a) || now == copied.memory().byte(a)));
                    expect.memory().set_byte(a, now);
                }
            }
        }
        const auto why = expect.mismatch(rig.mem().memory());
        INFO(why.value_or("image matches"));
        REQUIRE_FALSE(why.has_value());
    }
    rig.mem().clear_errors();
}

}  // namespace udma::test
