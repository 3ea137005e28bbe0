module: tests/kernel/vm_size_limit.elf vm_size_limit '${host-port}' '$(task-create)' '$(task-resume)'
