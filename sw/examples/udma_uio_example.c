/* udma_uio_example: bring-up program for a board with the udma engine.
 *
 * THIS PROGRAM CANNOT RUN IN THE PROJECT'S BUILD ENVIRONMENT: there is no udma device here. It is
 * compiled by the normal build (target udma_uio_example) so it keeps matching the library, and is
 * never run by the tests.
 *
 * It opens the engine's window through UIO (/dev/uioN, map 0, the window as the device tree or
 * PCI BAR describes it) or through /dev/mem at a physical address, mmaps the whole window
 * uncached, selects extended shadow addressing on the kernel page (bring-up only: on a real
 * system the kernel page belongs to the driver, and processes get only their shadow pages, their
 * context page and the status page), then runs ONE user-level DMA with udma_dma() and ONE
 * completion poll with udma_wait().
 *
 * Without an MMU-backed shadow mapping the DMA arguments are PHYSICAL addresses (an identity
 * session): give the physical addresses of two buffers the engine may access, e.g. a
 * reserved-memory region.
 *
 *   udma_uio_example /dev/uio0 SRC_PA DST_PA SIZE
 *   udma_uio_example --mem WINDOW_PA WINDOW_BYTES SRC_PA DST_PA SIZE
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "udma/udma.h"

static int parse_u64(const char* text, uint64_t* out) {
    char* end = NULL;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 0);
    if (errno != 0 || end == text || *end != '\0') return -1;
    *out = (uint64_t)v;
    return 0;
}

/* UIO: the size of map 0 is in sysfs. */
static int uio_map_size(const char* dev, uint64_t* size) {
    const char* name = strrchr(dev, '/');
    char path[256];
    snprintf(path, sizeof path, "/sys/class/uio/%s/maps/map0/size", name ? name + 1 : dev);
    FILE* f = fopen(path, "r");
    if (!f) return -1;
    unsigned long long v = 0;
    int ok = fscanf(f, "%llx", &v) == 1;
    fclose(f);
    *size = (uint64_t)v;
    return ok ? 0 : -1;
}

static volatile uint64_t* kernel_reg(volatile unsigned char* window, unsigned offset) {
    return (volatile uint64_t*)(window + offset); /* the kernel page is register page 0 */
}

int main(int argc, char** argv) {
    const char* path;
    off_t map_offset = 0;
    uint64_t window_bytes = 0, src = 0, dst = 0, size = 0;
    int argi;

    if (argc == 5) {
        path = argv[1];
        argi = 2;
        if (uio_map_size(path, &window_bytes) != 0) {
            fprintf(stderr, "cannot read the UIO map size of %s\n", path);
            return 1;
        }
        map_offset = 0; /* UIO map N is at offset N * page size */
    } else if (argc == 7 && strcmp(argv[1], "--mem") == 0) {
        uint64_t window_pa = 0;
        path = "/dev/mem";
        if (parse_u64(argv[2], &window_pa) != 0 || parse_u64(argv[3], &window_bytes) != 0) {
            fprintf(stderr, "bad window address or size\n");
            return 2;
        }
        map_offset = (off_t)window_pa;
        argi = 4;
    } else {
        fprintf(stderr, "usage: %s /dev/uioN SRC_PA DST_PA SIZE\n"
                        "       %s --mem WINDOW_PA WINDOW_BYTES SRC_PA DST_PA SIZE\n", argv[0], argv[0]);
        return 2;
    }
    if (parse_u64(argv[argi], &src) != 0 || parse_u64(argv[argi + 1], &dst) != 0 ||
        parse_u64(argv[argi + 2], &size) != 0) {
        fprintf(stderr, "bad SRC_PA, DST_PA or SIZE\n");
        return 2;
    }

    /* O_SYNC: /dev/mem maps uncached (UC on x86-64, Device memory on AArch64); UIO maps
     * device memory uncached by itself. */
    int fd = open(path, O_RDWR | O_SYNC);
    if (fd < 0) {
        fprintf(stderr, "open %s: %s\n", path, strerror(errno));
        return 1;
    }
    void* map = mmap(NULL, (size_t)window_bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, map_offset);
    if (map == MAP_FAILED) {
        fprintf(stderr, "mmap %s: %s\n", path, strerror(errno));
        close(fd);
        return 1;
    }
    volatile unsigned char* window = (volatile unsigned char*)map;

    /* Probe: ID magic and CONFIG (PA_BITS, PAGE_BITS, N_CTX). */
    const uint64_t id = *kernel_reg(window, UDMA_KREG_ID);
    if ((id >> 32) != UDMA_MAGIC) {
        fprintf(stderr, "no udma engine at %s (ID 0x%016" PRIx64 ")\n", path, id);
        munmap(map, (size_t)window_bytes);
        close(fd);
        return 1;
    }
    const uint64_t config = *kernel_reg(window, UDMA_KREG_CONFIG);
    const unsigned n_ctx = (unsigned)((config >> 16) & 0xFF);
    const unsigned pa_bits = (unsigned)((config >> 32) & 0xFF);
    const unsigned page_bits = (unsigned)((config >> 40) & 0xFF);
    printf("udma version %u: PA_BITS %u, PAGE_BITS %u, N_CTX %u, methods 0x%04x\n", (unsigned)(id & 0xFFFFFFFF),
           pa_bits, page_bits, n_ctx, (unsigned)(config & 0xFFFF));

    /* Bring-up: select extended shadow addressing ourselves (the OS's job on a real system). */
    *kernel_reg(window, UDMA_KREG_METHOD) = UDMA_M_EXT;

    /* Identity session on the mapped window, shadow context id 0. */
    udma_session session = udma_identity_session(UDMA_M_EXT, pa_bits, page_bits, n_ctx, 0, 0,
                                                 (uint64_t)(uintptr_t)window);
    udma_result started;
    udma_dma(&session, src, dst, size, 8, &started);
    printf("udma_dma: %s after %u attempt(s), %u accesses", udma_status_name(started.status), started.attempts,
           started.accesses);
    if (started.status == UDMA_STARTED) printf(", ticket %" PRIu64, started.ticket);
    if (started.status == UDMA_BAD_ARGUMENT) printf(" (%s)", udma_arg_error_name(started.arg_error));
    printf("\n");

    int rc = started.status == UDMA_STARTED ? 0 : 1;
    if (started.status == UDMA_STARTED) {
        udma_wait_result done;
        udma_wait(&session, &started, 0, 100000000u /* 100 ms */, &done);
        printf("udma_wait: %s after %" PRIu64 " poll(s)\n", udma_wait_status_name(done.status), done.polls);
        rc = done.status == UDMA_DONE ? 0 : 1;
    }
    munmap(map, (size_t)window_bytes);
    close(fd);
    return rc;
}
