module: tests/kernel/device_map.elf device_map '${device-port}' '$(task-create)' '$(task-resume)'
