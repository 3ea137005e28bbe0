/*
 * main.c -- the auth server: start-up, then the request loop of
 * auth_msg.c.  Usage, from a boot script:
 *
 *	auth [--debug] TASK...
 *
 * Each TASK is the decimal name of a task port auth was given (a task the
 * boot script created suspended, as '${t}').  auth makes the root
 * identity (uid 0, gid 0), sets it as each task's bootstrap port and
 * resumes the task; those tasks hand out smaller identities.  --debug
 * serves the test-only auth_debug_counts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <mach/mach_traps.h>
#include <mach/mach_port.h>
#include <mach/mach.h>
#include <mach/task_special_ports.h>

#include "auth.h"

mach_port_t auth_portset;
mach_port_t auth_notify;
bool auth_debug;

/* The decimal port name s, or MACH_PORT_NULL if s is not one. */
static mach_port_t
parse_port(const char *s)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v == 0 || v > 0xfffffffful)
		return MACH_PORT_NULL;
	return (mach_port_t)v;
}

/* The root identity: uid 0 and gid 0, real and saved 0 as well. */
static int
make_root(mach_port_t *send)
{
	static const uint32_t zeros[2] = { 0, 0 };
	const uint32_t *const arrays[] = { zeros, zeros, zeros, zeros };
	const uint32_t counts[] = { 1, 2, 1, 2 };
	struct auth_ids root;

	auth_ids_set(&root, arrays, counts);
	return auth_handle_make(&root, send);
}

/*
 * Give each task in argv the root handle as bootstrap port and resume it
 * (the boot script loads tasks suspended once, as GNU Mach does).
 */
static int
start_tasks(int argc, char **argv, mach_port_t root)
{
	mach_port_t task;
	kern_return_t kr;
	int i;

	for (i = 0; i < argc; i++) {
		if ((task = parse_port(argv[i])) == MACH_PORT_NULL) {
			fprintf(stderr, "auth: %s: not a task port\n", argv[i]);
			return -1;
		}
		if ((kr = task_set_bootstrap_port(task, root)) != 0 ||
		    (kr = task_resume(task)) != 0) {
			fprintf(stderr, "auth: task %s refused: %#x\n",
			    argv[i], kr);
			return -1;
		}
		mach_port_deallocate(mach_task_self(), task);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	mach_port_t self = mach_task_self(), root;

	if (argc > 1 && strcmp(argv[1], "--debug") == 0) {
		auth_debug = true;
		argc--, argv++;
	}
	if (mach_port_allocate(self, MACH_PORT_RIGHT_PORT_SET,
	    &auth_portset) != 0 ||
	    mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE,
	    &auth_notify) != 0 ||
	    mach_port_move_member(self, auth_notify, auth_portset) != 0 ||
	    make_root(&root) != 0) {
		fprintf(stderr, "auth: cannot set up its ports\n");
		return 1;
	}
	if (start_tasks(argc - 1, argv + 1, root) != 0)
		return 1;
	/* The tasks hold the root identity now; auth keeps none of it. */
	mach_port_deallocate(self, root);
	auth_loop();
}
