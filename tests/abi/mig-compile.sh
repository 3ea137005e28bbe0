#!/bin/sh
# mig-compile.sh -- host test: every MIG stub made from Whorl's .defs
# compiles without a single warning against Whorl's headers, freestanding:
# user stubs as a user program would, the kernel's server stubs as the
# kernel would (with a stand-in ipc/ipc_port.h, tests/abi/kshim).
set -eu
. ./build/abi-env.sh
inc=$ABS_SRCDIR/mach/include
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
fail=0

# check LABEL FILE FLAGS...
check() {
	what=$1 f=$2; shift 2
	if ! $CC $FREESTANDING_CFLAGS -Werror "$@" -c -o "$out/x.o" "$f" \
	    >"$out/log" 2>&1; then
		echo "FAIL: $what"
		cat "$out/log"
		fail=1
	else
		echo "ok: $what"
	fi
}

n=0
for f in "$MIG_BUILD"/mach/*.c "$MIG_BUILD"/device/*.c; do
	check "${f#$MIG_BUILD/}" "$f" -I"$MIG_BUILD" -I"$inc"
	n=$((n + 1))
done
for f in "$MIG_BUILD"/kernel/*.c; do
	check "${f#$MIG_BUILD/}" "$f" -DKERNEL -fno-pic -mcmodel=kernel \
	    -mno-red-zone -mgeneral-regs-only -I"$MIG_BUILD/kernel" \
	    -I"$ABS_SRCDIR/tests/abi/kshim" -I"$inc"
	n=$((n + 1))
done
[ "$n" -ge 22 ] || { echo "FAIL: only $n generated files found"; fail=1; }

# Every header must stand alone, for user space and for the kernel.
for h in $(cd "$inc" && find mach device -name '*.h' | sort); do
	printf '#include <%s>\n' "$h" > "$out/h.c"
	check "<$h>" "$out/h.c" -I"$inc"
	check "<$h> -DKERNEL" "$out/h.c" -DKERNEL -I"$inc"
done
exit $fail
