/*
 * rpc_fast_set.c -- the RPC fast path (mach_msg_fast.c) to ports in a
 * port set and to ports with a protected payload, and the reply back to
 * a client waiting on its reply port, between two tasks.  The server
 * holds A (payload, in its set), B (no payload, in the set) and C
 * (payload, in no set); it sends back every header field it received.
 * Each request goes once small (fast path: the server waits) and once
 * larger than the fast path carries (general path): the fields must be
 * the same, the payload with the PROTECTED_PAYLOAD local type, and the
 * sequence numbers the port's own, counting across both paths.  Then
 * both tasks get a kernel limit of one byte: the general path's queued
 * messages are charged and refused, the fast path's are not, so small
 * requests and their replies must still get through, and a large one
 * must fail with MACH_SEND_NO_BUFFER.
 */
#include "test.h"
#include <mach/mach.h>
#include <mach/mach_port.h>
#include <mach/whorl.h>

#define NAME_A		0x1001		/* the server's names */
#define NAME_B		0x1002
#define NAME_C		0x1003
#define NAME_SET	0x2001
#define PAYLOAD_A	0xa5a5000011112222ull
#define PAYLOAD_C	0xc3c3000033334444ull
#define SMALL		64		/* the fast path carries this */
#define LARGE		512		/* and not this */
#define WAIT_MS		10000

/* A request: which of the server's ports to receive from next. */
enum { NEXT_SET = 1, NEXT_C };

struct msg {
	mach_msg_header_t	h;
	uint64_t		w[(LARGE - sizeof(mach_msg_header_t)) / 8];
};

/* What the server received, sent back in the reply's body. */
enum { R_BITS, R_SIZE, R_LOCAL, R_SEQNO, R_ID, R_REMOTE_TYPE, R_BODY,
	R_SEND_ERR };

static uint64_t send_err;

static void
server_report(struct msg *m, mach_msg_return_t mr, mach_port_t *next)
{
	mach_port_type_t type = 0;
	uint64_t body_ok = 1;
	uint32_t words = (m->h.msgh_size - sizeof(m->h)) / 8;

	if (mr != MACH_MSG_SUCCESS) {
		m->h.msgh_bits = 0;
		return;
	}
	for (uint32_t i = 1; i < words; i++)
		body_ok &= m->w[i] == 0x0101010101010101ull * i + m->h.msgh_id;
	*next = m->w[0] == NEXT_C ? NAME_C : NAME_SET;
	if (m->h.msgh_remote_port != MACH_PORT_NULL)
		mach_port_type(mach_task_self(), m->h.msgh_remote_port, &type);
	m->w[R_BITS] = m->h.msgh_bits;
	m->w[R_SIZE] = m->h.msgh_size;
	m->w[R_LOCAL] = m->h.msgh_protected_payload;
	m->w[R_SEQNO] = m->h.msgh_seqno;
	m->w[R_ID] = m->h.msgh_id;
	m->w[R_REMOTE_TYPE] = type;
	m->w[R_BODY] = body_ok;
	m->w[R_SEND_ERR] = send_err;
}

static void
server_setup(void)
{
	mach_port_t self = mach_task_self();
	mach_port_type_t type;

	while (mach_port_type(self, NAME_C, &type) != KERN_SUCCESS)
		swtch();
	CHECK(mach_port_allocate_name(self, MACH_PORT_RIGHT_PORT_SET,
	    NAME_SET) == 0);
	CHECK(mach_port_set_protected_payload(self, NAME_A, PAYLOAD_A) == 0);
	CHECK(mach_port_set_protected_payload(self, NAME_C, PAYLOAD_C) == 0);
	CHECK(mach_port_move_member(self, NAME_A, NAME_SET) == 0);
	CHECK(mach_port_move_member(self, NAME_B, NAME_SET) == 0);
}

static void
server(void)
{
	mach_port_t next = NAME_SET;
	mach_msg_return_t mr;
	struct msg m;

	server_setup();
	mr = mach_msg(&m.h, MACH_RCV_MSG, 0, sizeof(m), next, 0, 0);
	for (;;) {
		server_report(&m, mr, &next);
		if (m.h.msgh_bits == 0 || m.h.msgh_remote_port == 0) {
			mr = mach_msg(&m.h, MACH_RCV_MSG, 0, sizeof(m), next,
			    0, 0);
			continue;
		}
		m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0);
		m.h.msgh_local_port = MACH_PORT_NULL;
		m.h.msgh_id += 100;
		m.h.msgh_size = sizeof(m.h) + 8 * (R_SEND_ERR + 1);
		mr = mach_msg(&m.h, MACH_SEND_MSG | MACH_RCV_MSG,
		    m.h.msgh_size, sizeof(m), next, 0, 0);
		if ((mr & 0xffffc000) == 0x10000000) {
			send_err = mr;		/* a send error: not received */
			mr = mach_msg(&m.h, MACH_RCV_MSG, 0, sizeof(m), next,
			    0, 0);
		}
	}
}

/*
 * One request of size bytes to p; w0 tells the server where to wait
 * next.  Returns the send's or receive's code; *m holds the reply.
 */
static mach_msg_return_t
request(mach_port_t p, mach_port_t r, uint32_t size, int id, uint64_t next,
    struct msg *m)
{
	uint32_t words = (size - sizeof(m->h)) / 8;

