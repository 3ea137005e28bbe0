/*
 * kernel_hogs.c -- bounded kernel memory per task (docs/kernel.md,
 * "Limits").  Each hog is a child task, its limit set low by the
 * privileged host port (argv[1]), that loops allocating one kind of
 * kernel object: ports, threads, rights in messages nobody receives,
 * out-of-line port arrays and memory, dead-name requests, map entries,
 * page tables (that hog dies at its fault).
 * Each must be stopped by a clean error, its charges stay under the limit,
 * our own RPCs keep answering meanwhile (the worst round trip is
 * printed), and once the hogs are terminated every kernel count is back
 * where it started.  Also: charges return exactly when their objects go,
 * even messages (with rights in transit) queued by a task that died, and
 * only the privileged host port sets a limit.
 */
#include "test.h"
#include <stdbool.h>
#include <mach/mach.h>
#include <mach/notify.h>
#include <mach/mach_host.h>
#include <mach/mach_port.h>
#include <mach/host_info.h>
#include <mach/kernel_usage.h>
#include <mach/whorl.h>
#include <mach/thread_status.h>

#define HOG_LIMIT	(512ul << 10)
#define HOG_SLACK	(16ul << 10)	/* forced charges: a reply or two */
#define HOG_STACK	65536
#define MAX_ROUNDS	2000000		/* RPCs before a hog counts as stuck */
#define OOL_PORTS	256
#define PRESS		300		/* tries at the limit */
#define TRANSIT_NAME	0x1001		/* our port, in the dying sender */
#define TRANSIT_MSGS	4		/* under the queue limit */
#define PT_REGION	(4ul << 30)	/* the page-table hog's region */
#define PT_STRIDE	(2ul << 20)	/* a page-table page each */
#define OOL_BYTES	(64 << 10)

enum hog { HOG_PORTS = 1, HOG_THREADS, HOG_RIGHTS, HOG_OOL_PORTS,
	HOG_OOL_MEMORY, HOG_DNREQUESTS, HOG_MAP_ENTRIES, HOG_TASKS, HOG_PSETS,
	HOG_COUNT };

static const char *const hog_names[HOG_COUNT] = { "", "ports", "threads",
	"rights in messages", "out-of-line port arrays",
	"out-of-line memory", "dead-name requests", "map entries",
	"tasks made by tasks", "port sets" };

/* Shared with the children (VM_INHERIT_SHARE). */
struct shared {
	volatile int		 hog;		/* which one to run */
	volatile int		 done;		/* it stopped */
	volatile kern_return_t	 kr;		/* with this */
	volatile uint64_t	 count;		/* after this many */
	volatile int		 unclean;	/* other errors after */
};

static struct shared *sh;
static mach_port_t self, service, tasks_last;
static char ool_area[OOL_BYTES] __attribute__((aligned(4096)));

struct rights_msg {
	mach_msg_header_t	h;
	mach_msg_type_t		t;
	union {
		mach_port_name_inlined_t right;
		uint64_t	 addr;
	};
};

/* Queue one message at p (never received) carrying what hog asks for. */
static kern_return_t
send_unreceived(mach_port_t p, enum hog hog, mach_port_t *names)
{
	struct rights_msg m = { 0 };

	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND_ONCE, 0) |
	    MACH_MSGH_BITS_COMPLEX;
	m.h.msgh_size = sizeof(m);
	m.h.msgh_remote_port = p;
	m.t.msgt_number = 1;
	m.t.msgt_inline = 1;
	m.t.msgt_name = MACH_MSG_TYPE_MAKE_SEND;
	m.t.msgt_size = 64;
	m.right.name = p;
	if (hog == HOG_OOL_PORTS) {
		m.t.msgt_inline = 0;
		m.t.msgt_size = 32;
		m.t.msgt_number = OOL_PORTS;
		m.addr = (uint64_t)names;
	} else if (hog == HOG_OOL_MEMORY) {
		m.t.msgt_inline = 0;
		m.t.msgt_name = MACH_MSG_TYPE_BYTE;
		m.t.msgt_size = 8;
		m.t.msgt_number = OOL_BYTES;
		m.addr = (uint64_t)ool_area;
	}
	return mach_msg(&m.h, MACH_SEND_MSG, sizeof(m), 0, 0, 0, 0);
}

static void
idle_thread(mach_port_t me)
{
	for (;;)
		thread_suspend(me);
}

