/*
 * ipc_basic.c -- Mach messages within one task: send to a port whose
 * receive right we hold, receive with and without timeouts, reply through
 * a send-once right, queue limits, rights and out-of-line memory in the
 * body, MACH_RCV_LARGE, every error code of malformed sends, and a request
 * to the task's own kernel port answered by the kernel with MIG_BAD_ID.
 */
#include "test.h"

#define MIG_BAD_ID	(-303)
#define TYPE_BITS(name, size, inl) \
	((name) | ((size) << 8) | ((inl) << 29))

struct msg_int {
	mach_msg_header_t	h;
	uint32_t		tbits, tnum;
	int32_t			value, pad;
};

struct msg_port {
	mach_msg_header_t	h;
	uint32_t		tbits, tnum;
	uint64_t		port;
};

struct msg_ool {
	mach_msg_header_t	h;
	uint32_t		tbits, tnum;
	uint64_t		addr;
};

struct msg_big {
	mach_msg_header_t	h;
	char			data[4096];
};

static char big_area[16 << 20];		/* zero-fill .bss */
static char one_page[4096] __attribute__((aligned(4096)));

static mach_msg_return_t
send_int(mach_port_t dest, int disp, mach_port_t reply, int rdisp, int value,
    mach_msg_option_t extra)
{
	struct msg_int m = { 0 };

	m.h.msgh_bits = MACH_MSGH_BITS(disp, rdisp);
	m.h.msgh_size = sizeof(m);
	m.h.msgh_remote_port = dest;
	m.h.msgh_local_port = reply;
	m.h.msgh_id = 1000 + value;
	m.tbits = TYPE_BITS(MACH_MSG_TYPE_INTEGER_32, 32, 1);
	m.tnum = 1;
	m.value = value;
	return mach_msg(&m.h, MACH_SEND_MSG | extra, sizeof(m), 0, 0, 0, 0);
}

static mach_msg_return_t
recv(mach_port_t port, void *buf, mach_msg_size_t size,
    mach_msg_option_t extra, mach_msg_timeout_t timeout)
{
	return mach_msg(buf, MACH_RCV_MSG | extra, 0, size, port, timeout, 0);
}

static void
test_roundtrip(mach_port_t p, mach_port_t r)
{
	struct msg_int m;

	CHECK(send_int(p, MACH_MSG_TYPE_MAKE_SEND, 0, 0, 7, 0) ==
	    MACH_MSG_SUCCESS);
	CHECK(recv(p, &m, sizeof(m), MACH_RCV_TIMEOUT, 0) == MACH_MSG_SUCCESS);
	CHECK(m.h.msgh_size == sizeof(m));
	CHECK(m.h.msgh_id == 1007 && m.value == 7);
	CHECK(m.h.msgh_bits == MACH_MSGH_BITS(0, MACH_MSG_TYPE_PORT_SEND));
	CHECK(m.h.msgh_local_port == p);
	CHECK(m.h.msgh_remote_port == MACH_PORT_NULL);

	/* Request with a send-once reply right; answer through it. */
	CHECK(send_int(p, MACH_MSG_TYPE_MAKE_SEND, r,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE, 8, 0) == MACH_MSG_SUCCESS);
	CHECK(recv(p, &m, sizeof(m), 0, 0) == MACH_MSG_SUCCESS);
	CHECK(m.h.msgh_bits == MACH_MSGH_BITS(MACH_MSG_TYPE_PORT_SEND_ONCE,
	    MACH_MSG_TYPE_PORT_SEND));
	CHECK(MACH_PORT_VALID(m.h.msgh_remote_port) &&
	    m.h.msgh_remote_port != r);
	CHECK(send_int(m.h.msgh_remote_port, MACH_MSG_TYPE_MOVE_SEND_ONCE, 0, 0,
	    9, 0) == MACH_MSG_SUCCESS);
	CHECK(recv(r, &m, sizeof(m), MACH_RCV_TIMEOUT, 0) == MACH_MSG_SUCCESS);
	CHECK(m.value == 9 && m.h.msgh_local_port == r);
	CHECK(m.h.msgh_bits == MACH_MSGH_BITS(0, MACH_MSG_TYPE_PORT_SEND_ONCE));
	/* The send-once right was used up: its name is gone. */
	CHECK(send_int(m.h.msgh_remote_port, MACH_MSG_TYPE_MOVE_SEND_ONCE, 0, 0,
	    10, 0) == MACH_SEND_INVALID_DEST);
}

