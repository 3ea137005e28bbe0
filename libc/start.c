/*
 * start.c -- process start-up, called by crt0.S with the initial stack:
 * thread-local storage for the main thread, the privileged ports the boot
 * script passed as leading options, environ, constructors, main, exit.
 * The protocol is described in docs/libc.md.
 */
#include <stdlib.h>
#include <string.h>
#include <mach/mach_traps.h>
#include <whorl/ports.h>
#include <whorl/tls.h>

extern char **environ;
extern int main(int, char **, char **);
extern void __libc_init_array(void);

mach_port_t __whorl_host_priv = MACH_PORT_NULL;
mach_port_t __whorl_device_master = MACH_PORT_NULL;

/* Without TLS nothing (errno, MIG) works: say why, then fault the task. */
static void __attribute__((noreturn))
start_fatal(const char *why)
{
	mach_print("libc: ");
	mach_print(why);
	mach_print("\n");
	for (;;)
		__builtin_trap();
}

/* The decimal port name after prefix in arg, or MACH_PORT_NULL. */
static mach_port_t
start_port_option(const char *arg, const char *prefix)
{
	size_t n = strlen(prefix);
	unsigned long v = 0;
	const char *p;

	if (strncmp(arg, prefix, n) != 0 || arg[n] == '\0')
		return MACH_PORT_NULL;
	for (p = arg + n; *p != '\0'; p++) {
		if (*p < '0' || *p > '9' || v > 0xffffffffUL / 10)
			return MACH_PORT_NULL;
		v = v * 10 + (unsigned long)(*p - '0');
	}
	return v <= 0xffffffffUL ? (mach_port_t)v : MACH_PORT_NULL;
}

/*
 * Take the leading --host-priv-port=N and --device-master-port=N options
 * out of argv (the first other word ends them) and keep their ports.
 * Returns the new argc.  A malformed value is not ours: it stays in argv
 * for the program to reject.
 */
static int
start_take_ports(int argc, char **argv)
{
	int i = 1, j;
	mach_port_t p;

	for (; i < argc; i++) {
		if ((p = start_port_option(argv[i], "--host-priv-port=")) !=
		    MACH_PORT_NULL)
			__whorl_host_priv = p;
		else if ((p = start_port_option(argv[i],
		    "--device-master-port=")) != MACH_PORT_NULL)
			__whorl_device_master = p;
		else
			break;
	}
	for (j = 1; i <= argc; i++, j++)	/* the NULL moves too */
		argv[j] = argv[i];
	return j - 1;
}

void __attribute__((noreturn))
__whorl_start(long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	void *tp;

	tp = __whorl_tls_alloc();
	if (tp == NULL)
		start_fatal("no memory for thread-local storage");
	if (__whorl_tls_set(tp) != 0)
		start_fatal("cannot set the thread pointer");
	environ = argv + argc + 1;
	if (argc > 0)
		argc = start_take_ports(argc, argv);
	__libc_init_array();
	exit(main(argc, argv, environ));
}
