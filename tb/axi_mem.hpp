// AxiMem: an AXI4 slave memory model with a protocol checker, for the Verilator harness.
//
// API (everything a test needs):
//   AxiMemConfig cfg;  cfg.data_bytes = 8;  cfg.read_latency = 10;  cfg.ar_ready_pct = 70; ...
//   AxiMem mem(cfg);                                   // byte-addressed sparse memory + channels
//   AxiMemPort<Vudma_top> port(sim, mem);              // binds the m_axi_* pins of a model (Sim hook)
//   mem.memory().fill_random(0x10000, 4096, seed);     // SparseMemory contents (tb/sparse_mem.hpp)
//   mem.add_error({lo, hi, AxiResp::SlvErr, AccessDir::Read});  // error on beats touching [lo, hi)
//   mem.on_write([](uint64_t addr, uint8_t v) {...});  // every byte the memory really writes
//   mem.on_read([](uint64_t word_addr, AxiResp r) {...});  // every read beat it returns
//   mem.stats();                                       // bursts, beats, errors, bytes written OKAY
//   mem.add_probes(watchdog);                          // AR/R/AW/W/B stuck-channel probes
//
// Behaviour: AR/AW/W READY high with a configurable probability per cycle (backpressure); R and
// B offered with a configurable probability (idle cycles), never withdrawn before the handshake;
// a read burst's first beat is offered read_latency cycles after the cycle following its AR
// handshake (latency 0: the next cycle), one beat per cycle after; a write is applied when its
// last beat has arrived (W beats may come before their AW), and its B follows write_latency
// cycles after the next cycle. A write burst with a beat touching a write-error range answers
// that error and writes nothing; a read beat touching a read-error range answers that error and
// returns poison bytes (0xE5). ARESETn: while the bound model's rst_n is low the channels are
// emptied (memory contents stay) and, after the first reset edge, the master's VALIDs must be low.
//
// Protocol checks (throw AxiProtocolError naming the cycle and the channel): VALID and payload
// stable until READY on AR/AW/W; INCR bursts of full width; length <= max_burst_beats; no burst
// crossing 4 KiB; start address aligned to the bus word (require_aligned); WLAST exactly on the
// last beat of its burst; at most max_w_before_aw W beats ahead of their AW.
//
// Clock discipline (tb/sim.hpp): AxiMemPort's hook runs before each rising edge: it drives the
// memory's outputs for this cycle (drive()), settles the model, then samples the master's pins and
// performs this edge's handshakes (sample()). Without a Verilated model, call drive()/sample()
// directly with AxiMasterPins/AxiSlavePins.
#pragma once

#include <fmt/format.h>
#include <verilated.h>

#include <array>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "axil_host.hpp"  // AxiResp
#include "sim.hpp"
#include "sparse_mem.hpp"
#include "watchdog.hpp"

