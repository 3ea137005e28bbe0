module: tests/srv/libc_files.elf libc_files '--device-master-port=${device-port}' '$(client=task-create)'
module: translators/tmpfs/tmpfs.elf tmpfs '--device-master-port=${device-port}' '${client}' '$(task-create)' '$(task-resume)'
