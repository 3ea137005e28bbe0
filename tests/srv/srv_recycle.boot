module: tests/srv/srv_recycle.elf srv_recycle '--device-master-port=${device-port}' '$(client=task-create)'
module: translators/null/null.elf null '--device-master-port=${device-port}' --test '${client}' '$(task-create)' '$(task-resume)'
