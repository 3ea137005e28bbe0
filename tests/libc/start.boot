module: tests/libc/start.elf start '--host-priv-port=${host-port}' '--device-master-port=${device-port}' one --device-master-port=12 last '$(task-create)' '$(task-resume)'
