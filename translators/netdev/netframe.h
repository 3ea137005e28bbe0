/*
 * netframe.h -- pure checks and layouts of the network driver library:
 * which Ethernet frames a client may send, and how a received frame is
 * split into a net_rcv_msg's header and packet parts.  No Mach calls, so
 * translators/netdev/tests/netframe_test runs them on the host.
 */
#ifndef NETFRAME_H
#define NETFRAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NETF_HDR	14	/* destination, source, ethertype */
#define NETF_MIN	NETF_HDR	/* a header and nothing else */
#define NETF_MAX	1514	/* header + 1500 bytes, no FCS */

/* A frame of len bytes may be sent (NETF_MIN..NETF_MAX). */
bool	netframe_ok(uint64_t len);

/*
 * Lay a received frame out as GNU Mach's net_rcv_msg does: hdr (room
 * bytes, zero-filled past the Ethernet header) gets the first NETF_HDR
 * bytes; pkt gets a 4-byte packet_header {length, type} then the
 * payload.  Returns the packet part's length, or 0 for a frame that is
 * not NETF_MIN..NETF_MAX bytes or that does not fit pkt_room.
 */
size_t	netframe_split(const uint8_t *frame, size_t len, uint8_t *hdr,
	    size_t hdr_room, uint8_t *pkt, size_t pkt_room);

#endif