/* One step of the hog: a kernel object more, or the error that stops it. */
static kern_return_t
hog_step(enum hog hog, mach_port_t p, mach_port_t *names)
{
	mach_port_t name, prev, th;
	vm_address_t va = 0;
	kern_return_t kr;

	switch (hog) {
	case HOG_PORTS:
		return mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &name);
	case HOG_THREADS:
		return thread_create(self, &th);
	case HOG_DNREQUESTS:
		if ((kr = mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE,
		    &name)) != KERN_SUCCESS)
			return kr;
		return mach_port_request_notification(self, name,
		    MACH_NOTIFY_DEAD_NAME, 0, p, MACH_MSG_TYPE_MAKE_SEND_ONCE,
		    &prev);
	case HOG_PSETS:
		return mach_port_allocate(self, MACH_PORT_RIGHT_PORT_SET,
		    &name);
	case HOG_TASKS:
		/* Each new task made by the last: a chain of descendants. */
		if (tasks_last == MACH_PORT_NULL)
			tasks_last = self;
		kr = task_create(tasks_last, FALSE, &name);
		if (kr == KERN_SUCCESS)
			tasks_last = name;
		return kr;
	case HOG_MAP_ENTRIES:
		/* Alternate protections keep neighbours separate entries. */
		kr = vm_allocate(self, &va, 4096, TRUE);
		if (kr == KERN_SUCCESS && (va & 4096))
			kr = vm_protect(self, va, 4096, FALSE, VM_PROT_READ);
		return kr;
	default:
		return send_unreceived(p, hog, names);
	}
}

static bool
clean_error(kern_return_t kr)
{
	return kr == KERN_RESOURCE_SHORTAGE || kr == KERN_NO_SPACE ||
	    kr == MACH_SEND_NO_BUFFER;
}

/*
 * The child: run the hog until the kernel refuses, then keep pressing at
 * the limit for PRESS more tries (each must fail as cleanly or succeed),
 * report, wait.
 */
static void
hog_main(void)
{
	static mach_port_t names[OOL_PORTS];
	mach_port_t p, me;
	kern_return_t kr;
	uint64_t n = 0;

	mig_forget_reply_port();
	self = mach_task_self();
	me = mach_thread_self();
	kr = mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p);
	for (int i = 0; i < OOL_PORTS; i++)
		names[i] = MACH_PORT_NULL;
	while (kr == KERN_SUCCESS && n < 1000000) {
		kr = hog_step(sh->hog, p, names);
		n += kr == KERN_SUCCESS;
	}
	sh->kr = kr;
	sh->count = n;
	for (int i = 0; i < PRESS; i++) {
		kr = hog_step(sh->hog, p, names);
		sh->unclean += kr != KERN_SUCCESS && !clean_error(kr);
	}
	sh->done = 1;
	idle_thread(me);
}

/* The parent's server thread: echo every request. */
static void
server_main(void)
{
	struct { mach_msg_header_t h; char room[64]; } m;
	mach_msg_return_t mr;

	mr = mach_msg(&m.h, MACH_RCV_MSG, 0, sizeof(m), service, 0, 0);
	for (;;) {
		if (mr != MACH_MSG_SUCCESS) {
			mr = mach_msg(&m.h, MACH_RCV_MSG, 0, sizeof(m), service,
			    0, 0);
			continue;
		}
		m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSGH_BITS_REMOTE(
		    m.h.msgh_bits), 0);
		m.h.msgh_size = sizeof(m.h);
		m.h.msgh_local_port = MACH_PORT_NULL;
		mr = mach_msg(&m.h, MACH_SEND_MSG | MACH_RCV_MSG, sizeof(m.h),
		    sizeof(m), service, 0, 0);
	}
}

/* A null RPC to our server; its round trip in TSC cycles, 0 on failure. */
static uint64_t
null_rpc(mach_port_t reply)
{
	struct { mach_msg_header_t h; char room[64]; } m = { 0 };
	uint64_t t = test_rdtsc();

	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE);
	m.h.msgh_size = sizeof(m.h);
	m.h.msgh_remote_port = service;
	m.h.msgh_local_port = reply;
	if (mach_msg(&m.h, MACH_SEND_MSG | MACH_RCV_MSG, sizeof(m.h),
	    sizeof(m), reply, 0, 0) != MACH_MSG_SUCCESS)
		return 0;
	return test_rdtsc() - t + 1;
}

