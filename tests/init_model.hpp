// RefEngine: an executable reading of docs/design.md sections 2-5 and docs/register-map.md, used
// as the independent oracle of the initiation tests. It is written from the documents, not
// from the RTL: every rule below cites the sentence it implements. It answers every host access
// (AXI response and load data), predicts every launched descriptor, and keeps every counter and
// register the kernel and status pages expose.
//
// Time model: one call per host access, in program order. Completions (cpl_*) are applied with
// complete(); a completion that arrives in the same cycle as an access is applied first (it
// refers to a transfer launched earlier). Queue occupancy falls only when the test drains the
// descriptor port (drained()); with auto_drain the queue is never seen full.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "udma/udma_regs.h"

namespace udma::test {

// Synthesis parameters of one verilated configuration.
struct Config {
    unsigned pa_bits = 32;
    unsigned page_bits = 12;
    unsigned n_ctx = 4;
    unsigned queue_depth = 4;
    unsigned result_slots = 8;
    unsigned ticket_w = 32;
    unsigned pid_w = 16;
    unsigned cnt_w = 32;
    unsigned data_w = 64;
    std::uint16_t method_mask = 0x1FF;

    constexpr unsigned ctx_bits() const {
        unsigned bits = 1;
        while ((1u << bits) < n_ctx) ++bits;
        return bits;
    }
    constexpr unsigned host_aw() const { return 1 + ctx_bits() + pa_bits; }
    constexpr std::uint64_t page() const { return std::uint64_t{1} << page_bits; }
    constexpr std::uint64_t pa_mask() const { return (std::uint64_t{1} << pa_bits) - 1; }
    constexpr std::uint64_t ticket_mask() const {
        return ticket_w >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << ticket_w) - 1;
    }
    constexpr bool has(unsigned method) const { return method < 16 && ((method_mask >> method) & 1u); }
};

inline constexpr Config kDefaultConfig{};
inline constexpr Config kMinConfig{32, 12, 1, 1, 2, 8, 16, 32, 64, 0x133};
inline constexpr Config kOddConfig{48, 10, 3, 3, 1, 9, 4, 8, 64, 0x1F7};

enum class Resp : std::uint8_t { Okay = 0, ExOkay = 1, SlvErr = 2, DecErr = 3 };

inline const char* resp_name(Resp r) {
    switch (r) {
        case Resp::Okay: return "OKAY";
        case Resp::ExOkay: return "EXOKAY";
        case Resp::SlvErr: return "SLVERR";
        case Resp::DecErr: return "DECERR";
    }
    return "?";
}

// One host access: the unit of every sequence in these tests.
struct Access {
    bool store = false;
    std::uint64_t addr = 0;
    std::uint64_t data = 0;
    std::uint8_t strb = 0xFF;
    std::string what;  // human-readable, for failure messages
    bool foreign = false;  // issued by a process other than the one whose sequence this is
};

struct Desc {
    std::uint64_t src = 0, dst = 0, size = 0;
    unsigned method = 0, issuer = 0;
    std::uint64_t ticket = 0;
    bool operator==(const Desc&) const = default;
};

inline std::string to_string(const Desc& d) {
    return fmt::format("{{src {:#x} dst {:#x} size {} method {} issuer {} ticket {}}}", d.src, d.dst, d.size,
                       d.method, d.issuer, d.ticket);
}

struct Answer {
    Resp resp = Resp::Okay;
    std::uint64_t data = 0;
    std::optional<Desc> launch;  // the access launched this descriptor
    std::optional<unsigned> refused;  // the access was refused (counted) with this cause
    std::vector<std::uint64_t> formed_by;  // serials of the accesses whose arguments the launch used
};

