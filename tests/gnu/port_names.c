/*
 * port_names.c -- names a task chooses, against GNU Mach's headers and
 * stubs: mach_port_allocate_name and mach_port_rename take any name but
 * MACH_PORT_NULL and MACH_PORT_DEAD (111, 1000 and 1001 side by side,
 * 0x7fffffff, names the kernel's own encoding would make next), refuse
 * those two with KERN_INVALID_VALUE and a name in use with
 * KERN_NAME_EXISTS, and the kernel never makes a name a task chose.
 * Rights under chosen names travel in messages and merge on copyout.
 */
#include <stddef.h>
#include <mach/message.h>
#include <mach/mach_types.h>
#include <mach/port.h>
#include <mach/kern_return.h>
#include "gnu_runtime.h"
#include "mach_port_user.h"

#define FRESH	300		/* kernel-made names checked against ours */

struct msg {
	mach_msg_header_t		head;
	mach_msg_type_t			port_type;
	mach_port_name_inlined_t	port;
	char				room[64];
};

static mach_port_t self;
static const mach_port_t chosen[] = { 111, 1000, 1001, 0x7fffffff, 1,
    0x100, 0xfffffffe };

static int
type_is(mach_port_t name, mach_port_type_t want)
{
	mach_port_type_t t;

	return mach_port_type(self, name, &t) == KERN_SUCCESS && t == want;
}

/* Send a send right to `right' (made from its receive right) to dest. */
static int
pass_send(mach_port_t dest, mach_port_t right, mach_port_t *got)
{
	struct msg m;

	memset(&m, 0, sizeof(m));
	m.head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) |
	    MACH_MSGH_BITS_COMPLEX;
	m.head.msgh_size = offsetof(struct msg, room);
	m.head.msgh_remote_port = dest;
	m.port_type.msgt_name = MACH_MSG_TYPE_MAKE_SEND;
	m.port_type.msgt_size = 64;
	m.port_type.msgt_number = 1;
	m.port_type.msgt_inline = 1;
	m.port.name = right;
	if (mach_msg(&m.head, MACH_SEND_MSG | MACH_RCV_MSG, m.head.msgh_size,
	    sizeof(m), dest, 0, 0) != MACH_MSG_SUCCESS)
		return 0;
	*got = m.port.name;
	return m.head.msgh_local_port == dest;
}

static void
test_allocate_name(void)
{
	unsigned n = sizeof(chosen) / sizeof(chosen[0]);

	for (unsigned i = 0; i < n; i++) {
		CHECK(mach_port_allocate_name(self, MACH_PORT_RIGHT_RECEIVE,
		    chosen[i]) == KERN_SUCCESS);
		CHECK(type_is(chosen[i], MACH_PORT_TYPE_RECEIVE));
	}
	for (unsigned i = 0; i < n; i++)
		CHECK(mach_port_allocate_name(self, MACH_PORT_RIGHT_DEAD_NAME,
		    chosen[i]) == KERN_NAME_EXISTS);
	CHECK(mach_port_allocate_name(self, MACH_PORT_RIGHT_RECEIVE,
	    MACH_PORT_NULL) == KERN_INVALID_VALUE);
	CHECK(mach_port_allocate_name(self, MACH_PORT_RIGHT_PORT_SET,
	    MACH_PORT_DEAD) == KERN_INVALID_VALUE);
	CHECK(mach_port_allocate_name(self, 77, 5000) == KERN_INVALID_VALUE);
	CHECK(mach_port_allocate_name(self, MACH_PORT_RIGHT_PORT_SET, 1002) ==
	    KERN_SUCCESS && type_is(1002, MACH_PORT_TYPE_PORT_SET));
	CHECK(mach_port_allocate_name(self, MACH_PORT_RIGHT_DEAD_NAME, 1003) ==
	    KERN_SUCCESS && type_is(1003, MACH_PORT_TYPE_DEAD_NAME));
}

/*
 * Take the names the kernel would make next: after a kernel-made name k
 * is freed, its successors (k + 1, k + 2, k + 0x100 + 1: the same slot's
 * next generations, the next slot) are chosen; then FRESH kernel-made
 * names must all differ from every chosen one and from each other.
 */
