module: tests/srv/null_io.elf null_io '--device-master-port=${device-port}' '$(client=task-create)'
module: translators/null/null.elf null '--device-master-port=${device-port}' --test '${client}' '$(task-create)' '$(task-resume)'
