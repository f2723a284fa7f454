// RefMem: the byte-exact reference model of memory. Start it from the same image as the memory
// model, apply the effect every completed transfer should have had, in completion (ticket)
// order, then compare whole images: every byte the engine should have written, and every byte
// it must not have touched (including the bytes just outside each range).
//
//   RefMem ref(mem.memory());                 // copy of the initial image
//   ref.copy(src, dst, size);                 // a transfer that completed OKAY
//   ref.copy_part(src, dst, first, count);    // only bytes [first, first+count) of a transfer
//   if (auto why = ref.mismatch(mem.memory())) FAIL(*why);   // "byte 0x1007: memory 0x3c, expected 0x00 (...)"
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sparse_mem.hpp"

namespace udma::tb {

class RefMem {
public:
    explicit RefMem(const SparseMemory& initial) : mem_(initial) {}

    const SparseMemory& memory() const { return mem_; }
    SparseMemory& memory() { return mem_; }

    // The whole transfer, with memmove semantics for the reference (ranges may overlap).
    void copy(std::uint64_t src, std::uint64_t dst, std::uint64_t size) { copy_part(src, dst, 0, size); }

    // Bytes [first, first+count) of the transfer src -> dst only.
    void copy_part(std::uint64_t src, std::uint64_t dst, std::uint64_t first, std::uint64_t count) {
        std::vector<std::uint8_t> buf(count);
        mem_.read(src + first, buf);
        mem_.write(dst + first, buf);
    }

    // Empty when `actual` equals the reference byte for byte; otherwise the first difference
    // with a little context and the number of differing bytes.
    std::optional<std::string> mismatch(const SparseMemory& actual) const {
        const auto diff = actual.first_difference(mem_);
        if (!diff) return std::nullopt;
        std::string context;
        const std::uint64_t from = diff->addr >= 8 ? diff->addr - 8 : 0;
        for (std::uint64_t a = from; a < diff->addr + 8; ++a)
            context += fmt::format("{}{:02x}/{:02x}", a == from ? "" : " ", actual.byte(a), mem_.byte(a));
        return fmt::format("byte 0x{:x}: memory 0x{:02x}, expected 0x{:02x}; {} bytes differ; "
                           "memory/expected from 0x{:x}: {}",
                           diff->addr, diff->ours, diff->theirs, diff->count, from, context);
    }

private:
    SparseMemory mem_;
};

}  // namespace udma::tb
