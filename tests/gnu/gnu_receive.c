/*
 * gnu_receive.c -- receives as GNU Mach answers them: a member of a port
 * set cannot be received from (MACH_RCV_IN_SET); a message too large
 * without MACH_RCV_LARGE gives its header alone and is destroyed; a
 * receive right moved away (in a message, or to a port-destroyed
 * requester) wakes its blocked receivers with MACH_RCV_PORT_DIED, starts
 * its make-send count and sequence number again and lets nothing sent
 * later reach the old space; joining a set wakes them with
 * MACH_RCV_PORT_CHANGED.
 */
#include <stddef.h>
#include <mach/message.h>
#include <mach/mach_types.h>
#include <mach/port.h>
#include <mach/notify.h>
#include "gnu_runtime.h"
#include "mach_port_user.h"
#include "mach_user.h"

struct right_msg {
	mach_msg_header_t		head;
	mach_msg_type_t			port_type;
	mach_port_name_inlined_t	port;
};

struct big_msg {
	mach_msg_header_t		head;
	mach_msg_type_t			port_type;
	mach_port_name_inlined_t	port;
	mach_msg_type_t			int_type;
	int				values[8];
};

static mach_port_t self;

/* What the second thread saw: its receive's code and message id. */
static volatile mach_port_t waiter_port;
static volatile mach_msg_return_t waiter_mr;
static volatile int waiter_id, waiter_done;

static void
waiter(void)
{
	struct big_msg m;

	for (;;) {
		while (waiter_port == MACH_PORT_NULL)
			gnu_sleep(5);
		memset(&m, 0, sizeof(m));
		waiter_mr = mach_msg(&m.head, MACH_RCV_MSG, 0, sizeof(m),
		    waiter_port, 0, MACH_PORT_NULL);
		waiter_id = m.head.msgh_id;
		waiter_port = MACH_PORT_NULL;
		waiter_done = 1;
	}
}

/* Have the waiter block on p; returns once it has had time to. */
static void
wait_on(mach_port_t p)
{
	waiter_done = 0;
	waiter_mr = 0;
	waiter_id = 0;
	waiter_port = p;
	gnu_sleep(40);
}

/* The waiter's code once it returns (0 if it is still blocked). */
static mach_msg_return_t
waiter_result(void)
{
	for (int i = 0; i < 20 && !waiter_done; i++)
		gnu_sleep(10);
	return waiter_done ? waiter_mr : 0;
}

static mach_msg_return_t
send_right(mach_port_t dest, mach_msg_type_name_t ddisp, mach_port_t name,
    mach_msg_type_name_t disp, int id)
{
	struct right_msg m;

	memset(&m, 0, sizeof(m));
	m.head.msgh_bits = MACH_MSGH_BITS(ddisp, 0) | MACH_MSGH_BITS_COMPLEX;
	m.head.msgh_size = sizeof(m);
	m.head.msgh_remote_port = dest;
	m.head.msgh_id = id;
	m.port_type.msgt_name = disp;
	m.port_type.msgt_size = 64;
	m.port_type.msgt_number = 1;
	m.port_type.msgt_inline = 1;
	m.port.name = name;
	return mach_msg(&m.head, MACH_SEND_MSG, sizeof(m), 0, MACH_PORT_NULL,
	    0, MACH_PORT_NULL);
}

static mach_msg_return_t
send_empty(mach_port_t dest, mach_msg_type_name_t ddisp, int id)
{
	mach_msg_header_t h;

	memset(&h, 0, sizeof(h));
	h.msgh_bits = MACH_MSGH_BITS(ddisp, 0);
	h.msgh_size = sizeof(h);
	h.msgh_remote_port = dest;
	h.msgh_id = id;
	return mach_msg(&h, MACH_SEND_MSG, sizeof(h), 0, MACH_PORT_NULL, 0,
	    MACH_PORT_NULL);
}

