module: tests/libc/pthread_tls.elf pthread_tls '--host-priv-port=${host-port}' '--device-master-port=${device-port}' '$(task-create)' '$(task-resume)'
