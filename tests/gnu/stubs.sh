#!/bin/sh
# stubs.sh OUT -- what every test in tests/gnu/ is built with: GNU Mach's
# own headers (Debian trixie's gnumach-dev, the outside reference) under
# OUT/ref, the user stubs GNU MIG makes from GNU Mach's own .defs under
# OUT/mig, and OUT/libgnu.a: those stubs, tests/gnu/gnu_runtime.c and the
# entry and trap stubs.  Called by make (tests/gnu/Makefrag.am).
set -eu
mkdir -p "$1"
out=$(cd "$1" && pwd)
. ./build/abi-env.sh
. "$ABS_SRCDIR/tests/gnu/gnumach-dev.sh"

rm -rf "$out"
mkdir -p "$out/mig" "$out/obj"
gnumach_unpack "$out" || { echo "stubs.sh: $gnumach_error" >&2; exit 1; }
gnu=$out/pkg/usr/include/x86_64-linux-gnu
ln -s pkg/usr/include/x86_64-linux-gnu "$out/ref"

# Each interface a test may call, as the user side of GNU Mach's .defs.
for defs in mach/mach mach/mach_port mach/mach_host mach/gnumach \
    mach/mach4 mach/x86_64/mach_i386 device/device; do
	d=$(basename "$defs")
	(cd "$out/mig" && $MIG -I"$gnu" -user ${d}_user.c -header ${d}_user.h \
	    -server /dev/null -sheader /dev/null "$gnu/$defs.defs")
done

# What glibc supplies on the Hurd beside GNU Mach's headers: mig_support.h.
mkdir -p "$out/shim/mach"
cat >"$out/shim/mach/mig_support.h" <<'SHIM'
#include <mach/port.h>
#include <mach/message.h>
mach_port_t	mig_get_reply_port(void);
void		mig_dealloc_reply_port(mach_port_t);
void		mig_put_reply_port(mach_port_t);
vm_size_t	mig_strncpy(char *, const char *, vm_size_t);
void		mig_deallocate(vm_address_t, vm_size_t);
void		mig_allocate(vm_address_t *, vm_size_t);
void		*memcpy(void *, const void *, unsigned long);
SHIM

flags="$FREESTANDING_CFLAGS -Wno-unused-parameter -I$out/mig \
-I$ABS_SRCDIR/tests/gnu -I$gnu -I$out/shim"
for src in "$ABS_SRCDIR/tests/gnu/gnu_runtime.c" "$out"/mig/*_user.c; do
	$CC $flags -c -o "$out/obj/$(basename "$src" .c).o" "$src"
done
# The trap stubs are assembly: trap numbers, no C declarations.  libc's
# are generated from Whorl's list of traps, so they take Whorl's header.
for s in tests/lib/start libc/arch/x86_64/traps; do
	$CC $FREESTANDING_CFLAGS -I"$ABS_SRCDIR/mach/include" \
	    -c -o "$out/obj/$(basename "$s").o" "$ABS_SRCDIR/$s.S"
done
ar rcs "$out/libgnu.a" "$out"/obj/*.o
echo "$flags" > "$out/cflags"
