# Runs one CLI command and compares its standard output and exit code with a golden file.
#   cmake -DCOMMAND="ascent|--db|x.db|summary" -DWORKDIR=dir -DGOLDEN=file -DEXIT=0 [-DUPDATE=1] -P run_golden.cmake
# Arguments are separated by | so they survive ctest's own list handling.
string(REPLACE "|" ";" command "${COMMAND}")
file(MAKE_DIRECTORY "${WORKDIR}")
execute_process(COMMAND ${command} WORKING_DIRECTORY "${WORKDIR}" OUTPUT_VARIABLE output RESULT_VARIABLE code)
if(NOT code EQUAL EXIT)
  message(FATAL_ERROR "exit code ${code}, expected ${EXIT}; output:\n${output}")
endif()
if(DEFINED ENV{ASCENT_UPDATE_GOLDEN})
  file(WRITE "${GOLDEN}" "${output}")
  return()
endif()
file(READ "${GOLDEN}" expected)
if(NOT output STREQUAL expected)
  message(FATAL_ERROR "output differs from ${GOLDEN}:\n${output}")
endif()