/* Receive a message carrying one right; its name in our space. */
static mach_port_t
receive_right(mach_port_t from)
{
	struct right_msg m;

	memset(&m, 0, sizeof(m));
	if (gnu_receive(from, &m.head, sizeof(m), 100) != MACH_MSG_SUCCESS)
		return MACH_PORT_NULL;
	return m.port.name;
}

static void
test_in_set(void)
{
	mach_port_t p, s;
	mach_msg_header_t h;

	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p) == 0);
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_PORT_SET, &s) == 0);
	CHECK(mach_port_move_member(self, p, s) == 0);
	CHECK(send_empty(p, MACH_MSG_TYPE_MAKE_SEND, 11) == 0);
	CHECK(gnu_receive(p, &h, sizeof(h), 100) == MACH_RCV_IN_SET);
	CHECK(gnu_receive(s, &h, sizeof(h), 100) == 0 && h.msgh_id == 11);
	CHECK(mach_port_move_member(self, p, MACH_PORT_NULL) == 0);
	CHECK(send_empty(p, MACH_MSG_TYPE_MAKE_SEND, 12) == 0);
	CHECK(gnu_receive(p, &h, sizeof(h), 100) == 0 && h.msgh_id == 12);
	/* Joining a set wakes a receiver blocked on the port itself. */
	wait_on(p);
	CHECK(mach_port_move_member(self, p, s) == 0);
	CHECK(waiter_result() == MACH_RCV_PORT_CHANGED);
	CHECK(mach_port_destroy(self, s) == 0);
	CHECK(mach_port_destroy(self, p) == 0);
}

/* Without a timeout too, the receive fails at once: it cannot wait. */
static void
test_in_set_at_once(void)
{
	mach_port_t p, s;
	mach_msg_header_t h;

	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p) == 0);
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_PORT_SET, &s) == 0);
	CHECK(mach_port_move_member(self, p, s) == 0);
	CHECK(mach_msg(&h, MACH_RCV_MSG, 0, sizeof(h), p, 0, MACH_PORT_NULL) ==
	    MACH_RCV_IN_SET);
	CHECK(mach_port_destroy(self, s) == 0);
	CHECK(mach_port_destroy(self, p) == 0);
}

/*
 * Too large: the header alone, with the real size, the destination's
 * name and the id; the bytes past the buffer untouched; the reply right
 * and the body's right destroyed (their ports hear of it); nothing left.
 */
static void
test_too_large(void)
{
	mach_port_t p, reply, x, prev;
	struct big_msg m;
	mach_msg_header_t h;
	unsigned char *b = (unsigned char *)&m;

	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p) == 0);
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &reply) == 0);
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &x) == 0);
	CHECK(mach_port_request_notification(self, x, MACH_NOTIFY_NO_SENDERS,
	    0, x, MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev) == 0);
	memset(&m, 0, sizeof(m));
	m.head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE) | MACH_MSGH_BITS_COMPLEX;
	m.head.msgh_size = sizeof(m);
	m.head.msgh_remote_port = p;
	m.head.msgh_local_port = reply;
	m.head.msgh_id = 1234;
	m.port_type.msgt_name = MACH_MSG_TYPE_MAKE_SEND;
	m.port_type.msgt_size = 64;
	m.port_type.msgt_number = 1;
	m.port_type.msgt_inline = 1;
	m.port.name = x;
	m.int_type.msgt_name = MACH_MSG_TYPE_INTEGER_32;
	m.int_type.msgt_size = 32;
	m.int_type.msgt_number = 8;
	m.int_type.msgt_inline = 1;
	CHECK(mach_msg(&m.head, MACH_SEND_MSG, sizeof(m), 0, MACH_PORT_NULL,
	    0, MACH_PORT_NULL) == 0);
	memset(&m, 0xa5, sizeof(m));
	CHECK(mach_msg(&m.head, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
	    sizeof(mach_msg_header_t), p, 100, MACH_PORT_NULL) ==
	    MACH_RCV_TOO_LARGE);
	CHECK(m.head.msgh_size == sizeof(m));
	CHECK(m.head.msgh_id == 1234);
	CHECK(m.head.msgh_local_port == p);
	CHECK(m.head.msgh_remote_port == MACH_PORT_NULL);
	CHECK(MACH_MSGH_BITS_LOCAL(m.head.msgh_bits) ==
	    MACH_MSG_TYPE_PORT_SEND);
	CHECK(b[sizeof(mach_msg_header_t)] == 0xa5 &&
	    b[sizeof(m) - 1] == 0xa5);
	CHECK(gnu_receive(p, &h, sizeof(h), 0) == MACH_RCV_TIMED_OUT);
	CHECK(gnu_receive(reply, &h, sizeof(h), 100) == 0 &&
	    h.msgh_id == MACH_NOTIFY_SEND_ONCE);
	memset(&m, 0, sizeof(m));
	CHECK(gnu_receive(x, &m.head, sizeof(m), 100) == 0 &&
	    m.head.msgh_id == MACH_NOTIFY_NO_SENDERS);
	CHECK(mach_port_destroy(self, p) == 0);
	CHECK(mach_port_destroy(self, reply) == 0);
	CHECK(mach_port_destroy(self, x) == 0);
}