namespace udma::tb {

class AxiProtocolError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

enum class AccessDir : std::uint8_t { Read = 1, Write = 2, Both = 3 };

struct AxiErrorRange {
    std::uint64_t lo = 0;              // first byte address
    std::uint64_t hi = 0;              // one past the last
    AxiResp resp = AxiResp::SlvErr;    // SlvErr or DecErr
    AccessDir dir = AccessDir::Both;   // which accesses fail
};

struct AxiMemConfig {
    unsigned data_bytes = 8;           // bus width in bytes: 4, 8 or 16
    unsigned read_latency = 0;         // extra cycles before the first R beat of a burst
    unsigned write_latency = 0;        // extra cycles before B
    unsigned ar_ready_pct = 100;       // % of cycles ARREADY is high
    unsigned aw_ready_pct = 100;       // % of cycles AWREADY is high
    unsigned w_ready_pct = 100;        // % of cycles WREADY is high
    unsigned r_valid_pct = 100;        // % of cycles a ready R beat is offered (else an idle cycle)
    unsigned b_valid_pct = 100;        // % of cycles a ready B response is offered
    unsigned max_reads_outstanding = 16;   // ARREADY stays low beyond this many open read bursts
    unsigned max_writes_outstanding = 16;  // AWREADY stays low beyond this many open write bursts
    unsigned max_burst_beats = 256;    // protocol check: longest legal burst
    unsigned max_w_before_aw = 256;    // protocol check: W beats allowed ahead of their AW
    bool require_aligned = true;       // protocol check: bursts start on a bus-word boundary
    std::uint64_t seed = 1;            // seeds the READY / idle-cycle choices
};

inline constexpr unsigned kMaxDataBytes = 16;
using DataBytes = std::array<std::uint8_t, kMaxDataBytes>;

// What the master drives in one cycle.
struct AxiMasterPins {
    bool awvalid = false;
    std::uint64_t awaddr = 0;
    unsigned awlen = 0, awsize = 0, awburst = 0, awid = 0;
    bool wvalid = false;
    DataBytes wdata{};
    std::uint32_t wstrb = 0;
    bool wlast = false;
    bool bready = false;
    bool arvalid = false;
    std::uint64_t araddr = 0;
    unsigned arlen = 0, arsize = 0, arburst = 0, arid = 0;
    bool rready = false;
};

// What the memory drives in one cycle.
struct AxiSlavePins {
    bool awready = false;
    bool wready = false;
    bool bvalid = false;
    unsigned bresp = 0, bid = 0;
    bool arready = false;
    bool rvalid = false;
    DataBytes rdata{};
    unsigned rresp = 0, rid = 0;
    bool rlast = false;
};

struct AxiMemStats {
    std::uint64_t ar_bursts = 0, r_beats = 0, aw_bursts = 0, w_beats = 0, b_responses = 0;
    std::uint64_t read_error_beats = 0;    // R beats answered SLVERR/DECERR
    std::uint64_t write_error_bursts = 0;  // B responses SLVERR/DECERR
    std::uint64_t bytes_written_ok = 0;    // strobed bytes of bursts answered OKAY
    std::uint64_t bytes_read = 0;          // bytes of all R beats (bus width each)
    unsigned max_reads_outstanding = 0;    // most read bursts open at once
    unsigned max_writes_outstanding = 0;   // most write bursts open at once (AW accepted, B not)
    unsigned longest_burst = 0;            // beats
    std::uint64_t w_before_aw_beats = 0;   // W beats that arrived before their AW
};

class AxiMem {
public:
    using WriteObserver = std::function<void(std::uint64_t addr, std::uint8_t value)>;
    using ReadObserver = std::function<void(std::uint64_t word_addr, AxiResp resp)>;

    explicit AxiMem(AxiMemConfig cfg = {}) : cfg_(cfg), rng_(cfg.seed) { validate(); }

    SparseMemory& memory() { return mem_; }
    const SparseMemory& memory() const { return mem_; }
    const AxiMemConfig& config() const { return cfg_; }
    // Change latency / backpressure between transfers (the bus width must stay).
    void set_config(const AxiMemConfig& cfg) {
        if (cfg.data_bytes != cfg_.data_bytes) throw std::invalid_argument("AxiMem: data_bytes cannot change");
        cfg_ = cfg;
        rng_.seed(cfg.seed);
        validate();
    }

    void add_error(const AxiErrorRange& range) { errors_.push_back(range); }
    void clear_errors() { errors_.clear(); }
    void on_write(WriteObserver fn) { write_observer_ = std::move(fn); }
    void on_read(ReadObserver fn) { read_observer_ = std::move(fn); }

    const AxiMemStats& stats() const { return stats_; }
    void clear_stats() { stats_ = {}; }

    // Nothing accepted and unanswered on any channel.
    bool idle() const { return reads_.empty() && writes_.empty() && responses_.empty() && early_w_.empty(); }
    unsigned reads_open() const { return static_cast<unsigned>(reads_.size()); }
    unsigned writes_open() const { return static_cast<unsigned>(writes_.size() + responses_.size()); }

    // Launch-latency measurement: the first cycle ARVALID is seen high after arm_arvalid_watch().
    void arm_arvalid_watch() { arvalid_seen_.reset(); arvalid_armed_ = true; }
    std::optional<std::uint64_t> arvalid_seen_cycle() const { return arvalid_seen_; }

