#!/bin/sh
# mig-compile.sh -- host test: every MIG stub made from Whorl's .defs
# compiles without a single warning against Whorl's headers, freestanding:
# user stubs as a user program would, the kernel's server stubs as the
# kernel would (with a stand-in ipc/ipc_port.h, tests/abi/kshim).  Then
# the kernel's server stubs must expect the very request and reply layout
# that a user-space server of the same .defs expects (and that
# gnumach-compare.sh checks against GNU Mach): kernel mode swaps port
# names for ipc_port_t pointers, which must not move anything.  Their
# type descriptors differ on purpose (the kernel replies with MOVE_SEND
# where a user server copies, and checks fewer ports), so only sizes and
# offsets are compared.
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
	check "<$h>" "$out/h.c" -fsyntax-only -I"$inc"
	check "<$h> -DKERNEL" "$out/h.c" -fsyntax-only -DKERNEL -I"$inc"
done

# layout FLAGS...: build and run mig_layout.py's program for $src.
layout() {
	python3 "$ABS_SRCDIR/tests/abi/mig_layout.py" --server "$src" \
	    >"$out/l.c" || return 1
	$CC $FREESTANDING_CFLAGS -Werror -fno-pie -no-pie "$@" -o "$out/l" \
	    "$out/l.c" >"$out/log" 2>&1 || { cat "$out/log"; return 1; }
	"$out/l" | grep -v ' descriptor '
}

for n in mach mach_port mach_host gnumach mach_i386 device; do
	d=mach
	[ $n = device ] && d=device
	src=$MIG_BUILD/$d/${n}Server.c
	layout -I"$MIG_BUILD" -I"$inc" >"$out/user" || fail=1
	src=$MIG_BUILD/kernel/${n}Server.c
	layout -DKERNEL -I"$ABS_SRCDIR/tests/abi/kshim" -I"$inc" \
	    >"$out/kernel" || fail=1
	if [ -s "$out/user" ] && cmp -s "$out/user" "$out/kernel"; then
		echo "ok: kernel $n server: $(wc -l <"$out/user") layout lines" \
		    "as a user server's"
	else
		echo "FAIL: kernel $n server layout (- user, + kernel):"
		diff -u "$out/user" "$out/kernel"
		fail=1
	fi
done
exit $fail
