module: tests/libc/pthread_stdio.elf pthread_stdio '--host-priv-port=${host-port}' '--device-master-port=${device-port}' '$(task-create)' '$(task-resume)'
