/*
 * msg_fuzz.c -- a million random and mutated messages and trap calls,
 * sent by a child task to its own ports and to kernel ports (task, thread,
 * host) with random ids of the kernel's subsystems.  Afterwards the child
 * is gone, and the kernel must be alive with exactly as many ports, heap
 * objects and free pages as before (host_info HOST_WHORL_KERNEL_STATS).
 * A small warm-up run first lets the parent's own pages settle.
 */
#include "test.h"
#include "kern/klib.h"
#include <mach/mach.h>
#include <mach/mach_port.h>
#include <mach/mach_host.h>
#include <mach/host_info.h>
#include <mach/task_special_ports.h>
#include <mach/thread_status.h>

#define BUF		2048
#define POOL		12

static uint64_t rng;
static uint64_t rounds;
static char buf[BUF + 64] __attribute__((aligned(8)));
static char ool[4096] __attribute__((aligned(4096)));
static mach_port_t pool[POOL];

static uint64_t
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* Kernel ids that would stop the fuzzer itself or outlive it. */
static int
forbidden(int id)
{
	static const int ids[] = { 2007, 2008, 2016, 2018, 2023, 2024, 2027,
	    2028, 2056, 2062, 3202, 3205, 3206, 3208, 2635 };

	for (unsigned i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		if (ids[i] == id)
			return 1;
	return 0;
}

static int
random_id(void)
{
	static const int base[] = { 2000, 3200, 2600, 4200, 2400, 64 };
	int id;

	do
		id = base[rnd() % 6] + (int)(rnd() % 100);
	while (forbidden(id));
	return id;
}

static uint64_t
random_pointer(void)
{
	switch (rnd() % 6) {
	case 0: return 0;
	case 1: return 0xdead0000;
	case 2: return 0xffff800000001000ul;
	case 3: return (uint64_t)ool + rnd() % 4096;
	case 4: return rnd();
	default: return (uint64_t)ool;
	}
}

/* A type descriptor of some plausible or hostile shape, and its data. */
static size_t
random_item(char *p, size_t room)
{
	mach_msg_type_t t = { 0 };
	size_t len;

	t.msgt_name = rnd() % 4 == 0 ? rnd() % 256 : 15 + rnd() % 8;
	if (rnd() % 2)
		t.msgt_name = MACH_MSG_TYPE_INTEGER_32;
	t.msgt_size = rnd() % 3 == 0 ? rnd() % 65536 :
	    (uint32_t[]){ 8, 32, 64 }[rnd() % 3];
	t.msgt_number = rnd() % 4 == 0 ? (uint32_t)rnd() : rnd() % 8;
	t.msgt_inline = rnd() % 4 != 0;
	t.msgt_longform = rnd() % 2;
	t.msgt_deallocate = rnd() % 8 == 0 && rounds > 0;
	if (room < 16)
		return 0;
	memcpy(p, &t, 8);
	len = 8;
	if (!t.msgt_inline) {
		uint64_t ptr = random_pointer();

		memcpy(p + 8, &ptr, 8);
		return 16;
	}
	for (; len < 40 && len + 8 <= room; len += 8) {
		uint64_t v = rnd() % 3 ? pool[rnd() % POOL] : rnd();

		memcpy(p + len, &v, 8);
	}
	return len;
}

static void
fuzz_message(void)
{
	mach_msg_header_t *h = (mach_msg_header_t *)buf;
	mach_msg_option_t opt = MACH_SEND_MSG | MACH_SEND_TIMEOUT;
	mach_msg_size_t size;
	size_t off = sizeof(*h);

	memset(buf, 0, 256);
	h->msgh_bits = MACH_MSGH_BITS(rnd() % 4 ? 17 + rnd() % 5 : rnd() % 256,
	    rnd() % 3 ? 17 + rnd() % 5 : rnd() % 256);
	if (rnd() % 2)
		h->msgh_bits |= MACH_MSGH_BITS_COMPLEX;
	h->msgh_remote_port = pool[rnd() % POOL];
	h->msgh_local_port = rnd() % 2 ? pool[rnd() % POOL] : MACH_PORT_NULL;
	h->msgh_id = random_id();
	while (rnd() % 3 && off < 200)
		off += random_item(buf + off, BUF - off);
	size = rnd() % 8 == 0 ? (mach_msg_size_t)rnd() % (BUF + 64) : off;
	for (int i = rnd() % 4; i > 0; i--)		/* mutations */
		buf[rnd() % 256] ^= (char)(1 << (rnd() % 8));
	if (rnd() % 4 == 0)
		opt |= MACH_RCV_MSG | MACH_RCV_TIMEOUT;
	mach_msg(rnd() % 16 ? h : (mach_msg_header_t *)random_pointer(), opt,
	    size, rnd() % 512, pool[rnd() % POOL], 0, MACH_PORT_NULL);
}

static void
fuzz_receive(void)
{
	mach_msg_option_t opt = MACH_RCV_MSG | MACH_RCV_TIMEOUT;

	if (rnd() % 4 == 0)
		opt |= MACH_RCV_LARGE;
	mach_msg((mach_msg_header_t *)buf, opt, 0, rnd() % 2 ? 64 : BUF,
	    pool[rnd() % POOL], 0, MACH_PORT_NULL);
}

/* Traps that exist, with random arguments (never a printable string). */
static void
fuzz_trap(void)
{
	switch (rnd() % 5) {
	case 0: raw_trap(-30, (long)random_pointer() | 1, 0, 0, 0, 0);
		break;
	case 1: raw_trap(-59, (long)rnd(), 0, 0, 0, 0); break;
	case 2: raw_trap(-61, (long)rnd(), (long)rnd(), 0, 0, 0); break;
	case 3: raw_trap(-28, 0, 0, 0, 0, 0); break;
	default: raw_trap(-10 - (long)(rnd() % 4), (long)rnd(), 0, 0, 0, 0);
	}
}

static void
child_main(void)
{
	mach_port_t self, boot, p, r;

	mig_forget_reply_port();
	self = mach_task_self();
	task_get_special_port(self, TASK_BOOTSTRAP_PORT, &boot);
	mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p);
	mach_port_insert_right(self, p, p, MACH_MSG_TYPE_MAKE_SEND);
	mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &r);
	pool[0] = p; pool[1] = r; pool[2] = self; pool[3] = mach_thread_self();
	pool[4] = mach_host_self(); pool[5] = MACH_PORT_NULL;
	pool[6] = MACH_PORT_DEAD; pool[7] = 0x4242;
	mach_port_allocate(self, MACH_PORT_RIGHT_DEAD_NAME, &pool[8]);
	mach_port_allocate(self, MACH_PORT_RIGHT_PORT_SET, &pool[9]);
	pool[10] = p; pool[11] = r;
	for (uint64_t i = 0; i < rounds; i++) {
		unsigned k = rnd() % 8;

		if (k < 5)
			fuzz_message();
		else if (k < 7)
			fuzz_receive();
		else
			fuzz_trap();
	}
	mach_msg((mach_msg_header_t *)&(mach_msg_header_t){
	    .msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0),
	    .msgh_size = sizeof(mach_msg_header_t), .msgh_remote_port = boot,
	    .msgh_id = 1 }, MACH_SEND_MSG, sizeof(mach_msg_header_t), 0, 0, 0, 0);
	task_terminate(self);
	for (;;)
		swtch();
}

