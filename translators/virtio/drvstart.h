/*
 * drvstart.h -- the other side of drv_announce (drvtask.h): how a client
 * of a driver task (ext2fs on virtio-blk, the driver tests) starts it.
 * The boot script creates the driver's task without resuming it and
 * gives the client its task port; the client makes the driver's
 * bootstrap port its own, resumes the driver and receives the send right
 * to the driver's device master that the driver announces there.  Header
 * only, so that the test programs need no driver library.
 */
#ifndef DRVSTART_H
#define DRVSTART_H

#include <mach/mach.h>
#include <mach/mach_traps.h>
#include <mach/mach_port.h>
#include <mach/task_special_ports.h>

/* The message ids of the announcements (drv_announce's id). */
#define VBLK_READY_ID	0x76626c6b	/* "vblk": virtio-blk */
#define NETDEV_READY_ID	0x6e657464	/* "netd": virtio-net, e1000 */

/* Resume the suspended driver task with a bootstrap port of ours and
 * wait (30 s at most) for its announcement, message id id: the driver's
 * master port, or MACH_PORT_NULL. */
static inline mach_port_t
drv_start(mach_port_t driver_task, mach_msg_id_t id)
{
	mach_port_t self = mach_task_self(), boot;
	struct {
		mach_msg_header_t	 h;
		mach_msg_type_t		 t;
		mach_port_name_inlined_t port;
		char			 room[64];
	} m;

	if (mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &boot) != 0 ||
	    mach_port_insert_right(self, boot, boot,
	    MACH_MSG_TYPE_MAKE_SEND) != 0 ||
	    task_set_special_port(driver_task, TASK_BOOTSTRAP_PORT,
	    boot) != 0 || task_resume(driver_task) != 0)
		return MACH_PORT_NULL;
	if (mach_msg(&m.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(m), boot,
	    30000, MACH_PORT_NULL) != 0 || m.h.msgh_id != id ||
	    m.t.msgt_name != MACH_MSG_TYPE_PORT_SEND ||
	    !MACH_PORT_VALID(m.port.name))
		return MACH_PORT_NULL;
	return m.port.name;
}

#endif
