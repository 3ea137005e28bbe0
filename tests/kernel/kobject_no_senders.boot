module: tests/kernel/kobject_no_senders.elf kobject_no_senders '${device-port}' '$(task-create)' '$(task-resume)'
