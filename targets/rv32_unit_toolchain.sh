#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Makes, once, the RV32IMC C++ toolchain that the unit-test firmware (targets/cmake/rv32imc-unit.cmake)
# is built with, and prints its folder:
#
#   targets/rv32_unit_toolchain.sh [DIR]     (default: $TINYRT_RV32_GCC14_DIR or /var/cache/tinyrt-rv32imc-gcc14)
#
# Debian 12 ships riscv64-unknown-elf-gcc 12 and picolibc without libstdc++; Debian 13 has
# libstdc++-riscv64-unknown-elf-picolibc for its GCC 14. This unpacks Debian 13's cross GCC,
# binutils, picolibc and libstdc++ with their amd64 libraries (glibc 2.41, GMP, MPFR, ...) into DIR
# with mmdebstrap's `extract` variant (nothing is installed on this machine, no chroot is entered,
# nothing runs as the tree's), keeping only the rv32im/ilp32 multilib (the one -march=rv32imc
# -mabi=ilp32 selects) of the C and C++ libraries: ~600 MB downloaded, ~400 MB on disk. GCC 14
# needs glibc 2.38, so its programs are pointed at the tree's own dynamic loader and libraries
# (patchelf: interpreter and DT_RPATH); they then run on Debian 12 like any cross compiler, with
# the host's paths. The include/ link the packages' alternatives would make is made relative.
# Running it again when DIR is ready does nothing (DIR/.tinyrt-toolchain records the recipe).
# Needs: mmdebstrap, patchelf (scripts/install_deps.sh all), root (mmdebstrap's root mode; or its
# unshare mode with subuids), and Debian's archive.
set -euo pipefail

dir=${1:-${TINYRT_RV32_GCC14_DIR:-/var/cache/tinyrt-rv32imc-gcc14}}
recipe="recipe 1: trixie gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf libstdc++-riscv64-unknown-elf-picolibc rv32im/ilp32 in $dir"
stamp="$dir/.tinyrt-toolchain"
ready() { [ -f "$stamp" ] && [ "$(head -1 "$stamp")" = "$recipe" ]; }
if ready; then
  echo "$dir"
  exit 0
fi
mkdir -p "$(dirname "$dir")"
# One maker at a time; a second one waits, then finds the tree ready.
exec 9>"$dir.lock"
flock 9
if ready; then
  echo "$dir"
  exit 0
fi
for tool in mmdebstrap patchelf; do
  command -v "$tool" >/dev/null || { echo "$0: needs $tool (apt-get install $tool, or scripts/install_deps.sh all)" >&2; exit 2; }
done

# DIR is replaced below: only when it is empty or one this script made.
if [ -d "$dir" ] && [ ! -f "$stamp" ] && [ -n "$(ls -A "$dir")" ]; then
  echo "$0: $dir exists and was not made by this script: not replacing it" >&2
  exit 2
fi

start=$(date +%s)
tmp="$dir.partial"
rm -rf --one-file-system "$tmp"
picolibc=/usr/lib/picolibc/riscv64-unknown-elf/lib
gcc_lib=/usr/lib/gcc/riscv64-unknown-elf/14.2.0
# The multilib folders other than rv32im (the libraries for every other -march/-mabi: ~4.7 GB),
# picolibc's "release" variant (-O2 builds of the same libraries) and the documentation stay packed.
echo "rv32_unit_toolchain: unpacking Debian 13's riscv64-unknown-elf GCC 14, picolibc and libstdc++ into $dir" >&2
mmdebstrap --quiet --variant=extract \
  --include=gcc-riscv64-unknown-elf,binutils-riscv64-unknown-elf,picolibc-riscv64-unknown-elf,libstdc++-riscv64-unknown-elf-picolibc \
  --dpkgopt="path-exclude=$picolibc/rv*" --dpkgopt="path-include=$picolibc/rv32im/*" \
  --dpkgopt="path-exclude=$picolibc/release/*" \
  --dpkgopt="path-exclude=$gcc_lib/rv*" --dpkgopt="path-include=$gcc_lib/rv32im/*" \
  --dpkgopt="path-exclude=/usr/share/*" \
  trixie "$tmp" >&2
if [ ! -f "$tmp$picolibc/rv32im/ilp32/libstdc++.a" ] || [ ! -x "$tmp/usr/bin/riscv64-unknown-elf-g++" ] \
   || [ ! -d "$tmp$gcc_lib" ]; then
  echo "$0: the unpacked tree has no rv32im/ilp32 libstdc++.a or no GCC 14.2.0 (did Debian 13's packages change?)" >&2
  exit 1
fi

# The programs run with the tree's glibc: its loader, and DT_RPATH (not RUNPATH, which would not
# apply to the libraries' own dependencies) on its library folder. Paths are those of DIR.
libs="$dir/usr/lib/x86_64-linux-gnu"
patched=0
for f in "$tmp"/usr/bin/* "$tmp$gcc_lib"/* "$tmp"/usr/lib/riscv64-unknown-elf/bin/*; do
  if [ ! -f "$f" ] || [ -L "$f" ]; then continue; fi
  readelf -l "$f" 2>/dev/null | grep -q 'Requesting program interpreter' || continue
  patchelf --set-interpreter "$libs/ld-linux-x86-64.so.2" --force-rpath --set-rpath "$libs" "$f"
  patched=$((patched + 1))
done
# The driver's C++ header folder is usr/lib/riscv64-unknown-elf/include, which the alternatives
# system would point at /usr/include/newlib (where libstdc++-riscv64-unknown-elf-dev puts c++/14.2.0).
ln -sfn ../../include/newlib "$tmp/usr/lib/riscv64-unknown-elf/include"
rm -rf --one-file-system "${tmp:?}/var/lib/apt" "${tmp:?}/var/cache/apt" "${tmp:?}/dev"

rm -rf --one-file-system "$dir"
mv "$tmp" "$dir"

# Check it: a C++ program with <sstream> compiles and links for rv32imc against libstdc++.
check=$(mktemp -d)
trap 'rm -rf "$check"' EXIT
printf '#include <sstream>\nint main() { std::ostringstream s; s << 42; return s.str() == "42" ? 0 : 1; }\n' >"$check/check.cc"
"$dir/usr/bin/riscv64-unknown-elf-g++" -march=rv32imc -mabi=ilp32 \
  "--specs=$dir/usr/lib/picolibc/riscv64-unknown-elf/picolibc.specs" "--picolibc-prefix=$dir/usr" \
  -Os -fno-exceptions -fno-rtti --oslib=semihost --crt0=semihost "$check/check.cc" -o "$check/check.elf"

{
  echo "$recipe"
  "$dir/usr/bin/riscv64-unknown-elf-g++" --version | head -1
  "$dir/usr/bin/riscv64-unknown-elf-ld" --version | head -1
  grep -h '#define __PICOLIBC_VERSION__' "$dir/usr/lib/picolibc/riscv64-unknown-elf/include/picolibc.h" || true
  echo "$patched programs patched; made in $(($(date +%s) - start)) s; $(du -sh "$dir" | cut -f1)"
} >"$stamp"
cat "$stamp" >&2
echo "$dir"