    // ARESETn asserted: drop every transaction in flight; memory contents stay.
    void reset_channels() {
        reads_.clear();
        writes_.clear();
        early_w_.clear();
        responses_.clear();
        r_offer_.reset();
        b_offer_.reset();
        driven_ = {};
        last_master_ = {};
        last_ar_fire_ = last_aw_fire_ = last_w_fire_ = false;
    }

    // ---- the per-cycle protocol ------------------------------------------------------------
    // Outputs for this cycle, from the state after the previous edge.
    AxiSlavePins drive(std::uint64_t cycle) {
        AxiSlavePins out;
        out.arready = reads_.size() < cfg_.max_reads_outstanding && chance(cfg_.ar_ready_pct);
        out.awready = writes_open() < cfg_.max_writes_outstanding && chance(cfg_.aw_ready_pct);
        out.wready = chance(cfg_.w_ready_pct);
        if (!r_offer_ && !reads_.empty() && reads_.front().ready_cycle <= cycle && chance(cfg_.r_valid_pct))
            r_offer_ = make_read_beat(reads_.front());
        if (r_offer_) {
            out.rvalid = true;
            out.rdata = r_offer_->data;
            out.rresp = static_cast<unsigned>(r_offer_->resp);
            out.rid = r_offer_->id;
            out.rlast = r_offer_->last;
        }
        if (!b_offer_ && !responses_.empty() && responses_.front().ready_cycle <= cycle && chance(cfg_.b_valid_pct))
            b_offer_ = responses_.front();
        if (b_offer_) {
            out.bvalid = true;
            out.bresp = static_cast<unsigned>(b_offer_->resp);
            out.bid = b_offer_->id;
        }
        driven_ = out;
        return out;
    }

    // The rising edge: handshakes of this cycle (master pins m against what drive() returned).
    void sample(const AxiMasterPins& m, std::uint64_t cycle) {
        check_stable(m, cycle);
        if (m.arvalid && arvalid_armed_) {
            arvalid_seen_ = cycle;
            arvalid_armed_ = false;
        }
        const bool ar_fire = m.arvalid && driven_.arready;
        const bool aw_fire = m.awvalid && driven_.awready;
        const bool w_fire = m.wvalid && driven_.wready;
        const bool r_fire = driven_.rvalid && m.rready;
        const bool b_fire = driven_.bvalid && m.bready;

        if (r_fire) {
            ReadBurst& rb = reads_.front();
            ++rb.next_beat;
            ++stats_.r_beats;
            stats_.bytes_read += cfg_.data_bytes;
            if (r_offer_->resp != AxiResp::Okay) ++stats_.read_error_beats;
            if (rb.next_beat == rb.beats) reads_.pop_front();
            r_offer_.reset();
        }
        if (b_fire) {
            ++stats_.b_responses;
            if (b_offer_->resp != AxiResp::Okay) ++stats_.write_error_bursts;
            responses_.pop_front();
            b_offer_.reset();
        }
        if (ar_fire) {
            check_burst("AR", m.araddr, m.arlen, m.arsize, m.arburst, cycle);
            reads_.push_back(ReadBurst{m.araddr, m.arlen + 1, m.arid, cycle + 1 + cfg_.read_latency, 0});
            ++stats_.ar_bursts;
            stats_.max_reads_outstanding = std::max(stats_.max_reads_outstanding, reads_open());
        }
        if (aw_fire) {
            check_burst("AW", m.awaddr, m.awlen, m.awsize, m.awburst, cycle);
            writes_.push_back(WriteBurst{m.awaddr, m.awlen + 1, m.awid, {}, AxiResp::Okay});
            ++stats_.aw_bursts;
            stats_.max_writes_outstanding = std::max(stats_.max_writes_outstanding, writes_open());
            while (!early_w_.empty() && assign_beat(early_w_.front(), cycle)) early_w_.pop_front();
        }
        if (w_fire) {
            ++stats_.w_beats;
            const WBeat beat{m.wdata, m.wstrb, m.wlast};
            if (!early_w_.empty() || !assign_beat(beat, cycle)) {
                early_w_.push_back(beat);
                ++stats_.w_before_aw_beats;
                if (early_w_.size() > cfg_.max_w_before_aw)
                    fail(cycle, "W", fmt::format("{} W beats without a write address", early_w_.size()));
            }
        }
        last_master_ = m;
        last_ar_fire_ = ar_fire;
        last_aw_fire_ = aw_fire;
        last_w_fire_ = w_fire;
    }

