timeout: 300
module: tests/kernel/msg_fuzz.elf msg_fuzz typed 1000000 '$(task-create)' '$(task-resume)'
