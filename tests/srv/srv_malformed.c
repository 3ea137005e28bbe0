/*
 * srv_malformed.c -- requests no MIG stub would send, to the null
 * translator: unknown ids, wrong type names, sizes and counts, a port or
 * out-of-line memory where an integer belongs, no reply port, and 2,000
 * messages of random bytes.  Each with a reply port gets an error reply
 * (MIG_BAD_ID, MIG_BAD_ARGUMENTS, or the routine's errno), rights sent
 * in a refused request are destroyed by the server, and afterwards it
 * still serves and holds no more objects than before.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <mach/mig_errors.h>
#include <mach/notify.h>

#include "client.h"
#include "srv.h"
#include "../userlib/srv_raw.h"

struct seek_req {
	mach_msg_header_t h;
	mach_msg_type_t offset_type;
	int64_t offset;
	mach_msg_type_t whence_type;
	int32_t whence;
	char pad[4];
};

static mach_port_t io, reply_port;

static mach_msg_type_t
int_type(int name, int bits)
{
	mach_msg_type_t t = { .msgt_name = name, .msgt_size = bits,
		.msgt_number = 1, .msgt_inline = 1 };
	return t;
}

static void
seek_init(struct seek_req *m)
{
	memset(m, 0, sizeof(*m));
	m->h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE);
	m->h.msgh_size = sizeof(*m);
	m->h.msgh_remote_port = io;
	m->h.msgh_local_port = reply_port;
	m->h.msgh_id = 30002;	/* io_seek */
	m->offset_type = int_type(MACH_MSG_TYPE_INTEGER_64, 64);
	m->offset = 77;
	m->whence_type = int_type(MACH_MSG_TYPE_INTEGER_32, 32);
}

/* Send m (size bytes) and wait up to 10 s for its reply on reply_port
 * (srv_raw_rpc): its return code, or the mach_msg error. */
static kern_return_t
rpc(mach_msg_header_t *m, mach_msg_size_t size)
{
	return srv_raw_rpc(m, size, reply_port);
}

static void
test_types(void)
{
	struct seek_req m;

	seek_init(&m);
	CHECK(rpc(&m.h, sizeof(m)) == 0);		/* the valid one */
	seek_init(&m);
	m.h.msgh_id = 30099;
	CHECK(rpc(&m.h, sizeof(m)) == MIG_BAD_ID);
	seek_init(&m);
	m.h.msgh_id = 12345;
	CHECK(rpc(&m.h, sizeof(m)) == MIG_BAD_ID);
	seek_init(&m);
	m.offset_type = int_type(MACH_MSG_TYPE_INTEGER_32, 32);
	CHECK(rpc(&m.h, sizeof(m)) == MIG_BAD_ARGUMENTS);
	seek_init(&m);
	m.whence_type.msgt_number = 2;
	CHECK(rpc(&m.h, sizeof(m)) == MIG_BAD_ARGUMENTS);
	seek_init(&m);
	m.h.msgh_size = sizeof(m) - 8;
	CHECK(rpc(&m.h, sizeof(m) - 8) == MIG_BAD_ARGUMENTS);
	seek_init(&m);
	CHECK(rpc(&m.h, 32) == MIG_BAD_ARGUMENTS);	/* header only */
	seek_init(&m);
	m.whence = 9;
	CHECK(rpc(&m.h, sizeof(m)) == EINVAL);		/* the routine's */
}

/* io_write claiming more inline data than the message holds. */
static void
test_counts(void)
{
	struct {
		mach_msg_header_t h;
		mach_msg_type_t data_type;
		char data[16];
		mach_msg_type_t offset_type;
		int64_t offset;
	} m;

	memset(&m, 0, sizeof(m));
	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE);
	m.h.msgh_size = sizeof(m);
	m.h.msgh_remote_port = io;
	m.h.msgh_local_port = reply_port;
	m.h.msgh_id = 30000;	/* io_write */
	m.data_type = int_type(MACH_MSG_TYPE_CHAR, 8);
	m.data_type.msgt_longform = 1;
	m.data_type.msgt_number = 16;
	m.offset_type = int_type(MACH_MSG_TYPE_INTEGER_64, 64);
	CHECK(rpc(&m.h, sizeof(m)) == 0);		/* as sent: valid */
	m.data_type.msgt_number = 4000;
	CHECK(rpc(&m.h, sizeof(m)) == MIG_BAD_ARGUMENTS);
	m.data_type.msgt_number = 16;
	m.data_type.msgt_size = 32;
	CHECK(rpc(&m.h, sizeof(m)) == MIG_BAD_ARGUMENTS);
	/*
	 * "Out of line" in a message not marked complex: the kernel moved
	 * nothing, so the pointer is ours, aimed at the server's own code.
	 * MIG's stub does not notice; the library must refuse it.
	 */
	m.data_type.msgt_size = 8;
	m.data_type.msgt_inline = 0;
	m.data_type.msgt_number = 4096;
	*(uint64_t *)m.data = 0x400000;
	m.h.msgh_size = sizeof(m.h) + 8 + 8;
	{
		char *p = (char *)&m.h + m.h.msgh_size;
		memcpy(p, &m.offset_type, 8);
		memset(p + 8, 0, 8);
		m.h.msgh_size += 16;
	}
	CHECK(rpc(&m.h, m.h.msgh_size) == MIG_BAD_ARGUMENTS);
}

/*
 * A send right where the offset belongs: refused, and the server
 * destroys the right (our no-senders notification says so).
 */
