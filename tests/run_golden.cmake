# Runs one CLI command and compares its output and exit code with a golden file.
#   cmake -DCOMMAND="ascent|--db|x.db|summary" -DWORKDIR=dir -DGOLDEN=file -DEXIT=0 [-DSHOW_FILE=out.csv] -P run_golden.cmake
# Arguments are separated by | so they survive ctest's own list handling. The golden file holds
# standard output, then standard error (if any), then the file SHOW_FILE the command wrote (if given).
string(REPLACE "|" ";" command "${COMMAND}")
file(MAKE_DIRECTORY "${WORKDIR}")
execute_process(COMMAND ${command} WORKING_DIRECTORY "${WORKDIR}" OUTPUT_VARIABLE output ERROR_VARIABLE errors
                RESULT_VARIABLE code)
if(NOT code EQUAL EXIT)
  message(FATAL_ERROR "exit code ${code}, expected ${EXIT}; output:\n${output}${errors}")
endif()
if(NOT errors STREQUAL "")
  string(APPEND output "--- standard error ---\n${errors}")
endif()
if(DEFINED SHOW_FILE)
  file(READ "${WORKDIR}/${SHOW_FILE}" written)
  string(APPEND output "--- ${SHOW_FILE} ---\n${written}")
endif()
if(DEFINED ENV{ASCENT_UPDATE_GOLDEN})
  file(WRITE "${GOLDEN}" "${output}")
  return()
endif()
file(READ "${GOLDEN}" expected)
if(NOT output STREQUAL expected)
  message(FATAL_ERROR "output differs from ${GOLDEN}:\n${output}")
endif()
