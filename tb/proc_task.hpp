// ProcTask: one simulated host process as a C++20 coroutine. Every bus access the process makes
// is a co_await (`co_await issue(step)`): the coroutine suspends with the step in its promise, the
// scheduler performs it on the RTL, stores the result, and resumes the coroutine when it decides
// so. Single-threaded: the Verilated model is only ever driven from the scheduler loop.
#pragma once

#include <coroutine>
#include <cstdint>
#include <exception>
#include <string>
#include <utility>

#include "udma/sequence.hpp"

namespace udma::tb {

enum class StepKind : std::uint8_t {
    Access,   // one 64-bit load or store
    Syscall,  // the kernel-level DMA path: one uninterruptible system call
};

// How the issuing process reads its address.
enum class AddrSpace : std::uint8_t {
    Virtual,  // a process virtual address: the page table translates it or the access faults
    Window,   // a raw engine-window offset (schedule files only, e.g. formal counterexamples)
};

// What the access means to the library code that issued it (oracle bookkeeping).
enum class Role : std::uint8_t {
    Raw,           // an attacker's access: no library meaning
    Initiation,    // a step of the sw library's InitiationCursor
    Poll,          // a step of the sw library's CompletionCursor
    Syscall,       // the kernel path
};

struct Step {
    StepKind kind = StepKind::Access;
    AccessKind op = AccessKind::Load;
    AddrSpace space = AddrSpace::Virtual;
    std::uint64_t addr = 0;
    std::uint64_t data = 0;
    std::uint8_t strb = 0xFF;
    bool preemptible_after = true;  // false: the next step follows without a process switch (PAL)
    bool fence_before = false;      // the library fences before this access (drains a write buffer)
    Role role = Role::Raw;
    std::uint8_t seq_step = 0;      // Initiation: 1-based sequence step; Poll: cursor step
    bool launching = false;         // Initiation: this is the sequence's launching load
    // Syscall: the kernel-level DMA request (virtual addresses of the caller)
    std::uint64_t src_va = 0, dst_va = 0, size = 0;
};

enum class StepStatus : std::uint8_t {
    Ok,         // the access reached the engine and was answered OKAY
    BusError,   // the engine answered SLVERR or DECERR
    PageFault,  // the MMU refused it: it never reached the bus
    Buffered,   // a store entered the host write buffer (it reaches the bus later)
    Forwarded,  // a load was answered from the host write buffer (it never reached the bus)
    Memory,     // an ordinary memory page: not modelled, no effect (loads read 0)
};

struct StepResult {
    std::uint64_t data = 0;
    StepStatus status = StepStatus::Ok;
    std::uint8_t resp = 0;         // AXI response code
    std::uint64_t access = 0;      // index of the bus access that answered (0: none reached the bus)
    std::uint64_t cycles = 0;      // host-port cycles spent on the bus by this step
    unsigned loads = 0, stores = 0;  // bus accesses this step made (a system call makes several)
};

class ProcTask {
public:
    struct promise_type {
        Step step{};
        StepResult result{};
        bool has_step = false;
        std::exception_ptr error;

        ProcTask get_return_object() { return ProcTask(std::coroutine_handle<promise_type>::from_promise(*this)); }
        std::suspend_always initial_suspend() noexcept { return {}; }
        std::suspend_always final_suspend() noexcept { return {}; }
        void return_void() noexcept {}
        void unhandled_exception() noexcept { error = std::current_exception(); }
    };

    ProcTask() = default;
    explicit ProcTask(std::coroutine_handle<promise_type> h) : h_(h) {}
    ProcTask(ProcTask&& o) noexcept : h_(std::exchange(o.h_, {})) {}
    ProcTask& operator=(ProcTask&& o) noexcept {
        if (this != &o) {
            reset();
            h_ = std::exchange(o.h_, {});
        }
        return *this;
    }
    ProcTask(const ProcTask&) = delete;
    ProcTask& operator=(const ProcTask&) = delete;
    ~ProcTask() { reset(); }

    bool valid() const { return static_cast<bool>(h_); }
    bool finished() const { return !h_ || h_.done(); }

    // Deliver `result` (of the previous step) and run the process to its next step. Returns false
    // when the process ended instead. Rethrows what the process threw.
    bool advance(const StepResult& result) {
        if (finished()) return false;
        auto& p = h_.promise();
        p.result = result;
        p.has_step = false;
        h_.resume();
        if (p.error) std::rethrow_exception(std::exchange(p.error, nullptr));
        return !h_.done() && p.has_step;
    }
    const Step& step() const { return h_.promise().step; }

private:
    void reset() {
        if (h_) h_.destroy();
        h_ = {};
    }
    std::coroutine_handle<promise_type> h_{};
};

// co_await issue(step): suspend with `step` pending; resumes with its result.
struct issue {
    Step step;
    ProcTask::promise_type* promise = nullptr;
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<ProcTask::promise_type> h) noexcept {
        promise = &h.promise();
        promise->step = step;
        promise->has_step = true;
    }
    StepResult await_resume() const noexcept { return promise->result; }
};

}  // namespace udma::tb
