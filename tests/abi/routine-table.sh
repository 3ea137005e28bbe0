#!/bin/sh
# routine-table.sh [--update] -- host test: docs/abi.md lists every routine
# of GNU Mach's kernel .defs and every trap of its syscall_sw.h (Debian
# trixie's gnumach-dev, as gnumach-compare.sh takes it) with Whorl's
# status.  Fails when the table is not what tests/abi/routine_table.py
# makes of GNU Mach's files, Whorl's .defs and mach_traps.h, and
# tests/abi/refused.txt; --update rewrites it.
set -eu
. ./build/abi-env.sh
. "$ABS_SRCDIR/tests/gnu/gnumach-dev.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gnumach_unpack "$tmp" || { echo "routine-table: FAIL: $gnumach_error" >&2;
    exit 1; }
python3 "$ABS_SRCDIR/tests/abi/routine_table.py" \
    "$tmp/pkg/usr/include/x86_64-linux-gnu" "$ABS_SRCDIR" "$@"
