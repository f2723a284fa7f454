// A simulated process's virtual memory: its page table as the OS model created it (docs/harness.md
// "Address spaces"). Every virtual page maps one 4 KiB page: ordinary memory (a physical page), a
// shadow page (the engine window page {1, ctx_id, paddr}, same permissions as the memory page),
// the read-only status page, or the process's own context page. An access outside the mappings
// or against their permissions is a page fault: it never reaches the bus.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace udma::tb {

enum Perm : std::uint8_t { kPermR = 1, kPermW = 2, kPermRW = 3 };

enum class MapKind : std::uint8_t { Memory, Shadow, Status, Context };

struct Pte {
    MapKind kind = MapKind::Memory;
    std::uint8_t perms = 0;
    std::uint64_t target = 0;  // Memory: physical page base; others: window offset of the page
    std::uint64_t ppage = 0;   // Memory/Shadow: physical page base the mapping grants
};

// The fixed virtual layout every process gets (regions are page arrays).
namespace layout {
inline constexpr std::uint64_t kPage = 4096;
inline constexpr std::uint64_t kSrcBase = 0x0000'1000'0000;     // own source pages ("srcN")
inline constexpr std::uint64_t kDstBase = 0x0000'2000'0000;     // own private destination pages ("dstN")
inline constexpr std::uint64_t kPubBase = 0x0000'3000'0000;     // other processes' source pages, read-only ("pubN")
inline constexpr std::uint64_t kOwnBase = 0x0000'4000'0000;     // an attacker's own pages ("ownN")
inline constexpr std::uint64_t kStatusVa = 0x0000'7000'0000;    // the status page ("status")
inline constexpr std::uint64_t kContextVa = 0x0000'7000'1000;   // the process's context page ("ctx")
inline constexpr std::uint64_t kShadowDelta = 0x0100'0000'0000; // shadow(va) = va + kShadowDelta ("sh(...)")
}  // namespace layout

struct Translation {
    Pte pte;
    std::uint64_t addr = 0;  // physical address (Memory) or window offset (other kinds)
};

class AddressSpace {
public:
    void map(std::uint64_t va, const Pte& pte) {
        table_[va >> 12] = pte;
        if (pte.kind == MapKind::Memory || pte.kind == MapKind::Shadow) rights_[pte.ppage >> 12] |= pte.perms;
    }
    // nullopt = page fault (unmapped, or a store to a page without write permission).
    std::optional<Translation> translate(std::uint64_t va, bool write) const {
        auto it = table_.find(va >> 12);
        if (it == table_.end()) return std::nullopt;
        const Pte& p = it->second;
        if (!(p.perms & (write ? kPermW : kPermR))) return std::nullopt;
        return Translation{p, p.target + (va & 0xFFF)};
    }
    const Pte* lookup(std::uint64_t va) const {
        auto it = table_.find(va >> 12);
        return it == table_.end() ? nullptr : &it->second;
    }
    // Permissions the process holds on a physical page (through any mapping).
    std::uint8_t rights(std::uint64_t paddr) const {
        auto it = rights_.find(paddr >> 12);
        return it == rights_.end() ? 0 : it->second;
    }
    // First virtual address mapping physical page `paddr` as ordinary memory, if any.
    std::optional<std::uint64_t> va_of(std::uint64_t paddr) const {
        for (const auto& [vpn, p] : table_) {
            if (p.kind == MapKind::Memory && p.ppage == (paddr & ~std::uint64_t{0xFFF})) return (vpn << 12) | (paddr & 0xFFF);
        }
        return std::nullopt;
    }
    std::size_t pages() const { return table_.size(); }

private:
    std::unordered_map<std::uint64_t, Pte> table_;
    std::unordered_map<std::uint64_t, std::uint8_t> rights_;
};

}  // namespace udma::tb
