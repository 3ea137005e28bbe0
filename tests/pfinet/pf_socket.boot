module: tests/pfinet/pf_socket.elf pf_socket '--device-master-port=${device-port}' '$(client=task-create)'
module: translators/pfinet/pfinet.elf pfinet '--device-master-port=${device-port}' '${client}' '$(task-create)' '$(task-resume)'
