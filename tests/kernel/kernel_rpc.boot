module: tests/kernel/kernel_rpc.elf kernel_rpc '${host-port}' '$(task-create)' '$(task-resume)'
