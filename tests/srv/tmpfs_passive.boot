module: tests/srv/tmpfs_passive.elf tmpfs_passive '--device-master-port=${device-port}' '$(client=task-create)'
module: translators/tmpfs/tmpfs.elf tmpfs '--device-master-port=${device-port}' --test '${client}' '$(task-create)' '$(task-resume)'
