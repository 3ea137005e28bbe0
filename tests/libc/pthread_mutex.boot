module: tests/libc/pthread_mutex.elf pthread_mutex '--host-priv-port=${host-port}' '--device-master-port=${device-port}' '$(task-create)' '$(task-resume)'
