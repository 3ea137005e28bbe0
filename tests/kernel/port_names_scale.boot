qemu: -icount shift=0
module: tests/kernel/port_names_scale.elf port_names_scale '$(task-create)' '$(task-resume)'
