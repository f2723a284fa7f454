#include "report.hpp"

#include <fmt/format.h>

namespace udma::tb {

std::string json_escape(const std::string& s) {
    std::string o;
    for (char c : s) {
        switch (c) {
            case '"': o += "\\\""; break;
            case '\\': o += "\\\\"; break;
            case '\n': o += "\\n"; break;
            case '\t': o += "\\t"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) o += fmt::format("\\u{:04x}", c);
                else o += c;
        }
    }
    return o;
}

static std::string procs_text(const RunResult& r, const std::vector<int>& ids) {
    std::string s;
    for (int id : ids) {
        if (!s.empty()) s += ", ";
        if (id < 0) { s += "kernel"; continue; }
        std::string role;
        for (const auto& p : r.procs)
            if (p.id == id) role = p.honest ? "honest" : "malicious";
        s += fmt::format("P{} ({})", id, role);
    }
    return s.empty() ? "-" : s;
}

std::string violation_text(const RunResult& r, const Violation& v) {
    return fmt::format("{} at cycle {} (bus access #{}), processes {}: {}", to_string(v.prop), v.cycle, v.access,
                       procs_text(r, v.procs), v.what);
}

static double per(double a, std::uint64_t n) { return n ? a / static_cast<double>(n) : 0.0; }

std::string report_md(const RunResult& r) {
    const Config& c = r.config;
    std::string o;
    o += fmt::format("## udma-sim: method {}, {} honest + {} malicious, seed {}\n\n", name(c.method), c.honest, c.malicious,
                     c.seed);
    o += fmt::format("DUT `{}`, profile `{}`, preempt {}, hooks {}, key bits {}, write buffer {}{}\n\n", r.dut,
                     r.profile.name, c.preempt, c.hooks ? "on" : "off", c.key_bits, c.write_buffer,
                     c.write_buffer ? (c.barriers ? " (barriers on)" : " (barriers off)") : "");
    o += "| figure | value |\n|---|---|\n";
    o += fmt::format("| DMAs requested / started / refused / completed | {} / {} / {} / {} |\n", r.dmas_requested,
                     r.dmas_started, r.dmas_refused, r.dmas_completed);
    o += fmt::format("| retries (failed attempts) | {} |\n", r.retries);
    o += fmt::format("| launches / refusals (engine) | {} / {} |\n", r.oracle.launches, r.oracle.refusals);
    o += fmt::format("| transfers: honest / kernel path / malicious own / hijacked | {} / {} / {} / {} |\n",
                     r.oracle.honest_launches, r.oracle.kernel_launches, r.oracle.attacker_transfers, r.oracle.hijacked);
    o += fmt::format("| attacks tried / succeeded | {} / {} |\n", r.attacks_tried, r.attacks_succeeded);
    o += fmt::format("| violations | {} |\n", r.violations.size());
    o += fmt::format("| per started initiation: accesses / loads / bus cycles | {:.2f} / {:.2f} / {:.1f} |\n",
                     per(r.cost.accesses, r.cost.calls), per(r.cost.loads, r.cost.calls), per(r.cost.bus_cycles, r.cost.calls));
    o += fmt::format("| per started initiation: simulated time ({}) | {:.2f} us |\n", r.profile.name,
                     per(r.cost.time_us, r.cost.calls));
    o += fmt::format("| steps / bus accesses / cycles / context switches | {} / {} / {} / {} |\n", r.steps, r.bus_accesses,
                     r.cycles, r.context_switches);
    o += fmt::format("| simulated host time | {:.1f} us |\n", r.sim_time_us);
    if (c.write_buffer) o += fmt::format("| write buffer: stores merged / loads forwarded | {} / {} |\n", r.wbuf_merged, r.wbuf_forwarded);
    o += fmt::format("| bytes written by the mover | {} |\n", r.oracle.bytes_written);
    o += fmt::format("| wrong-key stores | {} |\n", r.oracle.key_fail_stores);
    if (r.oracle.ctx_zero_before_completion)
        o += fmt::format("| context page said 0 with write responses outstanding (all bytes written) | {} |\n",
                         r.oracle.ctx_zero_before_completion);
    o += fmt::format("| page faults | {} |\n", [&] { std::uint64_t n = 0; for (auto& p : r.procs) n += p.page_faults; return n; }());
    o += fmt::format("| AXI error responses | {} |\n", r.oracle.error_responses);
    o += "\n";
    if (!r.stop_reason.empty()) o += fmt::format("Run ended early: {}\n\n", r.stop_reason);
    if (!r.violations.empty()) {
        o += "### Violations\n\n";
        for (const auto& v : r.violations) o += "- " + violation_text(r, v) + "\n";
        if (!r.schedule_recorded.empty())
            o += fmt::format("\nReproduce: `udma-sim --schedule {}`\n", r.schedule_recorded);
        o += "\n";
    }
    if (!r.attacks.empty()) {
        o += "| attack strategy | tried | succeeded |\n|---|---|---|\n";
        for (const auto& [k, s] : r.attacks) o += fmt::format("| {} | {} | {} |\n", k, s.tried, s.succeeded);
        o += "\n";
    }
    o += "| process | role | steps | loads | stores | faults | DMAs req/started/refused | retries | attacks tried/succeeded |\n";
    o += "|---|---|---|---|---|---|---|---|---|\n";
    for (const auto& p : r.procs) {
        o += fmt::format("| {} | {} | {} | {} | {} | {} | {}/{}/{} | {} | {}/{} |\n", p.name, p.role, p.steps, p.loads,
                         p.stores, p.page_faults, p.dmas_requested, p.dmas_started, p.dmas_refused, p.retries,
                         p.attacks_tried, p.attacks_succeeded);
    }
    return o;
}

