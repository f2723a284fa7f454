#include "config.hpp"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <functional>
#include <map>

namespace udma::tb {

const std::vector<std::pair<Strategy, const char*>>& strategy_names() {
    static const std::vector<std::pair<Strategy, const char*>> names{
        {Strategy::Random, "random"}, {Strategy::Fig5, "fig5"},        {Strategy::Fig6, "fig6"},
        {Strategy::Replay, "replay"}, {Strategy::Partial, "partial"},  {Strategy::KeyGuess, "keyguess"},
        {Strategy::Size, "size"},     {Strategy::Narrow, "narrow"},    {Strategy::Mix, "mix"}};
    return names;
}

const char* to_string(Strategy s) {
    for (const auto& [k, n] : strategy_names())
        if (k == s) return n;
    return "?";
}

std::optional<Strategy> parse_strategy(const std::string& s) {
    for (const auto& [k, n] : strategy_names())
        if (s == n) return k;
    return std::nullopt;
}

std::optional<Method> parse_method(const std::string& s) {
    std::string l;
    for (char ch : s) l.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
    if (l == "kernel") return Method::Kernel;
    for (Method m : kUserMethods) {
        std::string n;
        for (char ch : name(m)) n.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
        if (n == l) return m;
    }
    return std::nullopt;
}

std::string method_arg(Method m) {
    std::string n;
    for (char ch : name(m)) n.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
    return n;
}

namespace {

std::uint64_t parse_u64(const std::string& name, const std::string& v, std::uint64_t lo, std::uint64_t hi) {
    std::uint64_t x = 0;
    const char* b = v.data();
    const char* e = v.data() + v.size();
    int base = 10;
    if (v.size() > 2 && v[0] == '0' && (v[1] == 'x' || v[1] == 'X')) {
        b += 2;
        base = 16;
    }
    // allow 1e5-style and 100k/1M suffixes for counts
    std::uint64_t mult = 1;
    std::string body(b, e);
    if (base == 10 && !body.empty()) {
        const char last = body.back();
        if (last == 'k' || last == 'K') mult = 1000, body.pop_back();
        else if (last == 'M') mult = 1000000, body.pop_back();
        auto epos = body.find_first_of("eE");
        if (epos != std::string::npos) {
            std::uint64_t m = 0, ex = 0;
            auto r1 = std::from_chars(body.data(), body.data() + epos, m);
            auto r2 = std::from_chars(body.data() + epos + 1, body.data() + body.size(), ex);
            if (r1.ec != std::errc{} || r1.ptr != body.data() + epos || r2.ec != std::errc{} ||
                r2.ptr != body.data() + body.size() || ex > 18)
                throw BadOption(fmt::format("--{}: '{}' is not a number", name, v));
            x = m;
            for (std::uint64_t i = 0; i < ex; ++i) x *= 10;
            body.clear();
        }
    }
    if (!body.empty() || base == 16) {
        const std::string& s = body;
        auto r = std::from_chars(s.data(), s.data() + s.size(), x, base);
        if (s.empty() || r.ec != std::errc{} || r.ptr != s.data() + s.size())
            throw BadOption(fmt::format("--{}: '{}' is not a number", name, v));
    }
    x *= mult;
    if (x < lo || x > hi) throw BadOption(fmt::format("--{}: {} is out of range [{}, {}]", name, v, lo, hi));
    return x;
}

double parse_double(const std::string& name, const std::string& v, double lo, double hi) {
    double x = 0;
    auto r = std::from_chars(v.data(), v.data() + v.size(), x);
    if (v.empty() || r.ec != std::errc{} || r.ptr != v.data() + v.size())
        throw BadOption(fmt::format("--{}: '{}' is not a number", name, v));
    if (!(x >= lo && x <= hi)) throw BadOption(fmt::format("--{}: {} is out of range [{}, {}]", name, v, lo, hi));
    return x;
}

bool parse_bool(const std::string& name, const std::string& v) {
    if (v == "on" || v == "1" || v == "true" || v == "yes") return true;
    if (v == "off" || v == "0" || v == "false" || v == "no") return false;
    throw BadOption(fmt::format("--{}: '{}' is not on/off", name, v));
}

struct Opt {
    const char* help;
    bool is_switch;
    std::function<void(Config&, const std::string&, const std::string&)> set;
};

const std::map<std::string, Opt>& table() {
    static const std::map<std::string, Opt> t{
        {"method", {"METHOD: kernel shrimp flash pal key ext rep3 rep4 rep5", false,
                    [](Config& c, const std::string& n, const std::string& v) {
                        auto m = parse_method(v);
                        if (!m) throw BadOption(fmt::format("--{}: unknown method '{}' (kernel shrimp flash pal key ext rep3 rep4 rep5)", n, v));
                        c.method = *m;
                    }}},
        {"honest", {"N honest processes (run the sw library)", false,
                    [](Config& c, const std::string& n, const std::string& v) { c.honest = static_cast<unsigned>(parse_u64(n, v, 0, 32)); }}},
        {"malicious", {"N malicious processes (raw accesses)", false,
                       [](Config& c, const std::string& n, const std::string& v) { c.malicious = static_cast<unsigned>(parse_u64(n, v, 0, 32)); }}},
        {"attackers", {"S[,S...] attacker strategies: random fig5 fig6 replay partial keyguess size narrow mix", false,
                       [](Config& c, const std::string& n, const std::string& v) {
                           c.attackers.clear();
                           std::size_t pos = 0;
                           while (pos <= v.size()) {
                               const std::size_t comma = v.find(',', pos);
                               const std::string item = v.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
                               auto s = parse_strategy(item);
                               if (!s) throw BadOption(fmt::format("--{}: unknown strategy '{}'", n, item));
                               c.attackers.push_back(*s);
                               if (comma == std::string::npos) break;
                               pos = comma + 1;
                           }
                       }}},
        {"preempt", {"P probability of a process switch after an access (0..1)", false,
                     [](Config& c, const std::string& n, const std::string& v) { c.preempt = parse_double(n, v, 0.0, 1.0); }}},
        {"dmas", {"N DMAs requested by the honest processes in total", false,
                  [](Config& c, const std::string& n, const std::string& v) { c.dmas = parse_u64(n, v, 0, 1'000'000'000'000ull); }}},
        {"seed", {"N seed (same seed, same run, cycle for cycle)", false,
                  [](Config& c, const std::string& n, const std::string& v) { c.seed = parse_u64(n, v, 0, ~0ull); }}},
        {"profile", {"NAME bus timing profile: turbochannel pcie", false,
                     [](Config& c, const std::string& n, const std::string& v) {
                         if (v != "turbochannel" && v != "pcie") throw BadOption(fmt::format("--{}: unknown profile '{}' (turbochannel pcie)", n, v));
                         c.profile = v;
                     }}},
        {"hooks", {"on|off SHRIMP ABORT / FLASH CURRENT_PID context-switch hooks", false,
                   [](Config& c, const std::string& n, const std::string& v) { c.hooks = parse_bool(n, v); }}},
        {"key-bits", {"N random bits per key (1..56)", false,
                      [](Config& c, const std::string& n, const std::string& v) { c.key_bits = static_cast<unsigned>(parse_u64(n, v, 1, 56)); }}},
        {"write-buffer", {"N host write-buffer entries per process (0 = none)", false,
                          [](Config& c, const std::string& n, const std::string& v) { c.write_buffer = static_cast<unsigned>(parse_u64(n, v, 0, 64)); }}},
        {"barriers", {"on|off the library's fences between window accesses", false,
                      [](Config& c, const std::string& n, const std::string& v) { c.barriers = parse_bool(n, v); }}},
        {"dut", {"top|initiator|auto RTL top (initiator: the engine with a C++ mover)", false,
                 [](Config& c, const std::string& n, const std::string& v) {
                     if (v != "top" && v != "initiator" && v != "auto") throw BadOption(fmt::format("--{}: unknown DUT '{}' (top initiator auto)", n, v));
                     c.dut = v;
                 }}},
        {"wait", {"P probability an honest process waits for completion after a start", false,
                  [](Config& c, const std::string& n, const std::string& v) { c.wait = parse_double(n, v, 0.0, 1.0); }}},
        {"max-size", {"N largest transfer an honest process requests (1..4096)", false,
                      [](Config& c, const std::string& n, const std::string& v) { c.max_size = static_cast<unsigned>(parse_u64(n, v, 1, 4096)); }}},
        {"max-attempts", {"N library retry bound per DMA", false,
                          [](Config& c, const std::string& n, const std::string& v) { c.max_attempts = static_cast<unsigned>(parse_u64(n, v, 1, 1'000'000)); }}},
        {"trace", {"FILE.fst write an FST waveform", false,
                   [](Config& c, const std::string& n, const std::string& v) {
                       if (v.empty()) throw BadOption(fmt::format("--{}: empty file name", n));
                       c.trace = v;
                   }}},
        {"schedule", {"FILE replay a schedule file", false,
                      [](Config& c, const std::string&, const std::string& v) { c.schedule = v; }}},
        {"record-schedule", {"FILE record the run's schedule", false,
                             [](Config& c, const std::string&, const std::string& v) { c.record = v; }}},
        {"report", {"md|json report format", false,
                    [](Config& c, const std::string& n, const std::string& v) {
                        if (v != "md" && v != "json") throw BadOption(fmt::format("--{}: unknown format '{}' (md json)", n, v));
                        c.report = v;
                    }}},
        {"report-file", {"FILE write the report to FILE", false,
                         [](Config& c, const std::string&, const std::string& v) { c.report_file = v; }}},
        {"demonstrate", {"the run demonstrates an attack: exit 0 when a violation is found, 1 when not", true,
                         [](Config& c, const std::string&, const std::string&) { c.demonstrate = true; }}},
        {"max-violations", {"N stop after N violations (0 = never)", false,
                            [](Config& c, const std::string& n, const std::string& v) { c.max_violations = parse_u64(n, v, 0, ~0ull); }}},
        {"syscall-us", {"US system call cost for the pcie profile instead of measuring it", false,
                        [](Config& c, const std::string& n, const std::string& v) { c.syscall_us = parse_double(n, v, 0.0, 1e6); }}},
        {"progress", {"on|off progress line on a terminal", false,
                      [](Config& c, const std::string& n, const std::string& v) { c.progress = parse_bool(n, v); }}},
        {"fail-dir", {"DIR where a failing run records the schedule that reproduces it (default .)", false,
                      [](Config& c, const std::string& n, const std::string& v) {
                          if (v.empty()) throw BadOption(fmt::format("--{}: empty directory name", n));
                          c.fail_dir = v;
                      }}},
        {"mem-latency", {"N memory model latency in cycles", false,
                         [](Config& c, const std::string& n, const std::string& v) { c.mem_latency = static_cast<unsigned>(parse_u64(n, v, 0, 64)); }}},
    };
    return t;
}

}  // namespace

bool set_option(Config& c, const std::string& name, const std::string& value) {
    auto it = table().find(name);
    if (it == table().end()) return false;
    it->second.set(c, name, value);
    return true;
}

bool option_is_switch(const std::string& name) {
    auto it = table().find(name);
    return it != table().end() && it->second.is_switch;
}

std::vector<std::pair<std::string, std::string>> config_lines(const Config& c) {
    std::string att;
    for (std::size_t i = 0; i < c.attackers.size(); ++i) {
        if (i) att.push_back(',');
        att.append(to_string(c.attackers[i]));
    }
    return {
        {"method", method_arg(c.method)},
        {"honest", std::to_string(c.honest)},
        {"malicious", std::to_string(c.malicious)},
        {"attackers", att},
        {"dmas", std::to_string(c.dmas)},
        {"seed", std::to_string(c.seed)},
        {"hooks", c.hooks ? "on" : "off"},
        {"key-bits", std::to_string(c.key_bits)},
        {"write-buffer", std::to_string(c.write_buffer)},
        {"barriers", c.barriers ? "on" : "off"},
        {"dut", c.dut},
        {"wait", fmt::format("{}", c.wait)},
        {"max-size", std::to_string(c.max_size)},
        {"max-attempts", std::to_string(c.max_attempts)},
        {"mem-latency", std::to_string(c.mem_latency)},
        {"profile", c.profile},
    };
}

std::string options_help() {
    std::string s;
    for (const auto& [name, o] : table()) s += fmt::format("  --{:<16} {}\n", name, o.help);
    return s;
}

}  // namespace udma::tb
