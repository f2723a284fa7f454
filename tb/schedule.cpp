#include "schedule.hpp"

#include <fmt/format.h>

#include <charconv>
#include <sstream>

#include "vm.hpp"

namespace udma::tb {

ScheduleError::ScheduleError(const std::string& file, int line, const std::string& msg)
    : std::runtime_error(line > 0 ? fmt::format("{}:{}: {}", file, line, msg) : fmt::format("{}: {}", file, msg)) {}

namespace {

std::optional<std::uint64_t> parse_num(const std::string& s) {
    if (s.empty()) return std::nullopt;
    std::uint64_t v = 0;
    int base = 10;
    const char* b = s.data();
    const char* e = s.data() + s.size();
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        b += 2;
        base = 16;
    }
    auto r = std::from_chars(b, e, v, base);
    if (r.ec != std::errc{} || r.ptr != e || b == e) return std::nullopt;
    return v;
}

std::optional<std::uint64_t> parse_symbol(const std::string& s) {
    // region[N][+off]
    static const std::pair<const char*, std::uint64_t> regions[] = {
        {"src", layout::kSrcBase}, {"dst", layout::kDstBase},       {"pub", layout::kPubBase},
        {"own", layout::kOwnBase}, {"status", layout::kStatusVa}, {"ctx", layout::kContextVa}};
    std::string base = s, off;
    const auto plus = s.find('+');
    if (plus != std::string::npos) {
        base = s.substr(0, plus);
        off = s.substr(plus + 1);
    }
    for (const auto& [name, va] : regions) {
        const std::string n = name;
        if (base.compare(0, n.size(), n) != 0) continue;
        const std::string idx = base.substr(n.size());
        std::uint64_t i = 0;
        if (!idx.empty()) {
            auto v = parse_num(idx);
            if (!v || *v > 255) return std::nullopt;
            i = *v;
        }
        std::uint64_t o = 0;
        if (plus != std::string::npos) {
            auto v = parse_num(off);
            if (!v || *v >= layout::kPage) return std::nullopt;
            o = *v;
        }
        return va + i * layout::kPage + o;
    }
    return std::nullopt;
}

std::vector<std::string> split(const std::string& line) {
    std::vector<std::string> w;
    std::istringstream is(line);
    std::string t;
    while (is >> t) w.push_back(t);
    return w;
}

}  // namespace

std::optional<std::pair<AddrSpace, std::uint64_t>> parse_address(const std::string& s) {
    if (s.rfind("win:", 0) == 0) {
        auto v = parse_num(s.substr(4));
        if (!v) return std::nullopt;
        return std::make_pair(AddrSpace::Window, *v);
    }
    if (s.rfind("sh(", 0) == 0 && s.size() > 4 && s.back() == ')') {
        auto inner = parse_address(s.substr(3, s.size() - 4));
        if (!inner || inner->first != AddrSpace::Virtual) return std::nullopt;
        return std::make_pair(AddrSpace::Virtual, inner->second + layout::kShadowDelta);
    }
    if (auto v = parse_num(s)) return std::make_pair(AddrSpace::Virtual, *v);
    if (auto v = parse_symbol(s)) return std::make_pair(AddrSpace::Virtual, *v);
    return std::nullopt;
}

