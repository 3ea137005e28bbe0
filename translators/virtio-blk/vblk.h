/*
 * vblk.h -- the virtio-blk driver task: one legacy virtio PCI disk, one
 * virtqueue, a DMA bounce buffer, its interrupt as messages, served by the
 * Mach device interface.  Single-threaded: one request at a time.
 */
#ifndef VBLK_H
#define VBLK_H

#include <stdbool.h>
#include <stdint.h>
#include <mach/port.h>
#include "vring.h"
#include "drvstart.h"

#define VBLK_DEV_NAME	"vd0"		/* the one name device_open knows */
#define VBLK_BUF_SIZE	(128 * 1024)	/* bounce buffer: one transfer */
#define VBLK_MAX_IO	(1024 * 1024)	/* bytes in one client request */
#define VBLK_TIMEOUT_MS	10000		/* the disk must answer in time */

/* The start-up message to the bootstrap port (the master's send right)
 * has id VBLK_READY_ID. */

/* Virtio-blk request header and types (virtio 1.0, 5.2.6). */
struct vblk_hdr {
	uint32_t	type;
	uint32_t	reserved;
	uint64_t	sector;
};
#define VBLK_T_IN	0
#define VBLK_T_OUT	1
#define VBLK_S_OK	0

struct vblk {
	uint16_t	 iobase;	/* BAR 0, legacy registers */
	uint16_t	 iosize;
	uint8_t		 irq;
	uint64_t	 nsect;		/* capacity in 512-byte sectors */
	bool		 readonly;	/* the device refuses writes */
	bool		 broken;	/* the device failed us: serve no I/O */
	struct vring	 vq;
	char		*dma;		/* ring, header+status, buffer */
	uint64_t	 dma_pa;
	struct vblk_hdr	*hdr;
	uint8_t		*status;
	char		*buf;
	uint64_t	 buf_pa;
	mach_port_t	 irq_dev;	/* the kernel's "irq" device */
	mach_port_t	 irq_port;	/* receives its notifications */
	mach_port_t	 master;	/* our device master (receive) */
	mach_port_t	 device;	/* "vd0" (receive) */
	mach_port_t	 portset;	/* master and device */
	unsigned	 nreq, nirq;	/* requests and interrupts served */
};

extern struct vblk vblk;

/* virtio_legacy.c: the device at iobase. */
unsigned vblk_queue_num(struct vblk *vb);
int	vblk_setup(struct vblk *vb);
void	vblk_notify(struct vblk *vb);
uint8_t	vblk_isr(struct vblk *vb);
/* vblk_io.c: move nbytes (<= VBLK_BUF_SIZE) between buf and sector. */
int	vblk_transfer(struct vblk *vb, uint32_t type, uint64_t sector,
	    uint32_t nbytes);

#endif
