/*
 * netframe.c -- frame sizes a client may send and the net_rcv_msg split
 * of a received frame (netframe.h).  Pure; host-tested.
 */
#include <string.h>
#include "netframe.h"

bool
netframe_ok(uint64_t len)
{
	return len >= NETF_MIN && len <= NETF_MAX;
}

size_t
netframe_split(const uint8_t *frame, size_t len, uint8_t *hdr,
    size_t hdr_room, uint8_t *pkt, size_t pkt_room)
{
	size_t body;
	uint16_t plen;

	if (!netframe_ok(len) || hdr_room < NETF_HDR)
		return 0;
	body = len - NETF_HDR;
	if (pkt_room < 4 || body > pkt_room - 4)
		return 0;
	memset(hdr, 0, hdr_room);
	memcpy(hdr, frame, NETF_HDR);
	plen = (uint16_t)(body + 4);
	memcpy(pkt, &plen, 2);			/* host order, as GNU Mach */
	memcpy(pkt + 2, frame + 12, 2);		/* ethertype, network order */
	memcpy(pkt + 4, frame + NETF_HDR, body);
	return body + 4;
}
