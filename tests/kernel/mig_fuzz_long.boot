timeout: 3600
module: tests/kernel/msg_fuzz.elf msg_fuzz typed 10000000 '$(task-create)' '$(task-resume)'