/* A child running hog_main, limited to HOG_LIMIT; MACH_PORT_NULL if not. */
static mach_port_t
hog_start(mach_port_t priv, void (*entry)(void), mach_port_t *thread)
{
	struct i386_thread_state st = { 0 };
	vm_address_t stack = 0;
	mach_port_t task;

	if (task_create(self, TRUE, &task) != KERN_SUCCESS)
		return MACH_PORT_NULL;
	CHECK(task_set_kernel_limit(mach_host_self(), task, 1) ==
	    KERN_INVALID_HOST);
	CHECK(task_set_kernel_limit(priv, task, HOG_LIMIT) == 0);
	CHECK(vm_allocate(task, &stack, HOG_STACK, TRUE) == 0);
	CHECK(thread_create(task, thread) == 0);
	st.rip = (uint64_t)entry;
	st.ursp = stack + HOG_STACK - 8;
	CHECK(thread_set_state(*thread, i386_THREAD_STATE,
	    (thread_state_t)&st, i386_THREAD_STATE_COUNT) == 0);
	CHECK(thread_resume(*thread) == 0);
	return task;
}

static struct whorl_kernel_usage
usage_of(mach_port_t task)
{
	struct whorl_kernel_usage u = { 0 };
	mach_msg_type_number_t n = WHORL_KERNEL_USAGE_COUNT;

	CHECK(task_kernel_usage(task, (integer_t *)&u, &n) == 0);
	return u;
}

/* The count a hog of this kind must have run up. */
static uint64_t
hog_count(enum hog hog, const struct whorl_kernel_usage *u)
{
	switch (hog) {
	case HOG_PORTS:		return u->ports;
	case HOG_THREADS:	return u->threads;
	case HOG_DNREQUESTS:	return u->dnrequests;
	case HOG_MAP_ENTRIES:	return u->map_entries;
	case HOG_OOL_MEMORY:	return u->ool_pages;
	case HOG_TASKS:		return u->descendants;
	case HOG_PSETS:		return u->port_sets;
	default:		return u->messages;
	}
}

/* Wait until the task is a dead name; drop it. */
static void
wait_dead(mach_port_t name)
{
	mach_port_type_t type;

	while (mach_port_type(self, name, &type) == 0 &&
	    type != MACH_PORT_TYPE_DEAD_NAME)
		swtch();
	mach_port_destroy(self, name);
}

static bool
is_dead(mach_port_t name)
{
	mach_port_type_t type;

	return mach_port_type(self, name, &type) == 0 &&
	    type == MACH_PORT_TYPE_DEAD_NAME;
}

/*
 * The tasks the task hog made live on without it: take each task right
 * it holds and end that task (its own and its thread's names refuse).
 */
static void
end_descendants(mach_port_t task)
{
	mach_port_t *names, t;
	mach_port_type_t *types;
	mach_msg_type_number_t nn, nt, ended = 0;
	mach_msg_type_name_t got;

	CHECK(mach_port_names(task, &names, &nn, &types, &nt) == 0);
	for (mach_msg_type_number_t i = 0; i < nn; i++) {
		if (!(types[i] & MACH_PORT_TYPE_SEND) ||
		    mach_port_extract_right(task, names[i],
		    MACH_MSG_TYPE_COPY_SEND, &t, &got) != 0)
			continue;
		if (t != task && task_terminate(t) == 0)
			ended++;
		mach_port_deallocate(self, t);
	}
	test_printf("kernel_hogs: ended %u tasks the task hog made\n",
	    (unsigned)ended);
	CHECK(ended > 0);
	vm_deallocate(self, (vm_address_t)names, nn * sizeof(*names));
	vm_deallocate(self, (vm_address_t)types, nt * sizeof(*types));
}

/*
 * Our null RPCs while the hog in task runs, until it is done or dead:
 * false if one failed; the worst round trip and their number returned.
 */
static bool
measure_until(mach_port_t task, mach_port_t reply, uint64_t *worst,
    uint64_t *rounds)
{
	bool answered = true;
	uint64_t t;

	while (!sh->done && !is_dead(task) && (*rounds)++ < MAX_ROUNDS) {
		t = null_rpc(reply);
		answered &= t != 0;
		*worst = t > *worst ? t : *worst;
	}
	return answered;
}

/* The page-table hog: a page touched every 2 MiB needs a table page. */
static void
pt_hog_main(void)
{
	vm_address_t va = 0;

	mig_forget_reply_port();
	self = mach_task_self();
	if (vm_allocate(self, &va, PT_REGION, TRUE) == KERN_SUCCESS)
		for (uint64_t off = 0; off < PT_REGION; off += PT_STRIDE) {
			sh->count = off / PT_STRIDE;
			*(volatile char *)(va + off) = 1;
		}
	sh->done = 1;		/* not reached while the limit holds */
	for (;;)
		swtch();
}

/*
 * Past its limit the hog's fault cannot get a page-table page: with no
 * exception handler it is terminated, and its RPC-less loop has stalled
 * nobody meanwhile.
 */
