module: tests/kernel/io_perm.elf io_perm '${device-port}' '$(task-create)' '$(task-resume)'
