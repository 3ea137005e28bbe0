setup: rm -rf tests/out/disk/ext2fs_ro.img tests/out/disk/ext2fs_ro.d && mkdir -p tests/out/disk/ext2fs_ro.d/docs && printf 'hello from the staging tree\n' > tests/out/disk/ext2fs_ro.d/docs/readme.txt && mke2fs -q -F -t ext2 -O huge_file -E root_owner=0:0 -b 1024 -d tests/out/disk/ext2fs_ro.d tests/out/disk/ext2fs_ro.img 4M && md5sum tests/out/disk/ext2fs_ro.img > tests/out/disk/ext2fs_ro.md5
qemu: -drive file=tests/out/disk/ext2fs_ro.img,if=none,format=raw,id=vd0 -device virtio-blk-pci,drive=vd0,disable-legacy=off,disable-modern=on
check: md5sum -c tests/out/disk/ext2fs_ro.md5
module: translators/virtio-blk/virtio-blk virtio-blk '--host-priv-port=${host-port}' '--device-master-port=${device-port}' '$(vd-task=task-create)'
module: tests/srv/ext2fs_ro.elf ext2fs_ro '--device-master-port=${device-port}' '$(client=task-create)'
module: translators/ext2fs/ext2fs.elf ext2fs '--device-master-port=${device-port}' '--driver=${vd-task}' vd0 '${client}' '$(task-create)' '$(task-resume)'
