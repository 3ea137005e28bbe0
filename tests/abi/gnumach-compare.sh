#!/bin/sh
# gnumach-compare.sh -- host test: Whorl's ABI headers and .defs against
# the outside reference, GNU Mach's as Debian trixie ships them in
# gnumach-dev 2:1.8+git20250702 (fetched once into a cache outside the
# tree).  Checks, each by building the same program twice:
#   1. sizes, alignments and field offsets of every ABI structure, and the
#      value of every constant (tests/abi/abi_layout.c); then every
#      constant any Whorl header defines, found by a scan of the headers;
#   2. the trap numbers and argument counts of mach_traps.h;
#   3. for every routine Whorl's .defs declare, GNU MIG's message id,
#      request and reply layout and type descriptors equal those MIG makes
#      from GNU Mach's .defs (tests/abi/mig_layout.py).
# Also checks that the kernel's view of the message structures (KERNEL
# defined: pointer-sized mach_port_t) has the user view's layout.
#
# gnumach-dev is the amd64 package: its headers sit under
# usr/include/x86_64-linux-gnu with mach/machine -> x86_64, and select the
# x86_64 layout from the compiler's own __x86_64__/__LP64__, so a plain
# -I is enough; nothing is defined to pretend to be a Hurd target.  GNU
# Mach has no mach/mig_support.h (glibc supplies it on the Hurd); nothing
# here needs it.  mach_debug/slab_info.h (reached from gnumach.defs)
# includes <sys/types.h>, which a freestanding build lacks: a one-line
# stand-in including <stddef.h> is put on GNU Mach's include path.
set -eu
. ./build/abi-env.sh

. "$ABS_SRCDIR/tests/gnu/gnumach-dev.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
whorl=$ABS_SRCDIR/mach/include
die() {
	echo "gnumach-compare: FAIL: $*" >&2
	exit 1
}
gnumach_unpack "$tmp" || die "$gnumach_error"
gnu=$tmp/pkg/usr/include/x86_64-linux-gnu
echo "reference: gnumach-dev $gnumach_version"

FLAGS="-ffreestanding -nostdinc -isystem $GCC_INCLUDE -fno-builtin -O0
    -std=gnu11 -Wall -Werror"
fail=0

# build NAME SOURCE FLAGS...: compile and link a host program.
build() {
	n=$1 src=$2; shift 2
	$CC $FLAGS "$@" -o "$tmp/$n" "$src" >"$tmp/$n.log" 2>&1 ||
	    { cat "$tmp/$n.log"; die "cannot build $n"; }
}

# compare WHAT A B: the two files must be identical.
compare() {
	if diff -u "$2" "$3" >"$tmp/diff"; then
		echo "ok: $1 ($(wc -l <"$3") lines identical)"
	else
		echo "FAIL: $1 differs (- GNU Mach, + Whorl):"
		cat "$tmp/diff"
		fail=1
	fi
}

# 1. Structures and constants.
build layout-gnu "$ABS_SRCDIR/tests/abi/abi_layout.c" -I"$gnu"
build layout-whorl "$ABS_SRCDIR/tests/abi/abi_layout.c" -I"$whorl"
build layout-kernel "$ABS_SRCDIR/tests/abi/abi_layout.c" -DKERNEL -I"$whorl"
"$tmp/layout-gnu" >"$tmp/layout-gnu.out"
"$tmp/layout-whorl" >"$tmp/layout-whorl.out"
compare "structures and constants" "$tmp/layout-gnu.out" \
    "$tmp/layout-whorl.out"

# The kernel sees the same message layout (field sizes of port slots may
# differ: a pointer where user space has a name).
msgre='^(type|field) (mach_msg_header_t|mig_reply_header_t|mach_msg_type'
msgre="$msgre|mach_port_name_inlined_t|mach_[a-z_]*_notification_t)"
grep -E "$msgre" "$tmp/layout-whorl.out" | sed 's/ size [0-9]*$//' \
    >"$tmp/msg-user.out"
"$tmp/layout-kernel" | grep -E "$msgre" | sed 's/ size [0-9]*$//' \
    >"$tmp/msg-kernel.out"
compare "message layout, user vs kernel" "$tmp/msg-user.out" \
    "$tmp/msg-kernel.out"

# Every other object-like constant of Whorl's headers that GNU Mach's also
# define: no new constant escapes the check.  Each header is included if
# the side has it (mach/port.h and mach/message.h first: GNU Mach's
# machine/mach_i386_types.h needs them).
{
	printf '#include <mach/port.h>\n#include <mach/message.h>\n'
	(cd "$whorl" && find mach device -name '*.h' | sort) |
	    while read -r h; do
		printf '#if __has_include(<%s>)\n#include <%s>\n#endif\n' \
		    "$h" "$h"
	    done
	echo 'extern int printf(const char *, ...);'
	echo 'int main(void) {'
	(cd "$whorl" && find mach device -name '*.h' | sort | xargs cat) |
	    sed -n 's/^#define[ 	]\{1,\}\([A-Zi][A-Za-z0-9_]*\)[ 	].*/\1/p' |
	    grep -v -e '_H_$' -e '^EXPORT_BOOLEAN$' | sort -u |
	    while read -r c; do
		printf '#ifdef %s\n' "$c"
		printf 'printf("%%s %%lld\\n", "%s", (long long)(%s));\n' \
		    "$c" "$c"
		printf '#endif\n'
	    done
	echo 'return 0; }'
} >"$tmp/consts.c"
build consts-gnu "$tmp/consts.c" -I"$gnu"
build consts-whorl "$tmp/consts.c" -I"$whorl"
"$tmp/consts-gnu" | sort >"$tmp/consts-gnu.out"
"$tmp/consts-whorl" | sort >"$tmp/consts-whorl.out"
join "$tmp/consts-gnu.out" "$tmp/consts-whorl.out" | awk '$2 != $3' \
    >"$tmp/consts-bad"
