#!/bin/sh
# test-toolchain.sh -- host test, run by `make check`: x86_64-whorl-gcc
# compiles and links a program with its own _start against libc.a, and
# readelf finds a static x86_64 ELF64 executable whose entry is _start.
# Uses newlib's sysroot, which `make check` builds first (`make newlib`).
set -eu

top=${WHORL_SRCDIR:-.}
cc=$PWD/build/bin/x86_64-whorl-gcc
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# With newlib: its headers are the ones the wrapper uses, with Whorl's
# errno values, and no host header leaks in.
check_headers() {
	printf '#include <errno.h>\n#include <string.h>\nint e = EPERM;\n' |
	    "$cc" -E - > "$tmp/pp.out" || fail "cannot preprocess errno.h"
	grep -q '0x40000000' "$tmp/pp.out" || fail "EPERM is not Whorl's value"
	grep -q '/usr/include' "$tmp/pp.out" && fail "a host header was used"
	echo "ok: newlib's headers with Whorl's errno values"
}

build_program() {
	cat > "$tmp/prog.c" <<'EOF'
#include <stddef.h>
size_t	strlen(const char *);
char	*strerror(int);
void	_start(void);
volatile size_t prog_len;

void
_start(void)
{
	prog_len = strlen(strerror(0x40000002));
	for (;;)
		;
}
EOF
	"$cc" -O2 -Wall -c "$tmp/prog.c" -o "$tmp/prog.o" || fail "compile"
	"$cc" -nostartfiles "$tmp/prog.o" -o "$tmp/prog" || fail "link"
}

check_elf() {
	h=$(readelf -h "$tmp/prog")
	echo "$h" | grep -q 'Class: *ELF64' || fail "not ELF64"
	echo "$h" | grep -q 'Machine: *Advanced Micro Devices X86-64' ||
	    fail "not x86_64"
	echo "$h" | grep -q 'Type: *EXEC' || fail "not a fixed executable"
	entry=$(echo "$h" | awk '/Entry point address/ { print $4 }')
	start=$(nm "$tmp/prog" | awk '$3 == "_start" { print "0x" $1 }')
	[ -n "$start" ] && [ $((entry)) -ne 0 ] &&
	    [ $((entry)) -eq $((start)) ] ||
	    fail "entry $entry is not _start ($start)"
	readelf -l "$tmp/prog" | grep -q INTERP && fail "has an interpreter"
	readelf -d "$tmp/prog" | grep -q 'no dynamic section' ||
	    fail "not static"
	nm "$tmp/prog" | grep -q ' T strlen$' || fail "strlen not from libc.a"
	nm "$tmp/prog" | grep -q ' T libc_strerror_text$' ||
	    fail "strerror not from libc/"
	echo "ok: static x86_64 ELF64, entry $entry = _start"
}

[ -x "$cc" ] || fail "no $cc (make whorl-tools)"
[ -f build/sysroot/lib/libc.a ] || fail "newlib is not built (make newlib)"
[ -f build/sysroot/lib/libwhorl.a ] || fail "no libwhorl.a (make newlib)"
echo "using newlib from build/sysroot"
check_headers
build_program
check_elf
