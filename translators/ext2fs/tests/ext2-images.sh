#!/bin/sh
# ext2-images.sh -- host test: images made by mke2fs (several block and
# inode sizes, populated with -d, with and without dir_index, revision 0,
# Hurd as creator) are read and changed by the engine through ext2_tool;
# then e2fsck -fn must find them clean and debugfs must show what the engine
# wrote.  Also checks that unsupported images are refused or mounted
# read-only.
set -u

tool=$(pwd)/translators/ext2fs/tests/ext2_tool
[ -x "$tool" ] || { echo "missing $tool (run make check)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
failed=0

bad() {
	echo "FAIL: $*"
	failed=1
}

clean() {
	if ! e2fsck -fn "$1" >"$tmp/fsck.out" 2>&1; then
		cat "$tmp/fsck.out"
		bad "e2fsck finds $1 unclean ($2)"
	fi
}

dbg() {
	debugfs -R "$1" "$img" 2>/dev/null
}

# expect WHAT COMMAND... : the command's output must contain WHAT.
expect() {
	what=$1
	shift
	out=$("$@" 2>&1)
	case $out in
	*"$what"*) ;;
	*) bad "$cfg: '$*' gave '$out', want '$what'" ;;
	esac
}

# The tree mke2fs -d copies in.
tree=$tmp/tree
mkdir -p "$tree/sub/deeper" "$tree/many" "$tree/empty"
printf 'hello, world' > "$tree/hello.txt"
head -c 300000 /dev/urandom > "$tree/data.bin"
printf 'deep' > "$tree/sub/deeper/file"
ln -s hello.txt "$tree/sub/link-fast"
slow=$(printf '%0150d' 7)
ln -s "$slow" "$tree/sub/link-slow"
i=0
while [ $i -lt 300 ]; do
	: > "$tree/many/file-number-$i"
	i=$((i + 1))
done
head -c 700000 /dev/urandom > "$tmp/in.bin"

# The engine's part: read what mke2fs wrote, then change a lot.
script() {
	cat <<EOF
export /data.bin $tmp/out.bin
readlink /sub/link-fast
readlink /sub/link-slow
cat /sub/deeper/file
mkdir /new
import $tmp/in.bin /new/in.bin
writestr /new/small tiny
symlink /new/fast target-fast
symlink /new/slow $slow$slow
mknod /new/cdev c 1 3
mknod /new/big-dev c 300 70000
mknod /new/bdev b 8 1
mknod /new/fifo p
mknod /new/sock s
link /new/small /new/small-link
rename /sub /new/sub-moved
rename /many /new/many
rename /new/many /many
!EINVAL rename /new /new/sub-moved/x
rename /hello.txt /new/small
!ENOTEMPTY rmdir /new/sub-moved
!EISDIR rm /new/sub-moved
!ENOTDIR rmdir /new/small
!EEXIST mkdir /new
!ENOENT rm /nonexistent
rmdir /empty
create /new/sparse
write /new/sparse 70000000 5000 9
verify /new/sparse 70000000 5000 9
verify /new/sparse 1000000 5000 0 zero
truncate /new/sparse 20000000
truncate /data.bin 100000
chmod /new/small 600
chown /new/small 1000 100
utimes /new/small 1000000 2000000
EOF
	if [ "$rev0" = no ]; then
		cat <<EOF
create /new/huge
write /new/huge 3221225472 4096 1
setxattr /new/small user.comment hello
setxattr /new/small gnu.translator /hurd/null
setxattr /new/in.bin user.big $slow$slow$slow
rmxattr /new/in.bin user.big
setxattr /new/fifo trusted.x y
EOF
	fi
	i=0
	while [ $i -lt 300 ]; do
		echo "rm /many/file-number-$i"
		echo "create /many/another-name-$i"
		i=$((i + 2))
	done
}

