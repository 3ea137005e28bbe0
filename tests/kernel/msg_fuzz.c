/*
 * msg_fuzz.c -- a million random and mutated messages and trap calls,
 * sent by a child task to its own ports and to kernel ports (task, thread,
 * host) with random ids of the kernel's subsystems.  Afterwards the child
 * is gone, and the kernel must be alive with exactly as many ports, heap
 * objects and free pages as before (host_info HOST_WHORL_KERNEL_STATS).
 * A small warm-up run first lets the parent's own pages settle.  With
 * "typed" first the child sends MIG-shaped requests instead (fuzz_typed).
 */
#include "test.h"
#include "kern/klib.h"
#include <mach/mig_support.h>
#include <mach/mach.h>
#include <mach/mach_port.h>
#include <mach/mach_host.h>
#include <mach/host_info.h>
#include <mach/task_special_ports.h>
#include <mach/thread_status.h>
#include <mach/machine/mach_i386_types.h>
#include <device/device_types.h>

#define BUF		2048
#define POOL		12
#define TBUF		8192		/* the largest MIG request fits */
#define OOL_AREA	0x10000000ul	/* the typed mode's out-of-line data */
/*
 * The child's stack, far from the addresses the fuzzer names (small port
 * names, 4096, OOL_AREA): a mutated descriptor may have the kernel
 * deallocate whatever such an address points at.
 */
#define CHILD_STACK	0x30000000ul

static uint64_t rng;
static uint64_t rounds;
static int typed;			/* MIG-shaped requests (fuzz_typed) */
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

/*
 * The typed mode: every routine the kernel serves, its request laid out
 * by MIG's own client stub (mig_requests.h, made by mig_requests.py from
 * the stubs), filled with plausible values, then one field mutated: a
 * type name, size, count, the inline, longform or deallocate bit, a
 * datum, msgh_size, msgh_bits or the id.  Requests go to a sacrificial
 * task and thread (remade when a request ends them) and the host port.
 */
enum { FZ_TASK, FZ_THREAD, FZ_HOST, FZ_OTHER };
struct fz_desc { uint32_t off, len; };		/* descriptor, datum size */
struct fz_routine {
	const char	*name;
	int		 id, target;
	size_t		(*fill)(void *, struct fz_desc *, int *);
};
#include "mig_requests.h"

#define NROUTINES	(sizeof(fz_routines) / sizeof(fz_routines[0]))

static char tbuf[TBUF] __attribute__((aligned(8)));
static mach_port_t victim, victim_thread, fz_reply, fz_host;

/* Ids that would block the fuzzer, leak a task, or run the victim. */
static int
typed_forbidden(int id)
{
	return id == 2007 || id == 2057 || id == 2063 || id == 4204;
}

static void
victim_make(void)
{
	mach_port_t self = mach_task_self();

	if (victim != MACH_PORT_NULL) {
		task_terminate(victim);
		mach_port_destroy(self, victim);
		mach_port_destroy(self, victim_thread);
	}
	victim = victim_thread = MACH_PORT_NULL;
	task_create(self, FALSE, &victim);
	thread_create(victim, &victim_thread);
	/* A request may move a right away; we must keep one to end it. */
	mach_port_mod_refs(self, victim, MACH_PORT_RIGHT_SEND, 1000);
	mach_port_mod_refs(self, victim_thread, MACH_PORT_RIGHT_SEND, 1000);
}

/* The out-of-line area, back in place if a request deallocated it. */
static void
ool_area_restore(void)
{
	vm_address_t a = OOL_AREA;

	vm_allocate(mach_task_self(), &a, 4 * 4096, FALSE);
}

static uint64_t
typed_value(void)
{
	static const uint64_t v[] = { 0, 1, 2, 8, 4096, 0x7ffffffff000ul,
	    ~0ul, 1ul << 63, 0xfffffffffffff000ul, OOL_AREA };

	return rnd() % 3 ? v[rnd() % 10] : rnd();
}

