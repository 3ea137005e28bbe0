module: tests/libc/pthread_main_exit.elf pthread_main_exit '--host-priv-port=${host-port}' '--device-master-port=${device-port}' '$(task-create)' '$(task-resume)'
