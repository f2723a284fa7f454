# Each bad parameter set must stop elaboration in Verilator, Icarus and Yosys, naming the rule.
set(cases
  "PAGE_BITS=9|PAGE_BITS_must_be_10_to_16"
  "N_CTX=65|N_CTX_must_be_1_to_64"
  "QUEUE_DEPTH=0|QUEUE_DEPTH_must_be_1_to_64"
  "RESULT_SLOTS=3|RESULT_SLOTS_must_be_power_of_two"
  "METHOD_MASK=0|METHOD_MASK_bit0_set"
  "PA_BITS=12|PA_BITS_must_be_above_PAGE_BITS")
foreach(c IN LISTS cases)
  string(REPLACE "|" ";" parts "${c}")
  list(GET parts 0 assign)
  list(GET parts 1 rule)
  string(REPLACE "=" ";" kv "${assign}")
  list(GET kv 0 pname)
  list(GET kv 1 pval)
  execute_process(COMMAND verilator --lint-only -Wall -I${INCDIR} --top-module udma_initiator -G${assign} ${SOURCES}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(rc EQUAL 0 OR NOT "${out}${err}" MATCHES "${rule}")
    message(FATAL_ERROR "verilator accepted ${assign} or did not name ${rule}:\n${out}\n${err}")
  endif()
  execute_process(COMMAND iverilog -g2012 -I${INCDIR} -s udma_initiator -P udma_initiator.${assign} -o /dev/null ${SOURCES}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(rc EQUAL 0 OR NOT "${out}${err}" MATCHES "${rule}")
    message(FATAL_ERROR "icarus accepted ${assign} or did not name ${rule}:\n${out}\n${err}")
  endif()
  string(REPLACE ";" " " srcs "${SOURCES}")
  execute_process(COMMAND yosys -q -p "read_verilog -sv -I${INCDIR} ${srcs}; chparam -set ${pname} ${pval} udma_initiator; hierarchy -check -top udma_initiator"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(rc EQUAL 0 OR NOT "${out}${err}" MATCHES "${rule}")
    message(FATAL_ERROR "yosys accepted ${assign} or did not name ${rule}:\n${out}\n${err}")
  endif()
  message("rejected by all three tools: ${assign} (${rule})")
endforeach()
