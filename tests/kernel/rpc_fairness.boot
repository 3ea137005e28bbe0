# A client and server that hand the processor to each other on every null
# RPC (mach_msg_fast.c) must still leave a spinning task of the same
# priority its turns: the handoff runs on the sender's quantum.
module: tests/kernel/ipc_bench.elf ipc_bench server '$(srv=task-create)' '$(task-resume)'
module: tests/kernel/ipc_bench.elf ipc_bench client '${srv}' pingpong '$(task-create)' '$(task-resume)'
module: tests/kernel/spinner.elf spinner A '$(task-create)' '$(task-resume)'
