#!/bin/sh
# ext2fs-check.sh IMAGE -- after tests/srv/ext2fs_rw ran under QEMU: the
# image must pass e2fsck -fn and debugfs must show what the guest wrote
# through the ext2fs translator (and not what it removed).
set -u
img=$1
fail() { echo "ext2fs-check: $*"; exit 1; }
e2fsck -fn "$img" || fail "e2fsck found errors"
dfs() { debugfs -R "$1" "$img" 2>/dev/null; }
[ "$(dfs 'cat /newdir/new.txt')" = "written by whorl" ] || fail "new.txt"
[ "$(dfs 'cat /docs/readme.txt')" = "hello from the staging tree" ] ||
	fail "readme.txt"
dfs 'ls /' | grep -q 'renamed.txt' || fail "renamed.txt missing"
dfs 'ls /' | grep -q 'gone.txt' && fail "gone.txt still there"
dfs 'ls /' | grep -q 'emptydir' && fail "emptydir still there"
dfs 'ls /newdir' | grep -q 'tmp.txt' && fail "tmp.txt still there"
dfs 'stat /big.bin' | grep -q 'Size: 102400' || fail "big.bin size"
dfs 'ea_get /trans gnu.translator' | grep -q 'hurd/null' ||
	fail "gnu.translator record"
dfs 'ea_get /dev/zero gnu.translator' | grep -q 'bin/null' ||
	fail "the record on /dev/zero"
echo "ext2fs-check: clean, and the guest's changes are there"
