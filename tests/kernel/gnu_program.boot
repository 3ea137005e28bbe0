module: tests/out/gnu_program/gnu_program.elf gnu_program '$(task-create)' '$(task-resume)'
