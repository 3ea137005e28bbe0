/*
 * vring.h -- a virtio split virtqueue in the legacy layout (virtio 0.9.5 /
 * 1.0 "legacy interface"): descriptor table, available ring, then the used
 * ring on the next 4 KiB boundary, in one physically contiguous block.
 * Pure logic over memory the caller supplies (DMA memory in the driver,
 * a plain buffer in the host tests); no device access.
 */
#ifndef VRING_H
#define VRING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VRING_ALIGN		4096
#define VRING_DESC_F_NEXT	1
#define VRING_DESC_F_WRITE	2	/* the device writes this buffer */
#define VRING_MAX_CHAIN		4

struct vring_desc {
	uint64_t	addr;		/* physical */
	uint32_t	len;
	uint16_t	flags;
	uint16_t	next;
};

struct vring_avail {
	uint16_t	flags;
	uint16_t	idx;
	uint16_t	ring[];
};

struct vring_used_elem {
	uint32_t	id;
	uint32_t	len;
};

struct vring_used {
	uint16_t		flags;
	uint16_t		idx;
	struct vring_used_elem	ring[];
};

/* One buffer of a request: physical address, length, device-writable. */
struct vring_buf {
	uint64_t	pa;
	uint32_t	len;
	bool		write;
};

struct vring {
	uint16_t		 num;		/* entries, a power of two */
	struct vring_desc	*desc;
	struct vring_avail	*avail;
	volatile struct vring_used *used;
	uint16_t		 last_used;	/* next used entry to read */
	uint16_t		 free_head;	/* free descriptors, chained */
	uint16_t		 nfree;
	bool			 bad;		/* the device used a chain
						   we never posted */
};

/* Bytes the legacy layout needs for num entries (0: num not allowed). */
size_t	vring_size(unsigned num);

/* Lay the ring out over mem (vring_size(num) bytes, zeroed, 4 KiB
 * aligned) and chain every descriptor into the free list. */
bool	vring_init(struct vring *vr, unsigned num, void *mem);

/*
 * Put a chain of n buffers (1..VRING_MAX_CHAIN) in the available ring.
 * Returns its head, or -1 when there are not n free descriptors.  The
 * caller then notifies the device.
 */
int	vring_post(struct vring *vr, const struct vring_buf *b, unsigned n);

/*
 * Take the next chain the device has used: its head and the bytes the
 * device wrote; the chain's descriptors are free again.  false when the
 * device used nothing new, or named a head that is not a posted chain
 * (a broken device: *head is then -1 and vr->bad is set).
 */
bool	vring_take_used(struct vring *vr, int *head, uint32_t *len);

#endif
