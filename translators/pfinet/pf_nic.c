/*
 * pf_nic.c -- the frame path between pfinet and a NIC driver: the one
 * file that knows how frames travel, so that a driver plugs in here.
 *
 * One Ethernet frame per Mach message, both ways, as a simple message
 * with id PF_FRAME_ID and one inline byte array (mach_msg_type_t, 8-bit
 * items, at most PF_FRAME_MAX):
 *   - pfinet -> driver: sent to the driver's device port (from
 *     device_open of --interface=NAME) to transmit the frame;
 *   - driver -> pfinet: each received frame, sent to the frame port
 *     pfinet gives the driver at attach time in a PF_FRAME_REGISTER
 *     message (one MAKE_SEND port item).
 * Sends never wait (a full queue drops the frame, like a full ring).
 * The MAC address is the driver's (device_get_status NET_ADDRESS), or a
 * random locally administered one.  Called from pf_main.c/pf_config.c.
 */
#include <errno.h>
#include <string.h>
#include <mach/mach_traps.h>
#include <mach/mach.h>
#include <mach/mach_port.h>
#include <device/device.h>

#include "pf.h"

#define PF_FRAME_ID		32200
#define PF_FRAME_REGISTER	32201
#define PF_FRAME_MAX		1536	/* 1500 + header + VLAN tag */
#define PF_NET_ADDRESS		2	/* device_get_status flavor */

struct pf_frame_msg {
	mach_msg_header_t	head;
	mach_msg_type_t		type;
	char			data[PF_FRAME_MAX];
};

struct pf_register_msg {
	mach_msg_header_t	head;
	mach_msg_type_t		type;
	mach_port_name_inlined_t port;
};

static mach_port_t pf_nic_dev = MACH_PORT_NULL;	/* the driver's port */
static mach_port_t pf_nic_port = MACH_PORT_NULL;	/* frames come here */
static struct pfinet_if *pf_nic;

struct pfinet_if *
pf_nic_if(void)
{
	return pf_nic;
}

/* The engine's output: one frame, one message, never waiting. */
static void
pf_nic_output(void *arg, const void *frame, size_t len)
{
	struct pf_frame_msg m;

	(void)arg;
	if (len > PF_FRAME_MAX)
		return;
	memset(&m.head, 0, sizeof(m.head));
	m.head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0);
	m.head.msgh_remote_port = pf_nic_dev;
	m.head.msgh_id = PF_FRAME_ID;
	m.head.msgh_size = sizeof(m.head) + sizeof(m.type) +
	    ((len + 7) & ~(size_t)7);
	m.type = (mach_msg_type_t){ .msgt_name = MACH_MSG_TYPE_CHAR,
	    .msgt_size = 8, .msgt_number = len, .msgt_inline = 1 };
	memcpy(m.data, frame, len);
	mach_msg(&m.head, MACH_SEND_MSG | MACH_SEND_TIMEOUT, m.head.msgh_size,
	    0, MACH_PORT_NULL, 0, MACH_PORT_NULL);
}

/* Tell the driver where its received frames go. */
static int
pf_nic_register(void)
{
	struct pf_register_msg m;

	memset(&m, 0, sizeof(m));
	m.head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0) |
	    MACH_MSGH_BITS_COMPLEX;
	m.head.msgh_remote_port = pf_nic_dev;
	m.head.msgh_id = PF_FRAME_REGISTER;
	m.head.msgh_size = sizeof(m);
	m.type = (mach_msg_type_t){ .msgt_name = MACH_MSG_TYPE_MAKE_SEND,
	    .msgt_size = 64, .msgt_number = 1, .msgt_inline = 1 };
	m.port.name = pf_nic_port;
	return mach_msg(&m.head, MACH_SEND_MSG | MACH_SEND_TIMEOUT,
	    sizeof(m), 0, MACH_PORT_NULL, 1000, MACH_PORT_NULL) ==
	    MACH_MSG_SUCCESS ? 0 : ENXIO;
}

/* The MAC: the driver's, else random and locally administered. */
static void
pf_nic_mac(uint8_t mac[6])
{
	int st[4];
	mach_msg_type_number_t n = 4;
	uint32_t r = pf_random_u32();

	if (device_get_status(pf_nic_dev, PF_NET_ADDRESS, st, &n) == 0 &&
	    n >= 2) {
		memcpy(mac, st, 6);
		return;
	}
	mac[0] = 0x02;
	mac[1] = 0x57;
	memcpy(mac + 2, &r, 4);
}

/*
 * Open device name on master (the kernel's device master, or whatever
 * port --master=bootstrap named) and make it pfinet's Ethernet
 * interface.
 */
int
pf_nic_attach(mach_port_t master, const char *name)
{
	struct pfinet_if_ether e;
	int error;

	if (pf_nic != NULL || strlen(name) >= sizeof(dev_name_t))
		return EINVAL;
	if (device_open(master, D_READ | D_WRITE, (char *)name,
	    &pf_nic_dev) != KERN_SUCCESS)
		return ENXIO;
	if (mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE,
	    &pf_nic_port) != KERN_SUCCESS ||
	    mach_port_move_member(mach_task_self(), pf_nic_port,
	    pf_bucket.set) != KERN_SUCCESS)
		return ENOMEM;
	memset(&e, 0, sizeof(e));
	pf_nic_mac(e.mac);
	e.output = pf_nic_output;
	error = pfinet_if_add_ether(&e, &pf_nic);
	if (error == 0)
		error = pf_nic_register();
	return error;
}

/*
 * A message on the frame port: give its frame to the engine.  Returns 0
 * for any other port (the caller handles it), 1 when consumed.
 */
int
pf_nic_input(mach_msg_header_t *in)
{
	struct pf_frame_msg *m = (struct pf_frame_msg *)in;
	size_t hdr = sizeof(m->head) + sizeof(m->type);

	if (pf_nic_port == MACH_PORT_NULL ||
	    in->msgh_local_port != pf_nic_port ||
	    MACH_MSGH_BITS_LOCAL(in->msgh_bits) ==
	    MACH_MSG_TYPE_PROTECTED_PAYLOAD)
		return 0;
	if (in->msgh_id == PF_FRAME_ID &&
	    !(in->msgh_bits & MACH_MSGH_BITS_COMPLEX) &&
	    in->msgh_size >= hdr && m->type.msgt_inline &&
	    m->type.msgt_name == MACH_MSG_TYPE_CHAR &&
	    m->type.msgt_size == 8 && !m->type.msgt_longform &&
	    m->type.msgt_number <= PF_FRAME_MAX &&
	    m->type.msgt_number <= in->msgh_size - hdr)
		pfinet_if_input(pf_nic, m->data, m->type.msgt_number);
	srv_msg_destroy(in);
	return 1;
}
