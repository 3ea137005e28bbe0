#!/bin/sh
# test-fetch-tamper.sh -- host test of ports/fetch, run by `make check`:
# a recipe whose checksum was altered, or a cached file that was corrupted,
# is refused with a message naming the package and nothing is unpacked; a
# good fetch works offline from the cache and applies the patch series.
set -eu

top=${WHORL_SRCDIR:-$(dirname "$0")/..}
top=$(cd "$top" && pwd)
fetch=$top/ports/fetch
cache=${WHORL_DISTFILES:-/var/cache/whorl/distfiles}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
files="hello_2.10-3.dsc hello_2.10.orig.tar.gz hello_2.10-3.debian.tar.xz"

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# Make sure the shared cache holds GNU Hello (downloads it the first time).
fill_cache() {
	WHORL_DISTFILES=$cache "$fetch" hello "$tmp/fill" >/dev/null ||
	    fail "cannot fetch hello into the cache $cache"
	mkdir -p "$tmp/cache"
	for f in $files; do cp "$cache/$f" "$tmp/cache/"; done
}

# Cut the machine off from the archive: apt-get is replaced by a stub that
# records any call and fails, and apt's lists point at an empty directory.
go_offline() {
	mkdir -p "$tmp/bin" "$tmp/noapt"
	cat > "$tmp/bin/apt-get" <<EOF
#!/bin/sh
echo "apt-get \$*" >> "$tmp/apt-called"
exit 1
EOF
	chmod +x "$tmp/bin/apt-get"
	PATH=$tmp/bin:$PATH
	WHORL_APT_STATE=$tmp/noapt
	export PATH WHORL_APT_STATE
}

# A throwaway copy of the hello port, with a test patch added.
copy_port() {
	mkdir -p "$tmp/ports/hello/patches"
	cp "$top/ports/hello/recipe" "$tmp/ports/hello/"
	cat > "$tmp/ports/hello/patches/0001-mark.patch" <<'EOF'
Test patch: adds a file, to show the series is applied.

--- /dev/null
+++ b/WHORL-PATCHED
@@ -0,0 +1 @@
+patched
EOF
}

# Run fetch, which must fail; check its message and that nothing was
# unpacked.  $1: what the message must contain; the rest: environment.
expect_refusal() {
	want=$1
	shift
	out=$tmp/refused
	if env "$@" "$fetch" hello "$tmp/bad" > "$out.stdout" 2> "$out"; then
		fail "fetch accepted a bad source ($want)"
	fi
	cat "$out" >&2
	grep -q "^fetch: hello: .*$want" "$out" ||
	    fail "fetch's message lacks 'fetch: hello: ... $want'"
	[ ! -e "$tmp/bad/build/ports/hello/src" ] ||
	    fail "fetch unpacked a refused source"
	[ ! -e "$tmp/bad/build/ports/hello/src.new" ] ||
	    fail "fetch left a half-made tree"
	[ ! -s "$out.stdout" ] || fail "fetch printed a path on failure"
	rm -rf "$tmp/bad"
}

test_offline_good_fetch() {
	dir=$(WHORL_PORTSDIR=$tmp/ports WHORL_DISTFILES=$tmp/cache \
	    "$fetch" hello "$tmp/good") || fail "offline fetch from the cache"
	[ "$dir" = "$tmp/good/build/ports/hello/src" ] ||
	    fail "fetch printed '$dir'"
	[ -f "$dir/configure" ] || fail "hello was not unpacked"
	[ -f "$dir/WHORL-PATCHED" ] || fail "the patch series was not applied"
	[ -f "$tmp/good/build/ports/hello/.fetched" ] || fail "no stamp"
	[ ! -e "$tmp/apt-called" ] ||
	    fail "fetch ran apt: $(cat "$tmp/apt-called")"
	echo "ok: offline fetch from the cache, patch applied, apt not run"
}

# The recipe's sum for the orig tarball is altered in a copy.
test_altered_recipe() {
	sed -i 's/^31e066137a/41e066137a/' "$tmp/ports/hello/recipe"
	expect_refusal "checksum mismatch for hello_2.10.orig.tar.gz" \
	    WHORL_PORTSDIR="$tmp/ports" WHORL_DISTFILES="$tmp/cache"
	echo "ok: an altered recipe checksum is refused"
}

# One byte of the cached orig tarball is changed.
test_corrupted_cache() {
	mkdir -p "$tmp/cache2"
	cp "$tmp/cache"/* "$tmp/cache2/"
	printf 'X' | dd of="$tmp/cache2/hello_2.10.orig.tar.gz" bs=1 seek=1000 \
	    conv=notrunc 2>/dev/null
	expect_refusal "checksum mismatch for hello_2.10.orig.tar.gz" \
	    WHORL_DISTFILES="$tmp/cache2"
	echo "ok: a corrupted cached tarball is refused"
}

# A patch that does not apply leaves no tree behind.
test_bad_patch() {
	cat > "$tmp/ports/hello/patches/0002-bad.patch" <<'EOF'
--- a/no-such-file
+++ b/no-such-file
@@ -1 +1 @@
-absent
+present
EOF
	expect_refusal "patch 0002-bad.patch does not apply" \
	    WHORL_PORTSDIR="$tmp/ports" WHORL_DISTFILES="$tmp/cache"
	rm "$tmp/ports/hello/patches/0002-bad.patch"
	echo "ok: a patch that does not apply is reported"
}

# Offline, a version the cache lacks fails with a message naming it.
test_missing_offline() {
	cp "$top/ports/hello/recipe" "$tmp/ports/hello/"
	sed -i 's/^version=.*/version=2.10-99/' "$tmp/ports/hello/recipe"
	sed -i 's/hello_2.10-3\./hello_2.10-99./' "$tmp/ports/hello/recipe"
	expect_refusal "cannot download hello version 2.10-99" \
	    WHORL_PORTSDIR="$tmp/ports" WHORL_DISTFILES="$tmp/cache"
	echo "ok: a source that cannot be had is reported"
}

fill_cache
copy_port
go_offline
test_offline_good_fetch
test_bad_patch
test_corrupted_cache
test_altered_recipe
test_missing_offline
echo "all fetch tests passed"
