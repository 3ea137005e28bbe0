module: tests/term/term_bench.elf term_bench '--device-master-port=${device-port}' '$(client=task-create)'
module: translators/term/term.elf term '--device-master-port=${device-port}' '${client}' '$(task-create)' '$(task-resume)'
