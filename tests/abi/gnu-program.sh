#!/bin/sh
# gnu-program.sh -- host test that boots Whorl: a program compiled against
# GNU Mach's own headers, with stubs GNU MIG makes from GNU Mach's own
# .defs (Debian trixie's gnumach-dev, the outside reference), runs on
# Whorl as a boot module and must pass (tests/abi/gnu_program.c).
set -eu
. ./build/abi-env.sh
. "$ABS_SRCDIR/tests/abi/gnumach-dev.sh"

out=tests/out/gnu_program
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rm -rf "$out"
mkdir -p "$out"
gnumach_unpack "$tmp" || { echo "gnu-program: FAIL: $gnumach_error"; exit 1; }
gnu=$tmp/pkg/usr/include/x86_64-linux-gnu
echo "reference: gnumach-dev $gnumach_version"

for d in mach mach_port mach_host; do
	(cd "$out" && $MIG -I"$gnu" -user ${d}_user.c -header ${d}_user.h \
	    -server /dev/null -sheader /dev/null "$gnu/mach/$d.defs") ||
	    { echo "gnu-program: FAIL: MIG on GNU Mach's $d.defs"; exit 1; }
done
# What glibc supplies on the Hurd beside GNU Mach's headers: mig_support.h.
mkdir -p "$tmp/shim/mach"
cat >"$tmp/shim/mach/mig_support.h" <<'SHIM'
#include <mach/port.h>
#include <mach/message.h>
mach_port_t	mig_get_reply_port(void);
void		mig_dealloc_reply_port(mach_port_t);
void		mig_put_reply_port(mach_port_t);
vm_size_t	mig_strncpy(char *, const char *, vm_size_t);
void		mig_deallocate(vm_address_t, vm_size_t);
void		*memcpy(void *, const void *, unsigned long);
SHIM
FLAGS="$FREESTANDING_CFLAGS -Wno-unused-parameter -I$out -I$ABS_SRCDIR/tests/abi -I$gnu -I$tmp/shim"
objs=""
for src in "$ABS_SRCDIR/tests/abi/gnu_program.c" \
    "$ABS_SRCDIR/tests/abi/gnu_runtime.c" "$out/mach_user.c" \
    "$out/mach_port_user.c" "$out/mach_host_user.c"; do
	o=$out/$(basename "$src" .c).o
	$CC $FLAGS -c -o "$o" "$src" ||
	    { echo "gnu-program: FAIL: compiling $src against GNU Mach"; exit 1; }
	objs="$objs $o"
done
# The trap stubs are assembly: trap numbers, no C declarations.  libc's are
# generated from Whorl's list of traps, so they take Whorl's header.
for s in tests/lib/start libc/arch/x86_64/traps; do
	o=$out/$(basename "$s").o
	$CC $FREESTANDING_CFLAGS -I"$ABS_SRCDIR/mach/include" -c -o "$o" \
	    "$ABS_SRCDIR/$s.S" ||
	    { echo "gnu-program: FAIL: assembling $s.S"; exit 1; }
	objs="$objs $o"
done
$CC -nostdlib -static -no-pie -Wl,--build-id=none -Wl,-z,max-page-size=0x1000 \
    -Wl,-T,"$ABS_SRCDIR/tests/lib/user.ld" -o "$out/gnu_program.elf" $objs \
    -lgcc
"$ABS_SRCDIR/tests/qemu-test" --srcdir "$ABS_SRCDIR" gnu_program
