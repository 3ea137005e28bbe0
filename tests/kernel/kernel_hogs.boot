module: tests/kernel/kernel_hogs.elf kernel_hogs '${host-port}' '$(task-create)' '$(task-resume)'
