/*
 * client.h -- what the tests of translators/lib and null share: the
 * control port the server handed this task as its bootstrap port, and
 * opening the node through it.  Programs built with x86_64-whorl-gcc.
 */
#ifndef SRV_CLIENT_H
#define SRV_CLIENT_H

#include <errno.h>
#include <string.h>
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

#endif
