/*
 * port_circularity.c -- a receive right sent into a queue that is itself,
 * through a chain of ports in transit, inside that receive right would
 * make a cycle nobody could ever receive from.  As on GNU Mach the send
 * succeeds and the message is destroyed, so the ports of the chain die
 * (our send rights become dead names) and nothing leaks.  A chain that
 * is received from before it could close is fine.  Chains of a thousand
 * ports die without the kernel recursing once per port.
 */
#include "test.h"
#include <mach/mach.h>
#include <mach/mach_port.h>
#include <mach/mach_host.h>
#include <mach/host_info.h>
#include <mach/notify.h>

#define TYPE_BITS(name, size, inl) ((name) | ((size) << 8) | ((inl) << 29))

struct msg_port {
	mach_msg_header_t	h;
	uint32_t		tbits, tnum;
	uint64_t		port;
};

static mach_port_t self;


/* A port whose receive and send rights we hold under one name. */
static mach_port_t
port_new(void)
{
	mach_port_t p = MACH_PORT_NULL;

	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p) == 0);
	CHECK(mach_port_insert_right(self, p, p, MACH_MSG_TYPE_MAKE_SEND) ==
	    0);
	return p;
}

/* Move the receive right `what' into a message queued at `dest'. */
static mach_msg_return_t
send_receive_right(mach_port_t dest, mach_port_t what)
{
	struct msg_port m = { 0 };

	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0) |
	    MACH_MSGH_BITS_COMPLEX;
	m.h.msgh_size = sizeof(m);
	m.h.msgh_remote_port = dest;
	m.h.msgh_id = 77;
	m.tbits = TYPE_BITS(MACH_MSG_TYPE_MOVE_RECEIVE, 64, 1);
	m.tnum = 1;
	m.port = what;
	return mach_msg(&m.h, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(m), 0,
	    0, 0, 0);
}

/* Take the receive right back out of dest's queue. */
static int
receive_right_back(mach_port_t dest, mach_port_t what)
{
	struct msg_port m;
	mach_port_type_t type;

	if (mach_msg(&m.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(m),
	    dest, 0, 0) != 0)
		return 0;
	return (mach_port_t)m.port == what &&
	    mach_port_type(self, what, &type) == 0 &&
	    type == (MACH_PORT_TYPE_RECEIVE | MACH_PORT_TYPE_SEND);
}

static mach_port_type_t
type_of(mach_port_t name)
{
	mach_port_type_t type = 0;

	CHECK(mach_port_type(self, name, &type) == 0);
	return type;
}

/* a -> c -> b -> a: the last send closes the loop and kills all three. */
static void
test_chain_of_three(void)
{
	mach_port_t a = port_new(), b = port_new(), c = port_new();

	CHECK(send_receive_right(a, b) == 0);	/* b inside a */
	CHECK(send_receive_right(b, c) == 0);	/* c inside b inside a */
	CHECK(type_of(a) == (MACH_PORT_TYPE_RECEIVE | MACH_PORT_TYPE_SEND));
	CHECK(type_of(c) == MACH_PORT_TYPE_SEND);
	CHECK(send_receive_right(c, a) == MACH_MSG_SUCCESS);
	CHECK(type_of(a) == MACH_PORT_TYPE_DEAD_NAME);
	CHECK(type_of(b) == MACH_PORT_TYPE_DEAD_NAME);
	CHECK(type_of(c) == MACH_PORT_TYPE_DEAD_NAME);
	CHECK(mach_port_deallocate(self, a) == 0);
	CHECK(mach_port_deallocate(self, b) == 0);
	CHECK(mach_port_deallocate(self, c) == 0);
}

/* A port sent to itself is the shortest cycle. */
static void
test_self(void)
{
	mach_port_t a = port_new();

	CHECK(send_receive_right(a, a) == MACH_MSG_SUCCESS);
	CHECK(type_of(a) == MACH_PORT_TYPE_DEAD_NAME);
	CHECK(mach_port_deallocate(self, a) == 0);
}