	m->h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
	    r != MACH_PORT_NULL ? MACH_MSG_TYPE_MAKE_SEND_ONCE : 0);
	m->h.msgh_size = size;
	m->h.msgh_remote_port = p;
	m->h.msgh_local_port = r;
	m->h.msgh_id = id;
	m->w[0] = next;
	for (uint32_t i = 1; i < words; i++)
		m->w[i] = 0x0101010101010101ull * i + id;
	if (r == MACH_PORT_NULL)
		return mach_msg(&m->h, MACH_SEND_MSG, size, 0, 0, 0, 0);
	return mach_msg(&m->h, MACH_SEND_MSG | MACH_RCV_MSG | MACH_RCV_TIMEOUT,
	    size, sizeof(*m), r, WAIT_MS, 0);
}

/* What a port gives its receiver, and its next sequence number. */
struct target {
	mach_port_t	 port;		/* our send right */
	uint64_t	 local;		/* expected msgh_local_port */
	mach_msg_type_name_t ltype;	/* and its type */
	uint32_t	 seqno;
};

/* Send to t (next: the server's next wait) and check what it got. */
static void
check_rpc(struct target *t, mach_port_t r, uint32_t size, int id,
    uint64_t next)
{
	struct msg m;

	CHECK(request(t->port, r, size, id, next, &m) == MACH_MSG_SUCCESS);
	CHECK(m.h.msgh_id == id + 100 && m.h.msgh_local_port == r &&
	    m.h.msgh_bits == MACH_MSGH_BITS(0, MACH_MSG_TYPE_PORT_SEND_ONCE));
	CHECK(m.w[R_BITS] == MACH_MSGH_BITS(MACH_MSG_TYPE_PORT_SEND_ONCE,
	    t->ltype));
	CHECK(m.w[R_SIZE] == size && m.w[R_LOCAL] == t->local);
	CHECK(m.w[R_SEQNO] == t->seqno && m.w[R_ID] == (uint64_t)id);
	CHECK(m.w[R_REMOTE_TYPE] == MACH_PORT_TYPE_SEND_ONCE);
	CHECK(m.w[R_BODY] == 1 && m.w[R_SEND_ERR] == 0);
	t->seqno++;
}

/* Make a port with a send right here and its receive right there. */
static mach_port_t
give_port(mach_port_t server_task, mach_port_t name)
{
	mach_port_t self = mach_task_self(), p;

	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p) == 0);
	CHECK(mach_port_insert_right(self, p, p, MACH_MSG_TYPE_MAKE_SEND) == 0);
	CHECK(mach_port_insert_right(server_task, name, p,
	    MACH_MSG_TYPE_MOVE_RECEIVE) == 0);
	return p;
}

/* Under a limit of one byte only the fast path gets through. */
static void
limited(mach_port_t priv, mach_port_t server_task, struct target *t,
    mach_port_t r)
{
	mach_port_t self = mach_task_self();
	struct msg m;

	CHECK(task_set_kernel_limit(priv, self, 1) == 0);
	CHECK(task_set_kernel_limit(priv, server_task, 1) == 0);
	CHECK(request(t[0].port, r, LARGE, 90, NEXT_SET, &m) ==
	    MACH_SEND_NO_BUFFER);
	for (int i = 0; i < 20; i++) {
		check_rpc(&t[0], r, SMALL, 40, NEXT_SET);
		check_rpc(&t[1], r, SMALL, 41, NEXT_C);
		check_rpc(&t[2], r, SMALL, 42, NEXT_SET);
	}
	CHECK(task_set_kernel_limit(priv, self, 32 << 20) == 0);
	CHECK(task_set_kernel_limit(priv, server_task, 32 << 20) == 0);
}

static void
client(mach_port_t priv, mach_port_t server_task)
{
	struct target t[3] = {
		{ give_port(server_task, NAME_A), PAYLOAD_A,
		    MACH_MSG_TYPE_PROTECTED_PAYLOAD, 0 },
		{ give_port(server_task, NAME_B), NAME_B,
		    MACH_MSG_TYPE_PORT_SEND, 0 },
		{ give_port(server_task, NAME_C), PAYLOAD_C,
		    MACH_MSG_TYPE_PROTECTED_PAYLOAD, 0 },
	};
	mach_port_t r;
	struct msg m;

	CHECK(mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE,
	    &r) == 0);
	for (int i = 0; i < 8; i++)
		swtch();			/* let the server block first */
	for (int i = 0; i < 10; i++) {
		uint32_t size = i & 1 ? LARGE : SMALL;

		check_rpc(&t[0], r, size, 10 + i, NEXT_SET);
		check_rpc(&t[1], r, size, 20 + i, NEXT_C);
		check_rpc(&t[2], r, size, 30 + i, NEXT_SET);
	}
	/* One way: no reply right, so the local type alone. */
	CHECK(request(t[0].port, MACH_PORT_NULL, SMALL, 50, NEXT_SET, &m) ==
	    MACH_MSG_SUCCESS);
	t[0].seqno++;
	check_rpc(&t[0], r, SMALL, 51, NEXT_SET);
	limited(priv, server_task, t, r);
	check_rpc(&t[1], r, LARGE, 60, NEXT_SET);
}

int
main(int argc, char **argv)
{
	if (argc > 1 && argv[1][0] == 's')
		server();
	if (argc < 4)
		return 1;
	client((mach_port_t)test_parse_number(argv[2]),
	    (mach_port_t)test_parse_number(argv[3]));
	return 0;
}
