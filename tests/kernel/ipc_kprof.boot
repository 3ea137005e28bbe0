module: tests/kernel/ipc_bench.elf ipc_bench server '$(srv=task-create)' '$(task-resume)'
module: tests/kernel/ipc_bench.elf ipc_bench client '${srv}' kprofile '$(task-create)' '$(task-resume)'
