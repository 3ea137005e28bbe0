# A module that is not an ELF program is refused; the next one still runs.
module: tests/kernel/elf_refused.boot notelf '$(task-create)' '$(task-resume)'
module: tests/kernel/user_argv.elf user_argv '$(task-create)' '$(task-resume)'