static void
test_errors(mach_port_t p)
{
	struct msg_int m = { 0 };
	uint64_t t0;

	CHECK(recv(p, &m, sizeof(m), MACH_RCV_TIMEOUT, 0) ==
	    MACH_RCV_TIMED_OUT);
	t0 = test_rdtsc();
	CHECK(recv(p, &m, sizeof(m), MACH_RCV_TIMEOUT, 30) ==
	    MACH_RCV_TIMED_OUT);
	CHECK(test_rdtsc() > t0);
	CHECK(recv(0x4242, &m, sizeof(m), MACH_RCV_TIMEOUT, 0) ==
	    MACH_RCV_INVALID_NAME);
	CHECK(send_int(0x4242, MACH_MSG_TYPE_COPY_SEND, 0, 0, 1, 0) ==
	    MACH_SEND_INVALID_DEST);
	CHECK(send_int(p, MACH_MSG_TYPE_COPY_SEND, 0, 0, 1, 0) ==
	    MACH_SEND_INVALID_DEST);	/* we hold no send right yet */
	CHECK(send_int(p, MACH_MSG_TYPE_MOVE_RECEIVE, 0, 0, 1, 0) ==
	    MACH_SEND_INVALID_HEADER);
	CHECK(send_int(p, MACH_MSG_TYPE_MAKE_SEND, 0x4242,
	    MACH_MSG_TYPE_COPY_SEND, 1, 0) == MACH_SEND_INVALID_REPLY);
	CHECK(mach_msg(&m.h, MACH_SEND_MSG, 8, 0, 0, 0, 0) ==
	    MACH_SEND_MSG_TOO_SMALL);
	CHECK(mach_msg((void *)0xdead0000, MACH_SEND_MSG, 48, 0, 0, 0, 0) ==
	    MACH_SEND_INVALID_DATA);
	CHECK(recv(p, &m, sizeof(m), MACH_RCV_TIMEOUT, 0) ==
	    MACH_RCV_TIMED_OUT);	/* nothing leaked into the queue */
}

static void
test_qlimit_and_large(mach_port_t p)
{
	struct msg_int m;
	int i;

	for (i = 0; i < 5; i++)
		CHECK(send_int(p, MACH_MSG_TYPE_MAKE_SEND, 0, 0, i, 0) ==
		    MACH_MSG_SUCCESS);
	CHECK(send_int(p, MACH_MSG_TYPE_MAKE_SEND, 0, 0, 5, MACH_SEND_TIMEOUT) ==
	    MACH_SEND_TIMED_OUT);
	/* Too small a buffer: with MACH_RCV_LARGE the message stays. */
	CHECK(recv(p, &m, 32, MACH_RCV_LARGE, 0) == MACH_RCV_TOO_LARGE);
	CHECK(m.h.msgh_size == sizeof(m));
	for (i = 0; i < 5; i++) {
		CHECK(recv(p, &m, sizeof(m), MACH_RCV_TIMEOUT, 0) ==
		    MACH_MSG_SUCCESS);
		CHECK(m.value == i && m.h.msgh_seqno == (uint32_t)(i + 2));
	}
	/* Without MACH_RCV_LARGE it is destroyed. */
	CHECK(send_int(p, MACH_MSG_TYPE_MAKE_SEND, 0, 0, 6, 0) ==
	    MACH_MSG_SUCCESS);
	CHECK(recv(p, &m, 32, 0, 0) == MACH_RCV_TOO_LARGE);
	CHECK(recv(p, &m, sizeof(m), MACH_RCV_TIMEOUT, 0) ==
	    MACH_RCV_TIMED_OUT);
}

static void
test_body_rights(mach_port_t p, mach_port_t r)
{
	struct msg_port m = { 0 };

	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) |
	    MACH_MSGH_BITS_COMPLEX;
	m.h.msgh_size = sizeof(m);
	m.h.msgh_remote_port = p;
	m.tbits = TYPE_BITS(MACH_MSG_TYPE_MAKE_SEND, 64, 1);
	m.tnum = 1;
	m.port = r;
	CHECK(mach_msg(&m.h, MACH_SEND_MSG, sizeof(m), 0, 0, 0, 0) ==
	    MACH_MSG_SUCCESS);
	m.port = 0;
	CHECK(recv(p, &m, sizeof(m), MACH_RCV_TIMEOUT, 0) == MACH_MSG_SUCCESS);
	CHECK(m.h.msgh_bits & MACH_MSGH_BITS_COMPLEX);
	CHECK((m.tbits & 0xff) == MACH_MSG_TYPE_PORT_SEND);
	CHECK((uint32_t)m.port == r);	/* merged with our receive right */
	/* We hold a send right to r now: COPY_SEND works. */
	CHECK(send_int(r, MACH_MSG_TYPE_COPY_SEND, 0, 0, 11, 0) ==
	    MACH_MSG_SUCCESS);
	CHECK(recv(r, &m, sizeof(m), MACH_RCV_TIMEOUT, 0) == MACH_MSG_SUCCESS);
	/* A bad right in the body fails the send and queues nothing. */
	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) |
	    MACH_MSGH_BITS_COMPLEX;
	m.h.msgh_size = sizeof(m);
	m.h.msgh_remote_port = p;
	m.h.msgh_local_port = MACH_PORT_NULL;
	m.tbits = TYPE_BITS(MACH_MSG_TYPE_MOVE_SEND, 64, 1);
	m.tnum = 1;
	m.port = 0x4242;
	CHECK(mach_msg(&m.h, MACH_SEND_MSG, sizeof(m), 0, 0, 0, 0) ==
	    MACH_SEND_INVALID_RIGHT);
	/* A descriptor that runs past the end. */
	m.tbits = TYPE_BITS(MACH_MSG_TYPE_BYTE, 8, 1);
	m.tnum = 1000;
	CHECK(mach_msg(&m.h, MACH_SEND_MSG, sizeof(m), 0, 0, 0, 0) ==
	    MACH_SEND_MSG_TOO_SMALL);
	CHECK(recv(p, &m, sizeof(m), MACH_RCV_TIMEOUT, 0) ==
	    MACH_RCV_TIMED_OUT);
}

