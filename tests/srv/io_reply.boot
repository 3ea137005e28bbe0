module: tests/srv/io_reply.elf io_reply '--device-master-port=${device-port}' '$(task-create)' '$(task-resume)'
