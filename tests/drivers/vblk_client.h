/*
 * vblk_client.h -- how a test reaches the virtio-blk driver: the boot
 * script creates the driver's task without resuming it and gives us its
 * task port; we make the driver's bootstrap port ours, resume it and
 * receive the send right to its device master it announces.
 */
#ifndef VBLK_CLIENT_H
#define VBLK_CLIENT_H

#include "drvstart.h"	/* translators/virtio/ */

/* The driver's master port, or MACH_PORT_NULL. */
#define vblk_client_start(driver_task) drv_start(driver_task, VBLK_READY_ID)

#endif