/*
 * A receive right moved in a message: the blocked receiver of the old
 * space learns it died, a message sent after the move waits for the new
 * holder, and the new holder starts from make-send count and seqno 0.
 */
static void
test_moved(void)
{
	mach_port_t p, q, p2;
	mach_port_status_t st;
	mach_msg_header_t h;

	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p) == 0);
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &q) == 0);
	CHECK(mach_port_insert_right(self, p, p, MACH_MSG_TYPE_MAKE_SEND) ==
	    0);
	CHECK(mach_port_set_mscount(self, p, 7) == 0);
	CHECK(mach_port_set_seqno(self, p, 9) == 0);
	wait_on(p);
	CHECK(send_right(q, MACH_MSG_TYPE_MAKE_SEND, p,
	    MACH_MSG_TYPE_MOVE_RECEIVE, 20) == 0);
	CHECK(send_empty(p, MACH_MSG_TYPE_COPY_SEND, 21) == 0);
	CHECK(waiter_result() == MACH_RCV_PORT_DIED);
	CHECK(waiter_id != 21);
	CHECK(gnu_receive(p, &h, sizeof(h), 0) == MACH_RCV_INVALID_NAME);
	p2 = receive_right(q);
	CHECK(p2 == p);			/* it merges with our send right */
	CHECK(mach_port_get_receive_status(self, p2, &st) == 0);
	CHECK(st.mps_mscount == 0 && st.mps_seqno == 0 && st.mps_msgcount == 1);
	CHECK(gnu_receive(p2, &h, sizeof(h), 100) == 0 && h.msgh_id == 21 &&
	    h.msgh_seqno == 0);
	CHECK(mach_port_destroy(self, p2) == 0);
	CHECK(mach_port_destroy(self, q) == 0);
}

/*
 * A set's receiver: a member moved away takes the messages sent to it
 * later along, out of the set; destroying the set wakes the receiver with
 * MACH_RCV_PORT_DIED.
 */
