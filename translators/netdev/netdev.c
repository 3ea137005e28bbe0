/*
 * netdev.c -- the network driver library's task side: the PCI search,
 * the interrupt, the ports and the announcement, the request loop (one
 * port set for the master, the device and the interrupt), and the two
 * directions of frames: netdev_input sends a received frame as a
 * net_rcv_msg to the port the client registered, never waiting;
 * netdev_output queues a frame, handling interrupts while the ring is
 * full.
 */
#include <string.h>
#include <mach/mach.h>
#include <mach/mach_traps.h>
#include <mach/mach_port.h>
#include <mach/mach_i386.h>
#include <mach/mig_errors.h>
#include <device/device.h>
#include <device/device_types.h>
#include <whorl/ports.h>
#include "drvmsg.h"
#include "netdev.h"
#include "netframe.h"
#include "net_status.h"

#define NETDEV_MSG_MAX		8192
#define DEVICE_INTR_NOTIFY	100

struct netdev netdev;

extern boolean_t device_server(mach_msg_header_t *, mach_msg_header_t *);
extern boolean_t net_filter_server(mach_msg_header_t *, mach_msg_header_t *);
extern boolean_t net_frame_server(mach_msg_header_t *, mach_msg_header_t *);

int
netdev_pci_find(mach_port_t kmaster, uint16_t vendor, uint16_t device,
    unsigned bar, struct pci_bar *b)
{
	mach_port_t cfg;
	struct pci_dev d;
	int error = -1;

	if (i386_io_perm_create(kmaster, 0xCF8, 0xCFF, &cfg) != KERN_SUCCESS)
		return -1;
	if (i386_io_perm_modify(mach_task_self(), cfg, TRUE) != KERN_SUCCESS)
		goto out;
	if (!pci_find(&pci_cf8_access, vendor, device, 0, &d) ||
	    !pci_bar(&d, bar, b))
		goto out;
	netdev.irq = pci_intr_line(&d);
	if (netdev.irq == 0 || netdev.irq >= 16)
		goto out;
	pci_enable(&d, (b->kind == PCI_BAR_IO ? PCI_COMMAND_IO :
	    PCI_COMMAND_MEMORY) | PCI_COMMAND_MASTER);
	drv_log("%s: PCI %02x:%02x.%x, BAR %u at %#llx (%#llx bytes), "
	    "irq %u\n", netdev.hw->name, d.bus, d.dev, d.fn, bar,
	    (unsigned long long)b->base, (unsigned long long)b->size,
	    netdev.irq);
	error = 0;
out:
	i386_io_perm_modify(mach_task_self(), cfg, FALSE);
	mach_port_deallocate(mach_task_self(), cfg);
	return error;
}

/* The interrupt, the master and "eth0", all in one port set. */
static int
netdev_ports(mach_port_t kmaster)
{
	mach_port_t self = mach_task_self();

	if (device_open(kmaster, D_READ | D_WRITE, "irq", &netdev.irq_dev) ||
	    mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE,
	    &netdev.irq_port) || mach_port_allocate(self,
	    MACH_PORT_RIGHT_RECEIVE, &netdev.master) ||
	    mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &netdev.device) ||
	    mach_port_allocate(self, MACH_PORT_RIGHT_PORT_SET,
	    &netdev.portset))
		return -1;
	if (mach_port_move_member(self, netdev.master, netdev.portset) ||
	    mach_port_move_member(self, netdev.device, netdev.portset) ||
	    mach_port_move_member(self, netdev.irq_port, netdev.portset))
		return -1;
	return device_intr_register(netdev.irq_dev, netdev.irq, 0,
	    netdev.irq_port, MACH_MSG_TYPE_MAKE_SEND) == 0 ? 0 : -1;
}

/* One interrupt: the hardware reads its cause, then the line is
 * unmasked again. */
static void
netdev_intr(void)
{
	netdev.nirq++;
	netdev.hw->intr();
	device_intr_ack(netdev.irq_dev, netdev.irq_port,
	    MACH_MSG_TYPE_MAKE_SEND);
}

