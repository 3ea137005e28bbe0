# Two tasks that never yield: both must advance under timer preemption.
module: tests/kernel/spinner.elf spinner A '$(task-create)' '$(task-resume)'
module: tests/kernel/spinner.elf spinner B '$(task-create)' '$(task-resume)'