    // Stuck-channel probes for a Watchdog (the watchdog must not outlive this memory).
    void add_probes(Watchdog& wd) const {
        wd.watch("AR", [this] { return last_master_.arvalid && !last_ar_fire_; },
                 [this] { return stats_.ar_bursts; },
                 [this] { return fmt::format("ARVALID high, address 0x{:x} not accepted ({} read bursts open)",
                                             last_master_.araddr, reads_.size()); });
        wd.watch("R", [this] { return !reads_.empty(); }, [this] { return stats_.r_beats; },
                 [this] {
                     const ReadBurst& rb = reads_.front();
                     return fmt::format("{} read bursts open; next beat {} of {} at 0x{:x}; RVALID {}, master RREADY {}",
                                        reads_.size(), rb.next_beat, rb.beats, rb.addr, r_offer_.has_value(),
                                        last_master_.rready);
                 });
        wd.watch("AW", [this] { return last_master_.awvalid && !last_aw_fire_; },
                 [this] { return stats_.aw_bursts; },
                 [this] { return fmt::format("AWVALID high, address 0x{:x} not accepted ({} write bursts open)",
                                             last_master_.awaddr, writes_open()); });
        wd.watch("W", [this] { return !writes_.empty() || !early_w_.empty(); }, [this] { return stats_.w_beats; },
                 [this] {
                     if (writes_.empty()) return fmt::format("{} W beats wait for their address", early_w_.size());
                     const WriteBurst& wb = writes_.front();
                     return fmt::format("write burst at 0x{:x} has {} of {} data beats; master WVALID {}", wb.addr,
                                        wb.beats_in.size(), wb.beats, last_master_.wvalid);
                 });
        wd.watch("B", [this] { return !responses_.empty(); }, [this] { return stats_.b_responses; },
                 [this] { return fmt::format("{} write responses unanswered; BVALID {}, master BREADY {}",
                                             responses_.size(), b_offer_.has_value(), last_master_.bready); });
    }

private:
    struct ReadBurst {
        std::uint64_t addr;
        unsigned beats;
        unsigned id;
        std::uint64_t ready_cycle;
        unsigned next_beat;
    };
    struct WBeat {
        DataBytes data;
        std::uint32_t strb;
        bool last;
    };
    struct WriteBurst {
        std::uint64_t addr;
        unsigned beats;
        unsigned id;
        std::vector<WBeat> beats_in;
        AxiResp resp;
    };
    struct Response {
        AxiResp resp;
        unsigned id;
        std::uint64_t ready_cycle;
    };
    struct RBeat {
        DataBytes data;
        AxiResp resp;
        unsigned id;
        bool last;
    };

    void validate() const {
        if (cfg_.data_bytes != 4 && cfg_.data_bytes != 8 && cfg_.data_bytes != 16)
            throw std::invalid_argument("AxiMem: data_bytes must be 4, 8 or 16");
        if (cfg_.max_reads_outstanding == 0 || cfg_.max_writes_outstanding == 0)
            throw std::invalid_argument("AxiMem: outstanding limits must be >= 1");
        for (unsigned pct : {cfg_.ar_ready_pct, cfg_.aw_ready_pct, cfg_.w_ready_pct, cfg_.r_valid_pct, cfg_.b_valid_pct})
            if (pct == 0 || pct > 100) throw std::invalid_argument("AxiMem: percentages must be 1..100");
    }

    bool chance(unsigned pct) {
        if (pct >= 100) return true;
        return std::uniform_int_distribution<unsigned>(0, 99)(rng_) < pct;
    }

