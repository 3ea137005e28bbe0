/*
 * right_errors.c -- every disposition (MOVE_RECEIVE ... MAKE_SEND_ONCE)
 * against every kind of name that cannot supply it (no such name, a dead
 * name, a receive, send or send-once right of the wrong kind, a port
 * set), in the three places a right can travel: the destination, the
 * reply and the body.  Each gets GNU Mach's code and leaves the name as
 * it was; dead names travel as MACH_PORT_DEAD where Mach allows them (the
 * reply and the body, with a send disposition), and are refused as a
 * destination.  Afterwards the kernel's ports and heap are where they
 * started.
 */
#include "test.h"
#include <mach/mach.h>
#include <mach/mach_port.h>
#include <mach/mach_host.h>
#include <mach/host_info.h>

#define TYPE_BITS(name, size, inl) ((name) | ((size) << 8) | ((inl) << 29))

enum kind { K_NONE, K_DEAD, K_RECV, K_SEND, K_ONCE, K_SET, K_COUNT };
static const char *kind_name[] = { "no name", "dead name", "receive",
    "send", "send-once", "port set" };

struct msg_port {
	mach_msg_header_t	h;
	uint32_t		tbits, tnum;
	uint64_t		port;
};

static mach_port_t self, sink, names[K_COUNT];
static int mismatches, cases;


/* One name of each kind; the send right is one whose receiver is away. */
static void
names_make(void)
{
	mach_port_t p;
	mach_msg_type_name_t t;

	names[K_NONE] = 0x4242;
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p) == 0);
	CHECK(mach_port_insert_right(self, p, p, MACH_MSG_TYPE_MAKE_SEND) ==
	    0);
	CHECK(mach_port_mod_refs(self, p, MACH_PORT_RIGHT_RECEIVE, -1) == 0);
	names[K_DEAD] = p;		/* the send right outlived its port */
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE,
	    &names[K_RECV]) == 0);
	names[K_SEND] = mach_host_self();
	CHECK(mach_port_extract_right(self, names[K_RECV],
	    MACH_MSG_TYPE_MAKE_SEND_ONCE, &names[K_ONCE], &t) == 0);
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_PORT_SET,
	    &names[K_SET]) == 0);
}

static void
names_free(void)
{
	for (int k = K_DEAD; k < K_COUNT; k++)
		if (k != K_SEND)
			CHECK(mach_port_destroy(self, names[k]) == 0);
	CHECK(mach_port_deallocate(self, names[K_SEND]) == 0);
}

/* A name's rights and user references, to see that nothing changed. */
static uint64_t
snapshot(mach_port_t name)
{
	mach_port_type_t type = 0;
	mach_port_urefs_t send = 0, dead = 0;

	if (mach_port_type(self, name, &type) != 0)
		return 0;
	mach_port_get_refs(self, name, MACH_PORT_RIGHT_SEND, &send);
	mach_port_get_refs(self, name, MACH_PORT_RIGHT_DEAD_NAME, &dead);
	return ((uint64_t)type << 32) | (send << 16) | dead;
}

/* Can a name of kind k supply disposition d? */
static int
supplies(int d, enum kind k)
{
	switch (d) {
	case MACH_MSG_TYPE_MOVE_RECEIVE:
	case MACH_MSG_TYPE_MAKE_SEND:
	case MACH_MSG_TYPE_MAKE_SEND_ONCE:
		return k == K_RECV;
	case MACH_MSG_TYPE_MOVE_SEND:
	case MACH_MSG_TYPE_COPY_SEND:
		return k == K_SEND;
	default:
		return k == K_ONCE;
	}
}

