# SPDX-License-Identifier: Apache-2.0
# Fails if a firmware image contains a heap allocator: the runtime must never need one, and
# nothing it pulls in from the C/C++ libraries may bring one either.
#   cmake -DNM=arm-none-eabi-nm -DELF=firmware.elf -P check_no_heap.cmake
execute_process(COMMAND "${NM}" "${ELF}" OUTPUT_VARIABLE symbols RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "${NM} ${ELF} failed")
endif()
string(REPLACE "\n" ";" lines "${symbols}")
set(found "")
foreach(line IN LISTS lines)
  # "address type name" (defined) or "type name" (undefined); either one is a failure.
  if(line MATCHES "[ \t]([A-Za-z])[ \t]+([^ \t]+)$")
    set(name "${CMAKE_MATCH_2}")
    # malloc family (newlib's reentrant _r variants too), operator new/new[]/delete/delete[]
    # (_Znwj, _Znaj, _ZdlPv, _ZdaPv and their sized/aligned/nothrow variants).
    if(name MATCHES "^_?_?(malloc|calloc|realloc|free|memalign|aligned_alloc|posix_memalign|_malloc_r|_calloc_r|_realloc_r|_free_r|_sbrk|_sbrk_r|sbrk)$"
       OR name MATCHES "^_Z(nw|na|dl|da)")
      list(APPEND found "${name}")
    endif()
  endif()
endforeach()
if(found)
  list(REMOVE_DUPLICATES found)
  message(FATAL_ERROR "${ELF} contains heap functions: ${found}")
endif()
message(STATUS "${ELF}: no heap functions")
