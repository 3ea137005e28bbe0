/*
 * net_status.h -- the network device layouts of GNU Mach's
 * device/net_status.h that Whorl's network drivers and their clients
 * share: device_get_status flavours NET_STATUS and NET_ADDRESS, and the
 * net_rcv_msg a driver sends for each received frame to the port given
 * by device_set_filter.  Same values and layout as GNU Mach's (x86_64).
 */
#ifndef WHORL_NET_STATUS_H
#define WHORL_NET_STATUS_H

#include <stdint.h>
#include <mach/message.h>

struct net_status {
	int	min_packet_size;	/* including the header */
	int	max_packet_size;
	int	header_format;		/* HDR_ETHERNET */
	int	header_size;
	int	address_size;
	int	flags;			/* IFF_* */
	int	mapped_size;		/* 0: not mappable */
};
#define NET_STATUS_COUNT	(sizeof(struct net_status) / sizeof(int))
#define NET_STATUS		(('n' << 16) + 1)
#define NET_ADDRESS		(('n' << 16) + 2)
#define HDR_ETHERNET		1

#define NET_IFF_UP		0x1	/* BSD IFF_UP */
#define NET_IFF_BROADCAST	0x2
#define NET_IFF_RUNNING		0x40

#define NET_MAX_FILTER		128
#define NET_PRI_MAX		255
#define NET_RCV_MAX		4095
#define NET_HDW_HDR_MAX		64
#define NET_RCV_MSG_ID		2999

struct packet_header {
	unsigned short	length;		/* this header and the payload */
	unsigned short	type;		/* the ethertype, network order */
};

struct net_rcv_msg {
	mach_msg_header_t	msg_hdr;
	mach_msg_type_t		header_type;
	char			header[NET_HDW_HDR_MAX];
	mach_msg_type_t		packet_type;
	char			packet[NET_RCV_MAX];
	boolean_t		sent;
};

#endif