static void
test_kernel_avoids_chosen(void)
{
	mach_port_t k, taken[4], fresh[FRESH];
	int clash = 0, ok = 1;

	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &k) == 0);
	CHECK(mach_port_destroy(self, k) == 0);
	taken[0] = k + 1;
	taken[1] = k + 2;
	taken[2] = k + 0x101;
	taken[3] = k + 0x201;
	for (int i = 0; i < 4; i++)
		CHECK(mach_port_allocate_name(self, MACH_PORT_RIGHT_DEAD_NAME,
		    taken[i]) == KERN_SUCCESS);
	for (int i = 0; i < FRESH; i++) {
		ok &= mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE,
		    &fresh[i]) == KERN_SUCCESS;
		for (int j = 0; j < 4; j++)
			clash += fresh[i] == taken[j];
		for (unsigned j = 0; j < sizeof(chosen) / sizeof(chosen[0]);
		    j++)
			clash += fresh[i] == chosen[j];
		for (int j = 0; j < i; j++)
			clash += fresh[i] == fresh[j];
	}
	CHECK(ok && clash == 0);
	for (int i = 0; i < 4; i++)
		CHECK(type_is(taken[i], MACH_PORT_TYPE_DEAD_NAME));
	for (int i = 0; i < FRESH; i++)
		ok &= mach_port_destroy(self, fresh[i]) == KERN_SUCCESS;
	for (int i = 0; i < 4; i++)
		ok &= mach_port_deallocate(self, taken[i]) == KERN_SUCCESS;
	CHECK(ok);
}

static void
test_rename(void)
{
	mach_port_t k, got;

	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &k) == 0);
	CHECK(mach_port_rename(self, k, 1000) == KERN_NAME_EXISTS);
	CHECK(mach_port_rename(self, k, MACH_PORT_NULL) == KERN_INVALID_VALUE);
	CHECK(mach_port_rename(self, k, MACH_PORT_DEAD) == KERN_INVALID_VALUE);
	/* GNU Mach checks the new name before it looks the old one up. */
	CHECK(mach_port_rename(self, 4242, MACH_PORT_NULL) ==
	    KERN_INVALID_VALUE);
	CHECK(mach_port_rename(self, 4242, 4243) == KERN_INVALID_NAME);
	CHECK(mach_port_rename(self, k, 0x7ffffffe) == KERN_SUCCESS);
	CHECK(type_is(0x7ffffffe, MACH_PORT_TYPE_RECEIVE));
	CHECK(mach_port_type(self, k, &(mach_port_type_t){0}) ==
	    KERN_INVALID_NAME);
	/* A chosen name renamed to the kernel's encoding and back. */
	CHECK(mach_port_rename(self, 1001, k) == KERN_SUCCESS);
	CHECK(type_is(k, MACH_PORT_TYPE_RECEIVE));
	CHECK(mach_port_rename(self, k, 1001) == KERN_SUCCESS);
	/* Messages reach the renamed port; a send right merges into it. */
	CHECK(pass_send(0x7ffffffe, 0x7ffffffe, &got) && got == 0x7ffffffe);
	CHECK(type_is(0x7ffffffe, MACH_PORT_TYPE_RECEIVE |
	    MACH_PORT_TYPE_SEND));
	CHECK(pass_send(1001, 111, &got) && got == 111);
	CHECK(type_is(111, MACH_PORT_TYPE_RECEIVE | MACH_PORT_TYPE_SEND));
	CHECK(mach_port_destroy(self, 0x7ffffffe) == 0);
}

/* mach_port_names lists the chosen names; then they all go. */
static void
test_names_and_destroy(void)
{
	mach_port_array_t names;
	mach_port_type_array_t types;
	mach_msg_type_number_t nn, nt;
	unsigned n = sizeof(chosen) / sizeof(chosen[0]), found = 0;

	CHECK(mach_port_names(self, &names, &nn, &types, &nt) == 0 &&
	    nn == nt);
	for (unsigned i = 0; i < nn; i++)
		for (unsigned j = 0; j < n; j++)
			found += names[i] == chosen[j];
	CHECK(found == n);
	for (unsigned j = 0; j < n; j++)
		CHECK(mach_port_destroy(self, chosen[j]) == KERN_SUCCESS);
	CHECK(mach_port_destroy(self, 1002) == 0);
	CHECK(mach_port_deallocate(self, 1003) == 0);
	for (unsigned j = 0; j < n; j++)
		CHECK(mach_port_type(self, chosen[j], &(mach_port_type_t){0}) ==
		    KERN_INVALID_NAME);
}

int
main(void)
{
	self = mach_task_self();
	mach_print("port_names: built against GNU Mach's headers\n");
	test_allocate_name();
	test_kernel_avoids_chosen();
	test_rename();
	test_names_and_destroy();
	return 0;
}
