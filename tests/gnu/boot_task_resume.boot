module: tests/gnu/boot_task_resume.elf child '$(child=task-create)'
module: tests/gnu/boot_task_resume.elf parent '${child}' '$(task-create)' '$(task-resume)'
