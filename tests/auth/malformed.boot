module: tests/auth/authtest_fuzz.elf authtest_fuzz '--device-master-port=${device-port}' '$(fuzz=task-create)'
module: translators/auth/auth.elf auth '--device-master-port=${device-port}' --debug '${fuzz}' '$(task-create)' '$(task-resume)'