/*
 * A port that asked to be told of its own destruction would receive its
 * receive right in its own queue: it dies instead.
 */
static void
test_destroyed_into_itself(void)
{
	mach_port_t a = port_new(), previous = MACH_PORT_NULL;

	CHECK(mach_port_request_notification(self, a,
	    MACH_NOTIFY_PORT_DESTROYED, 0, a, MACH_MSG_TYPE_MAKE_SEND_ONCE,
	    &previous) == 0 && previous == MACH_PORT_NULL);
	CHECK(mach_port_mod_refs(self, a, MACH_PORT_RIGHT_RECEIVE, -1) == 0);
	CHECK(type_of(a) == MACH_PORT_TYPE_DEAD_NAME);
	CHECK(mach_port_deallocate(self, a) == 0);
}

/* Chains that are received from in time never close. */
static void
test_no_cycle(void)
{
	mach_port_t a = port_new(), b = port_new(), c = port_new();

	CHECK(send_receive_right(a, b) == 0);	/* b inside a */
	CHECK(send_receive_right(b, c) == 0);	/* c inside b inside a */
	CHECK(receive_right_back(a, b));	/* b is ours again */
	CHECK(send_receive_right(c, a) == 0);	/* a inside c inside b */
	CHECK(type_of(a) == MACH_PORT_TYPE_SEND);
	CHECK(receive_right_back(b, c));
	CHECK(receive_right_back(c, a));
	CHECK(send_receive_right(b, a) == 0);	/* and the other way */
	CHECK(send_receive_right(a, b) == 0);	/* b -> a -> b: a cycle */
	CHECK(type_of(a) == MACH_PORT_TYPE_DEAD_NAME);
	CHECK(type_of(b) == MACH_PORT_TYPE_DEAD_NAME);
	CHECK(mach_port_destroy(self, a) == 0);
	CHECK(mach_port_destroy(self, b) == 0);
	CHECK(mach_port_destroy(self, c) == 0);
}

#define DEEP	1000
static mach_port_t deep[DEEP];

/* deep[0] inside deep[1] inside ... deep[DEEP - 1]. */
static void
deep_chain(void)
{
	int ok = 1;

	for (int i = 0; i < DEEP; i++)
		deep[i] = port_new();
	for (int i = 0; i + 1 < DEEP; i++)
		ok &= send_receive_right(deep[i + 1], deep[i]) == 0;
	CHECK(ok);
}

static void
deep_all_dead(void)
{
	int dead = 0;

	for (int i = 0; i < DEEP; i++) {
		dead += type_of(deep[i]) == MACH_PORT_TYPE_DEAD_NAME;
		CHECK(mach_port_deallocate(self, deep[i]) == 0);
	}
	CHECK(dead == DEEP);
}

/*
 * Long chains die without the kernel recursing once per port (which
 * would run its stack over): destroyed from the outside, or closed into
 * a cycle.
 */
static void
test_deep(void)
{
	deep_chain();
	CHECK(mach_port_mod_refs(self, deep[DEEP - 1], MACH_PORT_RIGHT_RECEIVE,
	    -1) == 0);
	deep_all_dead();
	deep_chain();
	CHECK(send_receive_right(deep[0], deep[DEEP - 1]) == 0);	/* loop */
	deep_all_dead();
	test_printf("port_circularity: chains of %d ports destroyed\n", DEEP);
}

int
main(void)
{
	struct whorl_kernel_stats before, after;

	self = mach_task_self();
	test_kernel_stats(&before);
	test_kernel_stats(&before);			/* with the MIG reply port made */
	test_chain_of_three();
	test_self();
	test_destroyed_into_itself();
	test_no_cycle();
	test_deep();
	test_kernel_stats(&after);
	test_kernel_stats_same("port_circularity", &before, &after,
	    KSTATS_PORTS | KSTATS_HEAP);
	return 0;
}
