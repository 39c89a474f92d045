# SPDX-License-Identifier: Apache-2.0
# The C++ reader of schema/schema.fbs, src/generated/tinyrt/schema_generated.h, is committed so that
# a project using tinyrt needs no flatc. This script (cmake -P) regenerates it with flatc:
#   cmake -DFLATC=flatc -DSOURCE_DIR=<tinyrt> -DWORK_DIR=<scratch dir> [-DCHECK=ON] -P schema_header.cmake
# CHECK=ON fails when the committed header differs, byte for byte, from what flatc writes now
# (a ctest test, schema.generated_header_up_to_date); otherwise it overwrites the committed one
# (the build target tinyrt_regenerate_schema, after editing schema/schema.fbs).
foreach(var FLATC SOURCE_DIR WORK_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "schema_header.cmake: -D${var}=... is required")
  endif()
endforeach()
set(committed "${SOURCE_DIR}/src/generated/tinyrt/schema_generated.h")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
execute_process(COMMAND "${FLATC}" --cpp -o "${WORK_DIR}" "${SOURCE_DIR}/schema/schema.fbs"
                RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "flatc failed (${result}) on ${SOURCE_DIR}/schema/schema.fbs")
endif()
execute_process(COMMAND "${FLATC}" --version OUTPUT_VARIABLE version OUTPUT_STRIP_TRAILING_WHITESPACE)
file(READ "${WORK_DIR}/schema_generated.h" body)
# Two lines of our own above flatc's output: the licence line and where the file comes from.
set(expected "// SPDX-License-Identifier: Apache-2.0\n// Generated from schema/schema.fbs by ${version} (cmake/schema_header.cmake); do not edit.\n${body}")
if(CHECK)
  file(READ "${committed}" actual)
  if(NOT actual STREQUAL expected)
    message(FATAL_ERROR "${committed} is not what flatc generates from schema/schema.fbs; "
                        "regenerate it: cmake --build <build> --target tinyrt_regenerate_schema")
  endif()
  message(STATUS "schema_generated.h: up to date (${version})")
else()
  file(WRITE "${committed}" "${expected}")
  message(STATUS "wrote ${committed} (${version})")
endif()
