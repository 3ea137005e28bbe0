# User tasks cannot read, write or execute the kernel's memory; the boot
# self-check prints how the kernel's own pages are mapped.
module: tests/kernel/kernel_touch.elf kernel_read read '$(task-create)' '$(task-resume)'
module: tests/kernel/kernel_touch.elf kernel_write write '$(task-create)' '$(task-resume)'
module: tests/kernel/kernel_touch.elf kernel_exec exec '$(task-create)' '$(task-resume)'
module: tests/kernel/kernel_touch.elf kernel_stack stack '$(task-create)' '$(task-resume)'
module: tests/kernel/survivor.elf survivor '$(task-create)' '$(task-resume)'
