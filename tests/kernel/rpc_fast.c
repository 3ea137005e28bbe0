/*
 * rpc_fast.c -- what a receiver gets from the RPC fast path
 * (mach_msg_fast.c), between two tasks booted from one image: the server
 * is blocked in its receive whenever the client sends, so the message is
 * handed over directly.  The server checks each request as received
 * (bits, names, seqno, id, body) and sends its findings back in the reply;
 * a receive into an unmapped buffer must fail with MACH_RCV_INVALID_DATA
 * and leave the next receive working; a used reply right must be gone.
 * Requests carry every header bit a sender may not set (CIRCULAR among
 * them): neither the fast nor the general path may pass one on.
 */
#include "test.h"
#include <mach/mach.h>
#include <mach/mach_port.h>

#define SERVICE_NAME	0x1001		/* the name the server will find */
#define BODY_WORDS	8
#define ROUNDS		50
#define UNMAPPED	0x7f0000000000ul	/* in user range, never mapped */

enum { REQ_CHECK = 1, REQ_BAD_BUFFER_NEXT, REQ_ONE_WAY, REQ_REPORT };

struct msg {
	mach_msg_header_t	h;
	uint64_t		w[BODY_WORDS];
};

/* What the server found wrong so far (0: nothing), and its last result. */
static uint64_t server_errors;
static uint64_t last_rcv_result;
static uint32_t last_seqno;

static void
server_check(struct msg *m, mach_msg_return_t mr, mach_port_t p)
{
	mach_port_type_t type;

	if (mr != MACH_MSG_SUCCESS || m->h.msgh_size != sizeof(*m) ||
	    m->h.msgh_local_port != p || m->h.msgh_seqno != last_seqno + 1)
		server_errors |= 1;
	last_seqno = m->h.msgh_seqno;
	if (m->h.msgh_id == REQ_ONE_WAY) {
		if (m->h.msgh_bits != MACH_MSGH_BITS(0,
		    MACH_MSG_TYPE_PORT_SEND) || m->h.msgh_remote_port != 0)
			server_errors |= 2;
		return;
	}
	if (m->h.msgh_bits != MACH_MSGH_BITS(MACH_MSG_TYPE_PORT_SEND_ONCE,
	    MACH_MSG_TYPE_PORT_SEND) ||
	    mach_port_type(mach_task_self(), m->h.msgh_remote_port, &type) !=
	    KERN_SUCCESS || type != MACH_PORT_TYPE_SEND_ONCE)
		server_errors |= 4;
	for (int i = 0; i < BODY_WORDS; i++)
		if (m->w[i] != 0x0101010101010101ull * (i + 1) + m->h.msgh_id)
			server_errors |= 8;
}

/* Reply to m with what we found so far, then receive the next request. */
static mach_msg_return_t
server_reply_and_receive(struct msg *m, mach_port_t p, struct msg *rcv)
{
	mach_port_t reply = m->h.msgh_remote_port;
	mach_port_type_t type;
	mach_msg_return_t mr;
	int bad_next = m->h.msgh_id == REQ_BAD_BUFFER_NEXT;

	m->h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0);
	m->h.msgh_local_port = MACH_PORT_NULL;
	m->h.msgh_id += 100;
	m->w[0] = server_errors;
	m->w[1] = last_rcv_result;
	if (!bad_next)
		return mach_msg(&m->h, MACH_SEND_MSG | MACH_RCV_MSG,
		    sizeof(*m), sizeof(*rcv), p, 0, 0);
	mr = mach_msg(&m->h, MACH_SEND_MSG, sizeof(*m), 0, 0, 0, 0);
	if (mr != MACH_MSG_SUCCESS ||
	    mach_port_type(mach_task_self(), reply, &type) !=
	    KERN_INVALID_NAME)
		server_errors |= 16;		/* the right was used up */
	/* The client's one-way message comes to a buffer we cannot write. */
	last_rcv_result = mach_msg((mach_msg_header_t *)UNMAPPED,
	    MACH_RCV_MSG, 0, sizeof(*rcv), p, 0, 0);
	last_seqno++;				/* that message is gone */
	return mach_msg(&rcv->h, MACH_RCV_MSG, 0, sizeof(*rcv), p, 0, 0);
}

