/*
 * virtio_pci.h -- the legacy virtio PCI transport (virtio 1.0, 4.1.4.8)
 * shared by the virtio drivers: register offsets in I/O BAR 0, status
 * bits, port I/O, and the queue set-up steps every device shares.  The
 * task must hold the BAR's ports (i386_io_perm_modify).
 */
#ifndef VIRTIO_PCI_H
#define VIRTIO_PCI_H

#include <stdint.h>

#define VIRTIO_HOST_FEATURES	0x00
#define VIRTIO_GUEST_FEATURES	0x04
#define VIRTIO_QUEUE_PFN	0x08
#define VIRTIO_QUEUE_NUM	0x0C
#define VIRTIO_QUEUE_SEL	0x0E
#define VIRTIO_QUEUE_NOTIFY	0x10
#define VIRTIO_STATUS		0x12
#define VIRTIO_ISR		0x13
#define VIRTIO_CONFIG		0x14	/* device config, no MSI-X */

#define VIRTIO_S_ACK		1
#define VIRTIO_S_DRIVER		2
#define VIRTIO_S_DRIVER_OK	4
#define VIRTIO_S_FAILED		0x80

#define VIRTIO_ISR_QUEUE	1	/* a queue was used */
#define VIRTIO_ISR_CONFIG	2	/* the configuration changed */

static inline void
outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %w1" :: "a"(v), "Nd"(port));
}

static inline void
outw(uint16_t port, uint16_t v)
{
	__asm__ volatile("outw %0, %w1" :: "a"(v), "Nd"(port));
}

static inline void
outl(uint16_t port, uint32_t v)
{
	__asm__ volatile("outl %0, %w1" :: "a"(v), "Nd"(port));
}

static inline uint8_t
inb(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %w1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline uint16_t
inw(uint16_t port)
{
	uint16_t v;

	__asm__ volatile("inw %w1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline uint32_t
inl(uint16_t port)
{
	uint32_t v;

	__asm__ volatile("inl %w1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

/* The size of queue q (0: no such queue). */
static inline unsigned
virtio_queue_num(uint16_t io, uint16_t q)
{
	outw(io + VIRTIO_QUEUE_SEL, q);
	return inw(io + VIRTIO_QUEUE_NUM);
}

/* Give queue q the ring at physical pa (4 KiB aligned, below 2^44);
 * -1 if the address does not fit the register. */
static inline int
virtio_queue_set(uint16_t io, uint16_t q, uint64_t pa)
{
	if ((pa >> 12) > UINT32_MAX || (pa & 4095) != 0)
		return -1;
	outw(io + VIRTIO_QUEUE_SEL, q);
	outl(io + VIRTIO_QUEUE_PFN, (uint32_t)(pa >> 12));
	return 0;
}

#endif
