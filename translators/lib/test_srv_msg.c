/*
 * test_srv_msg.c -- host test of srv_msg_simple_ok (srv_msg_check.c):
 * a message not marked complex passes only if none of its typed items
 * claims out-of-line memory or a port right, wherever the item sits;
 * complex messages and bodies that stop parsing are left to the kernel
 * and to MIG.
 */
#include <stdio.h>
#include <string.h>

#include "srv_msg_check.h"

static int failures;

#define CHECK(c) do { if (!(c)) { failures++; \
	printf("check failed: %s (line %d)\n", #c, __LINE__); } } while (0)

static union {
	mach_msg_header_t h;
	uint64_t words[512];
} m;
static size_t at;

static void
start(int complex)
{
	memset(&m, 0, sizeof(m));
	m.h.msgh_bits = complex ? MACH_MSGH_BITS_COMPLEX : 0;
	at = sizeof(m.h);
	m.h.msgh_size = at;
}

/* Append an item: number elements of size bits, inline or a pointer. */
static void
item(int name, int size, unsigned number, int inline_)
{
	mach_msg_type_t t;
	size_t len;

	memset(&t, 0, sizeof(t));
	t.msgt_name = name;
	t.msgt_size = size;
	t.msgt_number = number;
	t.msgt_inline = inline_;
	memcpy((char *)&m + at, &t, sizeof(t));
	len = inline_ ? ((size_t)number * size / 8 + 7) & ~(size_t)7 : 8;
	at += sizeof(t) + len;
	m.h.msgh_size = at;
}

int
main(void)
{
	start(0);
	CHECK(srv_msg_simple_ok(&m.h));			/* header only */
	item(MACH_MSG_TYPE_INTEGER_64, 64, 1, 1);
	item(MACH_MSG_TYPE_CHAR, 8, 13, 1);
	item(MACH_MSG_TYPE_INTEGER_32, 32, 1, 1);
	CHECK(srv_msg_simple_ok(&m.h));
	item(MACH_MSG_TYPE_CHAR, 8, 4096, 0);		/* "out of line" */
	CHECK(!srv_msg_simple_ok(&m.h));
	m.h.msgh_bits = MACH_MSGH_BITS_COMPLEX;		/* the kernel's job */
	CHECK(srv_msg_simple_ok(&m.h));

	start(0);
	item(MACH_MSG_TYPE_CHAR, 8, 2000, 1);
	item(MACH_MSG_TYPE_MOVE_SEND, 64, 1, 1);	/* a port name */
	CHECK(!srv_msg_simple_ok(&m.h));
	start(0);
	item(MACH_MSG_TYPE_PORT_NAME, 64, 1, 1);	/* a plain name: fine */
	CHECK(srv_msg_simple_ok(&m.h));

	start(0);					/* count past the end */
	item(MACH_MSG_TYPE_CHAR, 8, 0xffffffffu, 1);
	m.h.msgh_size = sizeof(m.h) + 16;
	CHECK(srv_msg_simple_ok(&m.h));
	start(0);
	item(MACH_MSG_TYPE_INTEGER_64, 64, 1, 1);
	m.h.msgh_size = sizeof(m.h) + 4;		/* truncated type */
	CHECK(srv_msg_simple_ok(&m.h));
	printf("test_srv_msg: %s\n", failures ? "FAIL" : "PASS");
	return failures != 0;
}
