# RTL file lists live in rtl/<top>.f (one file per line, dependency order), the one list used
# by CMake, scripts/lint.sh, the synthesis and the formal flows.
function(udma_read_filelist top outvar)
  file(STRINGS ${CMAKE_CURRENT_LIST_DIR}/${top}.f files REGEX "^[^#].*\\.v$")
  set(${outvar} ${files} PARENT_SCOPE)
endfunction()

udma_read_filelist(udma_initiator UDMA_RTL_INIT_SOURCES)
set(UDMA_RTL_INIT_SOURCES ${UDMA_RTL_INIT_SOURCES} PARENT_SCOPE)

# Verilated tops (all into udma_vlib).
udma_verilate(udma_initiator SOURCES ${UDMA_RTL_INIT_SOURCES})
# A minimal configuration: one context, a one-entry queue, 8-bit tickets,
# methods NONE SHRIMP KEY EXT REP5 (METHOD_MASK 0x133).
udma_verilate(udma_initiator PREFIX Vudma_initiator_min SOURCES ${UDMA_RTL_INIT_SOURCES}
  PARAMS -GN_CTX=1 -GQUEUE_DEPTH=1 -GRESULT_SLOTS=2 -GTICKET_W=8 -GMETHOD_MASK=16'h133)

# udma_top: host port + initiation engine + data mover (issue 3). File list rtl/udma_top.f.
udma_read_filelist(udma_top UDMA_RTL_TOP_SOURCES)
set(UDMA_RTL_TOP_SOURCES ${UDMA_RTL_TOP_SOURCES} PARENT_SCOPE)
udma_verilate(udma_top SOURCES ${UDMA_RTL_TOP_SOURCES})
udma_verilate(udma_top PREFIX Vudma_top_dw32 SOURCES ${UDMA_RTL_TOP_SOURCES} PARAMS -GDATA_W=32)
udma_verilate(udma_top PREFIX Vudma_top_dw128 SOURCES ${UDMA_RTL_TOP_SOURCES} PARAMS -GDATA_W=128)
# Small mover: 8-beat bursts, 8-word data FIFO, 4 transfers in flight: stresses splitting,
# FIFO-full backpressure and many outstanding bursts.
udma_verilate(udma_top PREFIX Vudma_top_small SOURCES ${UDMA_RTL_TOP_SOURCES}
  PARAMS -GDATA_W=32 -GMAX_BURST_BEATS=8 -GMAX_RD_BURSTS=2 -GMAX_WR_BURSTS=2 -GMOVER_XFERS=4 -GFIFO_DEPTH=8)

# Corners of the initiation engine's parameter ranges (tests/test_init_*.cpp): 48-bit physical
# addresses, 1 KiB pages, three contexts (not a power of two), a three-entry queue, one result
# slot, 9-bit tickets, 4-bit pids, 8-bit counters, every method but PAL (METHOD_MASK 0x1F7).
udma_verilate(udma_initiator PREFIX Vudma_initiator_odd SOURCES ${UDMA_RTL_INIT_SOURCES}
  PARAMS -GPA_BITS=48 -GPAGE_BITS=10 -GN_CTX=3 -GQUEUE_DEPTH=3 -GRESULT_SLOTS=1 -GTICKET_W=9 -GPID_W=4 -GCNT_W=8
         -GMETHOD_MASK=16'h1F7)
