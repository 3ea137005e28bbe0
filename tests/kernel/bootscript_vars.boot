cmdline: console=com0 colour=blue
module: tests/kernel/bootscript_vars.elf bootscript_vars '--colour=${colour}' '${kernel-command-line}' 'x-${colour}-y' '$(task-create)' '$(task-resume)'
module: tests/kernel/user_argv.elf broken '${no-such-variable}' '$(task-create)' '$(task-resume)'
