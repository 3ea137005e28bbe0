module: tests/gnu/kernel_info.elf kernel_info '${host-port}' '${device-port}' '$(task-create)' '$(task-resume)'
