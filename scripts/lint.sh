#!/usr/bin/env bash
# Verilator -Wall lint of every synthesizable top (every rtl/*.f file list); zero warnings allowed.
set -euo pipefail
cd "$(dirname "$0")/../rtl"
status=0
for list in *.f; do
  top=${list%.f}
  mapfile -t files < <(grep -v '^#' "$list" | grep '\.v$')
  if verilator --lint-only -Wall -I. --top-module "$top" "${files[@]}"; then
    echo "lint $top: clean"
  else
    echo "lint $top: WARNINGS" >&2; status=1
  fi
done
exit $status
