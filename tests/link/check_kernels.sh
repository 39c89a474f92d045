#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Usage: check_kernels.sh BINARY EXPECTED_KERNEL...
# Passes when the binary defines exactly the expected kernels (tinyrt::kernels::kOp_*) and no other.
set -euo pipefail
binary="$1"; shift
found=$(nm -C "$binary" | grep -o 'tinyrt::kernels::kOp_[A-Z0-9_]*' | sed 's/.*kOp_//' | sort -u | tr '\n' ' ')
expected=$(printf '%s\n' "$@" | sort -u | tr '\n' ' ')
echo "kernels linked: $found"
[ "$found" = "$expected" ] || { echo "expected exactly: $expected"; exit 1; }
