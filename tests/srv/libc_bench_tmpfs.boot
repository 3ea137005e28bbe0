module: tests/srv/libc_bench.elf libc_bench '--device-master-port=${device-port}' '$(client=task-create)'
module: translators/tmpfs/tmpfs.elf tmpfs '--device-master-port=${device-port}' '${client}' '$(task-create)' '$(task-resume)'
