module: tests/kernel/rpc_fast_set.elf rpc_fast_set server '$(srv=task-create)' '$(task-resume)'
module: tests/kernel/rpc_fast_set.elf rpc_fast_set client '${host-port}' '${srv}' '$(task-create)' '$(task-resume)'