static void
run_pt_hog(mach_port_t priv, mach_port_t reply)
{
	mach_port_t task, thread;
	uint64_t worst = 0, rounds = 0;
	bool answered;

	sh->done = 0;
	sh->count = 0;
	if ((task = hog_start(priv, pt_hog_main, &thread)) == MACH_PORT_NULL) {
		CHECK(!"task_create");
		return;
	}
	answered = measure_until(task, reply, &worst, &rounds);
	test_printf("kernel_hogs: page tables: terminated at its fault on "
	    "page %lu of %lu; our worst RPC %lu cycles over %lu\n",
	    (unsigned long)sh->count, PT_REGION / PT_STRIDE,
	    (unsigned long)worst, (unsigned long)rounds);
	CHECK(!sh->done && is_dead(task) && answered);
	CHECK(sh->count > 8 && sh->count < PT_REGION / PT_STRIDE);
	wait_dead(task);
	wait_dead(thread);
}

/* One hog: run it while measuring our RPCs, check it, kill it. */
static void
run_hog(mach_port_t priv, enum hog hog, mach_port_t reply)
{
	struct whorl_kernel_usage u;
	mach_port_t task, thread;
	uint64_t worst = 0, rounds = 0;
	bool answered;

	sh->hog = hog;
	sh->done = 0;
	sh->unclean = 0;
	if ((task = hog_start(priv, hog_main, &thread)) == MACH_PORT_NULL) {
		CHECK(!"task_create");
		return;
	}
	answered = measure_until(task, reply, &worst, &rounds);
	u = usage_of(task);
	test_printf("kernel_hogs: %s: stopped by %#x after %lu, %lu bytes "
	    "charged of %lu, %lu refused, count %lu; our worst RPC %lu "
	    "cycles over %lu\n", hog_names[hog], sh->kr,
	    (unsigned long)sh->count, (unsigned long)u.used,
	    (unsigned long)u.limit, (unsigned long)u.refused,
	    (unsigned long)hog_count(hog, &u), (unsigned long)worst,
	    (unsigned long)rounds);
	CHECK(sh->done && answered);
	CHECK(clean_error(sh->kr) && sh->count > 0 && sh->unclean == 0);
	CHECK(u.limit == HOG_LIMIT &&
	    u.used + u.descendants <= HOG_LIMIT + HOG_SLACK);
	CHECK(u.refused > 0 && hog_count(hog, &u) > 0);
	if (hog == HOG_TASKS)
		end_descendants(task);
	CHECK(task_terminate(task) == 0);
	wait_dead(task);
	wait_dead(thread);
}

/*
 * The dying sender: queue TRANSIT_MSGS messages at our port, each with
 * a receive right in transit or out-of-line memory, then wait to die.
 */
static void
transit_main(void)
{
	struct rights_msg m;
	mach_port_type_t type;
	mach_port_t q;

	mig_forget_reply_port();
	self = mach_task_self();
	while (mach_port_type(self, TRANSIT_NAME, &type) != KERN_SUCCESS)
		swtch();
	for (int i = 0; i < TRANSIT_MSGS; i++) {
		m = (struct rights_msg){ 0 };
		m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0) |
		    MACH_MSGH_BITS_COMPLEX;
		m.h.msgh_size = sizeof(m);
		m.h.msgh_remote_port = TRANSIT_NAME;
		m.t = (mach_msg_type_t){ .msgt_name = MACH_MSG_TYPE_BYTE,
		    .msgt_size = 8, .msgt_number = OOL_BYTES };
		m.addr = (uint64_t)ool_area;
		if (i % 2 == 0) {
			sh->kr |= mach_port_allocate(self,
			    MACH_PORT_RIGHT_RECEIVE, &q);
			m.t = (mach_msg_type_t){ .msgt_name =
			    MACH_MSG_TYPE_MOVE_RECEIVE, .msgt_size = 64,
			    .msgt_number = 1, .msgt_inline = 1 };
			m.right.name = q;
		}
		sh->kr |= mach_msg(&m.h, MACH_SEND_MSG, sizeof(m), 0, 0, 0, 0);
	}
	sh->done = 1;
	for (;;)
		swtch();
}

/*
 * Messages, with rights in transit and out-of-line memory, queued by a
 * task that dies stay charged to its ledger until they go; then every
 * kernel count is back where it was.
 */
