// Dut: the RTL under the harness, behind one small interface, so the scheduler, the OS model and
// the oracle do not depend on which verilated top runs:
//   - "top": Vudma_top (udma_axil_slave + udma_engine + udma_mover, AXI4 memory model), the
//     product as integrated;
//   - "initiator": Vudma_initiator (no data mover); launched descriptors are consumed by a small
//     C++ byte mover here, so the harness runs without the mover RTL.
// Every host access goes through access(): one AXI4-Lite transaction, issued the way a CPU issues
// a strongly ordered uncached access (the next only after the previous completed). The DUT calls
// its DutObserver for every descriptor the engine hands to the mover, every AXI write beat, every
// read burst and every completion, in simulation order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "udma/sequence.hpp"
#include "udma/window.hpp"

namespace udma::tb {

struct Descriptor {
    std::uint64_t src = 0;
    std::uint64_t dst = 0;
    std::uint32_t size = 0;
    std::uint8_t method = 0;
    std::uint16_t issuer = 0;
    std::uint32_t ticket = 0;
};

struct AccessOutcome {
    std::uint64_t data = 0;          // load answer
    std::uint8_t resp = 0;           // AXI response (0 OKAY, 2 SLVERR, 3 DECERR)
    std::uint64_t accept_cycle = 0;  // cycle of the accepting clock edge
    std::uint64_t decide_cycle = 0;  // cycle of the deciding edge (the next one): the engine's
                                     // state changes there and a load answers the state as of it
    std::uint64_t cycles = 0;        // host-port cycles from VALID to the response handshake
    bool launched = false;           // obs_launch in the deciding cycle
    bool refused = false;            // obs_refuse in the deciding cycle
    std::uint8_t cause = 0;          // obs_cause in the deciding cycle
    std::uint8_t seq_state_before = 0, seq_state_after = 0;  // {obs_latch, obs_rep_step} around it
};

class DutObserver {
public:
    virtual ~DutObserver() = default;
    // The engine accepted a launch in this cycle (obs_launch, the accepting cycle of an access).
    virtual void on_launch(std::uint64_t cycle) = 0;
    // The mover took a launched descriptor (descriptors arrive in ticket order).
    virtual void on_descriptor(const Descriptor& d, std::uint64_t cycle) = 0;
    // An AXI write data beat was accepted: `addr` is the beat's byte address (bus aligned).
    virtual void on_write_beat(std::uint64_t addr, std::uint64_t data, std::uint8_t strb, std::uint64_t cycle) = 0;
    // An AXI read burst was issued: bytes [addr, addr + bytes).
    virtual void on_read_burst(std::uint64_t addr, std::uint64_t bytes, std::uint64_t cycle) = 0;
    // The engine was told that transfer `ticket` finished (cpl_valid).
    virtual void on_complete(std::uint32_t ticket, std::uint8_t code, std::uint32_t bytes, std::uint64_t cycle) = 0;
};

// Initial contents of physical memory: a pure function of the address (both the DUT memory and
// the oracle's reference model start from it).
using MemInit = std::function<std::uint8_t(std::uint64_t paddr)>;

struct DutOptions {
    std::uint64_t seed = 1;        // Verilator randReset seed
    std::string trace_path;        // FST file, empty = no trace
    MemInit mem_init;              // initial memory contents
    DutObserver* observer = nullptr;
    unsigned mem_latency = 0;      // memory model read latency (cycles)
};

class Dut {
public:
    virtual ~Dut() = default;
    virtual std::string name() const = 0;
    virtual const WindowGeometry& geometry() const = 0;
    virtual unsigned queue_depth() const = 0;
    // One host-port transaction.
    virtual AccessOutcome access(AccessKind kind, std::uint64_t addr, std::uint64_t data, std::uint8_t strb) = 0;
    // Let the clock run without host traffic.
    virtual void idle(std::uint64_t cycles) = 0;
    virtual std::uint64_t cycle() const = 0;
    // Transfers are queued or in flight.
    virtual bool busy() = 0;
    // Backdoor read of the DUT's memory.
    virtual std::uint8_t mem_byte(std::uint64_t paddr) = 0;
    // Give the 4 KiB page at `paddr` its initial contents (DutOptions::mem_init).
    virtual void prepare_page(std::uint64_t paddr) = 0;
    virtual void flush_trace() {}
};

std::unique_ptr<Dut> make_dut_initiator(const DutOptions& opts);
// Vudma_top with the AXI4 memory model; nullptr when this build has no Vudma_top.
std::unique_ptr<Dut> make_dut_top(const DutOptions& opts);
bool have_dut_top();

}  // namespace udma::tb
