module: tests/srv/libc_null.elf libc_null '--device-master-port=${device-port}' '$(client=task-create)'
module: translators/null/null.elf null '--device-master-port=${device-port}' --test '${client}' '$(task-create)' '$(task-resume)'
