# host_reboot(RB_HALT) on a PC of QEMU's "q35" machine, no exit device:
# the kernel powers the PC off through ACPI (S5), which ends QEMU.
qemu: -M q35
debug-exit: no
until: exit
module: tests/kernel/host_stop.elf host_stop '${host-port}' halt '$(task-create)' '$(task-resume)'