/* Plausible contents for one descriptor and its datum. */
static void
typed_fill(char *b, const struct fz_desc *d)
{
	mach_msg_type_t *t = (mach_msg_type_t *)(b + d->off);
	char *datum = b + d->off + 8;
	uint32_t room = d->len * 8 / (t->msgt_size ? t->msgt_size : 8);

	if (t->msgt_name == 255 || MACH_MSG_TYPE_PORT_ANY(t->msgt_name)) {
		if (t->msgt_name == 255)
			t->msgt_name = 19 + rnd() % 2;	/* COPY or MAKE_SEND */
		for (uint32_t i = 0; i < d->len / 8; i++)
			*(uint64_t *)(datum + 8 * i) = pool[rnd() % POOL];
	} else if (t->msgt_name == MACH_MSG_TYPE_PORT_NAME && d->len == 4) {
		/* Names like those the victim's space holds, mostly. */
		*(uint32_t *)datum = rnd() % 4 ? pool[rnd() % POOL] :
		    (uint32_t)typed_value();
	} else if (!t->msgt_inline) {
		*(uint64_t *)datum = OOL_AREA + rnd() % 2 * 4096;
		if (t->msgt_number == 0)
			t->msgt_number = rnd() % 4096;
		((mach_msg_type_long_t *)t)->msgtl_number = t->msgt_number;
	} else {
		if (t->msgt_number == 0 && room > 1)
			t->msgt_number = rnd() % room;
		for (uint32_t i = 0; i + 8 <= d->len && i < 64; i += 8)
			*(uint64_t *)(datum + i) = typed_value();
		if (d->len < 8)
			*(uint32_t *)datum = (uint32_t)typed_value();
	}
}

/* A type name: every data and port type, the edges, or any byte. */
static uint32_t
typed_name(void)
{
	static const uint8_t names[] = { 0, 1, 2, 8, 9, 10, 11, 12, 13, 14,
	    15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 255 };

	return rnd() % 4 ? names[rnd() % sizeof(names)] : rnd() % 256;
}

/* Change exactly one field (or, one time in eleven, none). */
static void
typed_mutate(char *b, const struct fz_desc *d, int nd, mach_msg_size_t *size)
{
	mach_msg_header_t *h = (mach_msg_header_t *)b;
	mach_msg_type_t *t = nd ? (mach_msg_type_t *)(b + d[rnd() % nd].off) :
	    NULL;

	switch (rnd() % (t != NULL ? 11 : 4)) {
	case 0: *size = rnd() % 2 ? *size + 8 * (rnd() % 5) - 16 :
		    rnd() % TBUF; break;
	case 1: h->msgh_bits ^= 1u << (rnd() % 32); break;
	case 2: h->msgh_id += (int)(rnd() % 7) - 3; break;	/* neighbours */
	case 3: break;
	case 4: t->msgt_name = typed_name(); break;
	case 5: t->msgt_size = rnd() % 2 ? rnd() % 65536 : 1u << (rnd() % 7);
		break;
	case 6: t->msgt_number = rnd() % 2 ? (uint32_t)rnd() :
		    t->msgt_number + (int)(rnd() % 3) - 1; break;
	case 7: t->msgt_inline ^= 1; break;
	case 8: t->msgt_longform ^= 1; break;
	case 9: t->msgt_deallocate ^= 1; break;
	default: *(uint64_t *)((char *)t + 8) = typed_value(); break;
	}
}

/* Give back what a reply brought: out-of-line memory and rights. */
static void
typed_reply_clean(mach_msg_header_t *h)
{
	mach_port_t self = mach_task_self();
	size_t off = sizeof(*h), end = MIN(h->msgh_size, TBUF);

	if (MACH_MSGH_BITS_REMOTE(h->msgh_bits) != 0)
		mach_port_deallocate(self, h->msgh_remote_port);
	if (!(h->msgh_bits & MACH_MSGH_BITS_COMPLEX))
		return;
	while (off + 16 <= end) {
		mach_msg_type_t *t = (mach_msg_type_t *)(tbuf + off);
		uint64_t bytes = ((uint64_t)t->msgt_number * t->msgt_size + 7) /
		    8, v = *(uint64_t *)(t + 1);
		int port = MACH_MSG_TYPE_PORT_ANY_RIGHT(t->msgt_name);

		if (port && t->msgt_inline)
			for (uint32_t i = 0; i < t->msgt_number &&
			    off + 16 + 8 * i <= end; i++)
				mach_port_deallocate(self,
				    *(mach_port_t *)(tbuf + off + 8 + 8 * i));
		else if (port)
			for (uint32_t i = 0; i < t->msgt_number; i++)
				mach_port_deallocate(self,
				    ((mach_port_t *)v)[i]);
		if (!t->msgt_inline && v != 0)
			vm_deallocate(self, v, bytes);
		off += 8 + (t->msgt_inline ? (bytes + 7) & ~7ul : 8);
	}
}

