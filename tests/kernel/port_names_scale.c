/*
 * port_names_scale.c -- a task holding 50,000 send rights still receives
 * rights at a bounded cost: the kernel finds the name that already holds a
 * port (reverse lookup) and makes new names without scanning the space.
 * The 50,000 names are made by copyouts (mach_port_extract_right's reply
 * merges a new send right into the receive right's name), then a message
 * carrying a send right (merged into its name) and a receive right (a new
 * name) goes round; its cost at about 10 and at 50,000 names is printed,
 * in TSC cycles; its .boot runs it under -icount shift=0, where they are
 * guest instructions, so that a busy host cannot decide the verdict.
 * Besides the checks of correctness, one bound: the cost at 50,000 names
 * is under 4 times the cost at 10 (medians of 7 batches): a space
 * scanned per copyout costs 37 times as much.
 */
#include "test.h"
#include <mach/mach.h>
#include <mach/mach_port.h>
#include <mach/mach_host.h>
#include <mach/host_info.h>

#define MANY		50000
#define ROUNDS		200
#define BATCHES		7
#define TYPE_BITS(name, size, inl) ((name) | ((size) << 8) | ((inl) << 29))

struct msg_two {
	mach_msg_header_t	h;
	uint32_t		t1, n1;
	uint64_t		send;
	uint32_t		t2, n2;
	uint64_t		recv;
	char			room[64];
};

static mach_port_t self, queue;
static mach_port_t names[MANY];
static int bad;

/* Send a (MAKE_SEND) and *b (MOVE_RECEIVE) to the queue and get them back. */
static void
round_trip(mach_port_t a, mach_port_t *b)
{
	struct msg_two m = { 0 };
	mach_msg_return_t mr;

	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) |
	    MACH_MSGH_BITS_COMPLEX;
	m.h.msgh_size = offsetof(struct msg_two, room);
	m.h.msgh_remote_port = queue;
	m.t1 = TYPE_BITS(MACH_MSG_TYPE_MAKE_SEND, 64, 1);
	m.n1 = 1;
	m.send = a;
	m.t2 = TYPE_BITS(MACH_MSG_TYPE_MOVE_RECEIVE, 64, 1);
	m.n2 = 1;
	m.recv = *b;
	mr = mach_msg(&m.h, MACH_SEND_MSG | MACH_RCV_MSG, m.h.msgh_size,
	    sizeof(m), queue, 0, 0);
	if (mr != MACH_MSG_SUCCESS || m.send != a || m.recv == *b ||
	    mach_port_mod_refs(self, a, MACH_PORT_RIGHT_SEND, -1) != 0)
		bad++;
	*b = (mach_port_t)m.recv;
}

static uint64_t
median(uint64_t *v, int n)
{
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++)
			if (v[j] < v[i]) {
				uint64_t t = v[i];
				v[i] = v[j];
				v[j] = t;
			}
	return v[n / 2];
}

/* Cycles per round trip, a the send right's name, b the receive right's. */
static uint64_t
copyout_cost(mach_port_t a, mach_port_t *b)
{
	uint64_t per[BATCHES], t;

	for (int k = 0; k < BATCHES; k++) {
		t = test_rdtsc();
		for (int i = 0; i < ROUNDS; i++)
			round_trip(a, b);
		per[k] = (test_rdtsc() - t) / ROUNDS;
	}
	return median(per, BATCHES);
}

/* MANY receive rights, each given a send right by a copyout. */
static void
fill(void)
{
	mach_port_t r;
	mach_msg_type_name_t t;

	for (int i = 0; i < MANY; i++) {
		if (mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE,
		    &names[i]) != 0 ||
		    mach_port_extract_right(self, names[i],
		    MACH_MSG_TYPE_MAKE_SEND, &r, &t) != 0 ||
		    r != names[i] || t != MACH_MSG_TYPE_PORT_SEND)
			bad++;
	}
}

/* Every name holds a receive right and one send reference. */
static void
check_all(void)
{
	mach_port_type_t type;
	mach_port_urefs_t refs;

	for (int i = 0; i < MANY; i++)
		if (mach_port_type(self, names[i], &type) != 0 ||
		    type != (MACH_PORT_TYPE_RECEIVE | MACH_PORT_TYPE_SEND) ||
		    mach_port_get_refs(self, names[i], MACH_PORT_RIGHT_SEND,
		    &refs) != 0 || refs != 1)
			bad++;
}

int
main(void)
{
	struct whorl_kernel_stats before, after;
	mach_port_t a, b;
	uint64_t small, large;

	self = mach_task_self();
	test_kernel_stats(&before);
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &queue) == 0);
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &a) == 0);
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &b) == 0);
	small = copyout_cost(a, &b);
	CHECK(bad == 0);
	fill();
	CHECK(bad == 0);
	large = copyout_cost(names[MANY - 1], &b);
	CHECK(bad == 0);
	check_all();
	CHECK(bad == 0);
	CHECK(large < 4 * small);
	test_printf("port_names_scale: a send right merged and a receive right "
	    "named, per message: %lu cycles at 10 names, %lu at %d names\n",
	    (unsigned long)small, (unsigned long)large, MANY);
	for (int i = 0; i < MANY; i++)
		if (mach_port_destroy(self, names[i]) != 0)
			bad++;
	CHECK(bad == 0);
	CHECK(mach_port_destroy(self, a) == 0);
	CHECK(mach_port_destroy(self, b) == 0);
	CHECK(mach_port_destroy(self, queue) == 0);
	test_kernel_stats(&after);
	test_kernel_stats_same("port_names_scale", &before, &after,
	    KSTATS_PORTS);
	return 0;
}
