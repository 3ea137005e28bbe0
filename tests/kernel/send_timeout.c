/*
 * send_timeout.c -- a send that fails at a full queue after its rights
 * and memory were taken (MACH_SEND_TIMED_OUT, at once or after waiting,
 * and MACH_SEND_INTERRUPTED by thread_abort) loses nothing: as on GNU
 * Mach the message comes back in the sender's buffer with its rights in
 * the sender's space and its out-of-line memory at a new address.  The
 * send-once rights that come back still work, and the kernel's ports,
 * heap objects and free pages end where they started.  Without a
 * timeout the sender waits until there is room, and its message arrives
 * whole.
 */
#include "test.h"
#include <mach/mach.h>
#include <mach/mach_port.h>
#include <mach/mach_host.h>
#include <mach/host_info.h>
#include <mach/thread_status.h>

#define TYPE_BITS(name, size, inl, dealloc) \
	((name) | ((size) << 8) | ((inl) << 29) | ((uint32_t)(dealloc) << 31))

struct msg_int {
	mach_msg_header_t	h;
	uint32_t		tbits, tnum;
	int32_t			value, pad;
};

/* A request carrying a send-once right and a page of memory, moved. */
struct msg_carry {
	mach_msg_header_t	h;
	uint32_t		pbits, pnum;
	uint64_t		port;
	uint32_t		obits, onum;
	uint64_t		addr;
};

static mach_port_t self, full, other, reply;


static mach_msg_return_t
send_int(mach_port_t dest, int disp, int value)
{
	struct msg_int m = { 0 };

	m.h.msgh_bits = MACH_MSGH_BITS(disp, 0);
	m.h.msgh_size = sizeof(m);
	m.h.msgh_remote_port = dest;
	m.h.msgh_id = 1000 + value;
	m.tbits = TYPE_BITS(MACH_MSG_TYPE_INTEGER_32, 32, 1, 0);
	m.tnum = 1;
	m.value = value;
	return mach_msg(&m.h, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(m), 0,
	    0, 0, 0);
}

/* A send-once right to `other' and a page holding `tag', ready to send. */
static void
carry_init(struct msg_carry *m, int tag)
{
	mach_port_t so;
	mach_msg_type_name_t type;
	vm_address_t page = 0;

	CHECK(mach_port_extract_right(self, other,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE, &so, &type) == 0);
	CHECK(vm_allocate(self, &page, 4096, TRUE) == 0);
	for (int i = 0; i < 4096; i += 4)
		*(int *)(page + i) = tag + i;
	*m = (struct msg_carry){ 0 };
	m->h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE) | MACH_MSGH_BITS_COMPLEX;
	m->h.msgh_size = sizeof(*m);
	m->h.msgh_remote_port = full;
	m->h.msgh_local_port = reply;
	m->h.msgh_id = 4242;
	m->pbits = TYPE_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE, 64, 1, 0);
	m->pnum = 1;
	m->port = so;
	m->obits = TYPE_BITS(MACH_MSG_TYPE_BYTE, 8, 0, 1);
	m->onum = 4096;
	m->addr = page;
}

/* Use a send-once right that came back: `port' must hear `value'. */
static int
use_once(mach_port_t so, mach_port_t port, int value)
{
	struct msg_int m;
	mach_port_type_t type;

	if (mach_port_type(self, so, &type) != 0 ||
	    type != MACH_PORT_TYPE_SEND_ONCE)
		return 0;
	if (send_int(so, MACH_MSG_TYPE_MOVE_SEND_ONCE, value) != 0)
		return 0;
	return mach_msg(&m.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(m),
	    port, 0, 0) == 0 && m.value == value;
}

/* The message after a failed send: everything back, usable. */
static void
check_returned(struct msg_carry *m, int tag)
{
	int same = 1;

	CHECK(m->h.msgh_bits == (MACH_MSGH_BITS(MACH_MSG_TYPE_PORT_SEND,
	    MACH_MSG_TYPE_PORT_SEND_ONCE) | MACH_MSGH_BITS_COMPLEX));
	CHECK(m->h.msgh_remote_port == full);	/* merged with our name */
	CHECK(m->h.msgh_size == sizeof(*m) && m->h.msgh_id == 4242);
	CHECK((m->pbits & 0xff) == MACH_MSG_TYPE_PORT_SEND_ONCE);
	CHECK(use_once((mach_port_t)m->port, other, tag));
	CHECK(use_once(m->h.msgh_local_port, reply, tag + 1));
	CHECK(m->addr != 0 && m->onum == 4096);
	for (int i = 0; m->addr != 0 && i < 4096; i += 4)
		same &= *(int *)(m->addr + i) == tag + i;
	CHECK(same);
	CHECK(vm_deallocate(self, m->addr, 4096) == 0);
	/* COPY_SEND came back as one more user reference. */
	CHECK(mach_port_mod_refs(self, full, MACH_PORT_RIGHT_SEND, -1) == 0);
}

