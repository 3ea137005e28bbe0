module: tests/kernel/vm_hostile_ranges.elf vm_hostile_ranges '${host-port}' '$(task-create)' '$(task-resume)'
