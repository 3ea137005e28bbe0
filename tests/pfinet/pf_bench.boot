module: tests/pfinet/pf_bench.elf pf_bench '--device-master-port=${device-port}' '$(client=task-create)'
module: translators/pfinet/pfinet.elf pfinet '--device-master-port=${device-port}' '${client}' '$(task-create)' '$(task-resume)'