static mach_msg_return_t
send_ool(mach_port_t p, void *addr, uint32_t bytes)
{
	struct msg_ool m = { 0 };

	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) |
	    MACH_MSGH_BITS_COMPLEX;
	m.h.msgh_size = sizeof(m);
	m.h.msgh_remote_port = p;
	m.tbits = TYPE_BITS(MACH_MSG_TYPE_BYTE, 8, 0);
	m.tnum = bytes;
	m.addr = (uint64_t)addr;
	return mach_msg(&m.h, MACH_SEND_MSG, sizeof(m), 0, 0, 0, 0);
}

static void
test_ool(mach_port_t p)
{
	struct msg_ool m;
	uint32_t sizes[3] = { 0, 4096, sizeof(big_area) };
	char *src[3] = { one_page, one_page, big_area };

	for (uint32_t i = 0; i < sizeof(one_page); i++)
		one_page[i] = (char)(i * 7);
	for (uint32_t i = 0; i < sizeof(big_area); i += 4096)
		big_area[i] = (char)(i >> 12);
	for (int k = 0; k < 3; k++) {
		const char *got;
		int same = 1;

		CHECK(send_ool(p, src[k], sizes[k]) == MACH_MSG_SUCCESS);
		CHECK(recv(p, &m, sizeof(m), MACH_RCV_TIMEOUT, 0) ==
		    MACH_MSG_SUCCESS);
		CHECK(m.tnum == sizes[k]);
		got = (const char *)m.addr;
		if (sizes[k] == 0) {
			CHECK(m.addr == 0);
			continue;
		}
		CHECK(m.addr != 0 && m.addr != (uint64_t)src[k]);
		for (uint32_t i = 0; i < sizes[k]; i += 509)
			same &= got[i] == src[k][i];
		CHECK(same);
		test_printf("ipc_basic: out-of-line %u bytes ok\n", sizes[k]);
	}
	CHECK(send_ool(p, (void *)0xdead0000, 4096) == MACH_SEND_INVALID_MEMORY);
}

/* Out-of-line pages are shared copy-on-write: later writes stay private. */
static void
test_ool_cow(mach_port_t p)
{
	struct msg_ool m;
	char *got;

	one_page[0] = 'a';
	CHECK(send_ool(p, one_page, 4096) == MACH_MSG_SUCCESS);
	one_page[0] = 'b';			/* after the send */
	CHECK(recv(p, &m, sizeof(m), MACH_RCV_TIMEOUT, 0) == MACH_MSG_SUCCESS);
	got = (char *)m.addr;
	CHECK(got[0] == 'a' && one_page[0] == 'b');
	got[0] = 'c';				/* the receiver's own now */
	CHECK(one_page[0] == 'b' && got[0] == 'c');
	test_printf("ipc_basic: copy-on-write out-of-line ok\n");
}

static void
test_kernel_port(mach_port_t r)
{
	struct {
		mach_msg_header_t	h;
		uint32_t		tbits, tnum;
		int32_t			retcode, pad;
	} reply;
	mach_port_t task = mach_task_self();

	CHECK(MACH_PORT_VALID(task));
	CHECK(mach_task_self() == task);	/* one name per port */
	CHECK(send_int(task, MACH_MSG_TYPE_COPY_SEND, r,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE, 99, 0) == MACH_MSG_SUCCESS);
	CHECK(recv(r, &reply, sizeof(reply), MACH_RCV_TIMEOUT, 0) ==
	    MACH_MSG_SUCCESS);
	CHECK(reply.h.msgh_size == 48);
	CHECK(reply.h.msgh_id == 1099 + 100);
	CHECK(reply.retcode == MIG_BAD_ID);
}

int
main(void)
{
	mach_port_t p = mach_reply_port(), r = mach_reply_port();

	CHECK(MACH_PORT_VALID(p) && MACH_PORT_VALID(r) && p != r);
	test_errors(p);
	test_roundtrip(p, r);
	test_qlimit_and_large(p);
	test_body_rights(p, r);
	test_ool(p);
	test_ool_cow(p);
	test_kernel_port(r);
	return 0;
}
