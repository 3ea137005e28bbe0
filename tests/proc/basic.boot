module: tests/proc/proctest_victim.elf victim '--device-master-port=${device-port}' '$(victim=task-create)'
module: tests/proc/proctest_init.elf proctest_init '--device-master-port=${device-port}' '${victim}' '$(init=task-create)'
module: translators/proc/proc.elf proc '--device-master-port=${device-port}' --debug '${init}' '$(proc=task-create)'
module: translators/auth/auth.elf auth '--device-master-port=${device-port}' --debug '${proc}' '$(task-create)' '$(task-resume)'
