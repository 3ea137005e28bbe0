module: tests/pfinet/pf_victim.elf pf_victim '--device-master-port=${device-port}' '$(victim=task-create)'
module: tests/pfinet/pf_killed.elf pf_killed '--device-master-port=${device-port}' '$(client=task-create)'
module: translators/pfinet/pfinet.elf pfinet '--device-master-port=${device-port}' '${victim}' '${client}' '$(task-create)' '$(task-resume)'