    std::uint64_t word_mask() const { return ~std::uint64_t{cfg_.data_bytes - 1}; }

    std::optional<AxiResp> error_at(std::uint64_t lo, std::uint64_t hi, AccessDir dir) const {
        for (const auto& e : errors_) {
            if ((static_cast<unsigned>(e.dir) & static_cast<unsigned>(dir)) == 0) continue;
            if (lo < e.hi && e.lo < hi) return e.resp;
        }
        return std::nullopt;
    }

    RBeat make_read_beat(const ReadBurst& rb) {
        RBeat beat{};
        const std::uint64_t addr = (rb.addr & word_mask()) + std::uint64_t{rb.next_beat} * cfg_.data_bytes;
        beat.resp = error_at(addr, addr + cfg_.data_bytes, AccessDir::Read).value_or(AxiResp::Okay);
        for (unsigned i = 0; i < cfg_.data_bytes; ++i)
            beat.data[i] = (beat.resp == AxiResp::Okay) ? mem_.byte(addr + i) : std::uint8_t{0xE5};
        beat.id = rb.id;
        beat.last = (rb.next_beat + 1 == rb.beats);
        if (read_observer_) read_observer_(addr, beat.resp);
        return beat;
    }

    // Gives a W beat to the oldest write burst still missing data; false if there is none.
    bool assign_beat(const WBeat& beat, std::uint64_t cycle) {
        WriteBurst* open = nullptr;
        for (auto& wb : writes_)
            if (wb.beats_in.size() < wb.beats) {
                open = &wb;
                break;
            }
        if (!open) return false;
        const bool must_be_last = (open->beats_in.size() + 1 == open->beats);
        if (beat.last != must_be_last)
            fail(cycle, "W", fmt::format("WLAST {} on beat {} of a {}-beat burst at 0x{:x}", beat.last,
                                         open->beats_in.size(), open->beats, open->addr));
        if ((beat.strb >> cfg_.data_bytes) != 0)
            fail(cycle, "W", fmt::format("WSTRB 0x{:x} has bits beyond the bus width", beat.strb));
        open->beats_in.push_back(beat);
        if (must_be_last) finish_write(*open, cycle);
        return true;
    }

    void finish_write(WriteBurst& wb, std::uint64_t cycle) {
        const std::uint64_t base = wb.addr & word_mask();
        const std::uint64_t end = base + std::uint64_t{wb.beats} * cfg_.data_bytes;
        wb.resp = error_at(base, end, AccessDir::Write).value_or(AxiResp::Okay);
        if (wb.resp == AxiResp::Okay) {
            for (unsigned b = 0; b < wb.beats; ++b) {
                const WBeat& beat = wb.beats_in[b];
                for (unsigned i = 0; i < cfg_.data_bytes; ++i) {
                    if (!((beat.strb >> i) & 1u)) continue;
                    const std::uint64_t a = base + std::uint64_t{b} * cfg_.data_bytes + i;
                    mem_.set_byte(a, beat.data[i]);
                    ++stats_.bytes_written_ok;
                    if (write_observer_) write_observer_(a, beat.data[i]);
                }
            }
        }
        responses_.push_back(Response{wb.resp, wb.id, cycle + 1 + cfg_.write_latency});
        // the burst is complete: it leaves writes_ (it is the oldest open one with data)
        for (auto it = writes_.begin(); it != writes_.end(); ++it)
            if (&*it == &wb) {
                writes_.erase(it);
                break;
            }
    }

