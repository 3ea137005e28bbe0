/*
 * client.h -- what the tests of translators/lib and null share: the
 * control port the server handed this task as its bootstrap port,
 * opening the node through it, the server's object count and a forged
 * no-senders notification.  Programs built with x86_64-whorl-gcc.
 */
#ifndef SRV_CLIENT_H
#define SRV_CLIENT_H

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <mach/mach_traps.h>
#include <mach/mach.h>
#include <mach/mach_port.h>
#include <mach/task_special_ports.h>

#include "fs_types.h"
#include "io.h"
#include "fs.h"
#include "fsys.h"
#include "srvtest.h"
#include "check.h"

/* The server's control port: our bootstrap port. */
static inline mach_port_t
client_control(void)
{
	mach_port_t boot = MACH_PORT_NULL;

	if (task_get_special_port(mach_task_self(), TASK_BOOTSTRAP_PORT,
	    &boot) != KERN_SUCCESS)
		return MACH_PORT_NULL;
	return boot;
}

/* Open the node with flags through control; the error, and *io. */
static inline kern_return_t
client_open(mach_port_t control, int flags, mach_port_t *io)
{
	uint32_t uids[1] = { 1000 }, gids[1] = { 1000 };
	retry_type retry;
	string_t name;

	return fsys_getroot(control, MACH_PORT_NULL, MACH_MSG_TYPE_COPY_SEND,
	    uids, 1, gids, 1, flags, &retry, name, io);
}

/* The server's live objects (srvtest_counts), or -1. */
static inline int
client_objects(mach_port_t port)
{
	int32_t objects, workers, max, waiting;

	if (srvtest_counts(port, &objects, &workers, &max, &waiting) != 0)
		return -1;
	return objects;
}

/* Wait up to 20 s for the server's object count to become want: the
 * count last seen. */
static inline int
client_objects_settle(mach_port_t port, int want)
{
	int i, n = -1;

	for (i = 0; i < 2000; i++) {
		n = client_objects(port);
		if (n == want)
			break;
		usleep(10000);
	}
	return n;
}

/* Send port a message that looks like the kernel's no-senders
 * notification (the server must not believe it). */
static inline void
client_forge_no_senders(mach_port_t port)
{
	struct {
		mach_msg_header_t h;
		mach_msg_type_t t;
		uint32_t mscount;
	} m;

	memset(&m, 0, sizeof(m));
	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0);
	m.h.msgh_size = sizeof(m);
	m.h.msgh_remote_port = port;
	m.h.msgh_id = 70;	/* MACH_NOTIFY_NO_SENDERS */
	m.t.msgt_name = MACH_MSG_TYPE_INTEGER_32;
	m.t.msgt_size = 32;
	m.t.msgt_number = 1;
	m.t.msgt_inline = 1;
	m.mscount = 1;
	CHECK(mach_msg(&m.h, MACH_SEND_MSG, sizeof(m), 0, MACH_PORT_NULL, 0,
	    MACH_PORT_NULL) == MACH_MSG_SUCCESS);
}

#endif
