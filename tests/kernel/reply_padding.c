/*
 * reply_padding.c -- the kernel's replies carry no stale kernel memory.
 * MIG pads every 4-byte datum to 8 bytes and leaves the pad alone, and a
 * fixed string's tail is whatever the buffer held.  This task sends
 * kernel RPCs by hand (host, task, thread and port routines, errors and
 * unknown ids among them), each just after it freed pages it had filled
 * with a pattern and sent itself a message full of it, and reads every
 * reply byte by byte: the unused bits of each type descriptor, the pad
 * after each datum, the upper half of each port slot and the tail of
 * each string must all be zero.
 */
#include "test.h"
#include "kern/klib.h"
#include <mach/mach.h>
#include <mach/mach_port.h>
#include <mach/mig_errors.h>
#include <mach/task_info.h>
#include <mach/thread_info.h>
#include <mach/thread_status.h>

#define TYPE_BITS(name, size, inl) ((name) | ((size) << 8) | ((inl) << 29))
#define ROUNDS	20

static union {
	mach_msg_header_t	h;
	uint8_t			b[8192];
} req, rep __attribute__((aligned(8)));
static size_t req_len;
static int replies, nonzero;
static mach_port_t dirty_port;		/* dirty_buffer's destination */

static void
put(const void *p, size_t n)
{
	memcpy(req.b + req_len, p, n);
	req_len += (n + 7) & ~7ul;
}

static void
arg32(uint32_t name, uint32_t v)
{
	uint32_t t[2] = { TYPE_BITS(name, 32, 1), 1 };
	uint64_t w = v;

	put(t, 8);
	put(&w, 8);
}

static void
arg64(uint64_t v)
{
	uint32_t t[2] = { TYPE_BITS(MACH_MSG_TYPE_INTEGER_64, 64, 1), 1 };

	put(t, 8);
	put(&v, 8);
}

/* Bytes [from, to) of the reply must be zero. */
static void
zeros(size_t from, size_t to, const char *what, int id)
{
	for (size_t i = from; i < to; i++)
		if (rep.b[i] != 0) {
			nonzero++;
			test_printf("reply_padding: id %d: %s byte %lu "
			    "is %#x\n", id, what, (unsigned long)i, rep.b[i]);
			return;
		}
}

/* Walk the reply's items and check every byte nothing should have set. */
static void
check_reply(int id)
{
	size_t off = sizeof(mach_msg_header_t), end = rep.h.msgh_size;

	replies++;
	while (off + 8 <= end) {
		uint32_t bits, number;
		uint64_t bytes;

		memcpy(&bits, rep.b + off, 4);
		memcpy(&number, rep.b + off + 4, 4);
		if (bits & (0x1ful << 24))
			zeros(off, off + 4, "descriptor's unused bits", id);
		off += 8;
		if (!((bits >> 29) & 1)) {		/* out of line */
			off += 8;
			continue;
		}
		bytes = ((uint64_t)number * ((bits >> 8) & 0xffff) + 7) / 8;
		if (bytes > end - off)
			break;
		if ((bits & 0xff) >= 16 && (bits & 0xff) <= 18)
			for (uint32_t i = 0; i < number; i++)
				zeros(off + 8 * i + 4, off + 8 * i + 8,
				    "port slot's upper half", id);
		if ((bits & 0xff) == MACH_MSG_TYPE_STRING) {
			size_t n = 0;

			while (n < bytes && rep.b[off + n] != 0)
				n++;

			zeros(off + n, off + bytes, "string's tail", id);
		}
		zeros(off + bytes, off + ((bytes + 7) & ~7ul), "pad", id);
		off += (bytes + 7) & ~7ul;
	}
}

/*
 * Fill pages with a pattern and give them back: the kernel's next buffers
 * come from the frames freed last, so stale bytes would show.
 */
static void
dirty_frames(void)
{
	vm_address_t a = 0;
	vm_size_t size = 16 * 4096;

	if (vm_allocate(mach_task_self(), &a, size, TRUE) != 0)
		return;
	memset((void *)a, 0xa5, size);
	vm_deallocate(mach_task_self(), a, size);
}

