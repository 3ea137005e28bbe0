module: tests/libc/noports.elf noports --host-priv-port=x '$(task-create)' '$(task-resume)'