Schedule parse_schedule_text(const std::string& text, const std::string& name) {
    Schedule sch;
    sch.path = name;
    std::istringstream in(text);
    std::string raw;
    int ln = 0;
    bool have_header = false;
    auto fail = [&](const std::string& msg) { throw ScheduleError(name, ln, msg); };
    auto proc_of = [&](const std::string& w) {
        if (w.size() < 2 || w[0] != 'P') fail(fmt::format("'{}' is not a process name (P0, P1, ...)", w));
        auto v = parse_num(w.substr(1));
        if (!v || *v > 63) fail(fmt::format("'{}' is not a process name (P0, P1, ...)", w));
        return static_cast<int>(*v);
    };
    auto addr_of = [&](const std::string& w) {
        auto a = parse_address(w);
        if (!a) fail(fmt::format("'{}' is not an address (0x..., win:0x..., src0+0x10, sh(dst1), status, ctx)", w));
        return *a;
    };
    auto num_of = [&](const std::string& w, const char* what) {
        auto v = parse_num(w);
        if (!v) fail(fmt::format("'{}' is not a number ({})", w, what));
        return *v;
    };
    while (std::getline(in, raw)) {
        ++ln;
        const auto hash = raw.find('#');
        const std::string line = hash == std::string::npos ? raw : raw.substr(0, hash);
        auto w = split(line);
        if (w.empty()) continue;
        if (!have_header) {
            if (w.size() != 2 || w[0] != "udma-schedule" || w[1] != "1")
                fail("the first line must be 'udma-schedule 1'");
            have_header = true;
            continue;
        }
        if (w[0] == "config") {
            if (w.size() < 2) fail("'config' needs name=value pairs");
            for (std::size_t i = 1; i < w.size(); ++i) {
                const auto eq = w[i].find('=');
                if (eq == std::string::npos || eq == 0) fail(fmt::format("'{}' is not name=value", w[i]));
                sch.config.emplace_back(w[i].substr(0, eq), w[i].substr(eq + 1));
                sch.config_line_numbers.emplace_back(ln, 0);
            }
            continue;
        }
        ScheduleLine l;
        l.line = ln;
        if (w[0] == "switch") {
            if (w.size() != 2) fail("'switch' takes one process name");
            l.type = ScheduleLine::Type::Switch;
            l.proc = proc_of(w[1]);
        } else if (w[0] == "dma") {
            if (w.size() != 5) fail("'dma' takes: P<n> src=ADDR dst=ADDR size=N");
            l.type = ScheduleLine::Type::Dma;
            l.proc = proc_of(w[1]);
            bool s = false, d = false, z = false;
            for (std::size_t i = 2; i < 5; ++i) {
                const auto eq = w[i].find('=');
                if (eq == std::string::npos) fail(fmt::format("'{}' is not name=value", w[i]));
                const std::string k = w[i].substr(0, eq), v = w[i].substr(eq + 1);
                if (k == "src") {
                    auto a = addr_of(v);
                    if (a.first != AddrSpace::Virtual) fail("dma arguments are virtual addresses");
                    l.src = a.second;
                    s = true;
                } else if (k == "dst") {
                    auto a = addr_of(v);
                    if (a.first != AddrSpace::Virtual) fail("dma arguments are virtual addresses");
                    l.dst = a.second;
                    d = true;
                } else if (k == "size") {
                    l.size = num_of(v, "size");
                    z = true;
                } else {
                    fail(fmt::format("unknown dma field '{}' (src dst size)", k));
                }
            }
            if (!s || !d || !z) fail("'dma' needs src=, dst= and size=");
        } else {
            l.proc = proc_of(w[0]);
            if (w.size() < 2) fail("a process line needs an action: step, load, store");
            const std::string& act = w[1];
            if (act == "step") {
                l.type = ScheduleLine::Type::Step;
                if (w.size() > 2) {
                    l.has_expect = true;
                    if (w[2] == "syscall") {
                        l.syscall = true;
                        if (w.size() != 3) fail("'step syscall' takes nothing more");
                    } else if (w[2] == "load" && w.size() == 4) {
                        l.op = AccessKind::Load;
                        auto a = addr_of(w[3]);
                        l.space = a.first;
                        l.addr = a.second;
                    } else if (w[2] == "store" && w.size() == 5) {
                        l.op = AccessKind::Store;
                        auto a = addr_of(w[3]);
                        l.space = a.first;
                        l.addr = a.second;
                        l.data = num_of(w[4], "store data");
                    } else {
                        fail("an expected step is 'step load ADDR', 'step store ADDR DATA' or 'step syscall'");
                    }
                }
            } else if (act == "attack") {
                if (w.size() != 3) fail("'attack' takes one strategy name");
                l.type = ScheduleLine::Type::Attack;
                l.strategy = w[2];
            } else if (act == "load" || act == "store") {
                l.type = ScheduleLine::Type::Raw;
                l.op = act == "load" ? AccessKind::Load : AccessKind::Store;
                const std::size_t need = act == "load" ? 3 : 4;
                if (w.size() < need) fail(fmt::format("'{}' needs {}", act, act == "load" ? "ADDR" : "ADDR DATA"));
                auto a = addr_of(w[2]);
                l.space = a.first;
                l.addr = a.second;
                if (act == "store") l.data = num_of(w[3], "store data");
                for (std::size_t i = need; i < w.size(); ++i) {
                    if (w[i].rfind("strb=", 0) == 0 && act == "store") {
                        auto v = num_of(w[i].substr(5), "strobe");
                        if (v > 0xFF) fail("strb is 8 bits");
                        l.strb = static_cast<std::uint8_t>(v);
                    } else {
                        fail(fmt::format("unexpected '{}'", w[i]));
                    }
                }
            } else {
                fail(fmt::format("unknown action '{}' (step, load, store, attack)", act));
            }
        }
        sch.lines.push_back(l);
    }
    if (!have_header) throw ScheduleError(name, 0, "empty file (no 'udma-schedule 1' line)");
    return sch;
}

