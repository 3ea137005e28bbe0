/*
 * main.c -- the proc server: start-up, the worker pool on translators/
 * lib, and the thread that takes the kernel's dead-name notifications
 * (tasks that died, reply ports of waits that were given up).  Usage,
 * from a boot script (docs/proc.md):
 *
 *	proc [--debug] [INIT-TASK]
 *
 * proc's bootstrap port is its auth handle (auth started it).  INIT-TASK
 * is the decimal name of a suspended task: it becomes pid 1, gets its
 * proc port as its bootstrap port and a copy of proc's auth handle at
 * PROC_BOOT_AUTH, and is resumed.  --debug serves proc_debug_counts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <mach/mach_traps.h>
#include <mach/mach_port.h>
#include <mach/mach.h>
#include <mach/notify.h>
#include <mach/task_special_ports.h>

#include "proc.h"

extern boolean_t proc_server(mach_msg_header_t *in, mach_msg_header_t *out);

struct srv_bucket proc_bucket;
mach_port_t proc_notify;
mach_port_t proc_auth;
bool proc_debug;

static int
demux(mach_msg_header_t *in, mach_msg_header_t *out)
{
	return proc_server(in, out);
}

/* One dead-name notification: a task died, or a kept reply port. */
static void
dead_name(mach_port_t name)
{
	mach_port_type_t type;
	struct proc *p;

	pthread_mutex_lock(&proc_lock);
	if (mach_port_type(mach_task_self(), name, &type) == 0 &&
	    (type & MACH_PORT_TYPE_DEAD_NAME) != 0) {
		if ((p = proc_find_task(name)) != NULL && !p->zombie)
			proc_task_died(p);
		else
			proc_reply_died(name);
		/* The reference the notification brought. */
		mach_port_mod_refs(mach_task_self(), name,
		    MACH_PORT_RIGHT_DEAD_NAME, -1);
	}
	proc_unlock();
}

/*
 * Notifications come only from the kernel: proc never makes a send
 * right to proc_notify, only send-once rights the kernel holds.
 */
static void *
notify_loop(void *arg)
{
	union {
		mach_dead_name_notification_t	d;
		char				b[512];
	} m;

	(void)arg;
	for (;;) {
		if (mach_msg(&m.d.not_header, MACH_RCV_MSG, 0, sizeof(m),
		    proc_notify, 0, MACH_PORT_NULL) != MACH_MSG_SUCCESS)
			continue;
		if (m.d.not_header.msgh_id == MACH_NOTIFY_DEAD_NAME &&
		    m.d.not_header.msgh_size >= sizeof(m.d) &&
		    MACH_MSGH_BITS_LOCAL(m.d.not_header.msgh_bits) ==
		    MACH_MSG_TYPE_PORT_SEND_ONCE)
			dead_name(m.d.not_port);
		else
			srv_msg_destroy(&m.d.not_header);
	}
	return NULL;
}

/* Make the suspended task init (pid 1), hand it its ports, start it. */
static int
start_init(const char *arg)
{
	mach_port_t task, port = MACH_PORT_NULL;
	struct proc *p;
	char *end;
	int err;

	task = (mach_port_t)strtoul(arg, &end, 10);
	if (*arg == '\0' || *end != '\0' || !MACH_PORT_VALID(task))
		return -1;
	pthread_mutex_lock(&proc_lock);
	err = proc_create(NULL, task, &p);
	if (err == 0)
		err = proc_port_send(p, &port);
	proc_unlock();
	if (err != 0 || task_set_bootstrap_port(task, port) != 0 ||
	    mach_port_insert_right(task, PROC_BOOT_AUTH, proc_auth,
	    MACH_MSG_TYPE_COPY_SEND) != 0 || task_resume(task) != 0)
		return -1;
	mach_port_deallocate(mach_task_self(), port);
	return 0;
}

int
main(int argc, char **argv)
{
	mach_port_t self = mach_task_self();
	pthread_t t;

	if (argc > 1 && strcmp(argv[1], "--debug") == 0) {
		proc_debug = true;
		argc--, argv++;
	}
	if (task_get_bootstrap_port(self, &proc_auth) != 0 ||
	    !MACH_PORT_VALID(proc_auth)) {
		fprintf(stderr, "proc: no auth handle\n");
		return 1;
	}
	if (mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE,
	    &proc_notify) != 0 ||
	    srv_bucket_init(&proc_bucket, demux, PROC_MAX_WORKERS) != 0 ||
	    pthread_create(&t, NULL, notify_loop, NULL) != 0) {
		fprintf(stderr, "proc: cannot set up its ports\n");
		return 1;
	}
	if (argc > 1 && start_init(argv[1]) != 0) {
		fprintf(stderr, "proc: %s: cannot start init\n", argv[1]);
		return 1;
	}
	srv_bucket_run(&proc_bucket);
	return 0;
}
