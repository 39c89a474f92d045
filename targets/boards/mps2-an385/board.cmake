# SPDX-License-Identifier: Apache-2.0
# Arm MPS2 with the an385 FPGA image (Cortex-M3): QEMU machine mps2-an385.
include("${CMAKE_CURRENT_LIST_DIR}/../mps2-common/board.cmake")
set(TINYRT_QEMU_MACHINE mps2-an385)