void
netdev_input(const void *frame, uint32_t len)
{
	static struct net_rcv_msg m;
	size_t n;
	mach_msg_return_t mr;

	n = netframe_split(frame, len, (uint8_t *)m.header, NET_HDW_HDR_MAX,
	    (uint8_t *)m.packet, NET_RCV_MAX);
	if (n == 0 || netdev.rcv_port == MACH_PORT_NULL) {
		netdev.nrx_lost++;
		return;
	}
	m.msg_hdr.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0);
	m.msg_hdr.msgh_size = offsetof(struct net_rcv_msg, packet) +
	    ((n + 7) & ~(size_t)7);
	m.msg_hdr.msgh_remote_port = netdev.rcv_port;
	m.msg_hdr.msgh_local_port = MACH_PORT_NULL;
	m.msg_hdr.msgh_id = NET_RCV_MSG_ID;
	m.header_type = (mach_msg_type_t){ .msgt_name = MACH_MSG_TYPE_BYTE,
	    .msgt_size = 8, .msgt_number = NET_HDW_HDR_MAX,
	    .msgt_inline = 1 };
	m.packet_type = (mach_msg_type_t){ .msgt_name = MACH_MSG_TYPE_BYTE,
	    .msgt_size = 8, .msgt_number = n, .msgt_inline = 1 };
	mr = mach_msg(&m.msg_hdr, MACH_SEND_MSG | MACH_SEND_TIMEOUT,
	    m.msg_hdr.msgh_size, 0, MACH_PORT_NULL, 0, MACH_PORT_NULL);
	if (mr == MACH_MSG_SUCCESS) {
		netdev.nrx++;
		return;
	}
	netdev.nrx_lost++;
	if (mr == MACH_SEND_INVALID_DEST) {	/* the client went away */
		mach_port_deallocate(mach_task_self(), netdev.rcv_port);
		netdev.rcv_port = MACH_PORT_NULL;
	}
}

int
netdev_output(const void *frame, uint32_t len)
{
	struct {
		mach_msg_header_t	h;
		char			room[128];
	} m;
	mach_port_t self = mach_task_self();
	mach_msg_return_t mr = MACH_MSG_SUCCESS;
	int error;

	if (netdev.broken)
		return D_DEVICE_DOWN;
	if ((error = netdev.hw->tx(frame, len)) == D_WOULD_BLOCK) {
		/* A member of a port set cannot be received from alone. */
		mach_port_move_member(self, netdev.irq_port, MACH_PORT_NULL);
		while (mr == MACH_MSG_SUCCESS &&
		    (error = netdev.hw->tx(frame, len)) == D_WOULD_BLOCK) {
			mr = mach_msg(&m.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
			    sizeof(m), netdev.irq_port, NETDEV_TX_WAIT_MS,
			    MACH_PORT_NULL);
			if (mr == MACH_MSG_SUCCESS &&
			    m.h.msgh_id == DEVICE_INTR_NOTIFY)
				netdev_intr();
		}
		mach_port_move_member(self, netdev.irq_port, netdev.portset);
		if (mr != MACH_MSG_SUCCESS)
			error = D_DEVICE_DOWN;	/* it stopped sending */
	}
	if (error == D_SUCCESS)
		netdev.ntx++;
	else
		netdev.broken = true;
	return error;
}

/* The device interface, device_set_filter, then net_write_frame. */
static boolean_t
netdev_demux(mach_msg_header_t *in, mach_msg_header_t *out)
{
	return device_server(in, out) || net_filter_server(in, out) ||
	    net_frame_server(in, out);
}

/* Receive, dispatch, reply; interrupts between requests. */
static void __attribute__((noreturn))
netdev_serve(void)
{
	static union {
		mach_msg_header_t	h;
		char			room[NETDEV_MSG_MAX];
	} in;
	static union {
		mig_reply_header_t	r;
		char			room[NETDEV_MSG_MAX];
	} out;

	for (;;) {
		if (mach_msg(&in.h, MACH_RCV_MSG, 0, sizeof(in), netdev.portset,
		    MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL) != MACH_MSG_SUCCESS)
			continue;
		if (in.h.msgh_local_port == netdev.irq_port) {
			if (in.h.msgh_id == DEVICE_INTR_NOTIFY)
				netdev_intr();
			continue;	/* only the kernel can send there */
		}
		drv_request(netdev_demux, &in.h, &out.r);
	}
}

void
netdev_run(mach_port_t host, mach_port_t kmaster)
{
	mach_port_t self = mach_task_self();

	if (netdev_ports(kmaster) != 0) {
		drv_log("%s: cannot register irq %u or make ports\n",
		    netdev.hw->name, netdev.irq);
		task_terminate(self);
	}
	drv_log("%s: MAC %02x:%02x:%02x:%02x:%02x:%02x, link %s\n",
	    netdev.hw->name, netdev.mac[0], netdev.mac[1], netdev.mac[2],
	    netdev.mac[3], netdev.mac[4], netdev.mac[5],
	    netdev.hw->link_up() ? "up" : "down");
	/* From here on, only our own ports, irq, registers and DMA memory. */
	mach_port_deallocate(self, host);
	mach_port_deallocate(self, kmaster);
	__whorl_host_priv = __whorl_device_master = MACH_PORT_NULL;
	if (drv_announce(netdev.master, NETDEV_READY_ID) != 0)
		drv_log("%s: no bootstrap port to announce to\n",
		    netdev.hw->name);
	netdev_serve();
}
