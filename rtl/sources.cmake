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
# methods NONE SHRIMP KEY EXT REP5 (METHOD_MASK 0x133 = 307).
udma_verilate(udma_initiator PREFIX Vudma_initiator_min SOURCES ${UDMA_RTL_INIT_SOURCES}
  PARAMS -GN_CTX=1 -GQUEUE_DEPTH=1 -GRESULT_SLOTS=2 -GTICKET_W=8 -GMETHOD_MASK=307)
