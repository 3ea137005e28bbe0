/*
 * vblk_io.c -- one transfer between the bounce buffer and the disk: a
 * three-descriptor chain (header, data, status) on the virtqueue, a
 * notify, then the device's interrupt as a message from the kernel's
 * "irq" device, acknowledged once the used ring has been read.  A device
 * that does not answer in VBLK_TIMEOUT_MS, or answers nonsense, is marked
 * broken: it might still write our memory later, so no request uses it
 * again.
 */
#include <string.h>
#include <mach/mach.h>
#include <device/device.h>
#include <device/device_types.h>
#include "vblk.h"

#define DEVICE_INTR_NOTIFY	100

struct vblk_intr_msg {
	mach_msg_header_t	h;
	mach_msg_type_t		t;
	int			id, pad;
	char			room[64];
};

/*
 * Wait for the device to use the chain at head: each interrupt message is
 * checked against our line, the ISR read (which lowers the line) and the
 * line unmasked again with device_intr_ack.  D_SUCCESS, or D_IO_ERROR on
 * a timeout or a device that used something else.
 */
static int
vblk_wait(struct vblk *vb, int head)
{
	struct vblk_intr_msg m;
	mach_msg_return_t mr;
	uint32_t len;
	int used;

	for (;;) {
		if (vring_take_used(&vb->vq, &used, &len))
			return used == head ? D_SUCCESS : D_IO_ERROR;
		if (used != -1)
			return D_IO_ERROR;
		mr = mach_msg(&m.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
		    sizeof(m), vb->irq_port, VBLK_TIMEOUT_MS, MACH_PORT_NULL);
		if (mr == MACH_RCV_TIMED_OUT)
			return D_IO_ERROR;
		if (mr != MACH_MSG_SUCCESS || m.h.msgh_id != DEVICE_INTR_NOTIFY)
			continue;	/* nobody else can send here */
		vb->nirq++;
		(void)vblk_isr(vb);
		device_intr_ack(vb->irq_dev, vb->irq_port,
		    MACH_MSG_TYPE_MAKE_SEND);
	}
}

int
vblk_transfer(struct vblk *vb, uint32_t type, uint64_t sector,
    uint32_t nbytes)
{
	struct vring_buf b[3];
	int head, error;

	if (vb->broken)
		return D_DEVICE_DOWN;
	if (nbytes == 0 || nbytes > VBLK_BUF_SIZE || nbytes % 512 != 0)
		return D_INVALID_SIZE;
	vb->hdr->type = type;
	vb->hdr->reserved = 0;
	vb->hdr->sector = sector;
	*vb->status = 0xFF;
	b[0] = (struct vring_buf){ vb->dma_pa + ((char *)vb->hdr - vb->dma),
	    sizeof(*vb->hdr), false };
	b[1] = (struct vring_buf){ vb->buf_pa, nbytes, type == VBLK_T_IN };
	b[2] = (struct vring_buf){ vb->dma_pa + ((char *)vb->status - vb->dma),
	    1, true };
	if ((head = vring_post(&vb->vq, b, 3)) < 0)
		return D_IO_ERROR;
	vblk_notify(vb);
	error = vblk_wait(vb, head);
	if (error != D_SUCCESS) {
		vb->broken = true;
		return error;
	}
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	return *(volatile uint8_t *)vb->status == VBLK_S_OK ? D_SUCCESS :
	    D_IO_ERROR;
}