static mach_msg_return_t
send(int where, int d, mach_port_t name)
{
	struct msg_port m = { 0 };

	m.h.msgh_size = sizeof(m);
	m.h.msgh_id = 99;
	m.tbits = TYPE_BITS(MACH_MSG_TYPE_INTEGER_32, 32, 1);
	m.tnum = 1;
	if (where == 0) {		/* destination */
		m.h.msgh_bits = MACH_MSGH_BITS(d, 0);
		m.h.msgh_remote_port = name;
	} else if (where == 1) {	/* reply */
		m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, d);
		m.h.msgh_remote_port = sink;
		m.h.msgh_local_port = name;
	} else {			/* body */
		m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) |
		    MACH_MSGH_BITS_COMPLEX;
		m.h.msgh_remote_port = sink;
		m.tbits = TYPE_BITS(d, 64, 1);
		m.port = name;
	}
	return mach_msg(&m.h, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(m), 0,
	    0, 0, 0);
}

static mach_msg_return_t
expected(int where, int d)
{
	if (where < 2 && d == MACH_MSG_TYPE_MOVE_RECEIVE)
		return MACH_SEND_INVALID_HEADER;
	return where == 0 ? MACH_SEND_INVALID_DEST :
	    where == 1 ? MACH_SEND_INVALID_REPLY : MACH_SEND_INVALID_RIGHT;
}

/* Every wrong right in every place: refused, and nothing changed. */
static void
test_wrong_rights(void)
{
	static const char *place[] = { "destination", "reply", "body" };

	for (int where = 0; where < 3; where++)
	for (int d = MACH_MSG_TYPE_MOVE_RECEIVE;
	    d <= MACH_MSG_TYPE_MAKE_SEND_ONCE; d++)
	for (int k = K_NONE; k < K_COUNT; k++) {
		mach_msg_return_t mr, want = expected(where, d);
		uint64_t before;

		if (supplies(d, k) || (k == K_DEAD && where > 0 &&
		    d >= MACH_MSG_TYPE_MOVE_SEND && d <= MACH_MSG_TYPE_COPY_SEND))
			continue;	/* allowed: not an error case */
		cases++;
		before = snapshot(names[k]);
		mr = send(where, d, names[k]);
		if (mr != want || snapshot(names[k]) != before) {
			test_printf("not ok: %s disposition %d from a %s: "
			    "%#x (want %#x)%s\n", place[where], d,
			    kind_name[k], mr, want,
			    snapshot(names[k]) != before ? ", name changed" :
			    "");
			mismatches++;
		}
	}
	CHECK(mismatches == 0);
}

/* Dead names as reply and body rights travel as MACH_PORT_DEAD. */
static void
test_dead_travels(void)
{
	for (int where = 1; where < 3; where++)
	for (int d = MACH_MSG_TYPE_MOVE_SEND; d <= MACH_MSG_TYPE_COPY_SEND;
	    d++) {
		struct msg_port m;
		mach_port_urefs_t before = 0, after = 0;

		CHECK(mach_port_mod_refs(self, names[K_DEAD],
		    MACH_PORT_RIGHT_DEAD_NAME, 1) == 0);
		mach_port_get_refs(self, names[K_DEAD],
		    MACH_PORT_RIGHT_DEAD_NAME, &before);
		CHECK(send(where, d, names[K_DEAD]) == MACH_MSG_SUCCESS);
		CHECK(mach_msg(&m.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
		    sizeof(m), sink, 0, 0) == MACH_MSG_SUCCESS);
		CHECK((where == 1 ? m.h.msgh_remote_port :
		    (mach_port_t)m.port) == MACH_PORT_DEAD);
		mach_port_get_refs(self, names[K_DEAD],
		    MACH_PORT_RIGHT_DEAD_NAME, &after);
		/* A move takes one user reference, a copy none. */
		CHECK(after == before - (d != MACH_MSG_TYPE_COPY_SEND));
	}
}

int
main(void)
{
	struct whorl_kernel_stats before, after;

	self = mach_task_self();
	test_kernel_stats(&before);
	test_kernel_stats(&before);			/* with the MIG reply port made */
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &sink) == 0);
	names_make();
	test_wrong_rights();
	test_dead_travels();
	names_free();
	CHECK(mach_port_destroy(self, sink) == 0);
	test_kernel_stats(&after);
	test_printf("right_errors: %d refused cases\n", cases);
	test_kernel_stats_same("right_errors", &before, &after,
	    KSTATS_PORTS | KSTATS_HEAP);
	return 0;
}
