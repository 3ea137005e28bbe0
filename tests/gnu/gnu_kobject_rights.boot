module: tests/gnu/gnu_kobject_rights.elf gnu_kobject_rights '${device-port}' '$(task-create)' '$(task-resume)'
