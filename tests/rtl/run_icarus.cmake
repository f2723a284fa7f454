# Compile SOURCES with Icarus (-g2012) and run TOP; fail unless the simulation prints PASS.
execute_process(COMMAND iverilog -g2012 -Wall -I${INCDIR} -I${CMAKE_CURRENT_LIST_DIR} -s ${TOP} -o ${OUT} ${SOURCES}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "iverilog failed (${rc}):\n${out}\n${err}")
endif()
if(err MATCHES "warning")
  message(FATAL_ERROR "iverilog warnings:\n${err}")
endif()
execute_process(COMMAND vvp -n ${OUT} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}")
if(NOT rc EQUAL 0 OR NOT out MATCHES "PASS" OR out MATCHES "FAIL")
  message(FATAL_ERROR "icarus simulation failed (${rc}):\n${out}\n${err}")
endif()
