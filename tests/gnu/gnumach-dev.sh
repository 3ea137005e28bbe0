# gnumach-dev.sh -- sourced by the ABI checks and tests/gnu/stubs.sh:
# gnumach_unpack DIR puts Debian trixie's gnumach-dev 2:1.8+git20250702 (GNU Mach's headers and
# .defs, the outside reference) under DIR/pkg, from a cache outside the
# tree (downloaded through setup/apt-private.sh the first time).  Sets
# gnumach_version; on failure returns 1 with gnumach_error set.  GNU's
# x86_64 headers live under usr/include/x86_64-linux-gnu; mach/machine is
# linked to x86_64 there, and a one-line sys/types.h stand-in goes to
# DIR/shim for the headers that want one in a freestanding build.

GNUMACH_VERSION=2:1.8+git20250702

gnumach_find() {
	ls "${WHORL_DISTFILES:-/var/cache/whorl/distfiles}"/gnumach-dev_*1.8+git20250702*_amd64.deb \
	    2>/dev/null | head -n 1
}

gnumach_download() {
	dir=$1
	cache=${WHORL_DISTFILES:-/var/cache/whorl/distfiles}
	aptstate=${WHORL_APT_STATE:-/var/cache/whorl/apt}
	mkdir -p "$cache" "$dir/dl" || return 1
	if ! ls "$aptstate"/lists/*_dists_trixie_main_binary-amd64_Packages* \
	    >/dev/null 2>&1; then
		"$ABS_SRCDIR/setup/apt-private.sh" update >"$dir/apt.log" 2>&1 ||
		    return 1
	fi
	(cd "$dir/dl" &&
	    "$ABS_SRCDIR/setup/apt-private.sh" download gnumach-dev/trixie) \
	    >"$dir/apt.log" 2>&1 || return 1
	mv "$dir"/dl/gnumach-dev_*.deb "$cache"/
}

gnumach_unpack() {
	dir=$1
	deb=$(gnumach_find)
	if [ -z "$deb" ]; then
		echo "fetching gnumach-dev from trixie into the cache"
		if ! gnumach_download "$dir"; then
			gnumach_error="cannot download gnumach-dev/trixie: $(tail -n 3 "$dir/apt.log" 2>/dev/null)"
			return 1
		fi
		deb=$(gnumach_find)
	fi
	if [ -z "$deb" ]; then
		gnumach_error="trixie's gnumach-dev is not $GNUMACH_VERSION"
		return 1
	fi
	gnumach_version=$(dpkg-deb -f "$deb" Version)
	case $gnumach_version in
	"$GNUMACH_VERSION"-*) ;;
	*) gnumach_error="$deb is version $gnumach_version, not $GNUMACH_VERSION"
	   return 1 ;;
	esac
	dpkg -x "$deb" "$dir/pkg" || { gnumach_error="dpkg -x $deb failed"; return 1; }
	inc=$dir/pkg/usr/include/x86_64-linux-gnu
	if [ ! -f "$inc/mach/message.h" ]; then
		gnumach_error="no mach/message.h in $deb"
		return 1
	fi
	[ -e "$inc/mach/machine" ] || ln -s x86_64 "$inc/mach/machine"
	mkdir -p "$dir/shim/sys"
	echo '#include <stddef.h>' >"$dir/shim/sys/types.h"
}
