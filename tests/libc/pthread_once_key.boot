module: tests/libc/pthread_once_key.elf pthread_once_key '--host-priv-port=${host-port}' '--device-master-port=${device-port}' '$(task-create)' '$(task-resume)'