    void check_burst(const char* channel, std::uint64_t addr, unsigned len, unsigned size, unsigned burst,
                     std::uint64_t cycle) {
        const unsigned beats = len + 1;
        if (burst != 1) fail(cycle, channel, fmt::format("burst type {} is not INCR", burst));
        if ((1u << size) != cfg_.data_bytes)
            fail(cycle, channel, fmt::format("size {} is not the bus width ({} bytes)", size, cfg_.data_bytes));
        if (beats > cfg_.max_burst_beats)
            fail(cycle, channel, fmt::format("{} beats exceed the limit {}", beats, cfg_.max_burst_beats));
        if (cfg_.require_aligned && (addr & ~word_mask()) != 0)
            fail(cycle, channel, fmt::format("address 0x{:x} is not bus-word aligned", addr));
        const std::uint64_t last_byte = (addr & word_mask()) + std::uint64_t{beats} * cfg_.data_bytes - 1;
        if ((addr >> 12) != (last_byte >> 12))
            fail(cycle, channel, fmt::format("burst 0x{:x}..0x{:x} ({} beats) crosses a 4 KiB boundary", addr,
                                             last_byte, beats));
        stats_.longest_burst = std::max(stats_.longest_burst, beats);
    }

    void check_stable(const AxiMasterPins& m, std::uint64_t cycle) {
        const AxiMasterPins& p = last_master_;
        if (p.arvalid && !last_ar_fire_) {
            if (!m.arvalid) fail(cycle, "AR", "ARVALID dropped before ARREADY");
            if (m.araddr != p.araddr || m.arlen != p.arlen || m.arsize != p.arsize || m.arburst != p.arburst ||
                m.arid != p.arid)
                fail(cycle, "AR", "address payload changed while waiting for ARREADY");
        }
        if (p.awvalid && !last_aw_fire_) {
            if (!m.awvalid) fail(cycle, "AW", "AWVALID dropped before AWREADY");
            if (m.awaddr != p.awaddr || m.awlen != p.awlen || m.awsize != p.awsize || m.awburst != p.awburst ||
                m.awid != p.awid)
                fail(cycle, "AW", "address payload changed while waiting for AWREADY");
        }
        if (p.wvalid && !last_w_fire_) {
            if (!m.wvalid) fail(cycle, "W", "WVALID dropped before WREADY");
            if (m.wdata != p.wdata || m.wstrb != p.wstrb || m.wlast != p.wlast)
                fail(cycle, "W", "data payload changed while waiting for WREADY");
        }
    }

    [[noreturn]] void fail(std::uint64_t cycle, const char* channel, const std::string& what) const {
        throw AxiProtocolError(fmt::format("AXI protocol violation at cycle {} on {}: {}", cycle, channel, what));
    }

    AxiMemConfig cfg_;
    std::mt19937_64 rng_;
    SparseMemory mem_;
    std::vector<AxiErrorRange> errors_;
    WriteObserver write_observer_;
    ReadObserver read_observer_;
    AxiMemStats stats_;

    std::deque<ReadBurst> reads_;
    std::deque<WriteBurst> writes_;
    std::deque<WBeat> early_w_;
    std::deque<Response> responses_;
    std::optional<RBeat> r_offer_;
    std::optional<Response> b_offer_;
    AxiSlavePins driven_;
    AxiMasterPins last_master_;
    bool last_ar_fire_ = false, last_aw_fire_ = false, last_w_fire_ = false;
    bool arvalid_armed_ = false;
    std::optional<std::uint64_t> arvalid_seen_;
};

// ---- binding to a Verilated model ----------------------------------------------------------------
namespace detail {

template <class T>
    requires std::is_integral_v<T>
void load_bytes(const T& sig, std::uint8_t* out, unsigned n) {
    for (unsigned i = 0; i < n; ++i) out[i] = static_cast<std::uint8_t>(static_cast<std::uint64_t>(sig) >> (8 * i));
}
template <std::size_t N>
void load_bytes(const VlWide<N>& sig, std::uint8_t* out, unsigned n) {
    for (unsigned i = 0; i < n; ++i) out[i] = static_cast<std::uint8_t>(sig.at(i / 4) >> (8 * (i % 4)));
}
template <class T>
    requires std::is_integral_v<T>
void store_bytes(T& sig, const std::uint8_t* in, unsigned n) {
    std::uint64_t v = 0;
    for (unsigned i = 0; i < n; ++i) v |= std::uint64_t{in[i]} << (8 * i);
    sig = static_cast<T>(v);
}
template <std::size_t N>
void store_bytes(VlWide<N>& sig, const std::uint8_t* in, unsigned n) {
    for (std::size_t w = 0; w < N; ++w) sig.at(w) = 0;
    for (unsigned i = 0; i < n; ++i) sig.at(i / 4) |= static_cast<EData>(in[i]) << (8 * (i % 4));
}

}  // namespace detail

// Binds AxiMem to the m_axi_* ports of a Verilated top (udma_top and its variants) through a Sim
// hook. Construct it after the Sim and keep it alive as long as the Sim ticks.
template <class Model>
class AxiMemPort {
public:
    AxiMemPort(Sim<Model>& sim, AxiMem& mem) : sim_(sim), mem_(mem) {
        auto& t = sim_.top();
        if (sizeof(t.m_axi_rdata) != mem_.config().data_bytes)
            throw std::invalid_argument(fmt::format("AxiMemPort: model data width {} bytes, memory {} bytes",
                                                    sizeof(t.m_axi_rdata), mem_.config().data_bytes));
        apply(AxiSlavePins{});
        sim_.add_hook([this](std::uint64_t cycle) { step(cycle); });
    }
    AxiMemPort(const AxiMemPort&) = delete;
    AxiMemPort& operator=(const AxiMemPort&) = delete;

