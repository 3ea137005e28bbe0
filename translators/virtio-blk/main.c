/*
 * main.c -- the virtio-blk driver task: start-up, then the request loop.
 * Started by the boot script with the host and device master ports; it
 * finds the first legacy virtio-blk function on the PCI bus, takes its
 * I/O ports, its interrupt and DMA memory, gives up the host and master
 * ports, and sends a send right to its own device master to its
 * bootstrap port.  Then: receive, dispatch through MIG, reply, forever.
 */
#include <mach/mach.h>
#include <mach/mach_traps.h>
#include <mach/mach_port.h>
#include <mach/mach_i386.h>
#include <mach/gnumach.h>
#include <mach/task_special_ports.h>
#include <device/device.h>
#include <whorl/ports.h>
#include "device_S.h"
#include "pci.h"
#include "drvtask.h"
#include "vblk.h"

#define VIRTIO_VENDOR		0x1af4
#define VIRTIO_BLK_LEGACY	0x1001	/* transitional virtio-blk */
#define VBLK_MSG_MAX		8192

struct vblk vblk;

extern boolean_t device_server(mach_msg_header_t *, mach_msg_header_t *);

/* Find the disk, take its BAR 0 ports and turn on I/O and bus mastering.
 * The configuration ports are given back before we return. */
static int
vblk_find(mach_port_t kmaster)
{
	mach_port_t cfg, io;
	struct pci_dev d;
	struct pci_bar bar;
	int error = -1;

	if (drv_io_perm(kmaster, 0xCF8, 0xCFF, &cfg) != 0)
		return -1;
	if (!pci_find(&pci_cf8_access, VIRTIO_VENDOR, VIRTIO_BLK_LEGACY, 0,
	    &d) || !pci_bar(&d, 0, &bar) || bar.kind != PCI_BAR_IO ||
	    bar.size < 0x20 || bar.size > 0x100 || bar.base > 0xFFFF - bar.size)
		goto out;
	vblk.iobase = bar.base;
	vblk.iosize = bar.size;
	vblk.irq = pci_intr_line(&d);
	if (vblk.irq == 0 || vblk.irq >= 16 ||
	    drv_io_perm(kmaster, bar.base, bar.base + bar.size - 1, &io) != 0)
		goto out;
	pci_enable(&d, PCI_COMMAND_IO | PCI_COMMAND_MASTER);
	drv_log("virtio-blk: PCI %02x:%02x.%x, ports %#x-%#x, irq %u\n",
	    d.bus, d.dev, d.fn, vblk.iobase, vblk.iobase + vblk.iosize - 1,
	    vblk.irq);
	error = 0;
out:
	i386_io_perm_modify(mach_task_self(), cfg, FALSE);
	mach_port_deallocate(mach_task_self(), cfg);
	return error;
}

/* The ring, a page for the request header and status, and the buffer. */
static int
vblk_dma(mach_port_t host_priv)
{
	unsigned num = vblk_queue_num(&vblk);
	size_t ring = vring_size(num);
	vm_address_t va = 0;
	rpc_phys_addr_t pa;

	if (ring == 0 || vm_allocate_contiguous(host_priv, mach_task_self(),
	    &va, &pa, ring + 4096 + VBLK_BUF_SIZE, 0, 0, 4096) != 0)
		return -1;
	vblk.dma = (char *)va;
	vblk.dma_pa = pa;
	vblk.hdr = (struct vblk_hdr *)(vblk.dma + ring);
	vblk.status = (uint8_t *)(vblk.hdr + 1);
	vblk.buf = vblk.dma + ring + 4096;
	vblk.buf_pa = pa + ring + 4096;
	return vring_init(&vblk.vq, num, vblk.dma) ? 0 : -1;
}

/* The device's interrupt line, delivered to irq_port. */
static int
vblk_intr(mach_port_t kmaster)
{
	mach_port_t self = mach_task_self();

	if (device_open(kmaster, D_READ | D_WRITE, "irq", &vblk.irq_dev) != 0 ||
	    mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE,
	    &vblk.irq_port) != 0)
		return -1;
	return device_intr_register(vblk.irq_dev, vblk.irq, 0, vblk.irq_port,
	    MACH_MSG_TYPE_MAKE_SEND) == 0 ? 0 : -1;
}

/* Our master and "vd0" ports in one port set. */
static int
vblk_ports(void)
{
	mach_port_t self = mach_task_self();

	if (mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE,
	    &vblk.master) != 0 ||
	    mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE,
	    &vblk.device) != 0 ||
	    mach_port_allocate(self, MACH_PORT_RIGHT_PORT_SET,
	    &vblk.portset) != 0)
		return -1;
	if (mach_port_move_member(self, vblk.master, vblk.portset) != 0 ||
	    mach_port_move_member(self, vblk.device, vblk.portset) != 0)
		return -1;
	return 0;
}

static int
vblk_start(void)
{
	mach_port_t host = __whorl_host_priv, kmaster = __whorl_device_master;
	const char *why;

	if (host == MACH_PORT_NULL || kmaster == MACH_PORT_NULL)
		why = "needs --host-priv-port and --device-master-port";
	else if (vblk_find(kmaster) != 0)
		why = "no legacy virtio-blk disk with I/O ports and an irq";
	else if (vblk_dma(host) != 0)
		why = "no DMA memory, or a queue size we cannot use";
	else if (vblk_intr(kmaster) != 0)
		why = "cannot register the interrupt";
	else if (vblk_setup(&vblk) != 0)
		why = "the device refused its virtqueue";
	else if (vblk_ports() != 0)
		why = "no ports";
	else
		why = NULL;
	if (why != NULL) {
		drv_log("virtio-blk: %s\n", why);
		return -1;
	}
	drv_log("virtio-blk: %llu sectors%s\n",
	    (unsigned long long)vblk.nsect, vblk.readonly ? ", read-only" : "");
	/* From here on, only our own ports, irq and DMA memory. */
	mach_port_deallocate(mach_task_self(), host);
	mach_port_deallocate(mach_task_self(), kmaster);
	__whorl_host_priv = __whorl_device_master = MACH_PORT_NULL;
	return 0;
}

/* Receive, dispatch, reply: one request at a time, forever. */
static void
vblk_serve(void)
{
	union {
		mach_msg_header_t	h;
		char			room[VBLK_MSG_MAX];
	} in;
	union {
		mig_reply_header_t	r;
		char			room[VBLK_MSG_MAX];
	} out;

	for (;;) {
		if (mach_msg(&in.h, MACH_RCV_MSG, 0, sizeof(in), vblk.portset,
		    MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL) != MACH_MSG_SUCCESS)
			continue;
		drv_request(device_server, &in.h, &out.r);
	}
}

int
main(void)
{
	if (vblk_start() != 0)
		return 1;
	if (drv_announce(vblk.master, VBLK_READY_ID) != 0)
		drv_log("virtio-blk: no bootstrap port to announce to\n");
	vblk_serve();
}
