module: tests/kernel/user_argv.elf user_argv first --second=2 third '$(task-create)' '$(task-resume)'
