#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Brings every tracked C and C++ file to .clang-format's style, or with --check lists the files
# that differ from it and fails (scripts/test.sh runs the check).
# Left out: the generated files (their generators own their layout).
set -euo pipefail
cd "$(dirname "$0")/.."
generated='^(src/generated/|src/core/schema_specs\.h$)'
mapfile -t files < <(git ls-files '*.c' '*.cc' '*.h' | grep -Ev "$generated")
if [ "${1:-}" = "--check" ]; then
  # One process for the whole tree; each file that differs is named with the first difference.
  if ! clang-format --style=file --dry-run --Werror --ferror-limit=1 "${files[@]}"; then
    echo "not formatted: the files above (scripts/format.sh formats them)"
    exit 1
  fi
  echo "format: ${#files[@]} files follow .clang-format"
else
  clang-format --style=file -i "${files[@]}"
fi
