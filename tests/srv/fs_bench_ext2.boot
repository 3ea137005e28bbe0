setup: rm -f tests/out/disk/fs_bench_ext2.img && mkdir -p tests/out/disk && mke2fs -q -F -t ext2 -b 4096 tests/out/disk/fs_bench_ext2.img 16M
qemu: -drive file=tests/out/disk/fs_bench_ext2.img,if=none,format=raw,id=vd0 -device virtio-blk-pci,drive=vd0,disable-legacy=off,disable-modern=on
module: translators/virtio-blk/virtio-blk virtio-blk '--host-priv-port=${host-port}' '--device-master-port=${device-port}' '$(vd-task=task-create)'
module: tests/srv/fs_bench_ext2.elf fs_bench '--device-master-port=${device-port}' '$(client=task-create)'
module: translators/ext2fs/ext2fs.elf ext2fs '--device-master-port=${device-port}' '--driver=${vd-task}' vd0 '${client}' '$(task-create)' '$(task-resume)'
