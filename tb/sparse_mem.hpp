// SparseMemory: a byte-addressed memory of unlimited size stored as 4 KiB pages on demand.
// Shared by the AXI4 memory model (tb/axi_mem.hpp) and the reference model (tb/ref_mem.hpp),
// so the two can be compared page by page.
//
//   SparseMemory m;                       // every byte reads as fill_byte() until written
//   m.write(addr, bytes); m.read(addr, out); m.byte(addr); m.set_byte(addr, v);
//   m.fill_random(addr, len, seed);       // deterministic pseudo-random contents
//   auto diff = m.first_difference(other);  // std::optional<Difference>
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <map>
#include <optional>
#include <random>
#include <span>

namespace udma::tb {

class SparseMemory {
public:
    static constexpr std::uint64_t kPageBytes = 4096;
    using Page = std::array<std::uint8_t, kPageBytes>;

    struct Difference {
        std::uint64_t addr;     // first byte address that differs
        std::uint8_t ours;      // value here
        std::uint8_t theirs;    // value in the other memory
        std::uint64_t count;    // how many bytes differ in total
    };

    explicit SparseMemory(std::uint8_t fill_byte = 0) : fill_(fill_byte) {}

    std::uint8_t fill_byte() const { return fill_; }

    std::uint8_t byte(std::uint64_t addr) const {
        const auto it = pages_.find(addr / kPageBytes);
        return it == pages_.end() ? fill_ : it->second[addr % kPageBytes];
    }

    void set_byte(std::uint64_t addr, std::uint8_t value) { page(addr / kPageBytes)[addr % kPageBytes] = value; }

    void read(std::uint64_t addr, std::span<std::uint8_t> out) const {
        for (std::size_t i = 0; i < out.size(); ++i) out[i] = byte(addr + i);
    }

    void write(std::uint64_t addr, std::span<const std::uint8_t> data) {
        for (std::size_t i = 0; i < data.size(); ++i) set_byte(addr + i, data[i]);
    }

    void fill_random(std::uint64_t addr, std::uint64_t len, std::uint64_t seed) {
        std::mt19937_64 rng(seed);
        for (std::uint64_t i = 0; i < len; ++i) set_byte(addr + i, static_cast<std::uint8_t>(rng()));
    }

    // Compares every page either memory holds (absent pages read as the fill byte).
    std::optional<Difference> first_difference(const SparseMemory& other) const {
        std::optional<Difference> first;
        std::uint64_t count = 0;
        auto visit = [&](std::uint64_t page_no) {
            const auto ours_it = pages_.find(page_no);
            const auto theirs_it = other.pages_.find(page_no);
            if (ours_it != pages_.end() && theirs_it != other.pages_.end() &&
                std::memcmp(ours_it->second.data(), theirs_it->second.data(), kPageBytes) == 0)
                return;
            for (std::uint64_t off = 0; off < kPageBytes; ++off) {
                const std::uint64_t a = page_no * kPageBytes + off;
                const std::uint8_t ours = byte(a), theirs = other.byte(a);
                if (ours != theirs) {
                    ++count;
                    if (!first || a < first->addr) first = Difference{a, ours, theirs, 0};
                }
            }
        };
        for (const auto& [page_no, data] : pages_) visit(page_no);
        for (const auto& [page_no, data] : other.pages_)
            if (!pages_.contains(page_no)) visit(page_no);
        if (first) first->count = count;
        return first;
    }

    const std::map<std::uint64_t, Page>& pages() const { return pages_; }
    void clear() { pages_.clear(); }

private:
    Page& page(std::uint64_t page_no) {
        auto [it, inserted] = pages_.try_emplace(page_no);
        if (inserted) it->second.fill(fill_);
        return it->second;
    }

    std::map<std::uint64_t, Page> pages_;
    std::uint8_t fill_;
};

}  // namespace udma::tb
