module: tests/kernel/prompt_resume.elf prompt_first '$(task-create)' '$(task-resume)'
module: tests/kernel/prompt_resume.elf prompt_second '$(task-create)' '$(prompt-task-resume)'
