/*
 * srv_raw.h -- hand-made requests for the tests of servers on
 * translators/lib (tests/srv/srv_malformed.c, tmpfs_malformed.c,
 * tests/term/term_io.c): one round trip of a message no MIG stub would
 * send, and rounds of messages of random bytes.  Needs srv.h
 * (SRV_MSG_MAX, srv_msg_destroy).
 */
#ifndef SRV_RAW_H
#define SRV_RAW_H

#include <stdlib.h>
#include <mach/mach.h>
#include <mach/mig_errors.h>
#include "srv.h"

/*
 * Send m (size bytes, its reply port as set in it) and wait up to 10 s
 * for the reply on reply: the reply's return code, or the mach_msg
 * error.  Rights and memory the reply carries are destroyed.
 */
static inline kern_return_t
srv_raw_rpc(mach_msg_header_t *m, mach_msg_size_t size, mach_port_t reply)
{
	static union {
		mig_reply_header_t mig;
		char bytes[SRV_MSG_MAX];
	} r;
	mach_msg_id_t id = m->msgh_id;
	mach_msg_return_t mr;

	mr = mach_msg(m, MACH_SEND_MSG, size, 0, MACH_PORT_NULL, 0,
	    MACH_PORT_NULL);
	if (mr != MACH_MSG_SUCCESS)
		return mr;
	mr = mach_msg(&r.mig.Head, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
	    sizeof(r), reply, 10000, MACH_PORT_NULL);
	if (mr != MACH_MSG_SUCCESS)
		return mr;
	if (r.mig.Head.msgh_id != id + 100)
		return MIG_REPLY_MISMATCH;
	mr = r.mig.RetCode;
	srv_msg_destroy(&r.mig.Head);
	return mr;
}

/*
 * n messages (never complex) of rand()'s random bytes to port, each of
 * 32 to 3,224 bytes with an id of bases[rand() % nbases] plus 0..23, the
 * reply awaited on reply: how many were answered; *errors (if not null)
 * counts the answers that were not 0.
 */
static inline int
srv_random_msgs(mach_port_t port, mach_port_t reply, const int *bases,
    int nbases, int n, int *errors)
{
	static uint32_t buf[SRV_MSG_MAX / 4];
	mach_msg_header_t *h = (mach_msg_header_t *)buf;
	int i, k, replied = 0;
	kern_return_t kr;
	size_t size;

	for (i = 0; i < n; i++) {
		size = 32 + 8 * (rand() % 400);
		for (k = 0; k < (int)(size / 4); k++)
			buf[k] = rand() ^ (rand() << 16);
		h->msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
		    MACH_MSG_TYPE_MAKE_SEND_ONCE);
		h->msgh_size = size;
		h->msgh_remote_port = port;
		h->msgh_local_port = reply;
		h->msgh_id = bases[rand() % nbases] + rand() % 24;
		kr = srv_raw_rpc(h, size, reply);
		if ((kr & 0xffffc000) == 0x10004000)
			continue;	/* a receive error: no reply */
		replied++;
		if (errors != NULL)
			*errors += kr != 0;
	}
	return replied;
}

#endif
