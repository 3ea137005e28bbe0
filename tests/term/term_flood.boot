setup: mkdir -p tests/out && python3 -c 'import random,sys; r=random.Random(13); sys.stdout.buffer.write(bytes(r.getrandbits(8) for _ in range(102400)))' > tests/out/term_flood.input
input: tests/out/term_flood.input
module: tests/term/term_flood.elf term_flood '--device-master-port=${device-port}' '$(client=task-create)'
module: translators/term/term.elf term '--device-master-port=${device-port}' '${client}' '$(task-create)' '$(task-resume)'
