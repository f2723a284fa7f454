#include "harness.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <deque>
#include <memory>
#include <optional>

#include "dut.hpp"
#include "proc_task.hpp"
#include "rng.hpp"
#include "schedule.hpp"
#include "udma/initiation.hpp"
#include "udma/os.hpp"
#include "vm.hpp"

namespace udma::tb {
namespace {

constexpr std::uint64_t kPage = layout::kPage;
constexpr unsigned kSrcPages = 2;   // own source pages of an honest process (public: attackers read them)
constexpr unsigned kDstPages = 2;   // private destination pages of an honest process
constexpr unsigned kOwnPages = 3;   // an attacker's own pages

struct Request {
    std::uint64_t src = 0, dst = 0, size = 0;
};

struct WbEntry {
    std::uint64_t addr = 0;
    Step step;
};

struct Seen {
    AccessKind op = AccessKind::Load;
    std::uint64_t window = 0;
    std::uint64_t data = 0;
};

struct Proc {
    int id = 0;
    std::string name;
    bool honest = false;
    Strategy strategy = Strategy::Mix;
    AddressSpace as;
    std::vector<os::DmaPage> src_pages, dst_pages, own_pages;
    unsigned n_pub = 0;
    std::optional<os::ContextGrant> grant;
    Session session{};
    bool user_level = false;  // runs the user-level method (else the kernel path)
    bool has_shadow = false;
    std::uint32_t pid = 0;    // OS process id (FLASH CURRENT_PID)
    std::uint64_t quota = 0;
    ProcTask task;
    bool done = false;
    bool puppet = false;      // replay: a malicious process whose accesses come from the file
    Rng rng;      // decisions (wait for completion, attacks)
    Rng req_rng;  // requests (not drawn when a schedule file supplies them)
    std::deque<WbEntry> wbuf;
    std::deque<Request> script;
    os::KernelDmaOutcome kout{};
    ProcReport rep;
    Strategy current_attack = Strategy::Random;
    std::uint64_t guess = 0;
    std::uint64_t last_bus_access = 0;
};

class Harness;
ProcTask honest_main(Harness& h, Proc& p);
ProcTask attacker_main(Harness& h, Proc& p);

class KernelBus final : public Bus {
public:
    explicit KernelBus(Harness& h) : h_(h) {}
    std::uint64_t load(std::uint64_t offset) override;
    void store(std::uint64_t offset, std::uint64_t data) override;

private:
    Harness& h_;
};

class Harness {
public:
    explicit Harness(const Config& cfg);
    RunResult run();

    // ---- used by the process coroutines ---------------------------------------------------------
    const Config& cfg() const { return cfg_; }
    Request next_request(Proc& p);
    void begin_attempt(Proc& p, const Request& r);
    void told_started(Proc& p, const StepResult& res, std::uint64_t answer) {
        oracle_->told_started(p.id, res.access, answer);
    }
    void told_failed(Proc& p, const StepResult& res) {
        oracle_->told_failed(p.id, res.access ? res.access : p.last_bus_access);
    }
    void account_initiation(const InitiationOutcome& out, std::uint64_t loads, std::uint64_t stores,
                            std::uint64_t cycles, unsigned syscalls);
    Step random_access(Proc& p);
    std::optional<std::uint64_t> seen_public_src(Proc& p);
    std::optional<Step> seen_replay(Proc& p);
    std::vector<unsigned> contexts_in_use() const;
    Method method() const { return cfg_.method; }
    void count_attack(Proc& p, Strategy s) {
        ++attacks_[to_string(s)].tried;
        if (writer_) writer_->attack(p.id, to_string(s));
    }
    const WindowGeometry& geom() const { return geom_; }

    // ---- used by KernelBus --------------------------------------------------------------------
    AccessOutcome kernel_access(AccessKind op, std::uint64_t offset, std::uint64_t data);

private:
    void setup();
    void build_process(Proc& p, unsigned index);
    std::uint64_t alloc_page();
    StepResult exec_step(Proc& p, const Step& s);
    AccessOutcome bus_access(int pid, const Step& s, std::uint64_t window_addr);
    void drain_one(Proc& p);
    void drain_all(Proc& p);
    void context_switch(int to);
    int pick_other(int current);
    bool all_honest_done() const;
    void run_random();
    void run_replay();
    void finish_replay_tail();
    void finish();
    void on_violation(const Violation& v);
    void progress(bool force);
    bool should_stop() const;
    RunResult collect();

