/*
 * netframe_test.c -- host unit tests of the network driver library's
 * pure parts: which frame sizes a client may send (hostile values
 * included) and the net_rcv_msg split of a received frame.
 */
#include <stdio.h>
#include <string.h>
#include "netframe.h"
#include "../../../tests/userlib/host_check.h"

static void
test_sizes(void)
{
	CHECK(!netframe_ok(0) && !netframe_ok(13));
	CHECK(netframe_ok(14) && netframe_ok(60) && netframe_ok(1514));
	CHECK(!netframe_ok(1515) && !netframe_ok(1518));
	CHECK(!netframe_ok(UINT64_MAX) && !netframe_ok((uint32_t)-1));
	CHECK(!netframe_ok(1ull << 32 | 60));	/* no truncation to 60 */
}

static void
test_split(void)
{
	uint8_t f[1600], hdr[64], pkt[4095];
	uint16_t plen;
	size_t n;

	for (unsigned i = 0; i < sizeof(f); i++)
		f[i] = i * 7 + 1;
	f[12] = 0x08;
	f[13] = 0x06;
	memset(hdr, 0xAA, sizeof(hdr));
	n = netframe_split(f, 60, hdr, sizeof(hdr), pkt, sizeof(pkt));
	CHECK(n == 46 + 4);
	CHECK(memcmp(hdr, f, 14) == 0 && hdr[14] == 0 && hdr[63] == 0);
	memcpy(&plen, pkt, 2);
	CHECK(plen == 50 && pkt[2] == 0x08 && pkt[3] == 0x06);
	CHECK(memcmp(pkt + 4, f + 14, 46) == 0);
	CHECK(netframe_split(f, 14, hdr, 64, pkt, 4095) == 4);
	CHECK(netframe_split(f, 1514, hdr, 64, pkt, 4095) == 1504);
	CHECK(memcmp(pkt + 4, f + 14, 1500) == 0);
	CHECK(netframe_split(f, 13, hdr, 64, pkt, 4095) == 0);
	CHECK(netframe_split(f, 1515, hdr, 64, pkt, 4095) == 0);
	CHECK(netframe_split(f, 60, hdr, 13, pkt, 4095) == 0);
	CHECK(netframe_split(f, 60, hdr, 64, pkt, 49) == 0);
	CHECK(netframe_split(f, 60, hdr, 64, pkt, 3) == 0);
	CHECK(netframe_split(f, 60, hdr, 64, pkt, 50) == 50);
}

int
main(void)
{
	test_sizes();
	test_split();
	if (failures != 0) {
		printf("netframe_test: %d checks failed\n", failures);
		return 1;
	}
	printf("netframe_test: all checks passed\n");
	return 0;
}
