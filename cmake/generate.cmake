# Runs BIN with ARGS (a ;-list) and writes its standard output to OUT: the man page and the
# bash completion, which the binary generates from its command table.
# Usage: cmake -DBIN=... -DARGS=... -DOUT=... -P generate.cmake
execute_process(COMMAND ${BIN} ${ARGS} OUTPUT_FILE ${OUT}.tmp RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  file(REMOVE ${OUT}.tmp)
  message(FATAL_ERROR "${BIN} ${ARGS} failed: ${rc}")
endif()
file(RENAME ${OUT}.tmp ${OUT})
