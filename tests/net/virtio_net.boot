qemu: -netdev user,id=n0,restrict=on -device virtio-net-pci,netdev=n0,mac=52:54:00:12:34:56,disable-legacy=off,disable-modern=on
module: translators/virtio-net/virtio-net virtio-net '--host-priv-port=${host-port}' '--device-master-port=${device-port}' '$(nd-task=task-create)'
module: tests/net/net_test.elf net_test '--host-priv-port=${host-port}' '--device-master-port=${device-port}' '${nd-task}' '$(task-create)' '$(task-resume)'
