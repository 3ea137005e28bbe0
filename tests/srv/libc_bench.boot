module: tests/srv/libc_bench.elf libc_bench '--device-master-port=${device-port}' '$(client=task-create)'
module: translators/null/null.elf null '--device-master-port=${device-port}' '${client}' '$(task-create)' '$(task-resume)'