/*
 * Send ourselves a 4 KiB message full of a pattern: the kernel keeps a
 * few freed message buffers of that size for the next (ipc_kmsg.c), and
 * its reply buffers are of that size, so the next reply gets this one.
 */
static void
dirty_buffer(void)
{
	static union {
		mach_msg_header_t	h;
		uint8_t			b[4096];
	} m __attribute__((aligned(8)));

	memset(&m, 0xa5, sizeof(m));
	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0);
	m.h.msgh_size = sizeof(m);
	m.h.msgh_remote_port = dirty_port;
	m.h.msgh_local_port = MACH_PORT_NULL;
	m.h.msgh_id = 1;
	CHECK(mach_msg(&m.h, MACH_SEND_MSG | MACH_RCV_MSG, sizeof(m),
	    sizeof(m), dirty_port, 0, MACH_PORT_NULL) == MACH_MSG_SUCCESS);
}

/* Send the request built so far to dest as routine id; check the reply. */
static void
call(mach_port_t dest, int id, mach_port_t reply)
{
	mach_msg_return_t mr;

	req.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE);
	req.h.msgh_size = req_len;
	req.h.msgh_remote_port = dest;
	req.h.msgh_local_port = reply;
	req.h.msgh_id = id;
	dirty_frames();
	dirty_buffer();
	memset(&rep, 0x5a, sizeof(rep));	/* one buffer for both ways */
	memcpy(rep.b, req.b, req_len);
	mr = mach_msg(&rep.h, MACH_SEND_MSG | MACH_RCV_MSG, req_len,
	    sizeof(rep), reply, 0, MACH_PORT_NULL);
	CHECK(mr == MACH_MSG_SUCCESS);
	if (mr == MACH_MSG_SUCCESS) {
		CHECK(rep.h.msgh_id == id + 100);
		check_reply(id);
	}
	req_len = sizeof(mach_msg_header_t);
}

/* One round of RPCs: big replies first, to leave text in the buffers. */
static void
round_of_rpcs(mach_port_t reply, mach_port_t port)
{
	mach_port_t task = mach_task_self(), thread = mach_thread_self();

	call(mach_host_self(), 2646, reply);		/* kernel version */
	arg32(MACH_MSG_TYPE_INTEGER_32, i386_THREAD_STATE);
	arg32(MACH_MSG_TYPE_INTEGER_32, i386_THREAD_STATE_COUNT);
	call(thread, 2017, reply);			/* thread_get_state */
	arg32(MACH_MSG_TYPE_PORT_NAME, port);
	call(task, 3201, reply);			/* mach_port_type */
	arg32(MACH_MSG_TYPE_PORT_NAME, 0x4242);
	call(task, 3201, reply);			/* ... an error */
	arg32(MACH_MSG_TYPE_PORT_NAME, port);
	arg32(MACH_MSG_TYPE_INTEGER_32, MACH_PORT_RIGHT_RECEIVE);
	call(task, 3207, reply);			/* mach_port_get_refs */
	arg64((uint64_t)&req);
	call(task, 2029, reply);			/* vm_region */
	arg32(MACH_MSG_TYPE_INTEGER_32, TASK_BASIC_INFO);
	arg32(MACH_MSG_TYPE_INTEGER_32, TASK_BASIC_INFO_COUNT);
	call(task, 2012, reply);			/* task_info */
	arg32(MACH_MSG_TYPE_INTEGER_32, THREAD_BASIC_INFO);
	arg32(MACH_MSG_TYPE_INTEGER_32, THREAD_BASIC_INFO_COUNT);
	call(thread, 2019, reply);			/* thread_info */
	call(task, 3200, reply);			/* mach_port_names */
	call(mach_host_self(), 2643, reply);		/* host_get_time64 */
	call(task, 2099, reply);			/* no such routine */
	CHECK(mach_port_deallocate(task, thread) == 0);
}

int
main(void)
{
	mach_port_t self = mach_task_self(), reply, port;

	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &reply) == 0);
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &port) == 0);
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &dirty_port) ==
	    0);
	req_len = sizeof(mach_msg_header_t);
	for (int i = 0; i < ROUNDS; i++)
		round_of_rpcs(reply, port);
	test_printf("reply_padding: %d replies, %d with stale bytes\n",
	    replies, nonzero);
	CHECK(nonzero == 0);
	return 0;
}