    Config cfg_;
    BusProfile profile_;
    WindowGeometry geom_{};
    Rng rng_;        // scheduler
    Rng os_rng_;     // OS allocations
    std::unique_ptr<Dut> dut_;
    std::unique_ptr<Oracle> oracle_;
    KernelBus kbus_{*this};
    std::unique_ptr<os::Driver> driver_;
    std::vector<std::unique_ptr<Proc>> procs_;
    std::vector<std::uint64_t> allocated_;
    std::optional<Schedule> schedule_;
    std::unique_ptr<ScheduleWriter> writer_;
    int current_ = -1;
    int kernel_pid_ = -1;        // process on whose behalf the kernel accesses the bus
    bool kernel_syscall_ = false;
    std::uint64_t kgo_access_ = 0;
    unsigned kernel_loads_ = 0, kernel_stores_ = 0;
    std::uint64_t kernel_cycles_ = 0;
    std::uint64_t steps_ = 0, accesses_ = 0, switches_ = 0;
    double time_us_ = 0;
    std::uint64_t wbuf_merged_ = 0, wbuf_forwarded_ = 0;
    InitiationCost cost_;
    std::map<std::string, StrategyStats> attacks_;
    std::deque<Seen> seen_;
    std::string stop_reason_;
    bool violation_stop_ = false;
    std::chrono::steady_clock::time_point t0_, last_progress_;
    bool tty_ = false;
    std::uint64_t step_limit_ = 0;
    int last_attacker_ = -1;
};

// ---- KernelBus -------------------------------------------------------------------------------------

std::uint64_t KernelBus::load(std::uint64_t offset) { return h_.kernel_access(AccessKind::Load, offset, 0).data; }
void KernelBus::store(std::uint64_t offset, std::uint64_t data) { h_.kernel_access(AccessKind::Store, offset, data); }

// ---- set-up ----------------------------------------------------------------------------------------

std::uint8_t mem_init_byte(std::uint64_t seed, std::uint64_t paddr) {
    std::uint64_t x = seed ^ ((paddr >> 3) * 0x9E3779B97F4A7C15ull);
    const std::uint64_t v = Rng::splitmix(x);
    return static_cast<std::uint8_t>(v >> (8 * (paddr & 7)));
}

Harness::Harness(const Config& cfg) : cfg_(cfg), rng_(Rng::mix(cfg.seed, 1)), os_rng_(Rng::mix(cfg.seed, 2)) {
    if (cfg_.profile == "pcie") {
        profile_ = pcie_profile(cfg_.syscall_us ? *cfg_.syscall_us : measure_syscall_us());
        if (cfg_.syscall_us) profile_.syscall_measured = false;
    } else {
        profile_ = turbochannel_profile();
    }
    if (!cfg_.schedule.empty()) {
        schedule_ = parse_schedule(cfg_.schedule);
        for (std::size_t i = 0; i < schedule_->config.size(); ++i) {
            const auto& [k, v] = schedule_->config[i];
            try {
                if (!set_option(cfg_, k, v))
                    throw ScheduleError(schedule_->path, schedule_->config_line_numbers[i].first,
                                        fmt::format("unknown config option '{}'", k));
            } catch (const BadOption& e) {
                throw ScheduleError(schedule_->path, schedule_->config_line_numbers[i].first, e.what());
            }
        }
        if (cfg_.profile == "pcie" && profile_.name != "pcie")
            profile_ = pcie_profile(cfg_.syscall_us ? *cfg_.syscall_us : measure_syscall_us());
        if (cfg_.profile == "turbochannel") profile_ = turbochannel_profile();
    }
    if (cfg_.honest + cfg_.malicious == 0) throw BadOption("--honest/--malicious: the run needs at least one process");
    if (cfg_.honest + cfg_.malicious > 32) throw BadOption("--honest/--malicious: at most 32 processes");
    if (cfg_.attackers.empty()) cfg_.attackers = {Strategy::Mix};
    rng_ = Rng(Rng::mix(cfg_.seed, 1));
    os_rng_ = Rng(Rng::mix(cfg_.seed, 2));
    tty_ = cfg_.progress && !cfg_.quiet && ::isatty(2);
}

std::uint64_t Harness::alloc_page() {
    for (;;) {
        const std::uint64_t pn = os_rng_.range(0x100, (std::uint64_t{1} << (geom_.pa_bits - 12)) - 1);
        const std::uint64_t pa = pn << 12;
        if (std::find(allocated_.begin(), allocated_.end(), pa) == allocated_.end()) {
            allocated_.push_back(pa);
            return pa;
        }
    }
}

void Harness::setup() {
    const std::uint64_t seed = cfg_.seed;
    MemInit init = [seed](std::uint64_t pa) { return mem_init_byte(seed, pa); };
    OracleConfig oc;
    oc.method = cfg_.method;
    oc.key_bits = cfg_.key_bits;
    oc.flash_hook = cfg_.hooks;
    oc.keep_going = cfg_.max_violations != 1;
    DutOptions dopt;
    dopt.seed = seed;
    dopt.trace_path = cfg_.trace;
    dopt.mem_init = init;
    dopt.mem_latency = cfg_.mem_latency;
    // the oracle observes the DUT: create it first
    oracle_ = std::make_unique<Oracle>(oc, init);
    oracle_->on_violation = [this](const Violation& v) { on_violation(v); };
    dopt.observer = oracle_.get();
    if (cfg_.dut == "top" || (cfg_.dut == "auto" && have_dut_top())) {
        dut_ = make_dut_top(dopt);
        if (!dut_) throw BadOption("--dut: this build has no Vudma_top (use --dut initiator)");
    } else {
        dut_ = make_dut_initiator(dopt);
    }
    geom_ = dut_->geometry();

    os::KeyPolicy keys;
    keys.source = os::seeded_key_source(Rng::mix(seed, 3));
    keys.key_bits = cfg_.key_bits;
    driver_ = std::make_unique<os::Driver>(kbus_, geom_, keys, EngineParams{});
    if (!driver_->probe()) throw std::runtime_error("the DUT did not answer the udma ID magic");
    const Method engine_method = cfg_.method == Method::Kernel ? Method::None : cfg_.method;
    if (!driver_->select_method(engine_method))
        throw std::runtime_error(fmt::format("the engine refused method {}", name(engine_method)));
    driver_->hooks().shrimp_abort = cfg_.hooks;
    driver_->hooks().flash_current_pid = cfg_.hooks;

    const unsigned n = cfg_.honest + cfg_.malicious;
    for (unsigned i = 0; i < n; ++i) {
        auto p = std::make_unique<Proc>();
        p->id = static_cast<int>(i);
        p->name = fmt::format("P{}", i);
        p->honest = i < cfg_.honest;
        p->strategy = p->honest ? Strategy::Mix : cfg_.attackers[(i - cfg_.honest) % cfg_.attackers.size()];
        p->pid = i + 1;
        p->rng = Rng(Rng::mix(seed, 100 + i));
        p->req_rng = Rng(Rng::mix(seed, 200 + i));
        p->guess = p->rng.next();
        procs_.push_back(std::move(p));
    }
    // pages first (public source pages must exist before attackers map them)
    for (auto& p : procs_) {
        if (p->honest) {
            for (unsigned k = 0; k < kSrcPages; ++k)
                p->src_pages.push_back({layout::kSrcBase + k * kPage, alloc_page(), os::Permission::ReadWrite});
            for (unsigned k = 0; k < kDstPages; ++k)
                p->dst_pages.push_back({layout::kDstBase + k * kPage, alloc_page(), os::Permission::ReadWrite});
        } else {
            for (unsigned k = 0; k < kOwnPages; ++k)
                p->own_pages.push_back({layout::kOwnBase + k * kPage, alloc_page(), os::Permission::ReadWrite});
        }
    }
    for (unsigned i = 0; i < n; ++i) build_process(*procs_[i], i);
    for (std::uint64_t pa : allocated_) {
        oracle_->register_page(pa);
        dut_->prepare_page(pa);
    }

    // quotas
    std::vector<std::uint64_t> scripted(n, 0);
    if (schedule_) {
        for (const auto& l : schedule_->lines) {
            if (l.proc < 0 || static_cast<unsigned>(l.proc) >= n)
                throw ScheduleError(schedule_->path, l.line,
                                    fmt::format("P{} does not exist (the run has P0..P{})", l.proc, n - 1));
            if (l.type == ScheduleLine::Type::Dma) {
                if (!procs_[l.proc]->honest)
                    throw ScheduleError(schedule_->path, l.line, fmt::format("P{} is malicious: 'dma' is for honest processes", l.proc));
                procs_[l.proc]->script.push_back({l.src, l.dst, l.size});
                ++scripted[l.proc];
            }
        }
    }
    for (unsigned i = 0; i < cfg_.honest; ++i) {
        procs_[i]->quota = cfg_.dmas / cfg_.honest + (i < cfg_.dmas % cfg_.honest ? 1 : 0);
        if (scripted[i]) procs_[i]->quota = scripted[i];
    }
    for (auto& p : procs_) {
        if (p->honest) {
            p->task = honest_main(*this, *p);
        } else if (schedule_) {
            p->puppet = true;
        } else {
            p->task = attacker_main(*this, *p);
        }
        OracleProc op;
        op.id = p->id;
        op.name = p->name;
        op.honest = p->honest;
        op.as = &p->as;
        op.ctx = p->grant ? static_cast<int>(p->grant->ctx_id) : -1;
        op.pid = static_cast<std::uint16_t>(p->pid);
        oracle_->add_process(op);
    }
    if (!cfg_.record.empty()) {
        writer_ = std::make_unique<ScheduleWriter>(cfg_.record);
        if (!writer_->ok()) throw BadOption(fmt::format("--record-schedule: cannot write '{}'", cfg_.record));
        writer_->header(config_lines(cfg_));
        for (auto& p : procs_) {
            writer_->comment(fmt::format("{}: {}", p->name, p->rep.role));
        }
    }
    step_limit_ = cfg_.dmas * 4000 + 400000;
}

void Harness::build_process(Proc& p, unsigned index) {
    (void)index;
    const bool needs_ctx = cfg_.method == Method::Key || cfg_.method == Method::Ext;
    if (needs_ctx) p.grant = driver_->assign_context(p.pid);
    if (p.grant) oracle_->set_key(p.grant->ctx_id, p.grant->key);
    os::ProcessLayout lay{layout::kShadowDelta, layout::kContextVa, layout::kStatusVa};
    std::vector<os::DmaPage> pages;
    for (auto& d : p.src_pages) pages.push_back(d);
    for (auto& d : p.dst_pages) pages.push_back(d);
    for (auto& d : p.own_pages) pages.push_back(d);
    if (!p.honest) {
        // public data: read-only mappings of every honest process's source pages
        unsigned j = 0;
        for (auto& q : procs_) {
            if (!q->honest) continue;
            for (auto& s : q->src_pages) pages.push_back({layout::kPubBase + (j++) * kPage, s.ppage, os::Permission::Read});
        }
        p.n_pub = j;
    }
    std::vector<os::Mapping> plan;
    const bool user_method = is_user_level(cfg_.method);
    if (!needs_ctx || p.grant) {
        plan = driver_->plan_mappings(lay, pages, p.grant ? &*p.grant : nullptr);
    } else {
        // no context left: ordinary pages and the status page; a malicious process under KEY still
        // gets shadow pages (ctx id 0), as any process may pass addresses with key#ctx stores.
        for (auto& d : pages) {
            plan.push_back({os::MappingKind::Ordinary, d.vpage, d.ppage, kPage, d.permission});
            if (cfg_.method == Method::Key && !p.honest)
                plan.push_back({os::MappingKind::Shadow, d.vpage + lay.shadow_delta, geom_.shadow(d.ppage, 0), kPage, d.permission});
        }
        plan.push_back({os::MappingKind::StatusPage, lay.status_page_va, geom_.status(0), kPage, os::Permission::Read});
    }
    for (const auto& m : plan) {
        Pte pte;
        pte.perms = static_cast<std::uint8_t>(m.permission);
        pte.target = m.pbase;
        switch (m.kind) {
            case os::MappingKind::Ordinary: pte.kind = MapKind::Memory; pte.ppage = m.pbase; break;
            case os::MappingKind::Shadow:
                pte.kind = MapKind::Shadow;
                pte.ppage = m.pbase & geom_.pa_mask();
                p.has_shadow = true;
                break;
            case os::MappingKind::ContextPage: pte.kind = MapKind::Context; break;
            case os::MappingKind::StatusPage: pte.kind = MapKind::Status; break;
        }
        p.as.map(m.vbase, pte);
    }
    p.session = driver_->session_for(lay, p.grant ? &*p.grant : nullptr);
    p.user_level = user_method && (!needs_ctx || p.grant.has_value());
    if (p.honest) {
        p.rep.role = p.user_level ? fmt::format("honest, user-level {}{}", name(cfg_.method),
                                                p.grant ? fmt::format(" (context {})", p.grant->ctx_id) : std::string())
                                  : "honest, kernel-level path (system call)";
    } else {
        p.rep.role = fmt::format("malicious, strategy {}{}", to_string(p.strategy),
                                 p.grant ? fmt::format(" (context {})", p.grant->ctx_id) : std::string());
    }
    p.rep.id = p.id;
    p.rep.name = p.name;
    p.rep.honest = p.honest;
}

// ---- requests and attempts -------------------------------------------------------------------------

Request Harness::next_request(Proc& p) {
    Request r;
    if (!p.script.empty()) {
        r = p.script.front();
        p.script.pop_front();
    } else {
        const auto& s = p.src_pages[p.req_rng.below(p.src_pages.size())];
        const auto& d = p.dst_pages[p.req_rng.below(p.dst_pages.size())];
        const std::uint64_t pick = p.req_rng.below(100);
        const std::uint64_t hi = cfg_.max_size;
        std::uint64_t size = pick < 60 ? p.req_rng.range(1, std::min<std::uint64_t>(64, hi))
                             : pick < 90 ? p.req_rng.range(1, std::min<std::uint64_t>(512, hi))
                                         : p.req_rng.range(1, hi);
        const bool aligned = p.req_rng.chance(0.5);
        std::uint64_t so = p.req_rng.range(0, kPage - size);
        std::uint64_t doff = p.req_rng.range(0, kPage - size);
        if (aligned) {
            so &= ~std::uint64_t{7};
            doff &= ~std::uint64_t{7};
        }
        r = {s.vpage + so, d.vpage + doff, size};
    }
    if (writer_) writer_->dma(p.id, r.src, r.dst, r.size);
    return r;
}

void Harness::begin_attempt(Proc& p, const Request& r) {
    auto s = p.as.translate(r.src, false);
    auto d = p.as.translate(r.dst, true);
    const std::uint64_t sp = (s && s->pte.kind == MapKind::Memory) ? s->addr : ~0ull;
    const std::uint64_t dp = (d && d->pte.kind == MapKind::Memory) ? d->addr : ~0ull;
    oracle_->begin_attempt(p.id, sp, dp, r.size, false);
}

void Harness::account_initiation(const InitiationOutcome& out, std::uint64_t loads, std::uint64_t stores,
                                 std::uint64_t cycles, unsigned syscalls) {
    if (!out.started()) return;
    ++cost_.calls;
    cost_.accesses += loads + stores;
    cost_.loads += loads;
    cost_.bus_cycles += cycles;
    const BusProfile tc = turbochannel_profile();
    cost_.time_tc_us += loads * tc.read_us + stores * tc.write_us + syscalls * tc.syscall_us;
    cost_.time_us += loads * profile_.read_us + stores * profile_.write_us + syscalls * profile_.syscall_us;
    if (profile_.name == "pcie") cost_.time_pcie_us += loads * profile_.read_us + stores * profile_.write_us + syscalls * profile_.syscall_us;
}

std::vector<unsigned> Harness::contexts_in_use() const {
    std::vector<unsigned> v;
    for (const auto& p : procs_)
        if (p->grant) v.push_back(p->grant->ctx_id);
    return v;
}

// ---- the bus -----------------------------------------------------------------------------------------

AccessOutcome Harness::bus_access(int pid, const Step& s, std::uint64_t window_addr) {
    ++accesses_;
    oracle_->begin_access(pid, accesses_, s);
    AccessOutcome out = dut_->access(s.op, window_addr, s.data, s.strb);
    time_us_ += s.op == AccessKind::Load ? profile_.read_us : profile_.write_us;
    oracle_->access_done(pid, accesses_, s, window_addr, out);
    if (pid >= 0) {
        Proc& p = *procs_[pid];
        p.last_bus_access = accesses_;
        ++p.rep.bus_accesses;
        if (s.op == AccessKind::Load) ++p.rep.loads; else ++p.rep.stores;
        if (out.resp != 0) ++p.rep.bus_errors;
        if (p.honest && geom_.is_shadow(window_addr)) {
            seen_.push_back({s.op, window_addr, s.data});
            if (seen_.size() > 64) seen_.pop_front();
        }
    }
    return out;
}

AccessOutcome Harness::kernel_access(AccessKind op, std::uint64_t offset, std::uint64_t data) {
    Step s;
    s.kind = kernel_syscall_ ? StepKind::Syscall : StepKind::Access;
    s.op = op;
    s.space = AddrSpace::Window;
    s.addr = offset;
    s.data = data;
    s.role = Role::Syscall;
    // kernel accesses are attributed to the process in whose system call they happen
    ++accesses_;
    const int pid = kernel_syscall_ ? kernel_pid_ : -1;
    oracle_->begin_access(pid, accesses_, s);
    AccessOutcome out = dut_->access(op, offset, data, 0xFF);
    time_us_ += op == AccessKind::Load ? profile_.read_us : profile_.write_us;
    oracle_->access_done(pid, accesses_, s, offset, out);
    if (kernel_syscall_) {
        if (op == AccessKind::Store && offset == geom_.kernel(UDMA_KREG_K_GO)) kgo_access_ = accesses_;
        if (op == AccessKind::Load) ++kernel_loads_; else ++kernel_stores_;
        kernel_cycles_ += out.cycles;
        if (pid >= 0) procs_[pid]->last_bus_access = accesses_;
    }
    if (out.resp != 0)
        throw std::runtime_error(fmt::format("kernel access to offset {:#x} answered AXI error {}", offset, out.resp));
    return out;
}

void Harness::drain_one(Proc& p) {
    WbEntry e = p.wbuf.front();
    p.wbuf.pop_front();
    bus_access(p.id, e.step, e.addr);
}

void Harness::drain_all(Proc& p) {
    while (!p.wbuf.empty()) drain_one(p);
}

StepResult Harness::exec_step(Proc& p, const Step& s) {
    ++steps_;
    ++p.rep.steps;
    if (!p.honest) last_attacker_ = p.id;
    StepResult r;
    if (s.kind == StepKind::Syscall) {
        drain_all(p);
        auto sv = p.as.translate(s.src_va, false);
        auto dv = p.as.translate(s.dst_va, true);
        if (sv && dv && sv->pte.kind == MapKind::Memory && dv->pte.kind == MapKind::Memory)
            oracle_->begin_attempt(p.id, sv->addr, dv->addr, s.size, true);
        kernel_pid_ = p.id;
        kernel_syscall_ = true;
        kgo_access_ = 0;
        kernel_loads_ = kernel_stores_ = 0;
        kernel_cycles_ = 0;
        time_us_ += profile_.syscall_us;
        const AddressSpace& as = p.as;
        os::PageTableLookup lookup = [&as](std::uint64_t va) -> std::optional<os::Translation> {
            const Pte* pte = as.lookup(va);
            if (!pte || pte->kind != MapKind::Memory) return std::nullopt;
            return os::Translation{pte->target + (va & 0xFFF), static_cast<os::Permission>(pte->perms)};
        };
        p.kout = driver_->kernel_dma(lookup, s.src_va, s.dst_va, s.size);
        kernel_syscall_ = false;
        kernel_pid_ = -1;
        r.data = p.kout.k_status;
        r.loads = kernel_loads_;
        r.stores = kernel_stores_;
        r.cycles = kernel_cycles_;
        r.access = kgo_access_;
        if (p.kout.status == os::KernelDmaStatus::Started) {
            oracle_->told_started(p.id, kgo_access_, p.kout.k_status);
        } else if (p.kout.status == os::KernelDmaStatus::Refused) {
            oracle_->told_failed(p.id, p.last_bus_access);
        }
        return r;
    }
    if (cfg_.write_buffer > 0 && s.fence_before && cfg_.barriers) drain_all(p);
    std::uint64_t addr = s.addr;
    if (s.space == AddrSpace::Virtual) {
        auto t = p.as.translate(s.addr, s.op == AccessKind::Store);
        if (!t) {
            ++p.rep.page_faults;
            r.status = StepStatus::PageFault;
            return r;
        }
        if (t->pte.kind == MapKind::Memory) {
            r.status = StepStatus::Memory;
            return r;
        }
        addr = t->addr;
    }
    if (cfg_.write_buffer > 0) {
        if (s.op == AccessKind::Store) {
            for (auto& e : p.wbuf) {
                if (e.addr == addr && e.step.strb == s.strb) {
                    e.step = s;  // merged: the later store's data replaces the earlier one
                    ++wbuf_merged_;
                    r.status = StepStatus::Buffered;
                    return r;
                }
            }
            p.wbuf.push_back({addr, s});
            if (p.wbuf.size() > cfg_.write_buffer) drain_one(p);
            r.status = StepStatus::Buffered;
            return r;
        }
        for (auto it = p.wbuf.rbegin(); it != p.wbuf.rend(); ++it) {
            if (it->addr == addr) {
                ++wbuf_forwarded_;
                r.status = StepStatus::Forwarded;
                r.data = it->step.data;
                return r;
            }
        }
    }
    const AccessOutcome out = bus_access(p.id, s, addr);
    r.data = out.data;
    r.resp = out.resp;
    r.status = out.resp == 0 ? StepStatus::Ok : StepStatus::BusError;
    r.access = accesses_;
    r.cycles = out.cycles;
    if (s.op == AccessKind::Load) r.loads = 1; else r.stores = 1;
    return r;
}

// ---- scheduling --------------------------------------------------------------------------------------

void Harness::context_switch(int to) {
    if (to == current_) return;
    if (current_ >= 0) drain_all(*procs_[current_]);  // kernel entry drains the write buffer
    current_ = to;
    ++switches_;
    if (writer_) writer_->switch_to(to);
    driver_->on_context_switch(procs_[to]->pid);
}

int Harness::pick_other(int current) {
    std::vector<int> cand;
    for (const auto& p : procs_)
        if (!p->done && p->id != current && !p->puppet) cand.push_back(p->id);
    if (cand.empty()) return current;
    return cand[rng_.below(cand.size())];
}

bool Harness::all_honest_done() const {
    for (const auto& p : procs_)
        if (p->honest && !p->done) return false;
    return true;
}

bool Harness::should_stop() const {
    const auto nv = oracle_->violations().size();
    if (nv == 0) return false;
    return cfg_.max_violations != 0 && nv >= cfg_.max_violations;
}

void Harness::on_violation(const Violation& v) {
    // credit the malicious process involved, or else the one that ran last (it set up the trap)
    int culprit = -1;
    for (int pid : v.procs)
        if (pid >= 0 && static_cast<std::size_t>(pid) < procs_.size() && !procs_[pid]->honest) culprit = pid;
    if (culprit < 0) culprit = last_attacker_;
    if (culprit < 0) return;
    Proc& p = *procs_[culprit];
    ++p.rep.attacks_succeeded;
    ++attacks_[to_string(p.current_attack)].succeeded;
}

void Harness::progress(bool force) {
    if (!tty_) return;
    const auto now = std::chrono::steady_clock::now();
    if (!force && now - last_progress_ < std::chrono::milliseconds(500)) return;
    last_progress_ = now;
    std::uint64_t done = 0;
    for (const auto& p : procs_) done += p->rep.dmas_requested;
    const double s = std::chrono::duration<double>(now - t0_).count();
    std::fprintf(stderr, "\r%s: %llu/%llu DMAs, %llu accesses, %.2f M accesses/s   ", std::string(name(cfg_.method)).c_str(),
                 static_cast<unsigned long long>(done), static_cast<unsigned long long>(cfg_.dmas),
                 static_cast<unsigned long long>(accesses_), s > 0 ? accesses_ / s / 1e6 : 0.0);
    if (force) std::fprintf(stderr, "\n");
}

void Harness::run_random() {
    // the first process
    std::vector<int> runnable;
    for (const auto& p : procs_) runnable.push_back(p->id);
    const int first = runnable[rng_.below(runnable.size())];
    context_switch(first);
    while (!all_honest_done()) {
        if (should_stop()) {
            stop_reason_ = "violation";
            violation_stop_ = true;
            return;
        }
        if (steps_ >= step_limit_) {
            stop_reason_ = fmt::format("step limit ({} steps) reached: the honest processes did not finish", step_limit_);
            return;
        }
        Proc& p = *procs_[current_];
        if (p.done) {
            context_switch(pick_other(current_));
            continue;
        }
        const Step s = p.task.step();
        if (writer_) {
            if (p.honest) writer_->step(p.id, s); else writer_->raw(p.id, s);
        }
        const StepResult r = exec_step(p, s);
        if (!p.task.advance(r)) p.done = true;
        if ((steps_ & 0x3FFF) == 0) progress(false);
        if (p.done || (s.preemptible_after && rng_.chance(cfg_.preempt))) {
            const int next = pick_other(current_);
            if (next != current_) context_switch(next);
        }
    }
}

void Harness::run_replay() {
    const Schedule& sch = *schedule_;
    bool held = false;  // the current process is inside an uninterruptible call
    for (const auto& l : sch.lines) {
        if (should_stop()) {
            stop_reason_ = "violation";
            violation_stop_ = true;
            return;
        }
        auto fail = [&](const std::string& m) { throw ScheduleError(sch.path, l.line, m); };
        if (l.type == ScheduleLine::Type::Dma) continue;
        if (l.type == ScheduleLine::Type::Attack) {
            auto st = parse_strategy(l.strategy);
            if (!st || *st == Strategy::Mix) fail(fmt::format("'{}' is not an attack strategy", l.strategy));
            if (procs_[l.proc]->honest) fail(fmt::format("P{} is honest: it does not attack", l.proc));
            Proc& a = *procs_[l.proc];
            a.current_attack = *st;
            ++a.rep.attacks_tried;
            count_attack(a, *st);
            continue;
        }
        if (l.proc != current_) {
            if (held) fail(fmt::format("P{} is inside an uninterruptible (PAL) call: no switch allowed here", current_));
            context_switch(l.proc);
        }
        if (l.type == ScheduleLine::Type::Switch) continue;
        Proc& p = *procs_[l.proc];
        if (l.type == ScheduleLine::Type::Step) {
            if (!p.honest) fail(fmt::format("P{} is malicious: its accesses are 'load'/'store' lines", l.proc));
            if (p.done) fail(fmt::format("P{} has finished: it has no next step", l.proc));
            const Step s = p.task.step();
            if (l.has_expect) {
                const bool same = l.syscall ? s.kind == StepKind::Syscall
                                            : (s.kind == StepKind::Access && s.op == l.op && s.space == l.space &&
                                               s.addr == l.addr && (l.op == AccessKind::Load || s.data == l.data));
                if (!same) {
                    fail(fmt::format("P{}'s next access is {} {:#x}{} but the schedule expects {} {:#x}{}", l.proc,
                                     s.kind == StepKind::Syscall ? "syscall" : (s.op == AccessKind::Load ? "load" : "store"),
                                     s.addr, s.op == AccessKind::Store ? fmt::format(" {:#x}", s.data) : "",
                                     l.syscall ? "syscall" : (l.op == AccessKind::Load ? "load" : "store"), l.addr,
                                     l.op == AccessKind::Store ? fmt::format(" {:#x}", l.data) : ""));
                }
            }
            if (writer_) writer_->step(p.id, s);
            const StepResult r = exec_step(p, s);
            held = !s.preemptible_after;
            if (!p.task.advance(r)) {
                p.done = true;
                held = false;
            }
        } else {
            if (p.honest) fail(fmt::format("P{} runs the library: its accesses are 'P{} step' lines", l.proc, l.proc));
            Step s;
            s.op = l.op;
            s.space = l.space;
            s.addr = l.addr;
            s.data = l.data;
            s.strb = l.strb;
            if (writer_) writer_->raw(p.id, s);
            exec_step(p, s);
            held = false;
        }
    }
    if (should_stop()) {
        stop_reason_ = "violation";
        violation_stop_ = true;
        return;
    }
    finish_replay_tail();
}

void Harness::finish_replay_tail() {
    // after the last line: the honest processes run to completion, one at a time, without preemption
    for (auto& pp : procs_) {
        Proc& p = *pp;
        if (!p.honest || p.done) continue;
        context_switch(p.id);
        while (!p.done) {
            if (should_stop()) {
                stop_reason_ = "violation";
                violation_stop_ = true;
                return;
            }
            if (steps_ >= step_limit_) {
                stop_reason_ = "step limit reached after the schedule";
                return;
            }
            const Step s = p.task.step();
            if (writer_) writer_->step(p.id, s);
            const StepResult r = exec_step(p, s);
            if (!p.task.advance(r)) p.done = true;
        }
    }
}

void Harness::finish() {
    for (auto& p : procs_) drain_all(*p);
    for (unsigned i = 0; i < 100000 && dut_->busy(); ++i) dut_->idle(8);
    if (dut_->busy()) {
        stop_reason_ = "the mover did not become idle";
        return;
    }
    dut_->idle(4);
    const std::uint64_t launch = driver_->read_kernel(UDMA_KREG_CNT_LAUNCH);
    const std::uint64_t keyfail = driver_->read_kernel(UDMA_KREG_CNT_KEY_FAIL);
    const std::uint64_t done = driver_->read_kernel(UDMA_KREG_CNT_DONE);
    oracle_->check_counters(launch, keyfail, done, dut_->cycle());
    oracle_->check_memory([this](std::uint64_t pa) { return dut_->mem_byte(pa); }, dut_->cycle());
}

RunResult Harness::run() {
    t0_ = last_progress_ = std::chrono::steady_clock::now();
    setup();
    // prime every process: run it to its first step
    for (auto& p : procs_) {
        if (p->task.valid() && !p->task.advance(StepResult{})) p->done = true;
    }
    if (schedule_) run_replay(); else run_random();
    if (!violation_stop_) finish();
    progress(true);
    dut_->flush_trace();
    if (writer_) writer_->close();
    return collect();
}

RunResult Harness::collect() {
    RunResult r;
    r.config = cfg_;
    r.dut = dut_->name();
    r.profile = profile_;
    r.steps = steps_;
    r.bus_accesses = accesses_;
    r.cycles = dut_->cycle();
    r.context_switches = switches_;
    r.sim_time_us = time_us_;
    r.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count();
    r.cost = cost_;
    r.attacks = attacks_;
    r.oracle = oracle_->stats();
    r.violations = oracle_->violations();
    r.wbuf_merged = wbuf_merged_;
    r.wbuf_forwarded = wbuf_forwarded_;
    r.completed = all_honest_done();
    for (const auto& p : procs_) {
        r.procs.push_back(p->rep);
        r.dmas_requested += p->rep.dmas_requested;
        r.dmas_started += p->rep.dmas_started;
        r.dmas_refused += p->rep.dmas_refused;
        r.retries += p->rep.retries;
        r.attacks_tried += p->rep.attacks_tried;
        r.attacks_succeeded += p->rep.attacks_succeeded;
    }
    r.dmas_completed = oracle_->stats().honest_completed;
    r.stop_reason = stop_reason_;
    r.schedule_recorded = cfg_.record;
    return r;
}

// ---- attackers' helpers ---------------------------------------------------------------------------------

Step raw_load(std::uint64_t va) {
    Step s;
    s.op = AccessKind::Load;
    s.addr = va;
    return s;
}

Step raw_store(std::uint64_t va, std::uint64_t data, std::uint8_t strb = 0xFF) {
    Step s;
    s.op = AccessKind::Store;
    s.addr = va;
    s.data = data;
    s.strb = strb;
    return s;
}

std::uint64_t sh(std::uint64_t va) { return va + layout::kShadowDelta; }

Step Harness::random_access(Proc& p) {
    Rng& g = p.rng;
    std::uint64_t off = g.below(kPage);
    if (g.chance(0.8)) off &= ~std::uint64_t{7};
    std::uint64_t data;
    const auto pick = g.below(10);
    if (pick < 6) data = g.range(0, kPage + 64);
    else if (pick < 8) data = g.next();
    else data = UDMA_KEY_STORE_DATA(p.grant ? p.grant->key : g.next(), g.below(geom_.n_ctx + 1), g.range(0, 3));
    const auto where = g.below(p.grant && cfg_.method == Method::Key ? 7 : 6);
    const std::uint64_t own = layout::kOwnBase + g.below(kOwnPages) * kPage + off;
    const std::uint64_t pub = p.n_pub ? layout::kPubBase + g.below(p.n_pub) * kPage + off : own;
    switch (where) {
        case 0: return raw_load(sh(own));
        case 1:
        case 2: return raw_store(sh(own), data);
        case 3: return raw_load(sh(pub));
        case 4: return g.chance(0.9) ? raw_load(sh(pub)) : raw_store(sh(pub), data);  // a store faults (read-only)
        case 5: return raw_load(layout::kStatusVa + (g.below(6) * 8));
        default: return g.chance(0.5) ? raw_load(layout::kContextVa) : raw_store(layout::kContextVa, data);
    }
}

std::optional<std::uint64_t> Harness::seen_public_src(Proc& p) {
    for (auto it = seen_.rbegin(); it != seen_.rend(); ++it) {
        if (it->op != AccessKind::Load) continue;
        const std::uint64_t pa = it->window & geom_.pa_mask();
        if (!(p.as.rights(pa) & kPermR)) continue;
        if (auto va = p.as.va_of(pa)) return *va;
    }
    return std::nullopt;
}

std::optional<Step> Harness::seen_replay(Proc& p) {
    if (seen_.empty()) return std::nullopt;
    const Seen& e = seen_[p.rng.below(seen_.size())];
    const std::uint64_t pa = e.window & geom_.pa_mask();
    auto va = p.as.va_of(pa);
    if (!va) return std::nullopt;
    return e.op == AccessKind::Load ? raw_load(sh(*va)) : raw_store(sh(*va), e.data);
}

// ---- the processes ------------------------------------------------------------------------------------

ProcTask honest_main(Harness& h, Proc& p) {
    for (std::uint64_t n = 0; n < p.quota; ++n) {
        const Request r = h.next_request(p);
        ++p.rep.dmas_requested;
        InitiationOutcome out{};
        std::uint64_t loads = 0, stores = 0, cycles = 0;
        unsigned syscalls = 0;
        if (!p.user_level) {
            // the kernel-level path: one system call per attempt, retried while the engine refuses
            for (unsigned attempt = 0; attempt < h.cfg().max_attempts; ++attempt) {
                Step s;
                s.kind = StepKind::Syscall;
                s.role = Role::Syscall;
                s.src_va = r.src;
                s.dst_va = r.dst;
                s.size = r.size;
                const StepResult res = co_await issue{s};
                loads += res.loads;
                stores += res.stores;
                cycles += res.cycles;
                ++syscalls;
                out = p.kout.as_initiation();
                out.attempts = attempt + 1;
                if (p.kout.status != os::KernelDmaStatus::Refused) break;
            }
        } else {
            InitiationCursor cur(p.session, r.src, r.dst, r.size, RetryPolicy{h.cfg().max_attempts});
            const Sequence& seq = cur.sequence();
            unsigned attempt_seen = 0;
            while (auto a = cur.next()) {
                if (a->attempt != attempt_seen) {
                    attempt_seen = a->attempt;
                    h.begin_attempt(p, r);
                }
                Step s;
                s.op = a->kind;
                s.addr = a->vaddr;
                s.data = a->data;
                s.role = Role::Initiation;
                s.seq_step = a->step;
                s.launching = a->step == seq.length;
                s.fence_before = true;  // udma::run(): a fence precedes every window access
                s.preemptible_after = !(seq.uninterruptible && a->step < seq.length);
                const StepResult res = co_await issue{s};
                loads += res.loads;
                stores += res.stores;
                cycles += res.cycles;
                if (res.status == StepStatus::BusError || res.status == StepStatus::PageFault ||
                    res.status == StepStatus::Memory) {
                    cur.feed_fault();
                    h.told_failed(p, res);
                    break;
                }
                if (a->kind == AccessKind::Load) {
                    const unsigned before = cur.attempt();
                    cur.feed(res.data);
                    if (cur.done() && cur.outcome().started()) {
                        h.told_started(p, res, res.data);
                    } else if (cur.done() || cur.attempt() != before) {
                        h.told_failed(p, res);
                    }
                } else {
                    cur.feed(0);
                }
            }
            out = cur.outcome();
        }
        if (out.started()) {
            ++p.rep.dmas_started;
            p.rep.retries += out.attempts > 0 ? out.attempts - 1 : 0;
        } else {
            ++p.rep.dmas_refused;
            p.rep.retries += out.attempts > 0 ? out.attempts - 1 : 0;
        }
        h.account_initiation(out, loads, stores, cycles, syscalls);
        if (out.started() && (n + 1 == p.quota || p.rng.chance(h.cfg().wait))) {
            CompletionCursor w(p.session, out, CompletionPolicy{200000, {}});
            while (auto a = w.next()) {
                Step s;
                s.op = a->kind;
                s.addr = a->vaddr;
                s.role = Role::Poll;
                s.seq_step = a->step;
                s.fence_before = true;
                const StepResult res = co_await issue{s};
                if (res.status == StepStatus::BusError || res.status == StepStatus::PageFault ||
                    res.status == StepStatus::Memory) {
                    w.feed_fault();
                    break;
                }
                w.feed(res.data);
            }
            const auto st = w.outcome().status;
            if (st == CompletionStatus::Done || st == CompletionStatus::DoneResultOverwritten) ++p.rep.completions_seen;
        }
    }
}

ProcTask attacker_main(Harness& h, Proc& p) {
    static constexpr Strategy kUnits[] = {Strategy::Random, Strategy::Fig5,     Strategy::Fig6, Strategy::Replay,
                                          Strategy::Partial, Strategy::KeyGuess, Strategy::Size, Strategy::Narrow};
    const WindowGeometry& g = h.geom();
    for (;;) {
        Strategy st = p.strategy == Strategy::Mix ? kUnits[p.rng.below(std::size(kUnits))] : p.strategy;
        p.current_attack = st;
        ++p.rep.attacks_tried;
        h.count_attack(p, st);
        switch (st) {
            case Strategy::Random: {
                const auto n = p.rng.range(1, 6);
                for (std::uint64_t i = 0; i < n; ++i) co_await issue{h.random_access(p)};
                break;
            }
            case Strategy::Fig5: {
                // Figure 5: S(foo), L(foo), L(C), L(C): foo and C are the attacker's own pages
                const std::uint64_t foo = sh(layout::kOwnBase + (p.rng.below(kPage / 8) * 8));
                const std::uint64_t c = sh(layout::kOwnBase + kPage + (p.rng.below(kPage / 16) * 8));
                const std::uint64_t size = p.rng.range(1, 256);
                co_await issue{raw_store(foo, size)};
                co_await issue{raw_load(foo)};
                co_await issue{raw_load(c)};
                co_await issue{raw_load(c)};
                break;
            }
            case Strategy::Fig6: {
                // Figure 6: load the shadow of the victim's (public) source, as last seen on the bus
                auto a = h.seen_public_src(p);
                const std::uint64_t va = a ? *a : (p.n_pub ? layout::kPubBase + p.rng.below(p.n_pub) * kPage : layout::kOwnBase);
                const auto n = p.rng.range(1, 3);
                for (std::uint64_t i = 0; i < n; ++i) co_await issue{raw_load(sh(va))};
                break;
            }
            case Strategy::Replay: {
                for (int i = 0; i < 3; ++i) {
                    auto s = h.seen_replay(p);
                    co_await issue{s ? *s : h.random_access(p)};
                }
                break;
            }
            case Strategy::Partial: {
                // the sw library's own sequence on own pages, abandoned after k < n steps
                if (!p.user_level) {
                    co_await issue{h.random_access(p)};
                    break;
                }
                const std::uint64_t size = p.rng.range(1, 128);
                const std::uint64_t src = layout::kOwnBase + p.rng.range(0, kPage - size);
                const std::uint64_t dst = layout::kOwnBase + 2 * kPage + p.rng.range(0, kPage - size);
                InitiationCursor cur(p.session, src, dst, size, RetryPolicy{1});
                const auto k = p.rng.range(1, std::max<std::uint64_t>(1, cur.sequence().length - 1));
                for (std::uint64_t i = 0; i < k; ++i) {
                    auto a = cur.next();
                    if (!a) break;
                    const StepResult res = co_await issue{a->kind == AccessKind::Load ? raw_load(a->vaddr)
                                                                                     : raw_store(a->vaddr, a->data)};
                    cur.feed(a->kind == AccessKind::Load ? res.data : 0);
                }
                break;
            }
            case Strategy::KeyGuess: {
                // key#ctx#sel stores naming another process's context with guessed keys
                auto ctxs = h.contexts_in_use();
                std::vector<unsigned> victims;
                for (unsigned c : ctxs)
                    if (!p.grant || c != p.grant->ctx_id) victims.push_back(c);
                const unsigned victim = victims.empty() ? static_cast<unsigned>(p.rng.below(g.n_ctx)) : victims[p.rng.below(victims.size())];
                const std::uint64_t kmask = h.cfg().key_bits >= 64 ? ~0ull : ((1ull << h.cfg().key_bits) - 1);
                for (int i = 0; i < 4; ++i) {
                    const std::uint64_t key = (p.guess++) & kmask & UDMA_KEY_MASK;
                    const unsigned sel = p.rng.chance(0.5) ? UDMA_KSEL_DST : UDMA_KSEL_SRC;
                    const std::uint64_t va = sh(layout::kOwnBase + p.rng.below(kOwnPages) * kPage + (p.rng.below(kPage / 16) * 8));
                    co_await issue{raw_store(va, UDMA_KEY_STORE_DATA(key, victim, sel))};
                }
                break;
            }
            case Strategy::Size: {
                // the method's sequence (from the library's table) with a bad size or a crossing range
                const Sequence& seq = sequence_of(h.method()).length ? sequence_of(h.method()) : kSequenceShrimp;
                std::uint64_t size;
                std::uint64_t off = p.rng.below(kPage / 8) * 8;
                switch (p.rng.below(5)) {
                    case 0: size = 0; break;
                    case 1: size = kPage + p.rng.range(1, 64); break;
                    case 2: size = std::uint64_t{1} << p.rng.range(13, 63); break;
                    case 3: size = kPage - off + p.rng.range(1, 64); break;  // crosses the page from off
                    default: size = p.rng.next(); break;
                }
                const std::uint64_t dst = sh(layout::kOwnBase + 2 * kPage + off);
                const std::uint64_t src = sh(layout::kOwnBase + off);
                for (unsigned i = 0; i < seq.length; ++i) {
                    const auto& stp = seq.steps[i];
                    std::uint64_t va = stp.address == AddressRole::ShadowDst ? dst
                                       : stp.address == AddressRole::ShadowSrc ? src
                                                                                : layout::kContextVa;
                    std::uint64_t data = 0;
                    if (stp.data == DataRole::Size) data = size;
                    else if (stp.data == DataRole::KeyDst) data = p.session.key_store_data(UDMA_KSEL_DST);
                    else if (stp.data == DataRole::KeySrc) data = p.session.key_store_data(UDMA_KSEL_SRC);
                    co_await issue{stp.kind == AccessKind::Load ? raw_load(va) : raw_store(va, data)};
                }
                break;
            }
            case Strategy::Narrow: {
                const std::uint64_t own = sh(layout::kOwnBase + p.rng.below(kPage / 8) * 8);
                switch (p.rng.below(6)) {
                    case 0: co_await issue{raw_store(own, p.rng.range(1, 64), static_cast<std::uint8_t>(p.rng.range(1, 0xFE)))}; break;
                    case 1: co_await issue{raw_load(layout::kStatusVa + 4)}; break;                 // misaligned
                    case 2: co_await issue{raw_load(layout::kStatusVa + 0x800)}; break;             // undecoded
                    case 3: co_await issue{raw_store(layout::kStatusVa, 1)}; break;                 // read-only: fault
                    case 4: co_await issue{raw_load(layout::kContextVa + 8 * p.rng.range(1, 8))}; break;  // undecoded / unmapped
                    default: co_await issue{raw_load(0x5000'0000 + p.rng.below(kPage))}; break;     // unmapped: fault
                }
                break;
            }
            case Strategy::Mix: break;
        }
    }
}

}  // namespace

RunResult run_harness(const Config& cfg) {
    Harness h(cfg);
    RunResult r = h.run();
    // A violation with no schedule recorded: replay the same seed with recording on (the run is
    // deterministic), so the report can name a file that reproduces it.
    if (!r.violations.empty() && cfg.record.empty() && cfg.schedule.empty() && !cfg.quiet_rerun) {
        Config c2 = cfg;
        c2.record = fmt::format("{}/udma-fail-{}{}{}-seed{}.sched", cfg.fail_dir, method_arg(cfg.method),
                                cfg.hooks ? "" : "-nohook",
                                cfg.key_bits != 56 ? fmt::format("-key{}", cfg.key_bits) : std::string(), cfg.seed);
        c2.trace.clear();
        c2.max_violations = 1;  // the file reproduces the first violation and stops there
        c2.quiet_rerun = true;
        c2.progress = false;
        try {
            Harness h2(c2);
            RunResult r2 = h2.run();
            r.schedule_recorded = c2.record;
        } catch (const std::exception&) {
            r.schedule_recorded.clear();
        }
    }
    return r;
}

bool run_ok(const RunResult& r) {
    if (r.config.demonstrate) return !r.violations.empty();
    return r.violations.empty() && r.stop_reason.empty();
}

}  // namespace udma::tb
