# The kernel alone with one trivial module: it must come up and say so.
cmdline: console=com0 whorl.test=banner
module: tests/kernel/user_argv.elf banner '$(task-create)' '$(task-resume)'