// Counter indices, in kernel-page order from CNT_LAUNCH.
enum Cnt : unsigned { kLaunch, kSize0, kCross, kFull, kSeq, kBadCtx, kDisabled, kKeyFail, kDone, kBytes, kErrSlv, kErrDec, kNumCnt };
inline constexpr std::array<unsigned, kNumCnt> kCntOffset{
    UDMA_KREG_CNT_LAUNCH,  UDMA_KREG_CNT_REF_SIZE0, UDMA_KREG_CNT_REF_CROSS,    UDMA_KREG_CNT_REF_FULL,
    UDMA_KREG_CNT_REF_SEQ, UDMA_KREG_CNT_REF_BADCTX, UDMA_KREG_CNT_REF_DISABLED, UDMA_KREG_CNT_KEY_FAIL,
    UDMA_KREG_CNT_DONE,    UDMA_KREG_CNT_BYTES,      UDMA_KREG_CNT_ERR_SLV,      UDMA_KREG_CNT_ERR_DEC};
inline constexpr std::array<const char*, kNumCnt> kCntName{
    "CNT_LAUNCH", "CNT_REF_SIZE0", "CNT_REF_CROSS", "CNT_REF_FULL", "CNT_REF_SEQ",  "CNT_REF_BADCTX",
    "CNT_REF_DISABLED", "CNT_KEY_FAIL", "CNT_DONE", "CNT_BYTES", "CNT_ERR_SLV", "CNT_ERR_DEC"};

class RefEngine {
public:
    explicit RefEngine(Config cfg = {}) : cfg_(cfg) { reset(); }

    const Config& config() const { return cfg_; }

    void reset() {
        method_ = UDMA_M_NONE;
        pid_ = 0;
        irq_en_ = irq_st_ = 0;
        ksrc_ = kdst_ = ksize_ = 0;
        ksrc_by_ = kdst_by_ = ksize_by_ = 0;
        kstatus_ = 0;
        last_cause_ = UDMA_CAUSE_NONE;
        tnext_ = tdone_ = 0;
        cnt_.fill(0);
        latch_ = {};
        ext_.assign(cfg_.n_ctx, Latch{});
        ctx_.assign(cfg_.n_ctx, KeyCtx{});
        rep_ = {};
        slots_.assign(cfg_.result_slots, Slot{});
        occupancy_ = 0;
        prog_ = {};
    }

    bool auto_drain = false;  // the test pops every descriptor at once
    void drained() { occupancy_ = 0; }
    void popped(unsigned n) { occupancy_ -= n < occupancy_ ? n : occupancy_; }
    unsigned occupancy() const { return auto_drain ? 0 : occupancy_; }

    // mover progress inputs (level signals)
    struct Prog {
        bool active = false;
        std::uint64_t ticket = 0;
        std::uint64_t remaining = 0;
    };
    void set_prog(Prog p) { prog_ = p; }

    // completion of `ticket` (docs/design.md section 5; regmap STATUS page)
    void complete(std::uint64_t ticket, unsigned code, std::uint64_t bytes) {
        ticket &= cfg_.ticket_mask();
        tdone_ = (tdone_ + 1) & cfg_.ticket_mask();
        bump(kDone);
        cnt_[kBytes] = (cnt_[kBytes] + bytes) & cnt_mask();
        if (code == UDMA_BUS_SLVERR) bump(kErrSlv);
        if (code == UDMA_BUS_DECERR) bump(kErrDec);
        auto& s = slots_[ticket % cfg_.result_slots];
        s = Slot{ticket, code, true};
        irq_st_ |= UDMA_IRQ_DONE;
        if (code != UDMA_BUS_OKAY) irq_st_ |= UDMA_IRQ_BUS_ERR;
        for (auto& c : ctx_) {
            if (c.st == St::Launched && !c.done && c.ticket == ticket) {
                c.done = true;
                c.code = code;
            }
        }
    }

    std::uint64_t counter(Cnt c) const { return cnt_[c]; }
    unsigned last_cause() const { return last_cause_; }
    unsigned method() const { return method_; }
    bool irq() const { return (irq_st_ & irq_en_) != 0; }

    // Serial number of the most recent access (1 for the first access after construction).
    std::uint64_t serial() const { return serial_; }

