/*
 * vnet.c -- the virtio-net driver task: one legacy virtio PCI network
 * function (1af4:1000), receive queue 0 and transmit queue 1 in the
 * legacy split layout (translators/virtio/), the MAC address and link
 * status from the device's configuration, its interrupt as messages.
 * Frames move through per-slot buffers in our DMA memory: the client's
 * bytes are copied in, the device never sees client memory.  Sent frames
 * are reclaimed on the next send, so the transmit queue asks for no
 * interrupt unless it is full.  The device
 * interface and frame delivery are the network library's (netdev/).
 */
#include <string.h>
#include <mach/mach.h>
#include <mach/mach_traps.h>
#include <mach/gnumach.h>
#include <device/device_types.h>
#include <whorl/ports.h>
#include "netdev.h"
#include "netframe.h"
#include "virtio_pci.h"
#include "vring.h"

#define VIRTIO_VENDOR		0x1af4
#define VIRTIO_NET_LEGACY	0x1000	/* transitional virtio-net */
#define VNET_F_MAC		(1u << 5)
#define VNET_F_STATUS		(1u << 16)
#define VNET_S_LINK_UP		1
#define VNET_HDR		10	/* legacy header, no merged buffers */
#define VNET_SLOT		2048	/* header at 0, frame at 16 */
#define VNET_DATA		16
#define VNET_QMAX		1024	/* largest queue we lay out */
#define VNET_BUSY		0x8000	/* in slot maps: posted */
#define VRING_AVAIL_F_NO_INTERRUPT 1
#define VQ_RX			0
#define VQ_TX			1

static struct vnet {
	uint16_t	 io;
	uint32_t	 features;
	struct vring	 rxq, txq;
	char		*rxbuf, *txbuf;	/* slots */
	uint64_t	 rxbuf_pa, txbuf_pa;
	uint16_t	 rx_slot[VNET_QMAX];	/* head -> slot */
	uint16_t	 tx_slot[VNET_QMAX];
	uint16_t	 tx_free[VNET_QMAX / 2];	/* free TX slots */
	unsigned	 ntx_free;
} vn;

/* Give the device receive slot s. */
static int
vnet_rx_post(unsigned s)
{
	uint64_t pa = vn.rxbuf_pa + (uint64_t)s * VNET_SLOT;
	struct vring_buf b[2] = {
		{ pa, VNET_HDR, true },
		{ pa + VNET_DATA, VNET_SLOT - VNET_DATA, true },
	};
	int head = vring_post(&vn.rxq, b, 2);

	if (head < 0)
		return -1;
	vn.rx_slot[head] = s | VNET_BUSY;
	return 0;
}

/* Take back the frames the device has sent. */
static void
vnet_tx_reclaim(void)
{
	uint32_t len;
	int head;

	while (vring_take_used(&vn.txq, &head, &len)) {
		if (!(vn.tx_slot[head] & VNET_BUSY)) {
			vn.txq.bad = true;
			break;
		}
		vn.tx_free[vn.ntx_free++] = vn.tx_slot[head] & ~VNET_BUSY;
		vn.tx_slot[head] = 0;
	}
	if (vn.txq.bad)
		netdev.broken = true;	/* it used a chain we never posted */
}

static int
vnet_tx(const void *frame, uint32_t len)
{
	uint64_t pa;
	char *slot;
	unsigned s;
	int head;

	vnet_tx_reclaim();
	if (netdev.broken)
		return D_IO_ERROR;
	if (vn.ntx_free == 0) {
		/* Ask for an interrupt when a frame is sent, then look again
		 * in case the device sent one before it saw the flag. */
		vn.txq.avail->flags = 0;
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		vnet_tx_reclaim();
		if (vn.ntx_free == 0)
			return D_WOULD_BLOCK;
	}
	vn.txq.avail->flags = VRING_AVAIL_F_NO_INTERRUPT;
	s = vn.tx_free[--vn.ntx_free];
	slot = vn.txbuf + (size_t)s * VNET_SLOT;
	pa = vn.txbuf_pa + (uint64_t)s * VNET_SLOT;
	memset(slot, 0, VNET_HDR);
	memcpy(slot + VNET_DATA, frame, len);
	head = vring_post(&vn.txq, (struct vring_buf[2]){
	    { pa, VNET_HDR, false }, { pa + VNET_DATA, len, false } }, 2);
	if (head < 0) {
		vn.tx_free[vn.ntx_free++] = s;
		return D_IO_ERROR;
	}
	vn.tx_slot[head] = s | VNET_BUSY;
	outw(vn.io + VIRTIO_QUEUE_NOTIFY, VQ_TX);
	return D_SUCCESS;
}

/* Deliver every received frame and give its slot back. */
static void
vnet_rx(void)
{
	uint32_t len;
	unsigned s, posted = 0;
	int head;

	while (vring_take_used(&vn.rxq, &head, &len)) {
		if (!(vn.rx_slot[head] & VNET_BUSY)) {
			vn.rxq.bad = true;
			break;
		}
		s = vn.rx_slot[head] & ~VNET_BUSY;
		vn.rx_slot[head] = 0;
		if (len > VNET_HDR && netframe_ok(len - VNET_HDR) &&
		    len - VNET_HDR <= VNET_SLOT - VNET_DATA)
			netdev_input(vn.rxbuf + (size_t)s * VNET_SLOT +
			    VNET_DATA, len - VNET_HDR);
		else
			netdev.nrx_lost++;
		if (vnet_rx_post(s) == 0)
			posted++;
	}
	if (vn.rxq.bad)
		netdev.broken = true;	/* it used a chain we never posted */
	if (posted)
		outw(vn.io + VIRTIO_QUEUE_NOTIFY, VQ_RX);
}

