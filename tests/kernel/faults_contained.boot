# Six tasks fault; each is reported and ended, the survivor goes on.
module: tests/kernel/page_fault.elf page_fault '$(task-create)' '$(task-resume)'
module: tests/kernel/invalid_opcode.elf invalid_opcode '$(task-create)' '$(task-resume)'
module: tests/kernel/bad_trap.elf bad_trap '$(task-create)' '$(task-resume)'
module: tests/kernel/bad_stack_args.elf bad_stack_args '$(task-create)' '$(task-resume)'
module: tests/kernel/divide_error.elf divide_error '$(task-create)' '$(task-resume)'
module: tests/kernel/breakpoint.elf breakpoint '$(task-create)' '$(task-resume)'
module: tests/kernel/survivor.elf survivor '$(task-create)' '$(task-resume)'
