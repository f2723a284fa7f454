// Test support for the sw/ tests: a recording fake bus and the SPEC section 4 sequences written
// out by hand (the tests compare the library's tables against this independent transcription).
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "udma/bus.hpp"
#include "udma/initiation.hpp"
#include "udma/session.hpp"

namespace udma::test {

struct Event {
    enum class Kind : std::uint8_t { Load, Store, Fence } kind;
    std::uint64_t address = 0;
    std::uint64_t data = 0;  // store data, or the answer given to a load
    Fence fence = Fence::Between;

    bool operator==(const Event& o) const {
        return kind == o.kind && address == o.address && (kind == Kind::Load || data == o.data) &&
               (kind != Kind::Fence || fence == o.fence);
    }
};

inline std::string describe(const Event& e) {
    switch (e.kind) {
        case Event::Kind::Load: return fmt::format("L(0x{:x}) -> 0x{:x}", e.address, e.data);
        case Event::Kind::Store: return fmt::format("S(0x{:x}, 0x{:x})", e.address, e.data);
        case Event::Kind::Fence:
            return e.fence == Fence::Release ? "fence(release)" : e.fence == Fence::Between ? "fence(between)" : "fence(acquire)";
    }
    return "?";
}

inline Event load_of(std::uint64_t address) { return {Event::Kind::Load, address, 0, Fence::Between}; }
inline Event store_of(std::uint64_t address, std::uint64_t data) { return {Event::Kind::Store, address, data, Fence::Between}; }

// Records every access and fence; answers loads from a script, then from a default function.
class RecordingBus final : public Bus {
public:
    std::vector<Event> events;
    std::deque<std::uint64_t> script;                        // answers, in load order
    std::function<std::uint64_t(std::uint64_t address)> fallback = [](std::uint64_t) { return UDMA_LD_FAIL; };

    std::uint64_t load(std::uint64_t address) override {
        std::uint64_t answer;
        if (!script.empty()) {
            answer = script.front();
            script.pop_front();
        } else {
            answer = fallback(address);
        }
        events.push_back({Event::Kind::Load, address, answer, Fence::Between});
        return answer;
    }
    void store(std::uint64_t address, std::uint64_t data) override {
        events.push_back({Event::Kind::Store, address, data, Fence::Between});
    }
    void fence(Fence kind) override { events.push_back({Event::Kind::Fence, 0, 0, kind}); }

    std::vector<Event> accesses() const {
        std::vector<Event> out;
        for (const auto& e : events) {
            if (e.kind != Event::Kind::Fence) out.push_back(e);
        }
        return out;
    }
    void clear() { events.clear(); script.clear(); }
};

// SPEC section 4, by hand: the accesses of one attempt of `session.method`.
inline std::vector<Event> spec_sequence(const Session& s, std::uint64_t src, std::uint64_t dst, std::uint64_t size) {
    const auto sh = [&](std::uint64_t va) { return s.shadow(va); };
    switch (s.method) {
        case Method::Shrimp: case Method::Flash: case Method::Pal: case Method::Ext:
            return {store_of(sh(dst), size), load_of(sh(src))};
        case Method::Key:
            return {store_of(sh(dst), UDMA_KEY_STORE_DATA(s.key, s.ctx_id, UDMA_KSEL_DST)),
                    store_of(sh(src), UDMA_KEY_STORE_DATA(s.key, s.ctx_id, UDMA_KSEL_SRC)),
                    store_of(s.context_page_va, size), load_of(s.context_page_va)};
        case Method::Rep3:
            return {load_of(sh(src)), store_of(sh(dst), size), load_of(sh(src))};
        case Method::Rep4:
            return {store_of(sh(dst), size), load_of(sh(src)), store_of(sh(dst), size), load_of(sh(src))};
        case Method::Rep5:
            return {store_of(sh(dst), size), load_of(sh(src)), store_of(sh(dst), size), load_of(sh(src)),
                    load_of(sh(dst))};
        case Method::None: case Method::Kernel: break;
    }
    return {};
}

// The answer a load at (0-based) position i of an attempt gets when everything goes well.
inline std::uint64_t good_answer(const Session& s, std::size_t i, std::size_t length, std::uint64_t size,
                                 std::uint64_t ticket) {
    if (i + 1 < length) return UDMA_LD_ONTRACK;
    return UDMA_LD_STARTED | (s.method == Method::Key ? size : ticket);
}

}  // namespace udma::test
