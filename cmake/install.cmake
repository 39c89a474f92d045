# SPDX-License-Identifier: Apache-2.0
# Install rules (TINYRT_INSTALL): the library and its headers, the committed schema reader, a copy
# of the FlatBuffers headers it includes (so a consumer needs no libflatbuffers-dev), the CMake
# package (find_package(tinyrt CONFIG) -> tinyrt::tinyrt, and tinyrt::board in a firmware build)
# and tinyrt.pc for pkg-config. Included by the top-level CMakeLists.txt, which lists the targets
# to export in TINYRT_EXPORTED_TARGETS (an optional tinyrt::tflm joins them there).
include(CMakePackageConfigHelpers)
set(TINYRT_CMAKE_INSTALL_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/tinyrt" CACHE STRING
    "Where the CMake package of tinyrt is installed (relative to the prefix)")
mark_as_advanced(TINYRT_CMAKE_INSTALL_DIR)

install(TARGETS ${TINYRT_EXPORTED_TARGETS} EXPORT tinyrtTargets
  ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}"
  LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}"
  OBJECTS DESTINATION "${CMAKE_INSTALL_LIBDIR}/tinyrt"
  INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/tinyrt" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
if(TARGET tinyrt_tflm)  # TFLM's API (tinyrt::tflm): its headers beside tinyrt's
  install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/tensorflow" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
endif()
install(FILES "${TINYRT_SCHEMA_HEADER}" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/tinyrt")
# The three runtime headers the kernel API includes as "src/core/..." (CMakeLists.txt).
list(TRANSFORM TINYRT_KERNEL_INTERNAL_HEADERS PREPEND "${PROJECT_SOURCE_DIR}/src/core/" OUTPUT_VARIABLE TINYRT_KERNEL_INTERNAL_PATHS)
install(FILES ${TINYRT_KERNEL_INTERNAL_PATHS} DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/tinyrt/internal/src/core")
# FlatBuffers (Apache-2.0; NOTICE) is header-only for reading: the headers this build compiled
# with, which match the committed reader's version check.
install(DIRECTORY "${TINYRT_FLATBUFFERS_INCLUDE_DIR}/flatbuffers"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/tinyrt/third_party"
  FILES_MATCHING PATTERN "*.h" PATTERN "pch" EXCLUDE)
if(TARGET tinyrt_board)
  install(FILES "${TINYRT_COMMON_DIR}/board.h" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/tinyrt/board")
  if(TINYRT_BOARD_LINKER_SCRIPT)
    install(FILES "${TINYRT_BOARD_LINKER_SCRIPT}" "${TINYRT_BOARD_LINK_DIRS}/sections.ld"
            DESTINATION "${TINYRT_BOARD_LD_INSTALL_DIR}")
  endif()
endif()

install(EXPORT tinyrtTargets NAMESPACE tinyrt:: DESTINATION "${TINYRT_CMAKE_INSTALL_DIR}")
configure_package_config_file("${CMAKE_CURRENT_LIST_DIR}/tinyrtConfig.cmake.in"
  "${CMAKE_CURRENT_BINARY_DIR}/tinyrtConfig.cmake" INSTALL_DESTINATION "${TINYRT_CMAKE_INSTALL_DIR}")
write_basic_package_version_file("${CMAKE_CURRENT_BINARY_DIR}/tinyrtConfigVersion.cmake"
  COMPATIBILITY SameMinorVersion)
install(FILES "${CMAKE_CURRENT_BINARY_DIR}/tinyrtConfig.cmake" "${CMAKE_CURRENT_BINARY_DIR}/tinyrtConfigVersion.cmake"
        DESTINATION "${TINYRT_CMAKE_INSTALL_DIR}")

# pkg-config: the same include folders and the public definitions of the tinyrt target, as flags.
set(TINYRT_PC_DEFINITIONS "")
# (Not FLATBUFFERS_ASSERT=static_cast<void>, which pkg-config would escape: a program that includes
# the kernel API then gets FlatBuffers' default assert() in its own code, the runtime still none.)
foreach(def "TINYRT_ERROR_MESSAGES=${TINYRT_ERROR_MESSAGES}"
            "TINYRT_ONLINE_PLANNER=${TINYRT_ONLINE_PLANNER}"
            "TINYRT_INT4_WEIGHTS=${TINYRT_INT4_WEIGHTS}")
  string(REGEX REPLACE "=(ON|TRUE|YES)$" "=1" def "${def}")
  string(REGEX REPLACE "=(OFF|FALSE|NO)$" "=0" def "${def}")
  string(APPEND TINYRT_PC_DEFINITIONS " -D${def}")
endforeach()
if(TINYRT_REFERENCE_KERNELS)
  string(APPEND TINYRT_PC_DEFINITIONS " -DTINYRT_OPT_KERNELS=0")
else()
  string(APPEND TINYRT_PC_DEFINITIONS " -DTINYRT_OPT_KERNELS=1")
endif()
# Relocatable: the prefix is found from the .pc file's own folder (cmake --install --prefix P).
file(RELATIVE_PATH TINYRT_PC_PREFIX "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
string(REGEX REPLACE "/$" "" TINYRT_PC_PREFIX "${TINYRT_PC_PREFIX}")
configure_file("${CMAKE_CURRENT_LIST_DIR}/tinyrt.pc.in" "${CMAKE_CURRENT_BINARY_DIR}/tinyrt.pc" @ONLY)
install(FILES "${CMAKE_CURRENT_BINARY_DIR}/tinyrt.pc" DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
