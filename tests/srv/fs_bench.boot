module: tests/srv/fs_bench.elf fs_bench '--device-master-port=${device-port}' '$(client=task-create)'
module: translators/tmpfs/tmpfs.elf tmpfs '--device-master-port=${device-port}' '${client}' '$(task-create)' '$(task-resume)'
