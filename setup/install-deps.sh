#!/bin/sh
# install-deps.sh -- install, on Debian 12 as root, only what Whorl's build
# and tests need and the machine lacks.  Called by ./bootstrap.
set -eu

PKGS="autoconf automake make gcc libc6-dev qemu-system-x86 grub-pc-bin
grub-common xorriso mtools e2fsprogs libext2fs-dev dpkg-dev xz-utils
python3 iproute2 curl netcat-openbsd iputils-ping"
MIG_VERSION=1.8+git20231217

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
	    grep -q "install ok installed" || missing="$missing $p"
done

if [ -n "$missing" ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "install-deps: missing packages:$missing (run as root)" >&2
		exit 1
	fi
	echo "install-deps: installing$missing"
	apt-get update -q >/dev/null || apt-get update -q
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing
fi

# MIG: Debian 12's own MIG emits an obsolete x86_64 message layout (see
# ../shared/ABI.md); take the trixie package through a private apt list.
have=$(dpkg-query -W -f='${Version}' mig-x86-64-gnu 2>/dev/null || true)
case "$have" in
$MIG_VERSION*) ;;
*)
	echo "install-deps: installing mig-x86-64-gnu $MIG_VERSION from trixie"
	here=$(cd "$(dirname "$0")" && pwd)
	tmp=$(mktemp -d)
	"$here/apt-private.sh" update >/dev/null
	(cd "$tmp" && "$here/apt-private.sh" download "mig-x86-64-gnu/trixie") \
	    >/dev/null 2>&1
	dpkg -i "$tmp"/mig-x86-64-gnu_"$MIG_VERSION"*.deb
	rm -rf "$tmp"
	;;
esac