if [ -s "$tmp/consts-bad" ]; then
	echo "FAIL: constants differ (name, GNU Mach, Whorl):"
	cat "$tmp/consts-bad"
	fail=1
else
	echo "ok: $(join "$tmp/consts-gnu.out" "$tmp/consts-whorl.out" |
	    wc -l) constants shared with GNU Mach have its values"
fi
echo "Whorl-only constants: $(join -v 2 "$tmp/consts-gnu.out" \
    "$tmp/consts-whorl.out" | awk '{ print $1 }' | tr '\n' ' ')"

# 2. Traps: every Whorl trap is GNU Mach's, same number and arguments.
sed -n 's/^kernel_trap(\([a-z_0-9]*\),-\([0-9]*\),\([0-9]*\)).*/\1 \2 \3/p' \
    "$gnu/mach/syscall_sw.h" | sort >"$tmp/traps-gnu"
printf '%s\n' '#include <mach/mach_traps.h>' '#define X(n, num, a) @n num a' \
    'MACH_TRAPS(X)' |
    $CC -E -P -D__ASSEMBLER__ -nostdinc -I"$whorl" -x c - | tr '@' '\n' |
    sed 's/  */ /g; s/ *$//' | grep . | sort >"$tmp/traps-whorl"
[ "$(wc -l <"$tmp/traps-whorl")" -ge 12 ] || die "cannot read MACH_TRAPS"
comm -13 "$tmp/traps-gnu" "$tmp/traps-whorl" >"$tmp/traps-bad"
if [ -s "$tmp/traps-bad" ]; then
	echo "FAIL: traps not as in GNU Mach's syscall_sw.h:"
	cat "$tmp/traps-bad"
	fail=1
else
	echo "ok: $(wc -l <"$tmp/traps-whorl") traps as GNU Mach numbers them"
fi

# 3. MIG: for each interface, GNU Mach's .defs and Whorl's.
mig_side() {
	side=$1 inc=$2 defs=$3 name=$4	# $5: more compiler flags
	d=$tmp/mig-$side/$name
	mkdir -p "$d"
	(cd "$d" && $MIG -I"$inc" -user "${name}User.c" -header "$name.h" \
	    -server /dev/null -sheader /dev/null "$inc/$defs") \
	    >"$d/mig.log" 2>&1 ||
	    { cat "$d/mig.log"; die "MIG failed on $side $defs"; }
	python3 "$ABS_SRCDIR/tests/abi/mig_layout.py" "$d/${name}User.c" \
	    "$name.h" >"$d/layout.c" ||
	    die "mig_layout.py failed on $side $name"
	build "mig-$side-$name" "$d/layout.c" -I"$d" -I"$inc" $5
	"$tmp/mig-$side-$name" >"$d/layout.out"
}

# Routines GNU Mach added after the reference (docs/abi.md): no layout to
# compare them with, so they are named and left out, never silently.
newer="vm_set_size_limit vm_get_size_limit"

total=0
for spec in mach/mach mach/mach_port mach/mach_host mach/gnumach mach/exc \
    mach/notify device/device mach/machine/mach_i386:mach/mach_i386; do
	gdefs=${spec%%:*}.defs
	wdefs=${spec#*:}.defs
	name=$(basename "$gdefs" .defs)
	mig_side gnu "$gnu" "$gdefs" "$name" -I"$tmp/shim"
	mig_side whorl "$whorl" "$wdefs" "$name" ""
	g=$tmp/mig-gnu/$name/layout.out
	w=$tmp/mig-whorl/$name/layout.out
	awk -v newer="$newer" 'BEGIN { split(newer, a, " ");
	    for (i in a) skip[a[i]] = 1 } !($1 in skip)' "$w" >"$w.ref"
	if [ "$name" != gnumach ] && ! cmp -s "$w" "$w.ref"; then
		die "$name: a routine newer than the reference"
	fi
	[ "$name" = gnumach ] && echo "gnumach: newer than the reference," \
	    "not compared: $newer"
	for r in $newer; do
		! grep -q "^$r " "$g" || die "$r is in the reference now:" \
		    "take it out of newer"
	done
	w=$w.ref
	# GNU Mach's lines for the routines Whorl declares.
	awk 'NR == FNR { r[$1] = 1; next } ($1 in r)' "$w" "$g" >"$g.sel"
	n=$(awk '{ print $1 }' "$w" | sort -u | wc -l)
	total=$((total + n))
	skipped=$(awk 'NR == FNR { r[$1] = 1; next } !($1 in r) { print $1 }' \
	    "$w" "$g" | sort -u | tr '\n' ' ')
	compare "$name: $n routines (Whorl skips: ${skipped:-none})" \
	    "$g.sel" "$w"
done
[ "$total" -ge 60 ] || die "only $total routines compared"
echo "compared $total routines"
exit $fail