static volatile int blocked_result = -1;
static struct msg_carry blocked_msg;

static void
blocked_sender(void)
{
	blocked_result = mach_msg(&blocked_msg.h, MACH_SEND_MSG,
	    sizeof(blocked_msg), 0, 0, 0, 0);
	for (;;)
		swtch();
}

static void
test_interrupted(void)
{
	vm_address_t stack = 0;
	mach_port_t thread;

	blocked_result = -1;
	carry_init(&blocked_msg, 3000);
	CHECK((thread = test_thread_create(self, blocked_sender, &stack)) !=
	    MACH_PORT_NULL);
	CHECK(thread_resume(thread) == 0);
	for (int i = 0; i < 50; i++)
		swtch();		/* let it block at the full queue */
	CHECK(blocked_result == -1);
	CHECK(thread_abort(thread) == 0);
	for (int i = 0; i < 50 && blocked_result == -1; i++)
		swtch();
	CHECK(blocked_result == MACH_SEND_INTERRUPTED);
	CHECK(thread_terminate(thread) == 0);
	CHECK(mach_port_deallocate(self, thread) == 0);
	CHECK(vm_deallocate(self, stack, 65536) == 0);
	if (blocked_result == MACH_SEND_INTERRUPTED)
		check_returned(&blocked_msg, 3000);
}

/*
 * Without a timeout a sender waits at the full queue as long as it
 * takes, and its message goes through whole once there is room.
 */
static void
test_waits_for_room(void)
{
	vm_address_t stack = 0;
	struct msg_int first;
	struct msg_carry got;
	mach_port_t thread;

	blocked_result = -1;
	carry_init(&blocked_msg, 4000);
	CHECK((thread = test_thread_create(self, blocked_sender, &stack)) !=
	    MACH_PORT_NULL);
	CHECK(thread_resume(thread) == 0);
	for (int i = 0; i < 50; i++)
		swtch();
	CHECK(blocked_result == -1);		/* still waiting */
	CHECK(mach_msg(&first.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
	    sizeof(first), full, 0, 0) == 0);	/* room for one */
	for (int i = 0; i < 50 && blocked_result == -1; i++)
		swtch();
	CHECK(blocked_result == MACH_MSG_SUCCESS);
	CHECK(mach_msg(&got.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(got),
	    full, 0, 0) == 0 && got.h.msgh_id == 4242);
	CHECK(use_once((mach_port_t)got.port, other, 4000));
	CHECK(use_once(got.h.msgh_remote_port, reply, 4001));
	CHECK(got.addr != 0 && *(int *)got.addr == 4000);
	CHECK(vm_deallocate(self, got.addr, 4096) == 0);
	CHECK(send_int(full, MACH_MSG_TYPE_COPY_SEND, 1) == 0);	/* full */
	CHECK(thread_terminate(thread) == 0);
	CHECK(mach_port_deallocate(self, thread) == 0);
	CHECK(vm_deallocate(self, stack, 65536) == 0);
}

/* Every case once; the ports it makes are gone when it returns. */
static void
run_cases(void)
{
	struct msg_carry m;
	mach_msg_return_t mr;

	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &full) == 0);
	CHECK(mach_port_insert_right(self, full, full,
	    MACH_MSG_TYPE_MAKE_SEND) == 0);
	CHECK(mach_port_set_qlimit(self, full, 1) == 0);
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &other) == 0);
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &reply) == 0);
	CHECK(send_int(full, MACH_MSG_TYPE_COPY_SEND, 1) == 0);	/* now full */

	carry_init(&m, 1000);
	mr = mach_msg(&m.h, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(m), 0, 0,
	    0, 0);
	CHECK(mr == MACH_SEND_TIMED_OUT);
	if (mr == MACH_SEND_TIMED_OUT)
		check_returned(&m, 1000);

	carry_init(&m, 2000);		/* the same after waiting 30 ms */
	mr = mach_msg(&m.h, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(m), 0, 0,
	    30, 0);
	CHECK(mr == MACH_SEND_TIMED_OUT);
	if (mr == MACH_SEND_TIMED_OUT)
		check_returned(&m, 2000);

	test_interrupted();
	test_waits_for_room();
	CHECK(mach_port_destroy(self, full) == 0);
	CHECK(mach_port_destroy(self, other) == 0);
	CHECK(mach_port_destroy(self, reply) == 0);
	for (int i = 0; i < 20; i++)
		swtch();		/* the dead thread is reaped */
}

int
main(void)
{
	struct whorl_kernel_stats before, after;

	self = mach_task_self();
	run_cases();		/* warm-up: page tables and slabs settle */
	test_kernel_stats(&before);
	run_cases();
	test_kernel_stats(&after);
	test_kernel_stats_same("send_timeout", &before, &after,
	    KSTATS_PORTS | KSTATS_HEAP | KSTATS_PAGES);
	return 0;
}
