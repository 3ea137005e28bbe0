/*
 * net_client.h -- how a test reaches a network driver task and talks to
 * QEMU's user network (slirp: gateway 10.0.2.2 at 52:55:0a:00:02:02,
 * the guest 10.0.2.15): start the driver (its task created without
 * resuming, its bootstrap port ours), open "eth0", register a port for
 * net_rcv_msg, build ARP requests and ICMP echo requests, and receive
 * frames back as bytes.
 */
#ifndef NET_CLIENT_H
#define NET_CLIENT_H

#include <stdint.h>
#include <string.h>
#include <mach/mach.h>
#include <mach/mach_traps.h>
#include <mach/mach_port.h>
#include <mach/task_special_ports.h>
#include <device/device.h>
#include <device/device_types.h>
#include "net_status.h"
#include "net_filter.h"
#include "net_frame.h"
#include "drvstart.h"	/* translators/virtio/ */

static const uint8_t gw_mac[6] = { 0x52, 0x55, 0x0a, 0x00, 0x02, 0x02 };
static const uint8_t gw_ip[4] = { 10, 0, 2, 2 };
static const uint8_t my_ip[4] = { 10, 0, 2, 15 };
static uint8_t my_mac[6];
static mach_port_t net_dev, net_rcv;

/* The driver's master port, or MACH_PORT_NULL. */
#define net_client_start(driver_task) drv_start(driver_task, NETDEV_READY_ID)

/* Open eth0, read the MAC, register a fresh port for received frames
 * (queue as long as Mach allows).  0 or -1. */
static int
net_client_open(mach_port_t master)
{
	mach_port_t self = mach_task_self();
	int st[DEV_STATUS_MAX];
	mach_msg_type_number_t n = DEV_STATUS_MAX;
	uint32_t w[2];

	if (device_open(master, D_READ | D_WRITE, "eth0", &net_dev) != 0 ||
	    device_get_status(net_dev, NET_ADDRESS, st, &n) != 0 || n != 2)
		return -1;
	w[0] = __builtin_bswap32(st[0]);
	w[1] = __builtin_bswap32(st[1]);
	memcpy(my_mac, w, 6);
	if (mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &net_rcv) != 0)
		return -1;
	mach_port_set_qlimit(self, net_rcv, MACH_PORT_QLIMIT_MAX);
	return device_set_filter(net_dev, net_rcv, MACH_MSG_TYPE_MAKE_SEND, 0,
	    NULL, 0) == 0 ? 0 : -1;
}

/* The next received frame into f (room 1514): its length, 0 on timeout,
 * -1 for a message that is not a well-formed net_rcv_msg. */
static int
net_recv(uint8_t *f, unsigned timeout_ms)
{
	static struct net_rcv_msg m;
	unsigned n;

	if (mach_msg(&m.msg_hdr, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(m),
	    net_rcv, timeout_ms, MACH_PORT_NULL) != MACH_MSG_SUCCESS)
		return 0;
	n = m.packet_type.msgt_number;
	if (m.msg_hdr.msgh_id != NET_RCV_MSG_ID ||
	    m.header_type.msgt_number != NET_HDW_HDR_MAX || n < 4 ||
	    n > 1504 || ((struct packet_header *)m.packet)->length != n ||
	    memcmp(&((struct packet_header *)m.packet)->type, m.header + 12,
	    2) != 0)
		return -1;
	memcpy(f, m.header, 14);
	memcpy(f + 14, m.packet + 4, n - 4);
	return 14 + n - 4;
}

/* An ARP request for 10.0.2.2, padded to 60 bytes; its length. */
static unsigned
arp_request(uint8_t *f)
{
	static const uint8_t arp[8] = { 0, 1, 8, 0, 6, 4, 0, 1 };

	memset(f, 0, 60);
	memset(f, 0xFF, 6);
	memcpy(f + 6, my_mac, 6);
	f[12] = 0x08, f[13] = 0x06;
	memcpy(f + 14, arp, 8);
	memcpy(f + 22, my_mac, 6);
	memcpy(f + 28, my_ip, 4);
	memcpy(f + 38, gw_ip, 4);
	return 60;
}

