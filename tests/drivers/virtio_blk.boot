setup: rm -f tests/out/disk/virtio_blk.img && mkdir -p tests/out/disk && python3 $WHORL_SRCDIR/tests/drivers/disk-image.py make tests/out/disk/virtio_blk.img
qemu: -drive file=tests/out/disk/virtio_blk.img,if=none,format=raw,id=vd0 -device virtio-blk-pci,drive=vd0,disable-legacy=off,disable-modern=on
check: python3 $WHORL_SRCDIR/tests/drivers/disk-image.py check tests/out/disk/virtio_blk.img
module: translators/virtio-blk/virtio-blk virtio-blk '--host-priv-port=${host-port}' '--device-master-port=${device-port}' '$(vd-task=task-create)'
module: tests/drivers/virtio_blk.elf virtio_blk '--host-priv-port=${host-port}' '--device-master-port=${device-port}' '${vd-task}' '$(task-create)' '$(task-resume)'
