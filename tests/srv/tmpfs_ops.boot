module: tests/srv/tmpfs_ops.elf tmpfs_ops '--device-master-port=${device-port}' '$(client=task-create)'
module: translators/tmpfs/tmpfs.elf tmpfs '--device-master-port=${device-port}' --test --size=64k '${client}' '$(task-create)' '$(task-resume)'
