# Each bad data-mover parameter of udma_top must stop elaboration in Verilator, Icarus and Yosys,
# naming the violated rule (udma_param_error_<rule> in rtl/udma_mover*.v).
set(cases
  "DATA_W=48|DATA_W_must_be_32_64_or_128"
  "MAX_BURST_BEATS=3|MAX_BURST_BEATS_must_be_power_of_two"
  "MAX_RD_BURSTS=3|MAX_RD_BURSTS_must_be_1_2_4_8_or_16"
  "MAX_WR_BURSTS=32|MAX_WR_BURSTS_must_be_1_2_4_8_or_16"
  "MOVER_XFERS=3|XFERS_must_be_2_4_or_8"
  "FIFO_DEPTH=100|FIFO_DEPTH_must_be_power_of_two"
  "ID_W=0|ID_W_must_be_1_to_16")
string(REPLACE ";" " " srcs "${SOURCES}")
foreach(c IN LISTS cases)
  string(REPLACE "|" ";" parts "${c}")
  list(GET parts 0 assign)
  list(GET parts 1 rule)
  string(REPLACE "=" ";" kv "${assign}")
  list(GET kv 0 pname)
  list(GET kv 1 pval)
  execute_process(COMMAND verilator --lint-only -Wall -I${INCDIR} --top-module udma_top -G${assign} ${SOURCES}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(rc EQUAL 0 OR NOT "${out}${err}" MATCHES "${rule}")
    message(FATAL_ERROR "verilator accepted ${assign} or did not name ${rule}:\n${out}\n${err}")
  endif()
  execute_process(COMMAND iverilog -g2012 -I${INCDIR} -s udma_top -P udma_top.${assign} -o /dev/null ${SOURCES}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(rc EQUAL 0 OR NOT "${out}${err}" MATCHES "${rule}")
    message(FATAL_ERROR "icarus accepted ${assign} or did not name ${rule}:\n${out}\n${err}")
  endif()
  execute_process(COMMAND yosys -q -p "read_verilog -sv -I${INCDIR} ${srcs}; chparam -set ${pname} ${pval} udma_top; hierarchy -check -top udma_top"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(rc EQUAL 0 OR NOT "${out}${err}" MATCHES "${rule}")
    message(FATAL_ERROR "yosys accepted ${assign} or did not name ${rule}:\n${out}\n${err}")
  endif()
  message("rejected by all three tools: ${assign} (${rule})")
endforeach()
