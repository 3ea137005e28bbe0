module: tests/pfinet/pf_malformed.elf pf_malformed '--device-master-port=${device-port}' '$(client=task-create)'
module: translators/pfinet/pfinet.elf pfinet '--device-master-port=${device-port}' '${client}' '$(task-create)' '$(task-resume)'
