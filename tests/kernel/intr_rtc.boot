module: tests/kernel/intr_rtc.elf intr_rtc '${device-port}' '$(task-create)' '$(task-resume)'