static void
test_port_for_int(void)
{
	struct seek_req m;
	mach_port_t p, prev, notify;
	struct {
		mach_msg_header_t h;
		char body[64];
	} n;

	mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &p);
	mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE,
	    &notify);
	CHECK(mach_port_request_notification(mach_task_self(), p,
	    MACH_NOTIFY_NO_SENDERS, 1, notify, MACH_MSG_TYPE_MAKE_SEND_ONCE,
	    &prev) == 0);
	seek_init(&m);
	m.h.msgh_bits |= MACH_MSGH_BITS_COMPLEX;
	m.offset_type = int_type(MACH_MSG_TYPE_MAKE_SEND, 64);
	memcpy(&m.offset, &p, sizeof(p));
	CHECK(rpc(&m.h, sizeof(m)) == MIG_BAD_ARGUMENTS);
	CHECK(mach_msg(&n.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(n),
	    notify, 10000, MACH_PORT_NULL) == 0 &&
	    n.h.msgh_id == MACH_NOTIFY_NO_SENDERS);
	mach_port_mod_refs(mach_task_self(), p, MACH_PORT_RIGHT_RECEIVE, -1);
	mach_port_mod_refs(mach_task_self(), notify, MACH_PORT_RIGHT_RECEIVE,
	    -1);
}

/* Out-of-line memory where the offset belongs. */
static void
test_ool_for_int(void)
{
	struct seek_req m;
	vm_address_t page = 0;

	vm_allocate(mach_task_self(), &page, 4096, TRUE);
	seek_init(&m);
	m.h.msgh_bits |= MACH_MSGH_BITS_COMPLEX;
	m.offset_type.msgt_inline = 0;
	m.offset_type.msgt_deallocate = 1;
	m.offset_type.msgt_name = MACH_MSG_TYPE_BYTE;
	m.offset_type.msgt_size = 8;
	m.offset_type.msgt_number = 4096;
	memcpy(&m.offset, &page, sizeof(page));
	CHECK(rpc(&m.h, sizeof(m)) == MIG_BAD_ARGUMENTS);
}

/* Without a reply port nothing comes back, and the server goes on. */
static void
test_no_reply_port(void)
{
	struct seek_req m;
	int64_t pos;
	int i;

	for (i = 0; i < 3; i++) {
		seek_init(&m);
		m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0);
		m.h.msgh_local_port = MACH_PORT_NULL;
		m.h.msgh_id = i == 0 ? 30099 : i == 1 ? 30002 : 30008;
		m.offset_type.msgt_size = i == 1 ? 32 : 64;
		CHECK(mach_msg(&m.h, MACH_SEND_MSG, i == 2 ? 32 : sizeof(m),
		    0, MACH_PORT_NULL, 0, MACH_PORT_NULL) == 0);
	}
	CHECK(io_seek(io, 5, 0, &pos) == 0 && pos == 5);
}

/*
 * Larger than the server's receive buffer (8 KiB): the kernel drops it
 * on the server's receive, and the client hears of it by the send-once
 * notification of its reply port, not by a hang.
 */
static void
test_too_large(void)
{
	static union {
		mach_msg_header_t h;
		char b[12288];
	} m;
	int64_t pos;

	memset(&m, 0, sizeof(m));
	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE);
	m.h.msgh_size = sizeof(m);
	m.h.msgh_remote_port = io;
	m.h.msgh_local_port = reply_port;
	m.h.msgh_id = 30002;
	CHECK(rpc(&m.h, sizeof(m)) == MIG_REPLY_MISMATCH);
	CHECK(io_seek(io, 6, 0, &pos) == 0 && pos == 6);
}

/* Random ids of the file protocols and random bytes, never complex. */
static void
test_random(void)
{
	static const int bases[] = { 30000, 30200, 30400, 30100, 29990 };
	int sent = 2000, replied, refused = 0;

	srand(2026);
	replied = srv_random_msgs(io, reply_port, bases, 5, sent, &refused);
	printf("srv_malformed: %d random messages, %d replies, %d errors\n",
	    sent, replied, refused);
	CHECK(replied == sent);
}

/* Valid io_seek and io_read requests with one to three bytes changed. */
static void
test_mutations(void)
{
	struct seek_req m, t;
	int i, k, sent = 0, replied = 0, ok = 0;
	kern_return_t kr;
	unsigned char *b = (unsigned char *)&m;

	for (i = 0; i < 2000; i++) {
		seek_init(&t);
		if (i % 2) {
			t.h.msgh_id = 30001;	/* io_read(offset, amount) */
			t.whence_type = int_type(MACH_MSG_TYPE_INTEGER_64, 64);
		}
		m = t;
		for (k = rand() % 3; k >= 0; k--)
			b[32 + rand() % (sizeof(m) - 32)] ^= 1 << (rand() % 8);
		if (rand() % 8 == 0)
			m.h.msgh_id ^= 1 << (rand() % 6);
		kr = rpc(&m.h, sizeof(m));
		sent++;
		if ((kr & 0xffffc000) == 0x10004000)
			continue;
		replied++;
		ok += kr == 0;
	}
	printf("srv_malformed: %d mutated requests, %d replies, %d succeeded\n",
	    sent, replied, ok);
	CHECK(replied == sent && ok > 0 && ok < sent);
}

int
main(void)
{
	mach_port_t control = client_control();
	int start, n, i;
	int64_t pos;

	CHECK(client_open(control, FS_O_READ | FS_O_WRITE, &io) == 0);
	mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE,
	    &reply_port);
	start = client_objects(control);
	test_types();
	test_counts();
	test_port_for_int();
	test_ool_for_int();
	test_no_reply_port();
	test_too_large();
	test_random();
	test_mutations();
	CHECK(io_seek(io, 3, 0, &pos) == 0 && pos == 3);
	for (i = 0, n = -1; i < 1000 && n != start; i++) {
		n = client_objects(control);
		usleep(10000);
	}
	printf("srv_malformed: %d objects before, %d after\n", start, n);
	CHECK(n == start);
	return check_done();
}
