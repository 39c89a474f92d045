# SPDX-License-Identifier: Apache-2.0
# ctest tflm.test_models: runs GENERATOR (tests/tflm/make_test_models.cc) into OUT and checks that
# every model in COMMITTED (tests/tflm/models) is byte for byte what it wrote.
file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}")
execute_process(COMMAND "${GENERATOR}" "${OUT}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${GENERATOR} failed (${rc})")
endif()
file(GLOB written RELATIVE "${OUT}" "${OUT}/*.tflite")
file(GLOB committed RELATIVE "${COMMITTED}" "${COMMITTED}/*.tflite")
if(NOT written STREQUAL committed)
  message(FATAL_ERROR "models written (${written}) differ from those in ${COMMITTED} (${committed})")
endif()
foreach(model IN LISTS written)
  file(SHA256 "${OUT}/${model}" a)
  file(SHA256 "${COMMITTED}/${model}" b)
  if(NOT a STREQUAL b)
    message(FATAL_ERROR "${COMMITTED}/${model} is not what make_test_models writes: regenerate it "
                        "(tflm_make_test_models ${COMMITTED})")
  endif()
endforeach()
list(LENGTH written n)
message(STATUS "${n} models match")