    Answer access(const Access& a) {
        ++serial_;
        Answer r;
        const bool shadow = (a.addr >> (cfg_.host_aw() - 1)) & 1u;
        // "SLVERR: WSTRB != 0xFF on any write" -- changes no state
        if (a.store && a.strb != 0xFF) return err(Resp::SlvErr);
        if (shadow) {
            const unsigned ctx = static_cast<unsigned>((a.addr >> cfg_.pa_bits) & ((1u << cfg_.ctx_bits()) - 1));
            shadow_access(a.store, ctx, a.addr & cfg_.pa_mask(), a.data, r);
            return r;
        }
        // register half: 8-byte aligned, page KERNEL, STATUS or CTX0..CTX(N-1)
        if (a.addr & 7u) return err(Resp::SlvErr);
        const std::uint64_t page = (a.addr >> cfg_.page_bits);
        const std::uint64_t off = a.addr & (cfg_.page() - 1);
        if (page == UDMA_PAGE_KERNEL) kernel_access(a.store, off, a.data, r);
        else if (page == UDMA_PAGE_STATUS) status_access(a.store, off, r);
        else if (page >= UDMA_PAGE_CTX0 && page < UDMA_PAGE_CTX0 + cfg_.n_ctx)
            ctx_page_access(a.store, static_cast<unsigned>(page - UDMA_PAGE_CTX0), off, a.data, r);
        else r.resp = Resp::DecErr;
        return r;
    }

private:
    struct Latch {
        bool valid = false;
        std::uint64_t dst = 0, size = 0;
        unsigned pid = 0;
        std::uint64_t by = 0;  // serial of the store
    };
    enum class St { None, Launched, Refused };
    struct KeyCtx {
        bool enabled = false;
        std::uint64_t key = 0;
        bool vsrc = false, vdst = false, vsize = false;
        std::uint64_t src = 0, dst = 0, size = 0;
        std::uint64_t src_by = 0, dst_by = 0, size_by = 0;
        St st = St::None;
        std::uint64_t ticket = 0, lsize = 0;
        bool done = false;
        unsigned code = 0;
    };
    struct Rep {
        unsigned k = 0;  // steps matched so far
        std::uint64_t src = 0, dst = 0, size = 0;
        std::vector<std::uint64_t> by;  // serials of the matched steps
    };
    struct Slot {
        std::uint64_t ticket = 0;
        unsigned code = 0;
        bool valid = false;
    };

