setup: mkdir -p tests/out/disk && rm -f tests/out/disk/bench.img && truncate -s 32M tests/out/disk/bench.img
qemu: -drive file=tests/out/disk/bench.img,if=none,format=raw,id=vd0 -device virtio-blk-pci,drive=vd0,disable-legacy=off,disable-modern=on
module: translators/virtio-blk/virtio-blk virtio-blk '--host-priv-port=${host-port}' '--device-master-port=${device-port}' '$(vd-task=task-create)'
module: tests/drivers/disk_bench.elf disk_bench '--host-priv-port=${host-port}' '--device-master-port=${device-port}' '${vd-task}' '$(task-create)' '$(task-resume)'
