#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Runs a QEMU command line (from CMake's tinyrt_add_qemu_test) with standard input from
# /dev/null: QEMU's stdio chardev, which carries the semihosting console, fails to start when
# stdin is closed (as it can be under CI). Extra arguments may come from TINYRT_QEMU_EXTRA
# (e.g. a TCG plugin).
# shellcheck disable=SC2086
exec "$@" ${TINYRT_QEMU_EXTRA:-} </dev/null