# Check with debugfs what the engine did.
check_image() {
	cmp -s "$tree/data.bin" "$tmp/out.bin" || bad "$cfg: data.bin read back"
	dbg "dump /new/in.bin $tmp/in.back" >/dev/null
	cmp -s "$tmp/in.bin" "$tmp/in.back" || bad "$cfg: in.bin differs"
	expect "hello, world" dbg "cat /new/small"
	expect "Links: 1" dbg "stat /new/small"
	expect "tiny" dbg "cat /new/small-link"
	expect "Links: 1" dbg "stat /new/small-link"
	expect "User:  1000   Group:   100" dbg "stat /new/small"
	expect "Mode:  0600" dbg "stat /new/small"
	expect "300:70000" dbg "stat /new/big-dev"
	expect "Fast link dest: \"target-fast\"" dbg "stat /new/fast"
	expect "$slow$slow" dbg "cat /new/slow"
	expect "Size: 20000000" dbg "stat /new/sparse"
	expect "Size: 100000" dbg "stat /data.bin"
	expect "deep" dbg "cat /new/sub-moved/deeper/file"
	expect "FIFO" dbg "stat /new/fifo"
	expect "socket" dbg "stat /new/sock"
	# debugfs also lists a block's first entry when freed (inode 0).
	n=$(dbg "ls -p /many" | grep -v '^/0/' |
	    grep -c -e '/another-name-' -e '/file-number-')
	[ "$n" -eq 300 ] || bad "$cfg: /many has $n entries, want 300"
	if [ "$rev0" = no ]; then
		expect "Size: 3221229568" dbg "stat /new/huge"
		expect "/hurd/null" dbg "ea_get /new/small gnu.translator"
		expect "hello" dbg "ea_get /new/small user.comment"
	fi
}

for cfg in "-b 1024 -I 128" "-b 2048 -I 256" "-b 4096 -I 256" \
    "-b 1024 -I 256 -O ^dir_index" "-b 4096 -O ^filetype" "-b 1024 -r 0" \
    "-b 4096 -o hurd"; do
	img=$tmp/img
	rev0=no
	case $cfg in *"-r 0"*) rev0=yes ;; esac
	rm -f "$img"
	if ! mke2fs -q -F -t ext2 $cfg -N 2048 -d "$tree" "$img" 96M \
	    >"$tmp/mkfs.out" 2>&1; then
		cat "$tmp/mkfs.out"
		bad "$cfg: mke2fs"
		continue
	fi
	# Index the big directory where the file system allows.
	e2fsck -fyD "$img" >/dev/null 2>&1
	clean "$img" "$cfg, as made"
	script > "$tmp/script"
	if ! "$tool" "$img" < "$tmp/script" > "$tmp/tool.out" 2>&1; then
		cat "$tmp/tool.out"
		bad "$cfg: ext2_tool"
	fi
	expect "hello.txt" cat "$tmp/tool.out"
	expect "$slow" cat "$tmp/tool.out"
	clean "$img" "$cfg, after the engine"
	check_image
	echo "ok: $cfg"
done

# Refusals: incompatible features, a journal needing recovery.
cfg=refusals
for opts in "-t ext4" "-t ext2 -O extent" \
    "-t ext2 -O meta_bg,^resize_inode"; do
	img=$tmp/bad.img
	rm -f "$img"
	mke2fs -q -F $opts "$img" 32M >/dev/null 2>&1 || bad "mke2fs $opts"
	expect "mount: EINVAL" "$tool" "$img" </dev/null
done
img=$tmp/journal.img
rm -f "$img"
mke2fs -q -F -t ext3 "$img" 32M >/dev/null 2>&1
echo "mkdir /d" | "$tool" "$img" || bad "ext3 with a clean journal"
debugfs -w -R "feature needs_recovery" "$img" >/dev/null 2>&1
expect "mount: EINVAL" "$tool" "$img" </dev/null
# An unknown read-only feature, or asking for it: read-only.
img=$tmp/ro.img
rm -f "$img"
mke2fs -q -F -t ext2 -O metadata_csum "$img" 32M >/dev/null 2>&1
printf 'ls /\n!EROFS mkdir /d\n' | "$tool" "$img" >/dev/null ||
    bad "metadata_csum image not read-only"
mke2fs -q -F -t ext2 "$img" 32M >/dev/null 2>&1
printf '!EROFS mkdir /d\n!EROFS rm /lost+found\n' | "$tool" "$img" ro ||
    bad "read-only mount wrote"
clean "$img" "read-only mount"
echo "ok: $cfg"
exit $failed
