# Each bad parameter of TOP must stop elaboration in Verilator, Icarus and Yosys, naming the
# violated rule (the udma_param_error_<rule> module the RTL instantiates for it).
# -DTOP=<module> -DINCDIR=<rtl dir> "-DSOURCES=<list>" "-DCASES=NAME=VALUE|rule;..."
string(REPLACE ";" " " srcs "${SOURCES}")
foreach(c IN LISTS CASES)
  string(REPLACE "|" ";" parts "${c}")
  list(GET parts 0 assign)
  list(GET parts 1 rule)
  string(REPLACE "=" ";" kv "${assign}")
  list(GET kv 0 pname)
  list(GET kv 1 pval)
  execute_process(COMMAND verilator --lint-only -Wall -I${INCDIR} --top-module ${TOP} -G${assign} ${SOURCES}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(rc EQUAL 0 OR NOT "${out}${err}" MATCHES "${rule}")
    message(FATAL_ERROR "verilator accepted ${assign} or did not name ${rule}:\n${out}\n${err}")
  endif()
  execute_process(COMMAND iverilog -g2012 -I${INCDIR} -s ${TOP} -P ${TOP}.${assign} -o /dev/null ${SOURCES}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(rc EQUAL 0 OR NOT "${out}${err}" MATCHES "${rule}")
    message(FATAL_ERROR "icarus accepted ${assign} or did not name ${rule}:\n${out}\n${err}")
  endif()
  execute_process(COMMAND yosys -q -p "read_verilog -sv -I${INCDIR} ${srcs}; chparam -set ${pname} ${pval} ${TOP}; hierarchy -check -top ${TOP}"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(rc EQUAL 0 OR NOT "${out}${err}" MATCHES "${rule}")
    message(FATAL_ERROR "yosys accepted ${assign} or did not name ${rule}:\n${out}\n${err}")
  endif()
  message("rejected by all three tools: ${assign} (${rule})")
endforeach()
