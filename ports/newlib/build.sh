#!/bin/sh
# build.sh -- configure, build and install newlib's libc.a and libm.a for
# Whorl (x86_64, no OS layer: libc/ supplies the system calls) with the
# machine's gcc.  Called by `make newlib` (ports/Makefrag.am) after
# ports/fetch; installs headers and libraries into <builddir>/build/sysroot.
#
#   ports/newlib/build.sh <srcdir> <builddir>
set -eu

die() {
	echo "newlib: $*" >&2
	exit 1
}

# newlib's configure wants a target triplet; x86_64-elf is newlib's bare
# x86_64 target.  The tools are the host's, made freestanding.
configure_newlib() {
	gccinc=$(gcc -print-file-name=include)
	flags="-ffreestanding -fno-stack-protector -fno-pic -fno-pie -O2 -g"
	# Whorl's errno values come from libc/include (see docs/errno.md).
	inc="-nostdinc -isystem $top/libc/include -idirafter $gccinc"
	(cd "$obj" && "$src/configure" \
	    --target=x86_64-elf --prefix=/usr \
	    --disable-multilib --disable-nls \
	    --disable-newlib-supplied-syscalls \
	    --enable-newlib-io-long-long \
	    --enable-newlib-io-c99-formats \
	    --enable-newlib-retargetable-locking \
	    --enable-newlib-reent-thread-local \
	    CC_FOR_TARGET="gcc $inc" \
	    AS_FOR_TARGET=as AR_FOR_TARGET=ar LD_FOR_TARGET=ld \
	    NM_FOR_TARGET=nm RANLIB_FOR_TARGET=ranlib \
	    OBJDUMP_FOR_TARGET=objdump READELF_FOR_TARGET=readelf \
	    STRIP_FOR_TARGET=strip \
	    CFLAGS_FOR_TARGET="$flags") > "$obj/configure.out" 2>&1 ||
	    die "configure failed; see $obj/configure.out"
}

# Build only newlib proper (libc and libm), then install it into a staging
# tree and copy headers and libraries to the sysroot.
build_and_install() {
	make -C "$obj" -j"${WHORL_JOBS:-2}" all-target-newlib \
	    > "$obj/build.out" 2>&1 || die "build failed; see $obj/build.out"
	rm -rf "$stage"
	make -C "$obj" install-target-newlib DESTDIR="$stage" \
	    > "$obj/install.out" 2>&1 ||
	    die "install failed; see $obj/install.out"
	t=$stage/usr/x86_64-elf
	[ -f "$t/lib/libc.a" ] && [ -f "$t/lib/libm.a" ] ||
	    die "install made no libc.a or libm.a"
	rm -rf "${sysroot:?}/include" "${sysroot:?}/lib"
	mkdir -p "$sysroot/lib"
	cp -R "$t/include" "$sysroot/include"
	cp -R "$top/libc/include/whorl" "$sysroot/include/"
	cp "$t/lib/libc.a" "$t/lib/libm.a" "$sysroot/lib/"
}

main() {
	[ $# -eq 2 ] || { echo "usage: $0 <srcdir> <builddir>" >&2; exit 2; }
	top=$(cd "$1" && pwd)
	b=$(mkdir -p "$2" && cd "$2" && pwd)
	src=$b/build/ports/newlib/src
	obj=$b/build/ports/newlib/obj
	stage=$b/build/ports/newlib/stage
	sysroot=$b/build/sysroot
	[ -x "$src/configure" ] ||
	    die "no source in $src (run ports/fetch newlib)"
	rm -rf "$obj"
	mkdir -p "$obj"
	start=$(date +%s)
	configure_newlib
	build_and_install
	secs=$(($(date +%s) - start))
	echo "newlib: built and installed in ${secs}s into $sysroot"
	echo "$secs" > "$b/build/ports/newlib/.built"
}

main "$@"
