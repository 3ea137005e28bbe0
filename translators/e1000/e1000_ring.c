/*
 * e1000_ring.c -- head/tail logic of the e1000 receive and transmit
 * rings (e1000_ring.h).  The only concurrency is with the device; the
 * fences order descriptor writes before the tail register write and the
 * status read before the rest of a descriptor.
 */
#include "e1000_ring.h"

bool
e1k_ring_init(struct e1k_ring *r, unsigned n)
{
	if (n < 8 || n > 4096 || n % 8 != 0)
		return false;
	r->n = n;
	r->clean = r->tail = 0;
	r->drop = false;
	return true;
}

unsigned
e1k_tx_free(const struct e1k_ring *r)
{
	return r->n - 1 - (r->tail + r->n - r->clean) % r->n;
}

int
e1k_tx_post(struct e1k_ring *r, struct e1k_tx_desc *d, uint64_t pa,
    uint16_t len)
{
	unsigned i = r->tail;

	if (e1k_tx_free(r) == 0)
		return -1;
	d[i].addr = pa;
	d[i].length = len;
	d[i].cso = d[i].css = 0;
	d[i].special = 0;
	d[i].status = 0;
	d[i].cmd = E1K_TXCMD_EOP | E1K_TXCMD_IFCS | E1K_TXCMD_RS;
	r->tail = (i + 1) % r->n;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);	/* before TDT */
	return (int)i;
}

unsigned
e1k_tx_reclaim(struct e1k_ring *r, struct e1k_tx_desc *d)
{
	volatile struct e1k_tx_desc *vd = d;
	unsigned done = 0;

	while (r->clean != r->tail && (vd[r->clean].status & E1K_DESC_DD)) {
		r->clean = (r->clean + 1) % r->n;
		done++;
	}
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	return done;
}

int
e1k_rx_next(struct e1k_ring *r, volatile struct e1k_rx_desc *d,
    unsigned max, unsigned *len)
{
	unsigned i = r->clean;
	uint8_t st = d[i].status;
	bool whole;

	if (!(st & E1K_DESC_DD))
		return -1;
	__atomic_thread_fence(__ATOMIC_ACQUIRE);	/* status first */
	whole = !r->drop && (st & E1K_DESC_EOP);
	r->drop = !(st & E1K_DESC_EOP);		/* a frame goes on */
	*len = whole && d[i].errors == 0 && d[i].length <= max ?
	    d[i].length : 0;
	return (int)i;
}

unsigned
e1k_rx_done(struct e1k_ring *r, volatile struct e1k_rx_desc *d, unsigned i)
{
	d[i].status = 0;
	r->clean = (i + 1) % r->n;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);	/* before RDT */
	return i;
}
