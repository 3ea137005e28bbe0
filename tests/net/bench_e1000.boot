qemu: -netdev user,id=n0,restrict=on -device e1000,netdev=n0,mitigation=off,mac=52:54:00:12:34:57
module: translators/e1000/e1000 e1000 '--host-priv-port=${host-port}' '--device-master-port=${device-port}' '$(nd-task=task-create)'
module: tests/net/net_bench.elf net_bench '--host-priv-port=${host-port}' '--device-master-port=${device-port}' '${nd-task}' '$(task-create)' '$(task-resume)'
