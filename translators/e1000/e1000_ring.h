/*
 * e1000_ring.h -- the descriptor rings of the Intel 8254x (e1000, QEMU's
 * 82540EM): legacy receive and transmit descriptors and the head/tail
 * index logic of both rings.  Pure logic over descriptor arrays the caller
 * supplies (DMA memory in the driver, plain arrays in the host tests); no
 * register access.
 */
#ifndef E1000_RING_H
#define E1000_RING_H

#include <stdbool.h>
#include <stdint.h>

#define E1K_DESC_DD	0x01	/* status: descriptor done */
#define E1K_DESC_EOP	0x02	/* rx status: end of packet */
#define E1K_TXCMD_EOP	0x01
#define E1K_TXCMD_IFCS	0x02	/* insert the FCS */
#define E1K_TXCMD_RS	0x08	/* report status (sets DD) */

struct e1k_rx_desc {
	uint64_t	addr;
	uint16_t	length;
	uint16_t	csum;
	uint8_t		status;
	uint8_t		errors;
	uint16_t	special;
};

struct e1k_tx_desc {
	uint64_t	addr;
	uint16_t	length;
	uint8_t		cso;
	uint8_t		cmd;
	uint8_t		status;
	uint8_t		css;
	uint16_t	special;
};

/* A ring of n descriptors (a multiple of 8, at most 4096).  Transmit:
 * software filled [clean, tail) and waits for the hardware; tail == clean
 * is empty and one descriptor stays unused so that full and empty
 * differ.  Receive: clean is the next descriptor the hardware fills. */
struct e1k_ring {
	unsigned	n;
	unsigned	clean;	/* next to reclaim (tx) or read (rx) */
	unsigned	tail;	/* next to fill (tx) */
	bool		drop;	/* rx: skipping the rest of a long frame */
};

bool	e1k_ring_init(struct e1k_ring *r, unsigned n);

/* Transmit: descriptors free for new frames. */
unsigned e1k_tx_free(const struct e1k_ring *r);
/* Fill the next descriptor with a frame at pa of len bytes; its index,
 * or -1 if the ring is full.  The caller then writes tail to TDT. */
int	e1k_tx_post(struct e1k_ring *r, struct e1k_tx_desc *d, uint64_t pa,
	    uint16_t len);
/* Reclaim the descriptors the hardware has sent; how many. */
unsigned e1k_tx_reclaim(struct e1k_ring *r, struct e1k_tx_desc *d);

/*
 * Receive: the next completed descriptor.  Returns its index with *len
 * set to the frame's length (0 for a descriptor to drop: an error, a
 * frame spread over several buffers, or a length over max), or -1 when
 * the hardware has not filled it yet.  The caller hands the frame on,
 * then gives the descriptor back with e1k_rx_done.
 */
int	e1k_rx_next(struct e1k_ring *r, volatile struct e1k_rx_desc *d,
	    unsigned max, unsigned *len);
/* Descriptor i is the hardware's again; the value for RDT. */
unsigned e1k_rx_done(struct e1k_ring *r, volatile struct e1k_rx_desc *d,
	    unsigned i);

#endif
