module: tests/kernel/rpc_fast.elf rpc_fast server '$(srv=task-create)' '$(task-resume)'
module: tests/kernel/rpc_fast.elf rpc_fast client '${srv}' '$(task-create)' '$(task-resume)'
