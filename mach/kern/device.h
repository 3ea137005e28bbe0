/*
 * device.h -- the devices the kernel itself serves through device.defs:
 * only its own console (COM1) for now.  Drivers for everything else run in
 * user space; the kernel gives them I/O ports, device memory, DMA memory
 * and interrupts as messages.
 */
#ifndef KERN_DEVICE_H
#define KERN_DEVICE_H

#include <stdint.h>
#include <mach/kern_return.h>

struct ipc_port;

struct device {
	const char	*name;		/* [I] */
	struct ipc_port	*port;		/* [I] IKOT_DEVICE */
};

extern struct ipc_port *device_master_port;

void	device_init(void);

#endif