std::string report_json(const RunResult& r) {
    const Config& c = r.config;
    std::string o = "{\n";
    o += fmt::format("  \"method\": \"{}\", \"honest\": {}, \"malicious\": {}, \"seed\": {}, \"dmas\": {},\n", name(c.method),
                     c.honest, c.malicious, c.seed, c.dmas);
    o += fmt::format("  \"dut\": \"{}\", \"profile\": \"{}\", \"preempt\": {}, \"hooks\": {}, \"key_bits\": {}, \"write_buffer\": {},\n",
                     r.dut, r.profile.name, c.preempt, c.hooks, c.key_bits, c.write_buffer);
    o += fmt::format("  \"dmas_requested\": {}, \"dmas_started\": {}, \"dmas_refused\": {}, \"dmas_completed\": {}, \"retries\": {},\n",
                     r.dmas_requested, r.dmas_started, r.dmas_refused, r.dmas_completed, r.retries);
    o += fmt::format("  \"launches\": {}, \"refusals\": {}, \"honest_transfers\": {}, \"kernel_transfers\": {}, "
                     "\"malicious_own_transfers\": {}, \"hijacked\": {},\n",
                     r.oracle.launches, r.oracle.refusals, r.oracle.honest_launches, r.oracle.kernel_launches,
                     r.oracle.attacker_transfers, r.oracle.hijacked);
    o += fmt::format("  \"attacks_tried\": {}, \"attacks_succeeded\": {},\n", r.attacks_tried, r.attacks_succeeded);
    o += fmt::format("  \"per_initiation\": {{\"calls\": {}, \"accesses\": {:.4f}, \"loads\": {:.4f}, \"bus_cycles\": {:.4f}, \"time_us\": {:.4f}}},\n",
                     r.cost.calls, per(r.cost.accesses, r.cost.calls), per(r.cost.loads, r.cost.calls),
                     per(r.cost.bus_cycles, r.cost.calls), per(r.cost.time_us, r.cost.calls));
    o += fmt::format("  \"steps\": {}, \"bus_accesses\": {}, \"cycles\": {}, \"context_switches\": {}, \"sim_time_us\": {:.3f},\n",
                     r.steps, r.bus_accesses, r.cycles, r.context_switches, r.sim_time_us);
    o += fmt::format("  \"bytes_written\": {}, \"key_fail_stores\": {}, \"error_responses\": {}, \"wbuf_merged\": {}, \"wbuf_forwarded\": {}, \"ctx_zero_before_completion\": {},\n",
                     r.oracle.bytes_written, r.oracle.key_fail_stores, r.oracle.error_responses, r.wbuf_merged, r.wbuf_forwarded,
                     r.oracle.ctx_zero_before_completion);
    o += fmt::format("  \"stop_reason\": \"{}\", \"schedule\": \"{}\",\n", json_escape(r.stop_reason), json_escape(r.schedule_recorded));
    o += "  \"attacks\": {";
    bool first = true;
    for (const auto& [k, s] : r.attacks) {
        o += fmt::format("{}\"{}\": {{\"tried\": {}, \"succeeded\": {}}}", first ? "" : ", ", k, s.tried, s.succeeded);
        first = false;
    }
    o += "},\n  \"violations\": [";
    first = true;
    for (const auto& v : r.violations) {
        o += fmt::format("{}\n    {{\"property\": \"{}\", \"cycle\": {}, \"access\": {}, \"processes\": [", first ? "" : ",",
                         to_string(v.prop), v.cycle, v.access);
        for (std::size_t i = 0; i < v.procs.size(); ++i) o += fmt::format("{}{}", i ? ", " : "", v.procs[i]);
        o += fmt::format("], \"what\": \"{}\"}}", json_escape(v.what));
        first = false;
    }
    o += first ? "],\n" : "\n  ],\n";
    o += "  \"processes\": [";
    first = true;
    for (const auto& p : r.procs) {
        o += fmt::format("{}\n    {{\"name\": \"{}\", \"honest\": {}, \"role\": \"{}\", \"steps\": {}, \"loads\": {}, \"stores\": {}, "
                         "\"page_faults\": {}, \"dmas_requested\": {}, \"dmas_started\": {}, \"dmas_refused\": {}, \"retries\": {}, "
                         "\"attacks_tried\": {}, \"attacks_succeeded\": {}}}",
                         first ? "" : ",", p.name, p.honest, json_escape(p.role), p.steps, p.loads, p.stores, p.page_faults,
                         p.dmas_requested, p.dmas_started, p.dmas_refused, p.retries, p.attacks_tried, p.attacks_succeeded);
        first = false;
    }
    o += "\n  ]\n}\n";
    return o;
}

}  // namespace udma::tb
