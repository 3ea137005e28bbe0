#!/bin/sh
# build.sh -- build GNU Hello for Whorl with its own, unmodified autotools
# build system: configure --host with the closest triplet hello's 2014
# config.sub knows (x86_64-whorl-elf: vendor "whorl", object format ELF;
# it rejects an OS called "whorl"), the compiler wrapper as CC, then make.
# Called by `make hello` (ports/Makefrag.am) after ports/fetch; leaves the
# program in <builddir>/build/ports/hello/obj/hello.
#
#   ports/hello/build.sh <srcdir> <builddir>
set -eu

die() {
	echo "hello: $*" >&2
	exit 1
}

main() {
	[ $# -eq 2 ] || { echo "usage: $0 <srcdir> <builddir>" >&2; exit 2; }
	b=$(cd "$2" && pwd)
	src=$b/build/ports/hello/src
	obj=$b/build/ports/hello/obj
	[ -x "$src/configure" ] || die "no source in $src (run ports/fetch hello)"
	[ -x "$b/build/bin/x86_64-whorl-gcc" ] ||
	    die "no compiler wrapper in $b/build/bin (run make whorl-tools)"
	rm -rf "$obj"
	mkdir -p "$obj"
	PATH=$b/build/bin:$PATH
	export PATH
	# No locale files on Whorl yet, so no NLS; everything else is
	# hello's own choice, from configure's tests of Whorl's libc.
	(cd "$obj" && "$src/configure" --host=x86_64-whorl-elf \
	    CC=x86_64-whorl-gcc AR=x86_64-whorl-ar RANLIB=x86_64-whorl-ranlib \
	    --disable-nls) > "$obj/configure.out" 2>&1 ||
	    die "configure failed; see $obj/configure.out"
	make -C "$obj" -j"${WHORL_JOBS:-2}" > "$obj/build.out" 2>&1 ||
	    die "build failed; see $obj/build.out"
	[ -f "$obj/hello" ] || die "make built no hello"
	echo "hello: built $obj/hello"
	date +%s > "$b/build/ports/hello/.built"
}

main "$@"
