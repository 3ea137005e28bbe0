/*
 * poly_type_check.c -- mach_port_insert_right's right is polymorphic: MIG
 * checks only that a right does not come in a simple message, and the
 * kernel stub passes the argument's 8 bytes on as a port.  A request whose
 * poly carries any type name but a right (0, INTEGER_64, PORT_NAME, 255),
 * in a simple or a complex message, with a value the sender chose, must be
 * refused and make no entry; a real right still goes in.  Afterwards the
 * kernel's ports and heap are where they started.
 */
#include "test.h"
#include "kern/klib.h"
#include <mach/mach.h>
#include <mach/mach_port.h>
#include <mach/mach_host.h>
#include <mach/host_info.h>
#include <mach/mig_errors.h>

#define TYPE_BITS(name, size, inl) ((name) | ((size) << 8) | ((inl) << 29))
#define NAME		0x5150		/* the name the request asks for */
#define INSERT_RIGHT_ID	3215

/* mach_port_insert_right's request, as MIG lays it out. */
struct insert_req {
	mach_msg_header_t	h;
	uint32_t		name_bits, name_num;
	uint32_t		name, name_pad;
	uint32_t		poly_bits, poly_num;
	uint64_t		poly;
};

struct reply {
	mig_reply_header_t	r;
	char			room[64];
};

/* Send one hand-made insert_right to our own space; its RetCode. */
static kern_return_t
insert_raw(mach_port_t reply, uint32_t poly_name, uint64_t poly, int complex)
{
	union {
		struct insert_req	q;
		struct reply		r;
	} m;
	mach_msg_return_t mr;

	memset(&m, 0, sizeof(m));
	m.q.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE) |
	    (complex ? MACH_MSGH_BITS_COMPLEX : 0);
	m.q.h.msgh_size = sizeof(m.q);
	m.q.h.msgh_remote_port = mach_task_self();
	m.q.h.msgh_local_port = reply;
	m.q.h.msgh_id = INSERT_RIGHT_ID;
	m.q.name_bits = TYPE_BITS(MACH_MSG_TYPE_PORT_NAME, 32, 1);
	m.q.name_num = 1;
	m.q.name = NAME;
	m.q.poly_bits = TYPE_BITS(poly_name, 64, 1);
	m.q.poly_num = 1;
	m.q.poly = poly;
	mr = mach_msg(&m.q.h, MACH_SEND_MSG | MACH_RCV_MSG, sizeof(m.q),
	    sizeof(m.r), reply, 0, MACH_PORT_NULL);
	if (mr != MACH_MSG_SUCCESS)
		return mr;
	CHECK(m.r.r.Head.msgh_id == INSERT_RIGHT_ID + 100);
	return m.r.r.RetCode;
}

/* The hostile requests: every one refused, none leaving an entry. */
static void
hostile(mach_port_t reply, mach_port_t victim)
{
	static const uint32_t names[] = { 0, MACH_MSG_TYPE_INTEGER_64,
	    MACH_MSG_TYPE_PORT_NAME, MACH_MSG_TYPE_PROTECTED_PAYLOAD, 255 };
	const uint64_t values[] = { 0xdead0000, 0xffff800000001000ul,
	    (uint64_t)&names, victim };
	mach_port_type_t type;
	int refused = 0, cases = 0;

	for (unsigned n = 0; n < sizeof(names) / sizeof(names[0]); n++)
		for (unsigned v = 0; v < sizeof(values) / sizeof(values[0]);
		    v++)
			for (int c = 0; c < 2; c++) {
				kern_return_t kr = insert_raw(reply, names[n],
				    values[v], c);

				cases++;
				refused += kr != KERN_SUCCESS;
				CHECK(kr != KERN_SUCCESS);
				CHECK(mach_port_type(mach_task_self(), NAME,
				    &type) == KERN_INVALID_NAME);
			}
	test_printf("poly_type_check: %d of %d hostile requests refused\n",
	    refused, cases);
}

int
main(void)
{
	struct whorl_kernel_stats before, after;
	mach_port_t self = mach_task_self(), reply, victim;
	mach_port_type_t type;

	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &reply) == 0);
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &victim) == 0);
	insert_raw(reply, 0, 0, 0);		/* warm up the paths */
	test_kernel_stats(&before);
	hostile(reply, victim);
	/* A real right still goes in, by MIG's own stub. */
	CHECK(mach_port_insert_right(self, NAME, victim,
	    MACH_MSG_TYPE_MAKE_SEND) == 0);
	CHECK(mach_port_type(self, NAME, &type) == 0 &&
	    type == MACH_PORT_TYPE_SEND);
	CHECK(mach_port_deallocate(self, NAME) == 0);
	test_kernel_stats(&after);
	test_kernel_stats_same("poly_type_check", &before, &after,
	    KSTATS_PORTS | KSTATS_HEAP);
	CHECK(mach_port_destroy(self, victim) == 0);
	CHECK(mach_port_destroy(self, reply) == 0);
	return 0;
}