    AxiMasterPins master_pins() const {
        const auto& t = sim_.top();
        const unsigned n = mem_.config().data_bytes;
        AxiMasterPins m;
        m.awvalid = t.m_axi_awvalid;
        m.awaddr = t.m_axi_awaddr;
        m.awlen = t.m_axi_awlen;
        m.awsize = t.m_axi_awsize;
        m.awburst = t.m_axi_awburst;
        m.awid = t.m_axi_awid;
        m.wvalid = t.m_axi_wvalid;
        detail::load_bytes(t.m_axi_wdata, m.wdata.data(), n);
        m.wstrb = t.m_axi_wstrb;
        m.wlast = t.m_axi_wlast;
        m.bready = t.m_axi_bready;
        m.arvalid = t.m_axi_arvalid;
        m.araddr = t.m_axi_araddr;
        m.arlen = t.m_axi_arlen;
        m.arsize = t.m_axi_arsize;
        m.arburst = t.m_axi_arburst;
        m.arid = t.m_axi_arid;
        m.rready = t.m_axi_rready;
        return m;
    }

private:
    void step(std::uint64_t cycle) {
        auto& t = sim_.top();
        if (!t.rst_n) {
            mem_.reset_channels();
            apply(AxiSlavePins{});
            sim_.settle();
            if (reset_edges_ > 0 && (t.m_axi_arvalid || t.m_axi_awvalid || t.m_axi_wvalid))
                throw AxiProtocolError(fmt::format(
                    "AXI protocol violation at cycle {}: a master VALID is high during reset (AR {} AW {} W {})", cycle,
                    static_cast<int>(t.m_axi_arvalid), static_cast<int>(t.m_axi_awvalid),
                    static_cast<int>(t.m_axi_wvalid)));
            ++reset_edges_;
            return;
        }
        reset_edges_ = 0;
        apply(mem_.drive(cycle));
        sim_.settle();
        mem_.sample(master_pins(), cycle);
    }

    void apply(const AxiSlavePins& s) {
        auto& t = sim_.top();
        const unsigned n = mem_.config().data_bytes;
        t.m_axi_awready = s.awready;
        t.m_axi_wready = s.wready;
        t.m_axi_bvalid = s.bvalid;
        t.m_axi_bresp = s.bresp;
        t.m_axi_bid = s.bid;
        t.m_axi_arready = s.arready;
        t.m_axi_rvalid = s.rvalid;
        detail::store_bytes(t.m_axi_rdata, s.rdata.data(), n);
        t.m_axi_rresp = s.rresp;
        t.m_axi_rid = s.rid;
        t.m_axi_rlast = s.rlast;
    }

    Sim<Model>& sim_;
    AxiMem& mem_;
    unsigned reset_edges_ = 0;
};

}  // namespace udma::tb
