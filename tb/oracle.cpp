#include "oracle.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "udma/udma_regs.h"

namespace udma::tb {

const char* to_string(Prop p) {
    switch (p) {
        case Prop::S1: return "S1";
        case Prop::S2: return "S2";
        case Prop::S3: return "S3";
        case Prop::S4: return "S4";
        case Prop::Memory: return "MEMORY";
        case Prop::Counter: return "COUNTER";
        case Prop::Protocol: return "PROTOCOL";
    }
    return "?";
}

Oracle::Oracle(const OracleConfig& cfg, MemInit init) : cfg_(cfg), init_(std::move(init)) {
    keys_.assign(cfg_.geom.n_ctx, 0);
    key_set_.assign(cfg_.geom.n_ctx, false);
    ctx_latest_ticket_.assign(cfg_.geom.n_ctx, -1);
}

void Oracle::add_process(const OracleProc& p) { procs_.push_back(p); }

void Oracle::set_key(unsigned ctx, std::uint64_t key) {
    if (ctx >= keys_.size()) return;
    keys_[ctx] = key & UDMA_KEY_MASK;
    key_set_[ctx] = true;
    ctx_latest_ticket_[ctx] = -1;
}

void Oracle::register_page(std::uint64_t paddr) {
    pages_.push_back(paddr & ~std::uint64_t{0xFFF});
    ref_page(paddr);
}

const OracleProc* Oracle::proc(int pid) const {
    for (const auto& p : procs_)
        if (p.id == pid) return &p;
    return nullptr;
}

std::string Oracle::pname(int pid) const {
    if (pid < 0) return "kernel";
    const OracleProc* p = proc(pid);
    return p ? p->name : fmt::format("P{}", pid);
}

Oracle::RefPage& Oracle::ref_page(std::uint64_t paddr) {
    const std::uint64_t base = paddr & ~std::uint64_t{0xFFF};
    auto it = ref_.find(base);
    if (it == ref_.end()) {
        auto page = std::make_unique<RefPage>();
        for (unsigned i = 0; i < 4096; ++i) {
            page->bytes[i] = init_ ? init_(base + i) : 0;
            page->known[i] = true;
        }
        it = ref_.emplace(base, std::move(page)).first;
    }
    return *it->second;
}

void Oracle::violation(Prop p, std::uint64_t cycle, std::uint64_t access, std::string what, std::vector<int> procs) {
    std::vector<int> uniq;
    for (int id : procs)
        if (std::find(uniq.begin(), uniq.end(), id) == uniq.end()) uniq.push_back(id);
    Violation v{p, cycle, access, std::move(what), std::move(uniq)};
    if (p == Prop::S1) ++stats_.unauthorized;
    violations_.push_back(v);
    if (on_violation) on_violation(violations_.back());
}

Oracle::Attempt* Oracle::current_attempt(int pid) {
    auto it = attempts_.find(pid);
    if (it == attempts_.end() || it->second.empty()) return nullptr;
    return &it->second.back();
}

Oracle::Attempt* Oracle::find_attempt(int pid, std::uint64_t id) {
    auto it = attempts_.find(pid);
    if (it == attempts_.end()) return nullptr;
    for (auto& a : it->second)
        if (a.id == id) return &a;
    return nullptr;
}

void Oracle::begin_attempt(int pid, std::uint64_t src, std::uint64_t dst, std::uint64_t size, bool kernel) {
    auto& q = attempts_[pid];
    if (!q.empty() && q.back().closed == UINT64_MAX) q.back().closed = last_access_[pid];  // abandoned
    Attempt a;
    a.id = next_attempt_id_++;
    a.pid = pid;
    a.src = src;
    a.dst = dst;
    a.size = size;
    a.kernel = kernel;
    a.opened = UINT64_MAX;  // set by this process's next access
    q.push_back(a);
    // an attempt closed before the oldest launch still unresolved can match nothing any more
    const std::uint64_t horizon = launches_.empty() ? UINT64_MAX : launches_.front().access;
    while (q.size() > 1 && q.front().closed != UINT64_MAX && (q.front().closed < horizon || q.size() > 100000))
        q.pop_front();
}

void Oracle::told_started(int pid, std::uint64_t access, std::uint64_t answer) {
    Attempt* a = current_attempt(pid);
    if (!a) return;
    a->closed = access;
    const std::uint64_t mask = cfg_.ticket_bits >= 64 ? ~0ull : ((1ull << cfg_.ticket_bits) - 1);
    auto check_ticket = [&](std::uint32_t ticket, bool kernel_path) {
        if (!kernel_path && cfg_.method != Method::Key && (answer & mask) != (ticket & mask)) {
            violation(Prop::S2, last_cycle_, access,
                      fmt::format("{} was told ticket {} but the launch at that access is ticket {}", pname(pid),
                                  answer & mask, ticket),
                      {pid});
        }
    };
    for (auto& l : launches_) {
        if (l.access != access) continue;
        l.told_pid = pid;
        l.told_attempt = a->id;
        check_ticket(l.ticket, l.kernel_path);
        return;  // attribution is checked when the descriptor is resolved
    }
    for (const auto& r : resolved_) {
        if (r.access != access) continue;
        check_ticket(r.ticket, r.kernel_path);
        if (r.owner_attempt != a->id) {
            violation(Prop::S2, last_cycle_, access,
                      fmt::format("{} was told \"started\" (ticket {}) for a transfer that is not its request "
                                  "({:#x} -> {:#x}, {} bytes)",
                                  pname(pid), r.ticket, a->src, a->dst, a->size),
                      r.owner_pid >= 0 ? std::vector<int>{pid, r.owner_pid} : std::vector<int>{pid});
        }
        return;
    }
    violation(Prop::S2, last_cycle_, access,
              fmt::format("{} was told \"started\" (answer {:#x}) but no transfer was launched by that access", pname(pid),
                          answer),
              {pid});
}

void Oracle::told_failed(int pid, std::uint64_t access) {
    Attempt* a = current_attempt(pid);
    if (!a || a->closed != UINT64_MAX) return;
    a->closed = access;
    a->failed = true;
    if (a->consumed_by) {
        violation(Prop::S2, last_cycle_, access,
                  fmt::format("{} was told \"failed\" for its request ({:#x} -> {:#x}, {} bytes), but that transfer was "
                              "started on its behalf (ticket {}, by {}'s access #{})",
                              pname(pid), a->src, a->dst, a->size, *a->consumed_by, pname(a->consumed_pid),
                              a->consumed_access),
                  {pid, a->consumed_pid});
    }
}

std::uint64_t Oracle::done_before(std::uint64_t cycle) const {
    std::uint64_t n = done_count_;
    for (auto it = recent_cpl_cycles_.rbegin(); it != recent_cpl_cycles_.rend() && *it >= cycle; ++it) --n;
    return n;
}

bool Oracle::ticket_complete(std::uint32_t t) const {
    // tickets complete in order: t is complete when fewer than 2^31 tickets separate it from the count
    const std::uint32_t diff = static_cast<std::uint32_t>(done_count_) - t - 1u;
    return diff < 0x80000000u;
}

void Oracle::access_done(int pid, std::uint64_t access, const Step& step, std::uint64_t window_addr,
                         const AccessOutcome& out) {
    last_cycle_ = out.decide_cycle;
    if (pid >= 0) {
        Attempt* a = current_attempt(pid);
        if (a && a->opened == UINT64_MAX) a->opened = access;
        last_access_[pid] = access;
    }
    const WindowGeometry& g = cfg_.geom;
    const bool shadow = g.is_shadow(window_addr);
    const std::uint64_t page_idx = shadow ? 0 : (window_addr >> g.page_bits);
    const bool ctx_page = !shadow && page_idx >= UDMA_PAGE_CTX0 && page_idx < UDMA_PAGE_CTX0 + g.n_ctx;

    if (out.resp != 0) {
        ++stats_.error_responses;
        if (out.launched || out.seq_state_before != out.seq_state_after) {
            violation(Prop::Protocol, out.decide_cycle, access,
                      fmt::format("an access answered with AXI error {} changed engine state (launch {}, sequence state "
                                  "{:#x} -> {:#x})",
                                  out.resp, out.launched, out.seq_state_before, out.seq_state_after),
                      {pid});
        }
    }
    if (out.launched) {
        if (ctx_page && step.op == AccessKind::Load) ctx_latest_ticket_[page_idx - UDMA_PAGE_CTX0] = next_ticket_ - 1;
    } else if (out.refused) {
        ++stats_.refusals;
        if (ctx_page && step.op == AccessKind::Load && out.cause != UDMA_CAUSE_DISABLED)
            ctx_latest_ticket_[page_idx - UDMA_PAGE_CTX0] = -2;  // latest launching load refused
    }
    // S4 bookkeeping: wrong-key shadow stores (the engine must count exactly these).
    if (cfg_.method == Method::Key && step.op == AccessKind::Store && out.resp == 0 && shadow &&
        ((window_addr >> g.pa_bits) & ((1u << g.ctx_bits()) - 1)) == 0) {
        const unsigned ctx = static_cast<unsigned>((step.data >> UDMA_KS_CTX_LSB) & ((1u << UDMA_KS_CTX_W) - 1));
        const std::uint64_t key = (step.data >> UDMA_KS_KEY_LSB) & UDMA_KEY_MASK;
        if (ctx < g.n_ctx && (!key_set_[ctx] || key != keys_[ctx])) ++stats_.key_fail_stores;
    }
    if (step.op == AccessKind::Load && out.resp == 0) check_load_answer(pid, access, step, window_addr, out);
}

void Oracle::check_load_answer(int pid, std::uint64_t access, const Step& step, std::uint64_t window_addr,
                               const AccessOutcome& out) {
    // S4: no load answers a key (keys of at least 24 bits; a shorter key collides with counters).
    if (cfg_.key_bits >= 24) {
        for (std::size_t c = 0; c < keys_.size(); ++c) {
            if (!key_set_[c]) continue;
            if (out.data == keys_[c] || (out.data >> UDMA_KS_KEY_LSB) == keys_[c]) {
                violation(Prop::S4, out.decide_cycle, access,
                          fmt::format("a load at window offset {:#x} answered {:#x}: the key of context {}", window_addr,
                                      out.data, c),
                          {pid});
            }
        }
    }
    // Engine honesty for every process: STARTED|t only from a launching access with ticket t.
    if (cfg_.method != Method::Key && pid >= 0 && cfg_.geom.is_shadow(window_addr) &&
        (out.data & ~0xFFFFFFFFull) == UDMA_LD_STARTED) {
        if (!out.launched) {
            violation(Prop::S2, out.decide_cycle, access,
                      fmt::format("{} got STARTED|{} from an access that launched nothing", pname(pid), out.data & 0xFFFFFFFFull),
                      {pid});
        }
    }
    if (step.role != Role::Poll) return;
    // S2 on completion status.
    const WindowGeometry& g = cfg_.geom;
    const std::uint64_t off = window_addr & (g.page_size() - 1);
    const std::uint64_t page_idx = g.is_shadow(window_addr) ? ~0ull : (window_addr >> g.page_bits);
    if (page_idx == UDMA_PAGE_STATUS && off == UDMA_SREG_S_TICKET_DONE) {
        const std::uint64_t expect = done_before(out.decide_cycle) & 0xFFFFFFFFull;
        if (out.data != expect) {
            violation(Prop::S2, out.decide_cycle, access,
                      fmt::format("{} read S_TICKET_DONE = {} but {} transfers had completed", pname(pid), out.data, expect),
                      {pid});
        }
    } else if (page_idx == UDMA_PAGE_STATUS && off >= UDMA_SREG_S_RESULT) {
        if ((out.data >> UDMA_RS_VALID_LSB) & 1u) {
            const auto t = static_cast<std::uint32_t>(out.data & 0xFFFFFFFFull);
            const std::uint64_t done = done_before(out.decide_cycle);
            const std::uint32_t diff = static_cast<std::uint32_t>(done) - t - 1u;
            if (diff >= 0x80000000u) {
                violation(Prop::S2, out.decide_cycle, access,
                          fmt::format("{} read a result slot for ticket {} before it completed", pname(pid), t), {pid});
            }
        }
    } else if (page_idx >= UDMA_PAGE_CTX0 && page_idx < UDMA_PAGE_CTX0 + g.n_ctx && !out.launched && !out.refused) {
        const std::int64_t latest = ctx_latest_ticket_[page_idx - UDMA_PAGE_CTX0];
        if (out.data == 0 && latest >= 0 && !ticket_written(static_cast<std::uint32_t>(latest))) {
            violation(Prop::S2, out.decide_cycle, access,
                      fmt::format("{}'s context page said \"done\" (0) before its transfer (ticket {}) was written",
                                  pname(pid), latest),
                      {pid});
        } else if (out.data == 0 && latest >= 0 && !ticket_complete(static_cast<std::uint32_t>(latest))) {
            ++stats_.ctx_zero_before_completion;  // every byte written, write responses outstanding
        }
    }
}

bool Oracle::ticket_written(std::uint32_t t) const {
    if (ticket_complete(t)) return true;
    for (const auto& tr : transfers_)
        if (tr.ticket == t) return tr.written_count == tr.size;
    return false;  // its descriptor has not even reached the mover
}

void Oracle::on_launch(std::uint64_t cycle) {
    LaunchRec r;
    r.ticket = next_ticket_++;
    r.access = cur_access_;
    r.cycle = cycle;
    r.pid = cur_pid_;
    r.kernel_path = cur_syscall_;
    launches_.push_back(r);
    ++stats_.launches;
}

void Oracle::on_descriptor(const Descriptor& d, std::uint64_t cycle) {
    if (launches_.empty()) {
        violation(Prop::S1, cycle, 0,
                  fmt::format("the mover received descriptor ticket {} ({:#x} -> {:#x}, {} bytes) that no observed "
                              "launch produced",
                              d.ticket, d.src, d.dst, d.size),
                  {});
        return;
    }
    LaunchRec rec = launches_.front();
    launches_.pop_front();
    const std::uint64_t page = cfg_.geom.page_size();
    std::vector<int> involved{rec.pid};
    if (d.ticket != (rec.ticket & 0xFFFFFFFFu)) {
        violation(Prop::Counter, cycle, rec.access,
                  fmt::format("descriptor ticket {} where launch #{} was expected", d.ticket, rec.ticket), involved);
    }
    // S3 at the launch.
    if (d.size == 0 || d.size > page || (d.src & (page - 1)) + d.size > page || (d.dst & (page - 1)) + d.size > page) {
        violation(Prop::S3, cycle, rec.access,
                  fmt::format("launched transfer {:#x} -> {:#x}, {} bytes is empty or crosses a page", d.src, d.dst, d.size),
                  involved);
    }
    // S1: who asked for exactly this transfer?
    const bool key_method = cfg_.method == Method::Key;
    auto match = [&](const Attempt& a) {
        return a.src == d.src && a.dst == d.dst && a.size == d.size && !a.consumed_by && a.opened != UINT64_MAX &&
               a.opened <= rec.access && (a.closed == UINT64_MAX || a.closed >= rec.access);
    };
    Attempt* owner = nullptr;
    bool hijacked = false;
    if (rec.pid >= 0) {
        auto it = attempts_.find(rec.pid);
        if (it != attempts_.end())
            for (auto& a : it->second)
                if (match(a)) owner = &a;
    }
    if (!owner) {
        for (auto& [pid, q] : attempts_) {
            for (auto& a : q)
                if (match(a)) {
                    if (!owner || a.id < owner->id) owner = &a;
                }
        }
        if (owner) hijacked = true;
    }
    bool authorized = false;
    int owner_pid = -1;
    if (owner) {
        const OracleProc* op = proc(owner->pid);
        const std::uint8_t need_src = key_method ? kPermW : kPermR;
        if (op && op->as && (op->as->rights(d.src) & need_src) && (op->as->rights(d.dst) & kPermW)) authorized = true;
        owner_pid = owner->pid;
        if (owner_pid != rec.pid) involved.push_back(owner_pid);
        // descriptor fields against the requester
        const std::uint8_t want_method = owner->kernel ? static_cast<std::uint8_t>(UDMA_M_KERNEL) : static_cast<std::uint8_t>(code(cfg_.method));
        if (d.method != want_method) {
            violation(Prop::S1, cycle, rec.access,
                      fmt::format("descriptor ticket {} has method {} but its requester used {}", d.ticket, d.method,
                                  want_method),
                      involved);
        }
        if (op && !owner->kernel) {
            const bool check_issuer = key_method || cfg_.method == Method::Ext || (cfg_.method == Method::Flash && cfg_.flash_hook);
            const unsigned want = cfg_.method == Method::Flash ? op->pid : static_cast<unsigned>(op->ctx);
            if (check_issuer && d.issuer != want) {
                violation(Prop::S1, cycle, rec.access,
                          fmt::format("descriptor ticket {} names issuer {} but its requester {} is {}", d.ticket, d.issuer,
                                      op->name, want),
                          involved);
            }
        }
    } else {
        // Raw-access (malicious) processes are one coalition: a transfer from a page one of them
        // may read (key-based: write) into a page one of them may write gives them nothing they
        // could not do with ordinary loads and stores, and harms no honest process.
        const std::uint8_t need_src = key_method ? kPermW : kPermR;
        int src_ok = -1, dst_ok = -1;
        for (const auto& p : procs_) {
            if (p.honest || !p.as) continue;
            if (src_ok < 0 && (p.as->rights(d.src) & need_src)) src_ok = p.id;
            if (dst_ok < 0 && (p.as->rights(d.dst) & kPermW)) dst_ok = p.id;
        }
        if (src_ok >= 0 && dst_ok >= 0) {
            authorized = true;
            owner_pid = dst_ok;
            ++stats_.attacker_transfers;
        }
    }
    if (!authorized) {
        std::string who = rec.pid >= 0 ? pname(rec.pid) : "the kernel";
        violation(Prop::S1, cycle, rec.access,
                  fmt::format("unauthorized transfer ticket {}: {:#x} -> {:#x}, {} bytes, launched by {}'s access #{} "
                              "(cycle {}); no process holding the rights requested exactly this",
                              d.ticket, d.src, d.dst, d.size, who, rec.access, rec.cycle),
                  involved);
    }
    if (owner) {
        owner->consumed_by = d.ticket;
        owner->consumed_pid = rec.pid;
        owner->consumed_access = rec.access;
        if (owner->kernel) ++stats_.kernel_launches; else ++stats_.honest_launches;
        if (hijacked) {
            ++stats_.hijacked;
        }
        // S2: the owner was already told "failed" for this attempt.
        if (owner->failed && owner->closed > rec.access) {
            violation(Prop::S2, cycle, owner->closed,
                      fmt::format("{} was told \"failed\" (access #{}) for its request {:#x} -> {:#x} ({} bytes), but "
                                  "{}'s access #{} started exactly that transfer (ticket {})",
                                  pname(owner->pid), owner->closed, d.src, d.dst, d.size, pname(rec.pid), rec.access, d.ticket),
                      involved);
        }
    }
    // S2: a library process told "started" by this launch must be its owner.
    if (rec.told_pid >= 0 && (!owner || owner->id != rec.told_attempt)) {
        const Attempt* ta = find_attempt(rec.told_pid, rec.told_attempt);
        violation(Prop::S2, cycle, rec.access,
                  fmt::format("{} was told \"started\" (ticket {}) for a transfer that is not its request: the engine "
                              "launched {:#x} -> {:#x} ({} bytes), it asked for {:#x} -> {:#x} ({} bytes)",
                              pname(rec.told_pid), d.ticket, d.src, d.dst, d.size, ta ? ta->src : 0, ta ? ta->dst : 0,
                              ta ? ta->size : 0),
                  involved);
    }
    resolved_.push_back(Resolved{rec.access, rec.ticket, rec.kernel_path, owner ? owner->id : 0, owner_pid});
    while (resolved_.size() > 16) resolved_.pop_front();
    // Reference model: apply legitimate transfers (and, when keeping going, what the DUT did).
    Transfer t;
    t.ticket = d.ticket;
    t.src = d.src;
    t.dst = d.dst;
    t.size = std::min<std::uint32_t>(d.size, static_cast<std::uint32_t>(page));
    t.expect.resize(t.size);
    t.written.assign(t.size, false);
    bool hazard = (t.src < t.dst + t.size && t.dst < t.src + t.size);
    for (const auto& o : transfers_)
        if (!o.complete && o.dst < t.src + t.size && t.src < o.dst + o.size) hazard = true;
    RefPage* sp = nullptr;
    for (std::uint32_t i = 0; i < t.size; ++i) {
        if (!sp || ((t.src + i) & 0xFFF) == 0) sp = &ref_page(t.src + i);
        const unsigned so = static_cast<unsigned>((t.src + i) & 0xFFF);
        t.expect[i] = (hazard || !sp->known[so]) ? -1 : sp->bytes[so];
    }
    if (authorized || cfg_.keep_going) {
        RefPage* dp = nullptr;
        for (std::uint32_t i = 0; i < t.size; ++i) {
            if (!dp || ((t.dst + i) & 0xFFF) == 0) dp = &ref_page(t.dst + i);
            const unsigned o = static_cast<unsigned>((t.dst + i) & 0xFFF);
            dp->known[o] = t.expect[i] >= 0;
            if (t.expect[i] >= 0) dp->bytes[o] = static_cast<std::uint8_t>(t.expect[i]);
        }
    }
    t.honest_owner = owner != nullptr;
    transfers_.push_back(std::move(t));
}

void Oracle::on_write_beat(std::uint64_t addr, std::uint64_t data, std::uint8_t strb, std::uint64_t cycle) {
    ++stats_.write_beats;
    while (!transfers_.empty() && transfers_.front().complete) transfers_.pop_front();
    for (unsigned b = 0; b < 8; ++b) {
        if (!((strb >> b) & 1u)) continue;
        const std::uint64_t a = addr + b;
        const auto v = static_cast<std::uint8_t>(data >> (8 * b));
        Transfer* owner = nullptr;
        for (auto& t : transfers_) {
            if (t.complete || a < t.dst || a >= t.dst + t.size || t.written[a - t.dst]) continue;
            owner = &t;
            break;
        }
        if (!owner) {
            violation(Prop::S3, cycle, 0,
                      fmt::format("AXI write of byte {:#x} (beat at {:#x}, strobes {:#04x}) lies outside [dst, dst+size) "
                                  "of every transfer in flight, or writes a byte twice",
                                  a, addr, strb),
                      {});
            return;
        }
        const std::uint64_t i = a - owner->dst;
        owner->written[i] = true;
        ++owner->written_count;
        ++stats_.bytes_written;
        if (owner->expect[i] >= 0 && v != static_cast<std::uint8_t>(owner->expect[i])) {
            violation(Prop::Memory, cycle, 0,
                      fmt::format("transfer ticket {} wrote {:#04x} at {:#x}; the reference model has {:#04x}",
                                  owner->ticket, v, a, owner->expect[i]),
                      {});
            return;
        }
    }
}

void Oracle::on_read_burst(std::uint64_t addr, std::uint64_t bytes, std::uint64_t cycle) {
    // The burst must stay inside the bus-aligned source range of a transfer being moved.
    for (const auto& t : transfers_) {
        if (t.complete) continue;
        const std::uint64_t lo = t.src & ~std::uint64_t{7};
        const std::uint64_t hi = (t.src + t.size + 7) & ~std::uint64_t{7};
        if (addr >= lo && addr + bytes <= hi) return;
    }
    violation(Prop::S3, cycle, 0,
              fmt::format("AXI read burst [{:#x}, {:#x}) is outside the source range of every transfer in progress", addr,
                          addr + bytes),
              {});
}

void Oracle::on_complete(std::uint32_t ticket, std::uint8_t code, std::uint32_t bytes, std::uint64_t cycle) {
    if (ticket != next_cpl_ticket_) {
        violation(Prop::Counter, cycle, 0, fmt::format("completion of ticket {} where {} was next", ticket, next_cpl_ticket_),
                  {});
    }
    next_cpl_ticket_ = ticket + 1;
    for (auto& t : transfers_) {
        if (t.ticket != ticket) continue;
        if (code == 0 && (t.written_count != t.size || bytes != t.size)) {
            violation(Prop::S2, cycle, 0,
                      fmt::format("transfer ticket {} reported complete (OKAY, {} bytes) after {} of its {} bytes were "
                                  "written",
                                  ticket, bytes, t.written_count, t.size),
                      {});
        }
        t.complete = true;
        if (t.honest_owner) ++stats_.honest_completed;
    }
    ++done_count_;
    ++stats_.completions;
    recent_cpl_cycles_.push_back(cycle);
    while (recent_cpl_cycles_.size() > 64) recent_cpl_cycles_.pop_front();
}

void Oracle::check_counters(std::uint64_t cnt_launch, std::uint64_t cnt_key_fail, std::uint64_t cnt_done,
                            std::uint64_t cycle) {
    const std::uint64_t m = 0xFFFFFFFFull;
    if (cnt_launch != (stats_.launches & m))
        violation(Prop::Counter, cycle, 0,
                  fmt::format("CNT_LAUNCH = {} but the oracle saw {} launches", cnt_launch, stats_.launches), {});
    if (cnt_done != (stats_.completions & m))
        violation(Prop::Counter, cycle, 0,
                  fmt::format("CNT_DONE = {} but the oracle saw {} completions", cnt_done, stats_.completions), {});
    if (cfg_.method == Method::Key && cnt_key_fail != (stats_.key_fail_stores & m))
        violation(Prop::S4, cycle, 0,
                  fmt::format("CNT_KEY_FAIL = {} but {} stores carried a wrong key", cnt_key_fail, stats_.key_fail_stores),
                  {});
}

void Oracle::check_memory(const std::function<std::uint8_t(std::uint64_t)>& dut_byte, std::uint64_t cycle) {
    std::vector<std::uint64_t> pages = pages_;
    std::sort(pages.begin(), pages.end());
    pages.erase(std::unique(pages.begin(), pages.end()), pages.end());
    for (std::uint64_t base : pages) {
        RefPage& p = ref_page(base);
        for (unsigned i = 0; i < 4096; ++i) {
            if (!p.known[i]) continue;
            const std::uint8_t v = dut_byte(base + i);
            if (v != p.bytes[i]) {
                violation(Prop::Memory, cycle, 0,
                          fmt::format("final memory image: byte {:#x} is {:#04x}, the reference model has {:#04x}", base + i,
                                      v, p.bytes[i]),
                          {});
                return;
            }
        }
    }
}

}  // namespace udma::tb
