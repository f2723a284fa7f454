/* udma.h: the C API of the udma user-level library (a thin layer over the C++ core in
 * udma/initiation.hpp and udma/hw.hpp; docs/sw.md).
 *
 *   udma_session s = ...;            // given by the OS (or udma_identity_session for bring-up)
 *   udma_result r;
 *   if (udma_dma(&s, src, dst, size, 0, &r) == UDMA_STARTED) {
 *       udma_wait_result w;
 *       udma_wait(&s, &r, 0, 1000000, &w);          // poll up to 1 ms
 *   }
 *
 * udma_dma issues the method's 2-5 volatile 64-bit accesses on the mmap'd window with the
 * host's barriers, restarting from access 1 when a checked load answers -1 (paper Figure 7),
 * at most max_attempts times. Nothing is thrown; every outcome is returned.
 * The *_bus variants run the same code over caller-supplied accessors (simulators, tests). */
#ifndef UDMA_H
#define UDMA_H

#include <stdint.h>

#include "udma_regs.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What the OS gave the process (C mirror of udma::Session; addresses are the process's virtual
 * addresses: shadow(va) = va + shadow_delta). */
typedef struct udma_session {
    int method;               /* enum udma_method */
    uint64_t shadow_delta;    /* shadow(va) = va + shadow_delta */
    uint64_t context_page_va; /* C_CTRL of the process's context page (key-based) */
    uint64_t status_page_va;  /* status page (ticket methods) */
    unsigned ctx_id;          /* key-based context id */
    uint64_t key;             /* key-based key (56 bits) */
    unsigned page_bits;       /* engine PAGE_BITS */
    unsigned ticket_bits;     /* engine TICKET_W */
    unsigned result_slots;    /* engine RESULT_SLOTS */
    int aligned_args_only;    /* refuse src/dst not 8-byte aligned */
} udma_session;

typedef enum udma_status {
    UDMA_STARTED = 0,      /* launched: ticket (ticket methods) or remaining (key-based) */
    UDMA_REFUSED = 1,      /* every attempt failed */
    UDMA_BAD_ARGUMENT = 2, /* rejected before any access; see arg_error */
    UDMA_ACCESS_FAULT = 3  /* a bus error on an access (simulation only) */
} udma_status;

typedef enum udma_arg_error {
    UDMA_ARG_OK = 0,
    UDMA_ARG_SIZE_ZERO = 1,
    UDMA_ARG_SIZE_ABOVE_PAGE = 2,
    UDMA_ARG_SRC_CROSSES_PAGE = 3,
    UDMA_ARG_DST_CROSSES_PAGE = 4,
    UDMA_ARG_UNALIGNED = 5,
    UDMA_ARG_UNALIGNED_ATOMIC = 6,
    UDMA_ARG_NOT_USER_LEVEL = 7,
    UDMA_ARG_KEY_TOO_WIDE = 8,
    UDMA_ARG_CONTEXT_OUT_OF_RANGE = 9,
    UDMA_ARG_ZERO_ATTEMPTS = 10,
    UDMA_ARG_NOT_STARTED = 11,
    UDMA_ARG_METHOD_MISMATCH = 12
} udma_arg_error;

typedef struct udma_result {
    udma_status status;
    udma_arg_error arg_error;
    int has_ticket;          /* ticket methods */
    uint64_t ticket;         /* STARTED | ticket answered by the launching load */
    uint64_t remaining;      /* key-based: bytes remaining at launch */
    uint64_t answer;         /* raw answer of the launching load */
    uint64_t size;           /* requested size */
    unsigned attempts;       /* attempts made */
    unsigned accesses;       /* window accesses issued */
    unsigned failed_step;    /* 1-based step that ended the latest failed attempt, 0 if none */
    uint64_t failed_answer;  /* its answer */
} udma_result;

typedef enum udma_wait_status {
    UDMA_DONE = 0,
    UDMA_DONE_BUS_SLVERR = 1,
    UDMA_DONE_BUS_DECERR = 2,
    UDMA_DONE_RESULT_OVERWRITTEN = 3,
    UDMA_WAIT_TIMEOUT = 4,
    UDMA_WAIT_CONTEXT_REFUSED = 5,
    UDMA_WAIT_NOT_STARTED = 6,
    UDMA_WAIT_ACCESS_FAULT = 7
} udma_wait_status;

typedef struct udma_wait_result {
    udma_wait_status status;
    uint64_t polls;
    uint64_t last_answer;
} udma_wait_result;

/* Bring-up / no MMU: virtual == window_base + window offset, DMA arguments are physical. */
udma_session udma_identity_session(int method, unsigned pa_bits, unsigned page_bits, unsigned n_ctx,
                                   unsigned ctx_id, uint64_t key, uint64_t window_base);

/* Volatile accesses on the mmap'd window. max_attempts 0 = the library default (16). */
udma_status udma_dma(const udma_session* session, uint64_t src_va, uint64_t dst_va, uint64_t size,
                     unsigned max_attempts, udma_result* out);
/* Poll for completion: at most max_polls loads (0 = default 1000000) and timeout_ns (0 = none). */
udma_wait_status udma_wait(const udma_session* session, const udma_result* started, uint64_t max_polls,
                           uint64_t timeout_ns, udma_wait_result* out);

/* Caller-supplied accessors. fence may be NULL; kind: 0 release, 1 between, 2 acquire. */
typedef struct udma_bus_ops {
    uint64_t (*load)(void* user, uint64_t address);
    void (*store)(void* user, uint64_t address, uint64_t data);
    void (*fence)(void* user, int kind);
    void* user;
} udma_bus_ops;

udma_status udma_dma_bus(const udma_bus_ops* bus, const udma_session* session, uint64_t src_va, uint64_t dst_va,
                         uint64_t size, unsigned max_attempts, udma_result* out);
udma_wait_status udma_wait_bus(const udma_bus_ops* bus, const udma_session* session, const udma_result* started,
                               uint64_t max_polls, udma_wait_result* out);

const char* udma_status_name(udma_status status);
const char* udma_arg_error_name(udma_arg_error error);
const char* udma_wait_status_name(udma_wait_status status);

#ifdef __cplusplus
}
#endif

#endif /* UDMA_H */
