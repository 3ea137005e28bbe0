/*
 * main.c -- the virtio-blk driver task: start-up, then the request loop.
 * Started by the boot script with the host and device master ports; it
 * finds the first legacy virtio-blk function on the PCI bus, takes its
 * I/O ports, its interrupt and DMA memory, gives up the host and master
 * ports, and sends a send right to its own device master to its
 * bootstrap port.  Then: receive, dispatch through MIG, reply, forever.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
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
#include "vblk.h"

#define VIRTIO_VENDOR		0x1af4
#define VIRTIO_BLK_LEGACY	0x1001	/* transitional virtio-blk */
#define VBLK_MSG_MAX		8192

struct vblk vblk;

extern boolean_t device_server(mach_msg_header_t *, mach_msg_header_t *);

static void
vblk_log(const char *fmt, ...)
{
	char line[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	mach_print(line);
}

/* I/O ports [from, to] for this task, through the kernel's device master. */
static int
vblk_io_perm(mach_port_t kmaster, uint16_t from, uint16_t to,
    mach_port_t *perm)
{
	if (i386_io_perm_create(kmaster, from, to, perm) != KERN_SUCCESS)
		return -1;
	return i386_io_perm_modify(mach_task_self(), *perm, TRUE) ==
	    KERN_SUCCESS ? 0 : -1;
}

/* Find the disk, take its BAR 0 ports and turn on I/O and bus mastering.
 * The configuration ports are given back before we return. */
static int
vblk_find(mach_port_t kmaster)
{
	mach_port_t cfg, io;
	struct pci_dev d;
	struct pci_bar bar;
	int error = -1;

	if (vblk_io_perm(kmaster, 0xCF8, 0xCFF, &cfg) != 0)
		return -1;
	if (!pci_find(&pci_cf8_access, VIRTIO_VENDOR, VIRTIO_BLK_LEGACY, 0,
	    &d) || !pci_bar(&d, 0, &bar) || bar.kind != PCI_BAR_IO ||
	    bar.size < 0x20 || bar.size > 0x100 || bar.base > 0xFFFF - bar.size)
		goto out;
	vblk.iobase = bar.base;
	vblk.iosize = bar.size;
	vblk.irq = pci_intr_line(&d);
	if (vblk.irq == 0 || vblk.irq >= 16 ||
	    vblk_io_perm(kmaster, bar.base, bar.base + bar.size - 1, &io) != 0)
		goto out;
	pci_enable(&d, PCI_COMMAND_IO | PCI_COMMAND_MASTER);
	vblk_log("virtio-blk: PCI %02x:%02x.%x, ports %#x-%#x, irq %u\n",
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

/* Hand a send right to our master to whoever holds our bootstrap port. */
static int
vblk_announce(void)
{
	struct {
		mach_msg_header_t	h;
		mach_msg_type_t		t;
		mach_port_name_inlined_t port;
	} m;
	mach_port_t bs;

	if (task_get_bootstrap_port(mach_task_self(), &bs) != 0 ||
	    bs == MACH_PORT_NULL)
		return -1;
	memset(&m, 0, sizeof(m));
	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND, 0) |
	    MACH_MSGH_BITS_COMPLEX;
	m.h.msgh_size = sizeof(m);
	m.h.msgh_remote_port = bs;
	m.h.msgh_id = VBLK_READY_ID;
	m.t.msgt_name = MACH_MSG_TYPE_MAKE_SEND;
	m.t.msgt_size = 64;
	m.t.msgt_number = 1;
	m.t.msgt_inline = 1;
	m.port.name = vblk.master;
	return mach_msg(&m.h, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(m), 0,
	    MACH_PORT_NULL, 1000, MACH_PORT_NULL) == 0 ? 0 : -1;
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
		vblk_log("virtio-blk: %s\n", why);
		return -1;
	}
	vblk_log("virtio-blk: %llu sectors%s\n",
	    (unsigned long long)vblk.nsect, vblk.readonly ? ", read-only" : "");
	/* From here on, only our own ports, irq and DMA memory. */
	mach_port_deallocate(mach_task_self(), host);
	mach_port_deallocate(mach_task_self(), kmaster);
	__whorl_host_priv = __whorl_device_master = MACH_PORT_NULL;
	return 0;
}

/*
 * Send the reply without waiting: a client whose reply port is full loses
 * its reply rather than stalling the disk.  A reply that comes back
 * (timed out) is destroyed here, and so is one to a reply right that died
 * (its body may never have been taken; if it was, its memory is already
 * gone from our map and the destroy finds nothing); on other errors the
 * kernel destroyed it.
 */
static void
vblk_reply(mig_reply_header_t *out)
{
	mach_msg_return_t mr;

	mr = mach_msg(&out->Head, MACH_SEND_MSG | MACH_SEND_TIMEOUT,
	    out->Head.msgh_size, 0, MACH_PORT_NULL, 0, MACH_PORT_NULL);
	if (mr == MACH_MSG_SUCCESS)
		return;
	mr &= ~MACH_MSG_MASK;
	if (mr == MACH_SEND_TIMED_OUT || mr == MACH_SEND_INTERRUPTED ||
	    mr == MACH_SEND_INVALID_DEST)
		vblk_msg_destroy(out);
	if (MACH_PORT_VALID(out->Head.msgh_remote_port))
		mach_port_deallocate(mach_task_self(),
		    out->Head.msgh_remote_port);
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
	kern_return_t rc;

	for (;;) {
		if (mach_msg(&in.h, MACH_RCV_MSG, 0, sizeof(in), vblk.portset,
		    MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL) != MACH_MSG_SUCCESS)
			continue;
		(void)device_server(&in.h, &out.r.Head);
		rc = out.r.RetCode;
		if (rc != KERN_SUCCESS && rc != MIG_NO_REPLY)
			vblk_msg_destroy(&in.h);	/* the reply right stays */
		if (rc == MIG_NO_REPLY)
			continue;
		if (MACH_PORT_VALID(out.r.Head.msgh_remote_port))
			vblk_reply(&out.r);
		else
			vblk_msg_destroy(&out.r.Head);
	}
}

int
main(void)
{
	if (vblk_start() != 0)
		return 1;
	if (vblk_announce() != 0)
		vblk_log("virtio-blk: no bootstrap port to announce to\n");
	vblk_serve();
}
