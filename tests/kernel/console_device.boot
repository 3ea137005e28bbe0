module: tests/kernel/console_device.elf console_device '${device-port}' '$(task-create)' '$(task-resume)'
