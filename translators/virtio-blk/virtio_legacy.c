/*
 * virtio_legacy.c -- the legacy virtio PCI transport of the disk: its
 * registers in I/O BAR 0 (virtio 1.0, 4.1.4.8), the reset and feature
 * handshake, virtqueue 0 at a page frame of our DMA memory, and the
 * capacity from the device's configuration.  Called once at start-up.
 */
#include "vblk.h"
#include "virtio_pci.h"

#define VBLK_F_RO		(1u << 5)

void
vblk_notify(struct vblk *vb)
{
	outw(vb->iobase + VIRTIO_QUEUE_NOTIFY, 0);
}

/* Reading the ISR acknowledges it and lowers the INTx line. */
uint8_t
vblk_isr(struct vblk *vb)
{
	return inb(vb->iobase + VIRTIO_ISR);
}

/*
 * Reset the device, accept no optional feature, give it virtqueue 0 at
 * the start of our DMA memory and read the capacity.  The ring memory
 * must be vring_size(num) bytes; the caller checked the queue size with
 * vblk_queue_num first.  0, or -1 with the device marked failed.
 */
int
vblk_setup(struct vblk *vb)
{
	uint16_t io = vb->iobase;
	uint32_t lo, hi;

	outb(io + VIRTIO_STATUS, 0);
	outb(io + VIRTIO_STATUS, VIRTIO_S_ACK);
	outb(io + VIRTIO_STATUS, VIRTIO_S_ACK | VIRTIO_S_DRIVER);
	vb->readonly = (inl(io + VIRTIO_HOST_FEATURES) & VBLK_F_RO) != 0;
	outl(io + VIRTIO_GUEST_FEATURES, 0);
	outw(io + VIRTIO_QUEUE_SEL, 0);
	if (inw(io + VIRTIO_QUEUE_NUM) != vb->vq.num ||
	    (vb->dma_pa >> 12) > UINT32_MAX) {
		outb(io + VIRTIO_STATUS, VIRTIO_S_FAILED);
		return -1;
	}
	outl(io + VIRTIO_QUEUE_PFN, (uint32_t)(vb->dma_pa >> 12));
	lo = inl(io + VIRTIO_CONFIG);
	hi = inl(io + VIRTIO_CONFIG + 4);
	vb->nsect = (uint64_t)hi << 32 | lo;
	outb(io + VIRTIO_STATUS, VIRTIO_S_ACK | VIRTIO_S_DRIVER |
	    VIRTIO_S_DRIVER_OK);
	return 0;
}

/* The size of virtqueue 0, before vblk_setup (0: no queue). */
unsigned
vblk_queue_num(struct vblk *vb)
{
	outb(vb->iobase + VIRTIO_STATUS, 0);
	outw(vb->iobase + VIRTIO_QUEUE_SEL, 0);
	return inw(vb->iobase + VIRTIO_QUEUE_NUM);
}
