module: tests/libc/pthread_join.elf pthread_join '--host-priv-port=${host-port}' '--device-master-port=${device-port}' '$(task-create)' '$(task-resume)'
