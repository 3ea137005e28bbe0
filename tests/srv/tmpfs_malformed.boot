module: tests/srv/tmpfs_malformed.elf tmpfs_malformed '--device-master-port=${device-port}' '$(client=task-create)'
module: translators/tmpfs/tmpfs.elf tmpfs '--device-master-port=${device-port}' --test '${client}' '$(task-create)' '$(task-resume)'
