// Access ports: what the library needs from "the bus" to reach the engine window.
//
// An AccessPort has three members: 64-bit load, 64-bit store and fence(kind). The hardware back
// end's VolatilePort (hw.hpp) implements them with volatile accesses and the architecture's
// barriers; udma::Bus is the same thing behind virtual functions, for the OS side, for C callers
// (udma.h) and for the tests' recording fake. Addresses are those of the caller's address space:
// the process's virtual addresses for the user-level library, window offsets (relative to the
// window base the port was given) for the OS side.
#pragma once

#include <concepts>
#include <cstdint>

#include "initiation.hpp"

namespace udma {

enum class Fence : std::uint8_t {
    Release,  // before the first access of a sequence: earlier ordinary-memory writes (the source
              // data) are visible to the device before the engine can launch
    Between,  // between two window accesses of a sequence: they reach the engine in program
              // order, none is combined, collapsed or answered from a buffer
    Acquire,  // after a completion was observed: later ordinary-memory reads (the destination
              // data) are not satisfied before it
};

template <class P>
concept AccessPort = requires(P& port, std::uint64_t address, std::uint64_t data, Fence fence) {
    { port.load(address) } -> std::convertible_to<std::uint64_t>;
    port.store(address, data);
    port.fence(fence);
};

// The same port behind virtual functions.
class Bus {
public:
    virtual ~Bus() = default;
    virtual std::uint64_t load(std::uint64_t address) = 0;
    virtual void store(std::uint64_t address, std::uint64_t data) = 0;
    virtual void fence(Fence) {}
};

// Run a cursor to the end on a synchronous port: the generic runtime interpreter (the fast path
// is hw::dma, unrolled). A fence precedes every access: Release before step 1 of each attempt,
// Between before the others; completion polls are preceded by Between and followed, once the
// wait is over, by Acquire (no fence at all when nothing was polled).
template <AccessPort Port>
const InitiationOutcome& run(Port& port, InitiationCursor& cursor) {
    while (auto access = cursor.next()) {
        port.fence(access->step == 1 ? Fence::Release : Fence::Between);
        if (access->kind == AccessKind::Store) {
            port.store(access->vaddr, access->data);
            cursor.feed(0);
        } else {
            cursor.feed(static_cast<std::uint64_t>(port.load(access->vaddr)));
        }
    }
    return cursor.outcome();
}

template <AccessPort Port>
const CompletionOutcome& run(Port& port, CompletionCursor& cursor) {
    bool polled = false;
    while (auto access = cursor.next()) {
        port.fence(Fence::Between);
        cursor.feed(static_cast<std::uint64_t>(port.load(access->vaddr)));
        polled = true;
    }
    if (polled) port.fence(Fence::Acquire);
    return cursor.outcome();
}

}  // namespace udma
