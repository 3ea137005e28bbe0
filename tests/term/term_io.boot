module: tests/term/term_io.elf term_io '--device-master-port=${device-port}' '$(client=task-create)'
module: translators/term/term.elf term '--device-master-port=${device-port}' --test '${client}' '$(task-create)' '$(task-resume)'
