# Runs udma-sim with ARGS (a ;-list) and checks its exit status and what it printed.
#   cmake -DEXE=udma-sim -DARGS="--method;foo" -DRC=2 -DMATCH="unknown method 'foo'" -P cli_check.cmake
# MATCH (optional) is a regular expression searched in stderr + stdout.
execute_process(COMMAND ${EXE} ${ARGS} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc STREQUAL "${RC}")
  message(FATAL_ERROR "udma-sim ${ARGS}: exit status ${rc}, expected ${RC}\nstderr: ${err}\nstdout: ${out}")
endif()
if(DEFINED MATCH AND NOT "${err}${out}" MATCHES "${MATCH}")
  message(FATAL_ERROR "udma-sim ${ARGS}: output does not match '${MATCH}'\nstderr: ${err}\nstdout: ${out}")
endif()
if(DEFINED JSON)
  string(JSON method GET "${out}" method)
  if(NOT method STREQUAL "${JSON}")
    message(FATAL_ERROR "udma-sim ${ARGS}: JSON report method '${method}', expected '${JSON}'")
  endif()
endif()