/*
 * The kernel deallocates what an out-of-line item with the deallocate bit
 * points at, in our own map: only inside the out-of-line area, or the
 * fuzzer would unmap its own stack or code.  Whether any item may.
 */
static int
typed_dealloc_guard(const struct fz_desc *d, int nd)
{
	int any = 0;

	for (int i = 0; i < nd; i++) {
		mach_msg_type_t *t = (mach_msg_type_t *)(tbuf + d[i].off);
		uint64_t a = *(uint64_t *)(t + 1);

		if (t->msgt_deallocate && !t->msgt_inline &&
		    (a < OOL_AREA || a >= OOL_AREA + (64ul << 20)))
			t->msgt_deallocate = 0;
		any |= t->msgt_deallocate;
	}
	return any;
}

static void
fuzz_typed(void)
{
	const struct fz_routine *r = &fz_routines[rnd() % NROUTINES];
	mach_msg_header_t *h = (mach_msg_header_t *)tbuf;
	/* Never our own task or thread: the fuzzer would end itself. */
	const mach_port_t target[] = { victim, victim_thread, fz_host,
	    pool[rnd() % 2] };
	struct fz_desc d[32];
	mach_msg_size_t size;
	mach_msg_return_t mr;
	int nd, dealloc;

	if (typed_forbidden(r->id))
		return;
	memset(tbuf, 0, 512);
	size = r->fill(tbuf, d, &nd);
	for (int i = 0; i < nd; i++) {
		mach_msg_type_t *t = (mach_msg_type_t *)(tbuf + d[i].off);

		typed_fill(tbuf, &d[i]);
		if (MACH_MSG_TYPE_PORT_ANY(t->msgt_name) || !t->msgt_inline)
			h->msgh_bits |= MACH_MSGH_BITS_COMPLEX;
	}
	h->msgh_remote_port = target[rnd() % 8 ? (uint64_t)r->target :
	    rnd() % 4];
	h->msgh_local_port = MACH_MSGH_BITS_LOCAL(h->msgh_bits) ? fz_reply :
	    MACH_PORT_NULL;
	typed_mutate(tbuf, d, nd, &size);
	if (typed_forbidden(h->msgh_id))
		return;
	dealloc = typed_dealloc_guard(d, nd);
	h->msgh_size = size;
	mr = mach_msg(h, MACH_SEND_MSG | MACH_SEND_TIMEOUT | MACH_RCV_MSG |
	    MACH_RCV_TIMEOUT, size, TBUF, fz_reply, 0, MACH_PORT_NULL);
	if (mr == MACH_MSG_SUCCESS)
		typed_reply_clean(h);
	else if (mr == MACH_RCV_INVALID_NAME)	/* the request moved it */
		mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE,
		    &fz_reply);
	if (r->id == 2008 || rnd() % 4096 == 0)
		victim_make();
	else if (r->id == 2016)
		thread_create(victim, &victim_thread);
	if (dealloc)
		ool_area_restore();
}

static mach_port_t child_boot;

/* Whether name is one the child keeps across a sweep. */
static int
child_keeps(mach_port_t name)
{
	const mach_port_t keep[] = { victim, victim_thread, fz_reply, fz_host,
	    child_boot, mig_get_reply_port() };

	for (unsigned i = 0; i < sizeof(keep) / sizeof(keep[0]); i++)
		if (name == keep[i])
			return 1;
	for (unsigned i = 0; i < sizeof(pool) / sizeof(pool[0]); i++)
		if (name == pool[i])
			return 1;
	return 0;
}

/*
 * What a long-running program does and the fuzzer must too, now that the
 * kernel bounds what a task may hold (docs/kernel.md, "Limits"): read and
 * clean what was queued on its own ports, and drop every name a mutated
 * request made in its own space.
 */
