/*
 * ring_test.c -- host unit tests of the e1000 descriptor rings: the
 * transmit ring fills to n - 1, reclaims only what the (simulated)
 * device marked done, and wraps; the receive ring hands out completed
 * descriptors in order, drops errors, frames spread over several
 * buffers and lengths over the buffer, and gives RDT values back.
 */
#include <stdio.h>
#include <string.h>
#include "e1000_ring.h"
#include "../../../tests/userlib/host_check.h"

static void
test_tx(void)
{
	struct e1k_tx_desc d[8];
	struct e1k_ring r;

	memset(d, 0, sizeof(d));
	CHECK(!e1k_ring_init(&r, 0) && !e1k_ring_init(&r, 12) &&
	    !e1k_ring_init(&r, 8192));
	CHECK(e1k_ring_init(&r, 8) && e1k_tx_free(&r) == 7);
	for (int i = 0; i < 7; i++)
		CHECK(e1k_tx_post(&r, d, 0x1000 * i, 60 + i) == i);
	CHECK(e1k_tx_free(&r) == 0 && e1k_tx_post(&r, d, 0, 60) == -1);
	CHECK(d[3].addr == 0x3000 && d[3].length == 63 &&
	    d[3].cmd == (E1K_TXCMD_EOP | E1K_TXCMD_IFCS | E1K_TXCMD_RS));
	CHECK(e1k_tx_reclaim(&r, d) == 0);
	d[0].status = d[1].status = E1K_DESC_DD;
	d[3].status = E1K_DESC_DD;		/* out of order: waits */
	CHECK(e1k_tx_reclaim(&r, d) == 2 && e1k_tx_free(&r) == 2);
	d[7].status = E1K_DESC_DD;		/* never posted: ignored */
	CHECK(e1k_tx_post(&r, d, 0, 60) == 7 && d[7].status == 0);
	CHECK(e1k_tx_post(&r, d, 0, 60) == 0 && r.tail == 1);
	CHECK(e1k_tx_free(&r) == 0);
	for (int round = 0; round < 1000; round++) {
		for (int i = 0; i < 8; i++)
			d[i].status = E1K_DESC_DD;
		e1k_tx_reclaim(&r, d);
		if (e1k_tx_free(&r) != 7 || e1k_tx_post(&r, d, 0, 60) < 0) {
			CHECK(!"wrap");
			break;
		}
	}
}

static void
test_rx(void)
{
	struct e1k_rx_desc d[8];
	struct e1k_ring r;
	unsigned len;

	memset(d, 0, sizeof(d));
	CHECK(e1k_ring_init(&r, 8));
	CHECK(e1k_rx_next(&r, d, 2048, &len) == -1);
	d[0] = (struct e1k_rx_desc){ .length = 60,
	    .status = E1K_DESC_DD | E1K_DESC_EOP };
	d[1] = (struct e1k_rx_desc){ .length = 60, .errors = 0x80,
	    .status = E1K_DESC_DD | E1K_DESC_EOP };
	d[2] = (struct e1k_rx_desc){ .length = 2048, .status = E1K_DESC_DD };
	d[3] = (struct e1k_rx_desc){ .length = 100,
	    .status = E1K_DESC_DD | E1K_DESC_EOP };	/* its end: dropped */
	d[4] = (struct e1k_rx_desc){ .length = 4000,
	    .status = E1K_DESC_DD | E1K_DESC_EOP };
	d[5] = (struct e1k_rx_desc){ .length = 1514,
	    .status = E1K_DESC_DD | E1K_DESC_EOP };
	CHECK(e1k_rx_next(&r, d, 2048, &len) == 0 && len == 60);
	CHECK(e1k_rx_done(&r, d, 0) == 0 && d[0].status == 0);
	CHECK(e1k_rx_next(&r, d, 2048, &len) == 1 && len == 0);
	e1k_rx_done(&r, d, 1);
	CHECK(e1k_rx_next(&r, d, 2048, &len) == 2 && len == 0);
	e1k_rx_done(&r, d, 2);
	CHECK(e1k_rx_next(&r, d, 2048, &len) == 3 && len == 0);
	e1k_rx_done(&r, d, 3);
	CHECK(e1k_rx_next(&r, d, 2048, &len) == 4 && len == 0);
	e1k_rx_done(&r, d, 4);
	CHECK(e1k_rx_next(&r, d, 2048, &len) == 5 && len == 1514);
	CHECK(e1k_rx_done(&r, d, 5) == 5 && r.clean == 6);
	CHECK(e1k_rx_next(&r, d, 2048, &len) == -1);
	d[6].status = d[7].status = E1K_DESC_DD | E1K_DESC_EOP;
	d[6].length = d[7].length = 64;
	d[0] = d[7];
	for (int i = 6; i < 9; i++) {
		CHECK(e1k_rx_next(&r, d, 2048, &len) == i % 8 && len == 64);
		e1k_rx_done(&r, d, i % 8);
	}
	CHECK(r.clean == 1);
}

int
main(void)
{
	test_tx();
	test_rx();
	if (failures != 0) {
		printf("ring_test: %d checks failed\n", failures);
		return 1;
	}
	printf("ring_test: all checks passed\n");
	return 0;
}
