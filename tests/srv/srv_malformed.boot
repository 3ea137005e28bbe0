module: tests/srv/srv_malformed.elf srv_malformed '--device-master-port=${device-port}' '$(client=task-create)'
module: translators/null/null.elf null '--device-master-port=${device-port}' --test '${client}' '$(task-create)' '$(task-resume)'
