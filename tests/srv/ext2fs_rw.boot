setup: rm -rf tests/out/disk/ext2fs_rw.img tests/out/disk/ext2fs_rw.d && mkdir -p tests/out/disk/ext2fs_rw.d/docs && printf 'hello from the staging tree\n' > tests/out/disk/ext2fs_rw.d/docs/readme.txt && mkdir -p tests/out/disk/ext2fs_rw.d/bin && cp translators/null/null.elf tests/out/disk/ext2fs_rw.d/bin/null && chmod 755 tests/out/disk/ext2fs_rw.d/bin/null && ln -s docs/readme.txt tests/out/disk/ext2fs_rw.d/link && ln -s /abs/path tests/out/disk/ext2fs_rw.d/abs && mke2fs -q -F -t ext2 -b 1024 -d tests/out/disk/ext2fs_rw.d tests/out/disk/ext2fs_rw.img 8M
qemu: -drive file=tests/out/disk/ext2fs_rw.img,if=none,format=raw,id=vd0 -device virtio-blk-pci,drive=vd0,disable-legacy=off,disable-modern=on
check: sh $WHORL_SRCDIR/tests/srv/ext2fs-check.sh tests/out/disk/ext2fs_rw.img
module: translators/virtio-blk/virtio-blk virtio-blk '--host-priv-port=${host-port}' '--device-master-port=${device-port}' '$(vd-task=task-create)'
module: tests/srv/ext2fs_rw.elf ext2fs_rw '--device-master-port=${device-port}' '$(client=task-create)'
module: translators/ext2fs/ext2fs.elf ext2fs '--device-master-port=${device-port}' --test '--driver=${vd-task}' vd0 '${client}' '$(task-create)' '$(task-resume)'
