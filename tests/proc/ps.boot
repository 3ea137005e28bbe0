module: userland/ps/ps.elf ps '--device-master-port=${device-port}' '$(ps=task-create)'
module: tests/proc/proctest_ps.elf proctest_ps '--device-master-port=${device-port}' '${ps}' '$(init=task-create)'
module: translators/proc/proc.elf proc '--device-master-port=${device-port}' '${init}' '$(proc=task-create)'
module: translators/auth/auth.elf auth '--device-master-port=${device-port}' '${proc}' '$(task-create)' '$(task-resume)'
