module: tests/libc/malloc_bench.elf malloc_bench '--host-priv-port=${host-port}' '--device-master-port=${device-port}' '$(task-create)' '$(task-resume)'
