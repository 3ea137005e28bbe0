#!/bin/sh
# apt-private.sh -- run apt-get against a private sources list.
# Derives Debian archive entries (binary and deb-src) for the suites named in
# WHORL_APT_SUITES from the machine's own apt sources, so that no archive host
# name is ever written into the tree.  Used by setup/install-deps.sh (MIG from
# trixie) and by ports/fetch (source packages).
#
#   setup/apt-private.sh update
#   setup/apt-private.sh <apt-get arguments...>
set -eu

suites=${WHORL_APT_SUITES:-"bookworm trixie"}
state=${WHORL_APT_STATE:-/var/cache/whorl/apt}
mkdir -p "$state/lists/partial" "$state/archives/partial"

# The first archive URI the machine uses for its main Debian suite.
machine_uri() {
	{
		cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
		    awk '/^URIs:/ { print $2 }'
		cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
		    awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /:\/\//) { print $i; break } }'
	} | grep -v -e security -e '^$' | head -n 1
}

uri=$(machine_uri)
if [ -z "$uri" ]; then
	echo "apt-private: cannot find a Debian archive in the machine's apt sources" >&2
	exit 1
fi
list="$state/sources.list"
: > "$list.new"
for s in $suites; do
	printf 'deb %s %s main\ndeb-src %s %s main\n' "$uri" "$s" "$uri" "$s" >> "$list.new"
done
mv "$list.new" "$list"

exec apt-get -q \
    -o Dir::Etc::SourceList="$list" \
    -o Dir::Etc::SourceParts=/dev/null \
    -o Dir::State::Lists="$state/lists" \
    -o Dir::Cache::Archives="$state/archives" \
    -o APT::Default-Release=bookworm \
    "$@"
