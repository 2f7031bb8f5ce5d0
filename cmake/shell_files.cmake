# Run at build time (cli/CMakeLists.txt): BERTH is the built binary, OUT the
# folder for its shell completions, its man page and the plugin link.
file(MAKE_DIRECTORY ${OUT})
set(name_bash berth.bash)
set(name_zsh _berth)
set(name_fish berth.fish)
foreach(shell bash zsh fish)
  execute_process(COMMAND ${BERTH} completion ${shell} OUTPUT_FILE ${OUT}/${name_${shell}}
    RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "berth completion ${shell} failed: ${status}")
  endif()
endforeach()
execute_process(COMMAND ${BERTH} man OUTPUT_FILE ${OUT}/berth.1 RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "berth man failed: ${status}")
endif()
# -n: no name or time stamp inside, so the same page gives the same bytes.
execute_process(COMMAND gzip -9 -n -f ${OUT}/berth.1 RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "gzip berth.1 failed: ${status}")
endif()
file(CREATE_LINK ../../../bin/berth ${OUT}/docker-berth SYMBOLIC)
