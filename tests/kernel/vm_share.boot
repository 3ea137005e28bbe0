module: tests/kernel/vm_share.elf vm_share '${device-port}' '$(task-create)' '$(task-resume)'
