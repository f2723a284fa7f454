// Sim<Model>: owns one Verilated model, its context and (optionally) an FST trace.
//
// Clock discipline (every harness piece relies on it):
//   - between ticks the clock is low and the model is settled;
//   - a test sets inputs, may call settle() to read combinational outputs, then tick();
//   - tick() runs the registered per-cycle hooks (bus models) on the settled state, settles
//     again, applies the rising edge and lowers the clock, and advances cycle(). Every udma
//     register is rising-edge triggered, so the falling edge needs no evaluation of its own: the
//     next settle() or tick() evaluates the lowered clock together with the next inputs (this
//     saves a third of the evaluations per cycle).
// X-initialisation: the model is built with --x-initial unique and randReset(2), seeded, so a
// register without a reset value shows up as a random value instead of a silent zero.
#pragma once

#include <verilated.h>
#include <verilated_fst_c.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace udma::tb {

template <class Model>
class Sim {
public:
    using Hook = std::function<void(std::uint64_t cycle)>;

    explicit Sim(std::uint64_t seed = 1, const std::string& trace_path = {})
        : context_(std::make_unique<VerilatedContext>()) {
        context_->randReset(2);
        context_->randSeed(static_cast<int>(seed & 0x7fffffff));
        context_->traceEverOn(!trace_path.empty());
        model_ = std::make_unique<Model>(context_.get(), "top");
        if (!trace_path.empty()) {
            trace_ = std::make_unique<VerilatedFstC>();
            // one clock cycle = 10 trace time units; in ns a waveform viewer shows 100 MHz cycles
            trace_->set_time_unit("1ns");
            trace_->set_time_resolution("1ns");
            model_->trace(trace_.get(), 99);
            trace_->open(trace_path.c_str());
            if (!trace_->isOpen()) throw std::runtime_error("cannot open trace file " + trace_path);
        }
        model_->clk = 0;
        model_->rst_n = 0;
        model_->eval();
    }

    Sim(const Sim&) = delete;
    Sim& operator=(const Sim&) = delete;

    ~Sim() {
        if (trace_) trace_->close();
        model_->final();
    }

    Model& top() { return *model_; }
    const Model& top() const { return *model_; }
    std::uint64_t cycle() const { return cycle_; }

    void settle() { model_->eval(); }

    void add_hook(Hook hook) { hooks_.push_back(std::move(hook)); }

    void tick() {
        for (auto& hook : hooks_) hook(cycle_);
        model_->eval();
        dump(cycle_ * 10);
        model_->clk = 1;
        model_->eval();
        dump(cycle_ * 10 + 5);
        model_->clk = 0;
        ++cycle_;
    }

    void ticks(std::uint64_t n) {
        for (std::uint64_t i = 0; i < n; ++i) tick();
    }

    // Synchronous reset for `cycles` cycles, then released.
    void reset(unsigned cycles = 4) {
        model_->rst_n = 0;
        ticks(cycles);
        model_->rst_n = 1;
        settle();
    }

    void flush_trace() {
        if (trace_) trace_->flush();
    }

private:
    void dump(std::uint64_t time) {
        if (trace_) trace_->dump(time);
    }

    std::unique_ptr<VerilatedContext> context_;
    std::unique_ptr<Model> model_;
    std::unique_ptr<VerilatedFstC> trace_;
    std::vector<Hook> hooks_;
    std::uint64_t cycle_ = 0;
};

}  // namespace udma::tb