static void
dead_sender(mach_port_t priv)
{
	struct whorl_kernel_stats before, mid, after;
	struct whorl_kernel_usage u;
	mach_port_t port, task, thread;

	test_kernel_stats(&before);
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &port) == 0);
	sh->done = 0;
	sh->kr = 0;
	task = hog_start(priv, transit_main, &thread);
	CHECK(mach_port_insert_right(task, TRANSIT_NAME, port,
	    MACH_MSG_TYPE_MAKE_SEND) == 0);
	for (int i = 0; !sh->done && i < MAX_ROUNDS; i++)
		swtch();
	u = usage_of(task);
	CHECK(sh->done && sh->kr == 0 && u.messages == TRANSIT_MSGS);
	CHECK(u.ool_pages == TRANSIT_MSGS / 2 * (OOL_BYTES / 4096));
	CHECK(task_terminate(task) == 0);
	wait_dead(task);
	wait_dead(thread);
	test_kernel_stats(&mid);
	CHECK(mid.ports > before.ports && mid.heap_objects >
	    before.heap_objects);
	CHECK(mach_port_mod_refs(self, port, MACH_PORT_RIGHT_RECEIVE, -1) ==
	    0);
	test_kernel_stats(&after);
	test_kernel_stats_same("kernel_hogs: dead sender", &before, &after,
	    KSTATS_ALL);
}

/*
 * A limit below what a task holds refuses its next charges and takes
 * nothing away; its kernel RPCs still answer (the reserve).
 */
static void
limit_below_use(mach_port_t priv)
{
	struct whorl_kernel_usage a = usage_of(self), b;
	mach_port_t p;

	CHECK(task_set_kernel_limit(priv, self, a.used / 2) == 0);
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p) ==
	    KERN_RESOURCE_SHORTAGE);
	b = usage_of(self);
	CHECK(b.limit == a.used / 2 && b.used == a.used && b.ports == a.ports);
	CHECK(b.refused == a.refused + 1);
	CHECK(task_set_kernel_limit(priv, self, a.limit) == 0);
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p) == 0);
	CHECK(mach_port_mod_refs(self, p, MACH_PORT_RIGHT_RECEIVE, -1) == 0);
}

/* Charges come back exactly when what they paid for goes. */
static void
exact_uncharge(void)
{
	struct whorl_kernel_usage a, b, c;
	mach_port_t p[40];

	a = usage_of(self);
	for (int i = 0; i < 40; i++)
		CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE,
		    &p[i]) == 0);
	for (int i = 0; i < 4; i++)
		CHECK(send_unreceived(p[0], HOG_OOL_MEMORY, NULL) == 0);
	b = usage_of(self);
	for (int i = 0; i < 40; i++)
		CHECK(mach_port_mod_refs(self, p[i], MACH_PORT_RIGHT_RECEIVE,
		    -1) == 0);
	c = usage_of(self);
	test_printf("kernel_hogs: self: %lu bytes, 40 ports and 4 messages "
	    "%lu, after %lu\n", (unsigned long)a.used, (unsigned long)b.used,
	    (unsigned long)c.used);
	CHECK(b.ports == a.ports + 40 && b.messages == a.messages + 4);
	CHECK(b.ool_pages == a.ool_pages + 4 * (OOL_BYTES / 4096));
	CHECK(c.used == a.used && c.ports == a.ports &&
	    c.messages == a.messages && c.ool_pages == a.ool_pages &&
	    c.message_bytes == a.message_bytes);
	CHECK(a.limit >= (16ul << 20));		/* the default */
}

int
main(int argc, char **argv)
{
	mach_port_t priv = argc > 1 ? (mach_port_t)test_parse_number(argv[1]) :
	    MACH_PORT_NULL;
	struct whorl_kernel_stats before, after;
	vm_address_t va = 0, stack = 0;
	mach_port_t reply, server;

	self = mach_task_self();
	CHECK(vm_allocate(self, &va, 4096, TRUE) == 0);
	CHECK(vm_inherit(self, va, 4096, VM_INHERIT_SHARE) == 0);
	sh = (struct shared *)va;
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &service) ==
	    0);
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &reply) == 0);
	server = test_thread_create(self, server_main, &stack);
	CHECK(server != MACH_PORT_NULL && thread_resume(server) == 0);
	CHECK(null_rpc(reply) != 0);
	exact_uncharge();		/* also the warm-up */
	limit_below_use(priv);
	run_hog(priv, HOG_PORTS, reply);
	test_kernel_stats(&before);
	for (int h = HOG_PORTS; h < HOG_COUNT; h++)
		run_hog(priv, h, reply);
	run_pt_hog(priv, reply);
	dead_sender(priv);
	test_kernel_stats(&after);
	test_kernel_stats_same("kernel_hogs", &before, &after, KSTATS_ALL);
	return 0;
}
