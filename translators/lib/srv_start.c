/*
 * srv_start.c -- how a translator built on the library starts serving,
 * shared by the single-node helper (srv_node_start) and the file-system
 * layer (fs_start): started on a node (it has a bootstrap port), it tells
 * its parent its control port with fsys_startup and gets the underlying
 * node; otherwise the client task the boot script names is handed the
 * control port as its bootstrap port and resumed.
 */
#include <errno.h>
#include <mach/mach_traps.h>
#include <mach/mach.h>
#include <mach/mach_port.h>
#include <mach/task_special_ports.h>

#include "srv.h"
#include "fs_types.h"
#include "fsys.h"

/* Give task (suspended by the boot script) our control port, resume it. */
static int
srv_hand_to(struct srv_port *control, mach_port_t task)
{
	mach_port_t send;
	int error;

	error = srv_port_make_send(control, &send);
	if (error != 0)
		return error;
	if (task_set_special_port(task, TASK_BOOTSTRAP_PORT, send) !=
	    KERN_SUCCESS)
		error = ESRCH;
	mach_port_deallocate(mach_task_self(), send);
	/* The boot script loads a task suspended once, as GNU Mach does. */
	if (error == 0 && task_resume(task) != KERN_SUCCESS)
		error = ESRCH;
	return error;
}

int
srv_fsys_start(struct srv_port *control, mach_port_t client_task,
    mach_port_t *underlying)
{
	mach_port_t boot = MACH_PORT_NULL, send;
	int error;

	task_get_special_port(mach_task_self(), TASK_BOOTSTRAP_PORT, &boot);
	if (MACH_PORT_VALID(boot)) {
		error = srv_port_make_send(control, &send);
		if (error == 0)
			error = fsys_startup(boot, FS_O_READ, send,
			    MACH_MSG_TYPE_MOVE_SEND, underlying);
	} else if (MACH_PORT_VALID(client_task))
		error = srv_hand_to(control, client_task);
	else
		error = EINVAL;
	return error;
}
