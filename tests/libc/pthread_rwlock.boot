module: tests/libc/pthread_rwlock.elf pthread_rwlock '--host-priv-port=${host-port}' '--device-master-port=${device-port}' '$(task-create)' '$(task-resume)'
