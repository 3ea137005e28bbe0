module: tests/libc/pthread_cond.elf pthread_cond '--host-priv-port=${host-port}' '--device-master-port=${device-port}' '$(task-create)' '$(task-resume)'
