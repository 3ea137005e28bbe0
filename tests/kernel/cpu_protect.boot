# Under QEMU's "max" CPU, which has SMEP and SMAP: the kernel turns both
# on and still copies to and from tasks (copy.S opens user pages with
# stac for the copy alone); rpc_fast's fast path and general path copy
# every way there is.
qemu: -cpu max
module: tests/kernel/rpc_fast.elf rpc_fast server '$(srv=task-create)' '$(task-resume)'
module: tests/kernel/rpc_fast.elf rpc_fast client '${srv}' '$(task-create)' '$(task-resume)'
