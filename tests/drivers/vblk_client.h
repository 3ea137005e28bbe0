/*
 * vblk_client.h -- how a test reaches the virtio-blk driver: the boot
 * script creates the driver's task without resuming it and gives us its
 * task port; we make the driver's bootstrap port ours, resume it and
 * receive the send right to its device master it announces.
 */
#ifndef VBLK_CLIENT_H
#define VBLK_CLIENT_H

#include <stdlib.h>
#include <mach/mach.h>
#include <mach/mach_traps.h>
#include <mach/mach_port.h>
#include <mach/task_special_ports.h>

#define VBLK_READY_ID	0x76626c6b	/* translators/virtio-blk/vblk.h */

/* The driver's master port, or MACH_PORT_NULL. */
static mach_port_t
vblk_client_start(mach_port_t driver_task)
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
	    task_set_bootstrap_port(driver_task, boot) != 0 ||
	    task_resume(driver_task) != 0)
		return MACH_PORT_NULL;
	if (mach_msg(&m.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(m), boot,
	    30000, MACH_PORT_NULL) != 0 || m.h.msgh_id != VBLK_READY_ID ||
	    m.t.msgt_name != MACH_MSG_TYPE_PORT_SEND)
		return MACH_PORT_NULL;
	return m.port.name;
}

#endif