static void
vnet_intr(void)
{
	(void)inb(vn.io + VIRTIO_ISR);	/* lowers the line */
	if (netdev.broken)
		return;
	vnet_rx();
	vnet_tx_reclaim();
}

static bool
vnet_link_up(void)
{
	if (!(vn.features & VNET_F_STATUS))
		return true;
	return (inw(vn.io + VIRTIO_CONFIG + 6) & VNET_S_LINK_UP) != 0;
}

static const struct netdev_hw vnet_hw = {
	"virtio-net", vnet_tx, vnet_intr, vnet_link_up
};

/* Both rings, then the receive and transmit slots, in one DMA block. */
static int
vnet_dma(mach_port_t host, unsigned nrx, unsigned ntx)
{
	size_t rr = vring_size(nrx), tr = vring_size(ntx);
	size_t rb = (size_t)nrx / 2 * VNET_SLOT;
	size_t tb = (size_t)ntx / 2 * VNET_SLOT;
	vm_address_t va = 0;
	rpc_phys_addr_t pa;

	if (rr == 0 || tr == 0 || nrx > VNET_QMAX || ntx > VNET_QMAX ||
	    nrx < 4 || ntx < 4 || vm_allocate_contiguous(host,
	    mach_task_self(), &va, &pa, rr + tr + rb + tb, 0, 0, 4096) != 0)
		return -1;
	if (!vring_init(&vn.rxq, nrx, (void *)va) ||
	    !vring_init(&vn.txq, ntx, (char *)va + rr) ||
	    virtio_queue_set(vn.io, VQ_RX, pa) != 0 ||
	    virtio_queue_set(vn.io, VQ_TX, pa + rr) != 0)
		return -1;
	vn.rxbuf = (char *)va + rr + tr;
	vn.rxbuf_pa = pa + rr + tr;
	vn.txbuf = vn.rxbuf + rb;
	vn.txbuf_pa = vn.rxbuf_pa + rb;
	for (unsigned s = 0; s < ntx / 2; s++)
		vn.tx_free[vn.ntx_free++] = s;
	return 0;
}

/* Reset, accept only the MAC and link status features, lay out both
 * queues, read the address, fill the receive ring and go. */
static int
vnet_setup(mach_port_t host)
{
	uint16_t io = vn.io;
	unsigned nrx, ntx;

	outb(io + VIRTIO_STATUS, 0);
	outb(io + VIRTIO_STATUS, VIRTIO_S_ACK);
	outb(io + VIRTIO_STATUS, VIRTIO_S_ACK | VIRTIO_S_DRIVER);
	vn.features = inl(io + VIRTIO_HOST_FEATURES) &
	    (VNET_F_MAC | VNET_F_STATUS);
	outl(io + VIRTIO_GUEST_FEATURES, vn.features);
	nrx = virtio_queue_num(io, VQ_RX);
	ntx = virtio_queue_num(io, VQ_TX);
	if (!(vn.features & VNET_F_MAC) || vnet_dma(host, nrx, ntx) != 0) {
		outb(io + VIRTIO_STATUS, VIRTIO_S_FAILED);
		return -1;
	}
	for (unsigned i = 0; i < 6; i++)
		netdev.mac[i] = inb(io + VIRTIO_CONFIG + i);
	for (unsigned s = 0; s < nrx / 2; s++)
		if (vnet_rx_post(s) != 0)
			return -1;
	outb(io + VIRTIO_STATUS, VIRTIO_S_ACK | VIRTIO_S_DRIVER |
	    VIRTIO_S_DRIVER_OK);
	outw(io + VIRTIO_QUEUE_NOTIFY, VQ_RX);
	return 0;
}

int
main(void)
{
	mach_port_t host = __whorl_host_priv, kmaster = __whorl_device_master;
	struct pci_bar bar;

	netdev.hw = &vnet_hw;
	if (host == MACH_PORT_NULL || kmaster == MACH_PORT_NULL) {
		drv_log("virtio-net: needs --host-priv-port and "
		    "--device-master-port\n");
		return 1;
	}
	if (netdev_pci_find(kmaster, VIRTIO_VENDOR, VIRTIO_NET_LEGACY, 0,
	    &bar) != 0 || bar.kind != PCI_BAR_IO || bar.size < 0x20 ||
	    bar.size > 0x100 || bar.base > 0xFFFF - bar.size ||
	    drv_io_perm(kmaster, bar.base, bar.base + bar.size - 1,
	    NULL) != 0) {
		drv_log("virtio-net: no legacy virtio-net with I/O ports\n");
		return 1;
	}
	vn.io = bar.base;
	if (vnet_setup(host) != 0) {
		drv_log("virtio-net: the device refused its set-up\n");
		return 1;
	}
	netdev_run(host, kmaster);
}
