/*
 * device.h -- the devices the kernel itself serves through device.defs:
 * only its own console (COM1) for now.  Drivers for everything else run in
 * user space; the kernel gives them I/O ports, device memory, DMA memory
 * and interrupts as messages.
 */
#ifndef KERN_DEVICE_H
#define KERN_DEVICE_H

#include <stdint.h>
#include <stdbool.h>
#include <mach/kern_return.h>

struct ipc_port;

struct device {
	const char	*name;		/* [I] */
	struct ipc_port	*port;		/* [device_lock] IKOT_DEVICE, or NULL
					   when no send right exists */
};

/*
 * Physical memory a driver may map (device_map on "mem", then vm_map).
 * Referenced by its port until the last send right goes, and by whatever
 * else calls phys_pager_reference (map entries over it); the last
 * phys_pager_release frees it.
 */
struct phys_pager {
	uint32_t	 refs;		/* [a] */
	uint64_t	 base, size;	/* [I] physical, page aligned */
	int		 prot;		/* [I] the most vm_map may give */
	bool		 cached;	/* [I] RAM, not device memory */
	struct ipc_port	*port;		/* [I] IKOT_PHYS_PAGER */
};

extern struct ipc_port *device_master_port;

void	device_init(void);
void	phys_pager_reference(struct phys_pager *);
void	phys_pager_release(struct phys_pager *);

#endif
