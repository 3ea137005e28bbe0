module: tests/kernel/rpc_coverage.elf rpc_coverage '${device-port}' '$(task-create)' '$(task-resume)'