static void
test_set_member_moved(void)
{
	mach_port_t p, s, q, p2;
	mach_port_status_t st;
	mach_msg_header_t h;

	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p) == 0);
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_PORT_SET, &s) == 0);
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &q) == 0);
	CHECK(mach_port_insert_right(self, p, p, MACH_MSG_TYPE_MAKE_SEND) ==
	    0);
	CHECK(mach_port_move_member(self, p, s) == 0);
	wait_on(s);
	CHECK(send_right(q, MACH_MSG_TYPE_MAKE_SEND, p,
	    MACH_MSG_TYPE_MOVE_RECEIVE, 30) == 0);
	CHECK(send_empty(p, MACH_MSG_TYPE_COPY_SEND, 31) == 0);
	gnu_sleep(20);
	CHECK(!waiter_done);
	CHECK(mach_port_destroy(self, s) == 0);
	CHECK(waiter_result() == MACH_RCV_PORT_DIED);
	p2 = receive_right(q);
	CHECK(p2 == p);
	CHECK(mach_port_get_receive_status(self, p2, &st) == 0 &&
	    st.mps_pset == MACH_PORT_NULL && st.mps_msgcount == 1);
	CHECK(gnu_receive(p2, &h, sizeof(h), 100) == 0 && h.msgh_id == 31);
	CHECK(mach_port_destroy(self, p2) == 0);
	CHECK(mach_port_destroy(self, q) == 0);
}

/* Too large through a set: the same header, naming the member. */
static void
test_too_large_set(void)
{
	mach_port_t p, s, x;
	struct right_msg m;

	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p) == 0);
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &x) == 0);
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_PORT_SET, &s) == 0);
	CHECK(mach_port_move_member(self, p, s) == 0);
	CHECK(send_right(p, MACH_MSG_TYPE_MAKE_SEND, x,
	    MACH_MSG_TYPE_MAKE_SEND, 40) == 0);
	memset(&m, 0x5a, sizeof(m));
	CHECK(mach_msg(&m.head, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
	    sizeof(mach_msg_header_t), s, 100, MACH_PORT_NULL) ==
	    MACH_RCV_TOO_LARGE);
	CHECK(m.head.msgh_size == sizeof(m) && m.head.msgh_id == 40 &&
	    m.head.msgh_local_port == p);
	CHECK(m.port_type.msgt_name == 0x5a);	/* past the buffer: untouched */
	CHECK(gnu_receive(s, &m.head, sizeof(m), 0) == MACH_RCV_TIMED_OUT);
	CHECK(mach_port_destroy(self, s) == 0);
	CHECK(mach_port_destroy(self, p) == 0);
	CHECK(mach_port_destroy(self, x) == 0);
}

/* The port-destroyed hand-off moves the right away too. */
static void
test_port_destroyed(void)
{
	mach_port_t p, pd, prev, p2;
	mach_port_status_t st;
	struct right_msg m;

	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p) == 0);
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &pd) == 0);
	CHECK(mach_port_request_notification(self, p,
	    MACH_NOTIFY_PORT_DESTROYED, 0, pd, MACH_MSG_TYPE_MAKE_SEND_ONCE,
	    &prev) == 0);
	CHECK(mach_port_set_seqno(self, p, 5) == 0);
	wait_on(p);
	CHECK(mach_port_mod_refs(self, p, MACH_PORT_RIGHT_RECEIVE, -1) == 0);
	CHECK(waiter_result() == MACH_RCV_PORT_DIED);
	memset(&m, 0, sizeof(m));
	CHECK(gnu_receive(pd, &m.head, sizeof(m), 100) == 0 &&
	    m.head.msgh_id == MACH_NOTIFY_PORT_DESTROYED);
	p2 = m.port.name;
	CHECK(mach_port_get_receive_status(self, p2, &st) == 0 &&
	    st.mps_seqno == 0);
	CHECK(mach_port_destroy(self, p2) == 0);
	CHECK(mach_port_destroy(self, pd) == 0);
}

int
main(void)
{
	self = mach_task_self();
	mach_print("gnu_receive\n");
	gnu_sleep(1);		/* its port exists before a second thread */
	CHECK(gnu_thread_start(waiter) != MACH_PORT_NULL);
	test_in_set();
	test_too_large();
	test_moved();
	test_port_destroyed();
	test_set_member_moved();
	test_too_large_set();
	test_in_set_at_once();
	return 0;
}
