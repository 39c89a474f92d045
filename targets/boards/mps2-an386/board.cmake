# SPDX-License-Identifier: Apache-2.0
# Arm MPS2 with the an386 FPGA image (Cortex-M4F): QEMU machine mps2-an386.
include("${CMAKE_CURRENT_LIST_DIR}/../mps2-common/board.cmake")
set(TINYRT_QEMU_MACHINE mps2-an386)
