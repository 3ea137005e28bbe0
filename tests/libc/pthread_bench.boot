module: tests/libc/pthread_bench.elf pthread_bench '--host-priv-port=${host-port}' '--device-master-port=${device-port}' '$(task-create)' '$(task-resume)'
