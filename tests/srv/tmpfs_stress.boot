module: tests/srv/tmpfs_stress.elf tmpfs_stress '--device-master-port=${device-port}' '$(client=task-create)'
module: translators/tmpfs/tmpfs.elf tmpfs '--device-master-port=${device-port}' --test '${client}' '$(task-create)' '$(task-resume)'