Schedule parse_schedule(const std::string& path) {
    std::ifstream f(path);
    if (!f) throw ScheduleError(path, 0, "cannot open the file");
    std::stringstream ss;
    ss << f.rdbuf();
    return parse_schedule_text(ss.str(), path);
}

ScheduleWriter::ScheduleWriter(const std::string& path) : out_(path) {}

void ScheduleWriter::header(const std::vector<std::pair<std::string, std::string>>& config) {
    out_ << "udma-schedule 1\n";
    out_ << "config";
    for (const auto& [k, v] : config) out_ << ' ' << k << '=' << v;
    out_ << '\n';
}

void ScheduleWriter::dma(int proc, std::uint64_t src, std::uint64_t dst, std::uint64_t size) {
    out_ << fmt::format("dma P{} src={:#x} dst={:#x} size={}\n", proc, src, dst, size);
}

static std::string addr_text(const Step& s) {
    return s.space == AddrSpace::Window ? fmt::format("win:{:#x}", s.addr) : fmt::format("{:#x}", s.addr);
}

void ScheduleWriter::step(int proc, const Step& s) {
    if (s.kind == StepKind::Syscall) {
        out_ << fmt::format("P{} step syscall\n", proc);
    } else if (s.op == AccessKind::Load) {
        out_ << fmt::format("P{} step load {}\n", proc, addr_text(s));
    } else {
        out_ << fmt::format("P{} step store {} {:#x}\n", proc, addr_text(s), s.data);
    }
}

void ScheduleWriter::raw(int proc, const Step& s) {
    if (s.op == AccessKind::Load) {
        out_ << fmt::format("P{} load {}\n", proc, addr_text(s));
    } else if (s.strb == 0xFF) {
        out_ << fmt::format("P{} store {} {:#x}\n", proc, addr_text(s), s.data);
    } else {
        out_ << fmt::format("P{} store {} {:#x} strb={:#04x}\n", proc, addr_text(s), s.data, s.strb);
    }
}

void ScheduleWriter::switch_to(int proc) { out_ << fmt::format("switch P{}\n", proc); }
void ScheduleWriter::attack(int proc, const std::string& strategy) {
    out_ << fmt::format("P{} attack {}\n", proc, strategy);
}
void ScheduleWriter::comment(const std::string& text) { out_ << "# " << text << '\n'; }
void ScheduleWriter::close() { out_.close(); }

}  // namespace udma::tb
