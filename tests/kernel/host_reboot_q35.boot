# host_reboot(RB_AUTOBOOT) on a PC of QEMU's "q35" machine, no exit device:
# the kernel resets the PC, which -no-reboot turns into QEMU's exit.
qemu: -M q35
debug-exit: no
until: exit
module: tests/kernel/host_stop.elf host_stop '${host-port}' reboot '$(task-create)' '$(task-resume)'