/* Is f (len bytes) exactly the gateway's ARP reply to us? */
static int
arp_reply_ok(const uint8_t *f, int len)
{
	static const uint8_t arp[8] = { 0, 1, 8, 0, 6, 4, 0, 2 };
	uint8_t want[42];

	memcpy(want, my_mac, 6);
	memcpy(want + 6, gw_mac, 6);
	want[12] = 0x08, want[13] = 0x06;
	memcpy(want + 14, arp, 8);
	memcpy(want + 22, gw_mac, 6);
	memcpy(want + 28, gw_ip, 4);
	memcpy(want + 32, my_mac, 6);
	memcpy(want + 38, my_ip, 4);
	if (len < 42 || len > 64 || memcmp(f, want, 42) != 0)
		return 0;
	for (int i = 42; i < len; i++)
		if (f[i] != 0)
			return 0;
	return 1;
}

/* The Internet checksum of n bytes (n even). */
static uint16_t
inet_sum(const uint8_t *p, unsigned n)
{
	uint32_t s = 0;

	for (unsigned i = 0; i < n; i += 2)
		s += (uint32_t)p[i] << 8 | p[i + 1];
	while (s >> 16)
		s = (s & 0xFFFF) + (s >> 16);
	return (uint16_t)~s;
}

static uint8_t
echo_byte(unsigned seq, unsigned i)
{
	return (uint8_t)(seq * 13 + i * 7);
}

/* An ICMP echo request to the gateway, len (42..1514, even) bytes. */
static unsigned
echo_request(uint8_t *f, unsigned len, uint16_t seq)
{
	uint16_t ipl = len - 14, s;

	memcpy(f, gw_mac, 6);
	memcpy(f + 6, my_mac, 6);
	f[12] = 0x08, f[13] = 0x00;
	memset(f + 14, 0, 20);
	f[14] = 0x45, f[16] = ipl >> 8, f[17] = ipl & 0xFF;
	f[22] = 64, f[23] = 1;
	memcpy(f + 26, my_ip, 4);
	memcpy(f + 30, gw_ip, 4);
	s = inet_sum(f + 14, 20);
	f[24] = s >> 8, f[25] = s & 0xFF;
	f[34] = 8, f[35] = 0, f[36] = 0, f[37] = 0;
	f[38] = 0x57, f[39] = 0x48;			/* id "WH" */
	f[40] = seq >> 8, f[41] = seq & 0xFF;
	for (unsigned i = 42; i < len; i++)
		f[i] = echo_byte(seq, i);
	s = inet_sum(f + 34, len - 34);
	f[36] = s >> 8, f[37] = s & 0xFF;
	return len;
}

/* Is f the gateway's echo reply to echo_request(len, seq)?  Every byte
 * is checked except those slirp chooses (IP id, TTL, flags) and the
 * checksums, which must be right; a NIC may pad a short frame to 60
 * bytes with zeros (e1000 does). */
static int
echo_reply_ok(const uint8_t *f, int len, unsigned want, uint16_t seq)
{
	for (int i = want; i < len; i++)
		if (len != 60 || f[i] != 0)
			return 0;
	if (len < (int)want || memcmp(f, my_mac, 6) != 0 ||
	    memcmp(f + 6, gw_mac, 6) != 0 || f[12] != 8 || f[13] != 0 ||
	    f[14] != 0x45 || f[16] != (want - 14) >> 8 ||
	    f[17] != ((want - 14) & 0xFF) || f[23] != 1 ||
	    memcmp(f + 26, gw_ip, 4) != 0 || memcmp(f + 30, my_ip, 4) != 0 ||
	    inet_sum(f + 14, 20) != 0 || f[34] != 0 || f[35] != 0 ||
	    f[38] != 0x57 || f[39] != 0x48 || f[40] != seq >> 8 ||
	    f[41] != (seq & 0xFF) || inet_sum(f + 34, want - 34) != 0)
		return 0;
	for (unsigned i = 42; i < want; i++)
		if (f[i] != echo_byte(seq, i))
			return 0;
	return 1;
}

/* Send f in line with Whorl's net_write_frame (up to 1514 bytes). */
static kern_return_t
net_send_frame(const uint8_t *f, unsigned len)
{
	return net_write_frame(net_dev, (const char *)f, len);
}

/* Send f as GNU Mach's clients do: in line when it fits in 128 bytes
 * (device_write_inband), else out of line (device_write). */
static kern_return_t
net_send(const uint8_t *f, unsigned len)
{
	int written = 0;
	kern_return_t kr;

	if (len <= IO_INBAND_MAX)
		kr = device_write_inband(net_dev, 0, 0, (const char *)f, len,
		    &written);
	else
		kr = device_write(net_dev, 0, 0, (io_buf_ptr_t)f, len,
		    &written);
	return kr == 0 && written != (int)len ? D_IO_ERROR : kr;
}

#endif