static void
child_sweep(void)
{
	mach_port_t self = mach_task_self(), *names;
	mach_port_type_t *types;
	mach_msg_type_number_t nn, nt;
	mach_msg_header_t *h = (mach_msg_header_t *)tbuf;
	const mach_port_t drain[] = { pool[0], pool[1], fz_reply };

	for (unsigned i = 0; i < sizeof(drain) / sizeof(drain[0]); i++)
		while (mach_msg(h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, TBUF,
		    drain[i], 0, MACH_PORT_NULL) == MACH_MSG_SUCCESS)
			typed_reply_clean(h);
	if (mach_port_names(self, &names, &nn, &types, &nt) != KERN_SUCCESS)
		return;
	for (mach_msg_type_number_t i = 0; i < nn; i++)
		if (!child_keeps(names[i]))
			mach_port_destroy(self, names[i]);
	vm_deallocate(self, (vm_address_t)names, nn * sizeof(*names));
	vm_deallocate(self, (vm_address_t)types, nt * sizeof(*types));
}

static void
child_main(void)
{
	mach_port_t self, boot, p, r;

	mig_forget_reply_port();
	self = mach_task_self();
	task_get_special_port(self, TASK_BOOTSTRAP_PORT, &boot);
	child_boot = boot;
	mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p);
	mach_port_insert_right(self, p, p, MACH_MSG_TYPE_MAKE_SEND);
	mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &r);
	pool[0] = p; pool[1] = r; pool[2] = self; pool[3] = mach_thread_self();
	pool[4] = mach_host_self(); pool[5] = MACH_PORT_NULL;
	pool[6] = MACH_PORT_DEAD; pool[7] = 0x4242;
	mach_port_allocate(self, MACH_PORT_RIGHT_DEAD_NAME, &pool[8]);
	mach_port_allocate(self, MACH_PORT_RIGHT_PORT_SET, &pool[9]);
	pool[10] = p; pool[11] = r;
	if (typed) {
		mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &fz_reply);
		fz_host = mach_host_self();
		ool_area_restore();
		victim_make();
	}
	for (uint64_t i = 0; i < rounds; i++) {
		unsigned k = rnd() % 8;

		if (typed && (i + 1) % 4096 == 0)
			child_sweep();
		if (typed)
			fuzz_typed();
		else if (k < 5)
			fuzz_message();
		else if (k < 7)
			fuzz_receive();
		else
			fuzz_trap();
	}
	if (victim != MACH_PORT_NULL)
		task_terminate(victim);
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
	vm_address_t stack = CHILD_STACK;
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
	CHECK(vm_allocate(child, &stack, 65536, FALSE) == 0);
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

/*
 * Wait (up to about 10 s) for the tasks the child made to be gone: a
 * terminated task whose thread never ran ends when that thread next runs.
 */
static void
stats_settled(struct whorl_kernel_stats *ks, uint64_t tasks)
{
	mach_port_t p;
	mach_msg_header_t h;

	mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &p);
	for (int i = 0; i < 1000; i++) {
		test_kernel_stats(ks);
		if (ks->tasks <= tasks)
			break;
		mach_msg(&h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(h), p,
		    10, 0);
	}
	mach_port_destroy(mach_task_self(), p);
	test_kernel_stats(ks);
}

int
main(int argc, char **argv)
{
	struct whorl_kernel_stats before, after;
	uint64_t n = 1000000, seed = 0x5eed5eed, t0, tasks;

	if (argc > 1 && argv[1][0] == 't') {	/* "typed" */
		typed = 1;
		argc--;
		argv++;
	}
	if (argc > 1)
		n = test_parse_number(argv[1]);
	if (argc > 2)
		seed = test_parse_number(argv[2]);
	test_kernel_stats(&before);
	tasks = before.tasks;
	run_child(2000, 1);		/* warm-up: the same paths, once */
	stats_settled(&before, tasks);
	t0 = test_rdtsc();
	run_child(n, seed);
	t0 = test_rdtsc() - t0;
	stats_settled(&after, tasks);
	test_printf("msg_fuzz: %lu %s in %lu M guest cycles\n",
	    (unsigned long)n, typed ? "typed requests" : "operations",
	    (unsigned long)(t0 >> 20));
	test_kernel_stats_same("msg_fuzz", &before, &after, KSTATS_ALL);
	return 0;
}
