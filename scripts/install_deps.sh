#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs the Debian packages tinyrt's build, tests and MCU targets need (only missing ones).
#   scripts/install_deps.sh [host|all]   host: compilers and libraries; all: + cross toolchains and QEMU
set -euo pipefail
what="${1:-all}"
packages=(cmake g++ make git python3 pkg-config libgtest-dev libgmock-dev libbenchmark-dev libflatbuffers-dev flatbuffers-compiler
          python3-dev python3-numpy python3-pybind11 python3-pytest python3-setuptools python3-pip python3-venv python3-matplotlib  # python/
          python3-flatbuffers)  # tools/cli/compress_int4.py
if [ "$what" = all ]; then
  packages+=(gcc-arm-none-eabi libnewlib-arm-none-eabi libstdc++-arm-none-eabi-newlib qemu-system-arm qemu-system-misc
             gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf gcc-xtensa-lx106 picolibc-xtensa-lx106-elf
             clang clang-format libclang-rt-dev valgrind
             ccache python3-yaml  # tests/export
             mmdebstrap patchelf)  # targets/rv32_unit_toolchain.sh (rv32imc-unit)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing: ${missing[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