static void
server(void)
{
	mach_port_t self = mach_task_self(), p = SERVICE_NAME;
	mach_port_type_t type;
	struct msg m;
	mach_msg_return_t mr;

	while (mach_port_type(self, p, &type) != KERN_SUCCESS)
		swtch();
	mr = mach_msg(&m.h, MACH_RCV_MSG, 0, sizeof(m), p, 0, 0);
	last_seqno = m.h.msgh_seqno - 1;
	for (;;) {
		server_check(&m, mr, p);
		if (m.h.msgh_id == REQ_ONE_WAY)
			mr = mach_msg(&m.h, MACH_RCV_MSG, 0, sizeof(m), p, 0,
			    0);
		else
			mr = server_reply_and_receive(&m, p, &m);
	}
}

/*
 * Bits no sender may set: the receiver must never see them (GNU Mach
 * clears the circular bit; Whorl clears them all).
 */
#define NOT_SENDERS	(MACH_MSGH_BITS_CIRCULAR | \
	MACH_MSGH_BITS_COMPLEX_PORTS | MACH_MSGH_BITS_COMPLEX_DATA | \
	MACH_MSGH_BITS_MIGRATED | MACH_MSGH_BITS_UNUSED)

/* One request; returns the server's reply (or fails the test). */
static void
request(mach_port_t p, mach_port_t r, int id, struct msg *m)
{
	m->h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
	    id == REQ_ONE_WAY ? 0 : MACH_MSG_TYPE_MAKE_SEND_ONCE) |
	    (id == REQ_CHECK ? NOT_SENDERS : 0);
	m->h.msgh_size = sizeof(*m);
	m->h.msgh_remote_port = p;
	m->h.msgh_local_port = id == REQ_ONE_WAY ? MACH_PORT_NULL : r;
	m->h.msgh_id = id;
	for (int i = 0; i < BODY_WORDS; i++)
		m->w[i] = 0x0101010101010101ull * (i + 1) + id;
	if (id == REQ_ONE_WAY) {
		CHECK(mach_msg(&m->h, MACH_SEND_MSG, sizeof(*m), 0, 0, 0, 0) ==
		    MACH_MSG_SUCCESS);
		return;
	}
	CHECK(mach_msg(&m->h, MACH_SEND_MSG | MACH_RCV_MSG, sizeof(*m),
	    sizeof(*m), r, 0, 0) == MACH_MSG_SUCCESS);
	CHECK(m->h.msgh_bits == MACH_MSGH_BITS(0,
	    MACH_MSG_TYPE_PORT_SEND_ONCE));
	CHECK(m->h.msgh_local_port == r && m->h.msgh_id == id + 100);
}

/* The general path (nobody waits on q) clears them too. */
static void
queued_bits(void)
{
	mach_port_t self = mach_task_self(), q;
	struct msg m;

	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &q) == 0);
	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) |
	    NOT_SENDERS;
	m.h.msgh_size = sizeof(m.h);
	m.h.msgh_remote_port = q;
	m.h.msgh_local_port = MACH_PORT_NULL;
	m.h.msgh_id = 7;
	CHECK(mach_msg(&m.h, MACH_SEND_MSG, sizeof(m.h), 0, 0, 0, 0) ==
	    MACH_MSG_SUCCESS);
	CHECK(mach_msg(&m.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(m), q,
	    0, 0) == MACH_MSG_SUCCESS);
	CHECK(m.h.msgh_bits == MACH_MSGH_BITS(0, MACH_MSG_TYPE_PORT_SEND) &&
	    m.h.msgh_id == 7);
	CHECK(mach_port_destroy(self, q) == 0);
}

static void
client(mach_port_t server_task)
{
	mach_port_t self = mach_task_self(), p, r;
	struct msg m;

	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p) == 0);
	CHECK(mach_port_insert_right(self, p, p, MACH_MSG_TYPE_MAKE_SEND) == 0);
	CHECK(mach_port_insert_right(server_task, SERVICE_NAME, p,
	    MACH_MSG_TYPE_MOVE_RECEIVE) == 0);
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &r) == 0);
	for (int i = 0; i < 4; i++)
		swtch();			/* let the server block first */
	for (int i = 0; i < ROUNDS; i++) {
		request(p, r, REQ_CHECK, &m);
		CHECK(m.w[0] == 0);
	}
	request(p, r, REQ_BAD_BUFFER_NEXT, &m);
	request(p, r, REQ_ONE_WAY, &m);	/* into the unmapped buffer */
	request(p, r, REQ_ONE_WAY, &m);	/* and the next one arrives */
	request(p, r, REQ_REPORT, &m);
	CHECK(m.w[0] == 0);
	CHECK(m.w[1] == MACH_RCV_INVALID_DATA);
	queued_bits();
}

int
main(int argc, char **argv)
{
	if (argc > 1 && argv[1][0] == 's')
		server();
	if (argc < 3)
		return 1;
	client((mach_port_t)test_parse_number(argv[2]));
	return 0;
}
