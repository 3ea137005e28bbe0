# GNU Hello (ports/hello), built by its own configure and make with
# x86_64-whorl-gcc, run four times: the plain greeting, a greeting given
# with --greeting, --version, and an unknown option, which must be refused
# on stderr.  Each gets the device master for its console.
cmdline: console=com0
module: build/ports/hello/obj/hello hello '--device-master-port=${device-port}' '$(task-create)' '$(task-resume)'
module: build/ports/hello/obj/hello hello '--device-master-port=${device-port}' --greeting=Greetings,Whorl '$(task-create)' '$(task-resume)'
module: build/ports/hello/obj/hello hello '--device-master-port=${device-port}' --version '$(task-create)' '$(task-resume)'
module: build/ports/hello/obj/hello hello '--device-master-port=${device-port}' --bogus '$(task-create)' '$(task-resume)'