/* Run the fuzzer in a child task and wait for it to be gone. */
static void
run_child(uint64_t n, uint64_t seed)
{
	mach_port_t self = mach_task_self(), child, thread, done;
	vm_address_t stack = 0;
	struct i386_thread_state st = { 0 };
	struct {
		mach_msg_header_t	h;
		char			body[256];
	} r;
	mach_port_type_t type;

	rounds = n;
	rng = seed;
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &done) == 0);
	CHECK(mach_port_insert_right(self, done, done,
	    MACH_MSG_TYPE_MAKE_SEND) == 0);
	CHECK(task_create(self, TRUE, &child) == 0);
	CHECK(task_set_special_port(child, TASK_BOOTSTRAP_PORT, done) == 0);
	CHECK(mach_port_deallocate(self, done) == 0);	/* the child has it */
	CHECK(vm_allocate(child, &stack, 65536, TRUE) == 0);
	CHECK(thread_create(child, &thread) == 0);
	st.rip = (uint64_t)child_main;
	st.ursp = stack + 65536 - 8;
	CHECK(thread_set_state(thread, i386_THREAD_STATE, (thread_state_t)&st,
	    i386_THREAD_STATE_COUNT) == 0);
	CHECK(thread_resume(thread) == 0);
	/* The child may have sent other things here too: wait for its end. */
	while (mach_port_type(self, child, &type) == 0 &&
	    type != MACH_PORT_TYPE_DEAD_NAME)
		mach_msg(&r.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(r),
		    done, 10, 0);
	while (mach_port_type(self, thread, &type) == 0 &&
	    type != MACH_PORT_TYPE_DEAD_NAME)
		swtch();
	CHECK(mach_port_destroy(self, child) == 0);
	CHECK(mach_port_destroy(self, thread) == 0);
	CHECK(mach_port_destroy(self, done) == 0);
}

int
main(int argc, char **argv)
{
	struct whorl_kernel_stats before, after;
	uint64_t n = 1000000, seed = 0x5eed5eed;

	if (argc > 1)
		n = test_parse_number(argv[1]);
	if (argc > 2)
		seed = test_parse_number(argv[2]);
	run_child(2000, 1);		/* warm-up: the same paths, once */
	test_kernel_stats(&before);
	run_child(n, seed);
	test_kernel_stats(&after);
	test_printf("msg_fuzz: %lu operations\n", (unsigned long)n);
	test_kernel_stats_same("msg_fuzz", &before, &after, KSTATS_ALL);
	return 0;
}
