module: tests/term/term_raw.elf term_raw '--device-master-port=${device-port}' '$(client=task-create)'
module: translators/term/term.elf term '--device-master-port=${device-port}' '${client}' '$(task-create)' '$(task-resume)'