    static Answer err(Resp r) {
        Answer a;
        a.resp = r;
        return a;
    }
    std::uint64_t cnt_mask() const { return cfg_.cnt_w >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << cfg_.cnt_w) - 1; }
    void bump(Cnt c) { cnt_[c] = (cnt_[c] + 1) & cnt_mask(); }

    void refuse(unsigned cause, Answer& r) {
        static constexpr std::array<Cnt, 7> idx{kNumCnt, kSize0, kCross, kFull, kSeq, kBadCtx, kDisabled};
        last_cause_ = cause;
        bump(idx[cause]);
        r.refused = cause;
    }

    // "Launch" (design.md section 4): udma_launch_check in the order SIZE_ZERO, CROSS, QUEUE_FULL;
    // the size argument is the full 64-bit store data.
    bool launch(std::uint64_t src, std::uint64_t dst, std::uint64_t size, unsigned method, unsigned issuer, Answer& r) {
        const std::uint64_t page = cfg_.page();
        unsigned cause = UDMA_CAUSE_NONE;
        if (size == 0) cause = UDMA_CAUSE_SIZE_ZERO;
        else if (size > page || (src % page) + size > page || (dst % page) + size > page) cause = UDMA_CAUSE_CROSS;
        else if (!auto_drain && occupancy_ >= cfg_.queue_depth) cause = UDMA_CAUSE_QUEUE_FULL;
        if (cause != UDMA_CAUSE_NONE) {
            refuse(cause, r);
            return false;
        }
        r.launch = Desc{src, dst, size, method, issuer, tnext_};
        tnext_ = (tnext_ + 1) & cfg_.ticket_mask();
        bump(kLaunch);
        ++occupancy_;
        return true;
    }
    std::uint64_t started(const Answer& r) const { return UDMA_LD_STARTED | r.launch->ticket; }

    // ---- shadow half ----------------------------------------------------------------------------
    void shadow_access(bool store, unsigned ctx, std::uint64_t paddr, std::uint64_t data, Answer& r) {
        const unsigned m = method_;
        if (m == UDMA_M_NONE) {  // "anything under NONE": DISABLED
            refuse(UDMA_CAUSE_DISABLED, r);
            if (!store) r.data = UDMA_LD_FAIL;
            return;
        }
        if (m != UDMA_M_EXT && ctx != 0) {
            // common rule: BAD_CTX, counts as a foreign access (discards a partial sequence)
            refuse(UDMA_CAUSE_BAD_CTX, r);
            if (!store) r.data = UDMA_LD_FAIL;
            if (m == UDMA_M_SHRIMP || m == UDMA_M_FLASH || m == UDMA_M_PAL) latch_.valid = false;
            if (m == UDMA_M_REP3 || m == UDMA_M_REP4 || m == UDMA_M_REP5) rep_.k = 0;
            return;
        }
        switch (m) {
            case UDMA_M_SHRIMP:
            case UDMA_M_PAL:
            case UDMA_M_FLASH: {
                const bool flash = (m == UDMA_M_FLASH);
                if (store) {
                    latch_ = Latch{true, paddr, data, flash ? pid_ : 0, serial_};
                } else {
                    const bool ok = latch_.valid && (!flash || latch_.pid == pid_);
                    const Latch l = latch_;
                    latch_.valid = false;  // cleared either way
                    if (!ok) {
                        refuse(UDMA_CAUSE_SEQUENCE, r);
                        r.data = UDMA_LD_FAIL;
                    } else {
                        r.formed_by = {l.by, serial_};
                        r.data = launch(paddr, l.dst, l.size, m, flash ? l.pid : 0, r) ? started(r) : UDMA_LD_FAIL;
                    }
                }
                return;
            }
            case UDMA_M_EXT: {
                if (ctx >= cfg_.n_ctx) {
                    refuse(UDMA_CAUSE_BAD_CTX, r);
                    if (!store) r.data = UDMA_LD_FAIL;
                    return;
                }
                auto& l = ext_[ctx];
                if (store) {
                    l = Latch{true, paddr, data, 0, serial_};
                } else {
                    const Latch old = l;
                    l.valid = false;
                    if (!old.valid) {
                        refuse(UDMA_CAUSE_SEQUENCE, r);
                        r.data = UDMA_LD_FAIL;
                    } else {
                        r.formed_by = {old.by, serial_};
                        r.data = launch(paddr, old.dst, old.size, UDMA_M_EXT, ctx, r) ? started(r) : UDMA_LD_FAIL;
                    }
                }
                return;
            }
            case UDMA_M_KEY: {
                if (!store) {  // shadow load under KEY: FAIL(DISABLED)
                    refuse(UDMA_CAUSE_DISABLED, r);
                    r.data = UDMA_LD_FAIL;
                    return;
                }
                const std::uint64_t key = data >> UDMA_KS_KEY_LSB;
                const unsigned kctx = static_cast<unsigned>((data >> UDMA_KS_CTX_LSB) & 0x3F);
                const unsigned sel = static_cast<unsigned>(data & 3u);
                if (kctx >= cfg_.n_ctx) {
                    refuse(UDMA_CAUSE_BAD_CTX, r);
                    return;
                }
                auto& c = ctx_[kctx];
                if (!c.enabled || c.key != key) {  // wrong key (or unassigned context): CNT_KEY_FAIL
                    bump(kKeyFail);
                    irq_st_ |= UDMA_IRQ_KEY_FAIL;
                    return;
                }
                if (sel == UDMA_KSEL_DST) {
                    c.dst = paddr;
                    c.vdst = true;
                    c.dst_by = serial_;
                } else if (sel == UDMA_KSEL_SRC) {
                    c.src = paddr;
                    c.vsrc = true;
                    c.src_by = serial_;
                } else {
                    refuse(UDMA_CAUSE_DISABLED, r);  // a kind KEY does not use (SEL 0 / ATOMIC)
                }
                return;
            }
            default: {  // REP3 / REP4 / REP5
                rep_access(store, paddr, data, r);
                return;
            }
        }
    }

    // Repeated passing (design.md section 4, last paragraph).
    struct Step {
        bool load;
        bool src;
    };
    std::vector<Step> pattern() const {
        if (method_ == UDMA_M_REP3) return {{true, true}, {false, false}, {true, true}};
        if (method_ == UDMA_M_REP4) return {{false, false}, {true, true}, {false, false}, {true, true}};
        return {{false, false}, {true, true}, {false, false}, {true, true}, {true, false}};
    }
    void rep_access(bool store, std::uint64_t paddr, std::uint64_t data, Answer& r) {
        const auto p = pattern();
        const Step e = p[rep_.k];
        bool seen_src = false, seen_dst = false;
        for (unsigned i = 0; i < rep_.k; ++i) (p[i].src ? seen_src : seen_dst) = true;
        bool match = (!store == e.load);
        if (match) {
            if (e.src) match = !seen_src || paddr == rep_.src;
            else match = !seen_dst || (paddr == rep_.dst && (!store || data == rep_.size));
        }
        if (match) {
            if (rep_.k == 0) rep_.by.clear();
            if (rep_.k + 1 == p.size()) {
                rep_.k = 0;
                r.formed_by = rep_.by;
                r.formed_by.push_back(serial_);
                r.data = launch(rep_.src, rep_.dst, rep_.size, method_, 0, r) ? started(r) : UDMA_LD_FAIL;
                return;
            }
            record(e, paddr, data, store);
            ++rep_.k;
            rep_.by.push_back(serial_);
            if (!store) r.data = UDMA_LD_ONTRACK;
            return;
        }
        // discard; restart if it matches step 1
        if (!store == p[0].load) {
            rep_.k = 1;
            rep_.by = {serial_};
            record(p[0], paddr, data, store);
            if (!store) r.data = UDMA_LD_ONTRACK;
            return;
        }
        rep_.k = 0;
        refuse(UDMA_CAUSE_SEQUENCE, r);
        if (!store) r.data = UDMA_LD_FAIL;
    }
    void record(Step s, std::uint64_t paddr, std::uint64_t data, bool store) {
        if (s.src) {
            rep_.src = paddr;
        } else {
            rep_.dst = paddr;
            if (store) rep_.size = data;
        }
    }

    void clear_sequences() {  // METHOD write, ABORT
        latch_.valid = false;
        for (auto& l : ext_) l.valid = false;
        rep_.k = 0;
    }

    // ---- context pages ----------------------------------------------------------------------------
    void ctx_page_access(bool store, unsigned i, std::uint64_t off, std::uint64_t data, Answer& r) {
        if (off != UDMA_CREG_C_CTRL) {
            r.resp = Resp::DecErr;
            return;
        }
        if (method_ != UDMA_M_KEY) {
            refuse(UDMA_CAUSE_DISABLED, r);
            if (!store) r.data = UDMA_LD_FAIL;
            return;
        }
        auto& c = ctx_[i];
        if (store) {
            c.size = data;
            c.vsize = true;
            c.size_by = serial_;
            return;
        }
        if (c.vsrc || c.vdst || c.vsize) {  // the launching load: arguments consumed either way
            const bool all = c.vsrc && c.vdst && c.vsize;
            c.vsrc = c.vdst = c.vsize = false;
            if (!all) {
                refuse(UDMA_CAUSE_SEQUENCE, r);
                r.data = UDMA_LD_FAIL;
                c.st = St::Refused;
                return;
            }
            r.formed_by = {c.dst_by, c.src_by, c.size_by, serial_};
            if (launch(c.src, c.dst, c.size, UDMA_M_KEY, i, r)) {
                r.data = UDMA_LD_STARTED | c.size;  // never mistaken for a status answer
                c.st = St::Launched;
                c.ticket = r.launch->ticket;
                c.lsize = c.size;
                c.done = false;
            } else {
                r.data = UDMA_LD_FAIL;
                c.st = St::Refused;
            }
            return;
        }
        r.data = key_status(c);
    }
    std::uint64_t key_status(const KeyCtx& c) const {
        switch (c.st) {
            case St::None: return 0;
            case St::Refused: return UDMA_LD_FAIL;
            case St::Launched:
                if (c.done) {
                    if (c.code == UDMA_BUS_SLVERR) return UDMA_LD_BUS_SLVERR;
                    if (c.code == UDMA_BUS_DECERR) return UDMA_LD_BUS_DECERR;
                    return 0;
                }
                if (prog_.active && (prog_.ticket & cfg_.ticket_mask()) == c.ticket) return prog_.remaining;
                return c.lsize;
        }
        return 0;
    }

    // ---- kernel page ------------------------------------------------------------------------------
    std::uint64_t config_word() const {
        return std::uint64_t{cfg_.method_mask} | (std::uint64_t{cfg_.n_ctx & 0xFF} << 16) |
               (std::uint64_t{cfg_.queue_depth & 0xFF} << 24) | (std::uint64_t{cfg_.pa_bits} << 32) |
               (std::uint64_t{cfg_.page_bits} << 40) | (std::uint64_t{cfg_.result_slots & 0xFF} << 48) |
               (std::uint64_t{cfg_.data_w / 8} << 56);
    }
    static std::uint64_t id_word() { return (std::uint64_t{UDMA_MAGIC} << 32) | UDMA_VERSION; }

    void kernel_access(bool store, std::uint64_t off, std::uint64_t data, Answer& r) {
        if (off >= UDMA_KREG_CTX_KEY && off < UDMA_KREG_CTX_KEY + 8u * cfg_.n_ctx) {
            const unsigned i = static_cast<unsigned>((off - UDMA_KREG_CTX_KEY) / 8);
            // write-only; a key with bits 63:56 set answers SLVERR (regmap host errors)
            if (!store || (data >> 56) != 0) {
                r.resp = Resp::SlvErr;
                return;
            }
            auto& c = ctx_[i];
            c = KeyCtx{};
            c.enabled = true;
            c.key = data;
            ext_[i].valid = false;
            return;
        }
        auto ro = [&](std::uint64_t v) {
            if (store) r.resp = Resp::SlvErr;
            else r.data = v;
        };
        auto wo = [&](auto&& on_write) {
            if (store) on_write();
            else r.resp = Resp::SlvErr;
        };
        switch (off) {
            case UDMA_KREG_ID: ro(id_word()); break;
            case UDMA_KREG_CONFIG: ro(config_word()); break;
            case UDMA_KREG_CONFIG2:
                ro((std::uint64_t{cfg_.cnt_w} << 16) | (std::uint64_t{cfg_.pid_w} << 8) | cfg_.ticket_w);
                break;
            case UDMA_KREG_METHOD:
                if (!store) r.data = method_;
                else if (data < 16 && cfg_.has(static_cast<unsigned>(data)) && data != UDMA_M_KERNEL) {
                    method_ = static_cast<unsigned>(data);
                    clear_sequences();
                    for (auto& c : ctx_) c.vsrc = c.vdst = c.vsize = false;
                } else r.resp = Resp::SlvErr;
                break;
            case UDMA_KREG_ABORT: wo([&] { clear_sequences(); }); break;
            case UDMA_KREG_CURRENT_PID:
                if (!store) r.data = pid_;
                else if ((data >> cfg_.pid_w) == 0) pid_ = static_cast<unsigned>(data);
                else r.resp = Resp::SlvErr;
                break;
            case UDMA_KREG_CTX_REVOKE:
                wo([&] {
                    for (unsigned i = 0; i < cfg_.n_ctx; ++i)
                        if ((data >> i) & 1u) {
                            ctx_[i] = KeyCtx{};
                            ext_[i].valid = false;
                        }
                });
                break;
            case UDMA_KREG_IRQ_ENABLE:
                if (store) irq_en_ = data & 7u;
                else r.data = irq_en_;
                break;
            case UDMA_KREG_IRQ_STATUS:
                if (store) irq_st_ &= ~(data & 7u);
                else r.data = irq_st_;
                break;
            case UDMA_KREG_K_SRC:
            case UDMA_KREG_K_DST: {
                auto& reg = (off == UDMA_KREG_K_SRC) ? ksrc_ : kdst_;
                if (!store) r.data = reg;
                else if ((data >> cfg_.pa_bits) == 0) {
                    reg = data;
                    ((off == UDMA_KREG_K_SRC) ? ksrc_by_ : kdst_by_) = serial_;
                } else r.resp = Resp::SlvErr;
                break;
            }
            case UDMA_KREG_K_SIZE:
                if (store) {
                    ksize_ = data;
                    ksize_by_ = serial_;
                } else r.data = ksize_readback();
                break;
            case UDMA_KREG_K_GO:
                wo([&] {
                    r.formed_by = {ksrc_by_, kdst_by_, ksize_by_, serial_};
                    kstatus_ = launch(ksrc_, kdst_, ksize_, UDMA_M_KERNEL, 0, r) ? started(r) : UDMA_LD_FAIL;
                });
                break;
            case UDMA_KREG_K_STATUS: ro(kstatus_); break;
            case UDMA_KREG_LAST_CAUSE: ro(last_cause_); break;
            default: {
                for (unsigned c = 0; c < kNumCnt; ++c) {
                    if (off == kCntOffset[c]) {
                        ro(cnt_[c]);
                        return;
                    }
                }
                r.resp = Resp::DecErr;
            }
        }
    }
    std::uint64_t ksize_readback() const;

    void status_access(bool store, std::uint64_t off, Answer& r) {
        bool decoded = true;
        if (off >= UDMA_SREG_S_RESULT && off < UDMA_SREG_S_RESULT + 8u * cfg_.result_slots) {
            const auto& s = slots_[(off - UDMA_SREG_S_RESULT) / 8];
            r.data = (s.ticket & 0xFFFFFFFFu) | (std::uint64_t{s.code} << UDMA_RS_CODE_LSB) |
                     (std::uint64_t{s.valid} << UDMA_RS_VALID_LSB);
        } else {
            switch (off) {
                case UDMA_SREG_S_ID: r.data = id_word(); break;
                case UDMA_SREG_S_TICKET_NEXT: r.data = tnext_; break;
                case UDMA_SREG_S_TICKET_DONE: r.data = tdone_; break;
                case UDMA_SREG_S_METHOD: r.data = method_; break;
                case UDMA_SREG_S_QUEUE:
                    r.data = occupancy() | (std::uint64_t{cfg_.queue_depth} << 16) | (std::uint64_t{prog_.active} << 32);
                    break;
                default: decoded = false;
            }
        }
        if (!decoded) {
            r = err(Resp::DecErr);
        } else if (store) {  // read-only page
            r = err(Resp::SlvErr);
        }
    }

    Config cfg_;
    unsigned method_ = 0, pid_ = 0, irq_en_ = 0, irq_st_ = 0, last_cause_ = 0, occupancy_ = 0;
    std::uint64_t ksrc_ = 0, kdst_ = 0, ksize_ = 0, kstatus_ = 0, tnext_ = 0, tdone_ = 0;
    std::uint64_t ksrc_by_ = 0, kdst_by_ = 0, ksize_by_ = 0, serial_ = 0;
    std::array<std::uint64_t, kNumCnt> cnt_{};
    Latch latch_;
    std::vector<Latch> ext_;
    std::vector<KeyCtx> ctx_;
    Rep rep_;
    std::vector<Slot> slots_;
    Prog prog_;
};

// K_SIZE (regmap): kept as PAGE_BITS+2 bits; a read returns bits PAGE_BITS:0 of the written
// value with bit PAGE_BITS+1 set if any bit above PAGE_BITS was written.
inline std::uint64_t RefEngine::ksize_readback() const {
    const std::uint64_t low = ksize_ & ((cfg_.page() << 1) - 1);
    const bool big = (ksize_ >> (cfg_.page_bits + 1)) != 0;
    return low | (big ? (cfg_.page() << 1) : 0);
}

}  // namespace udma::test
