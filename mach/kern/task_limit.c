/*
 * task_limit.c -- the ledgers of kernel memory per task (task_limit.h).
 * The allocation sites of ipc/, vm/, kern/ and the pmap call in here with
 * a line each; the rules of who pays live here and in docs/kernel.md.
 * Also the two RPCs of whorl.defs that set and read a task's ledger.
 */
#include "kern/klib.h"
#include "kern/kalloc.h"
#include "kern/host.h"
#include "kern/sched.h"
#include "kern/task.h"
#include "kern/thread.h"
#include "kern/task_limit.h"
#include "ipc/ipc_kmsg.h"
#include "ipc/ipc_notify.h"
#include "ipc/ipc_port.h"
#include "ipc/ipc_pset.h"
#include "ipc/ipc_right.h"
#include "ipc/ipc_space.h"
#include "vm/vm_map.h"
#include <mach/kernel_usage.h>

#define LIMIT_FLOOR	(16ul << 20)	/* the default never goes below */
#define KOBJECT_RESERVE	(64ul << 10)	/* kernel RPCs beyond the limit */

static uint64_t default_limit = LIMIT_FLOOR;

/* What one unit of each kind costs the kernel, in bytes. */
static const uint64_t unit_bytes[TL_NKINDS] = {
	[TL_PORTS] = sizeof(struct ipc_port),
	[TL_NAMES] = sizeof(struct ipc_entry),
	[TL_DNREQUESTS] = sizeof(struct ipc_dnreq),
	[TL_THREADS] = sizeof(struct thread) + KSTACK_SIZE,
	[TL_MAP_ENTRIES] = sizeof(struct vm_map_entry),
	[TL_PAGE_TABLES] = PAGE_SIZE,
	[TL_MESSAGES] = 0,		/* their bytes are TL_MSG_BYTES */
	[TL_MSG_BYTES] = 1,
	[TL_OOL_PAGES] = PAGE_SIZE,
	[TL_TASKS] = sizeof(struct task) + sizeof(struct ipc_space) +
	    sizeof(struct vm_map) + PAGE_SIZE,	/* and its top page table */
	[TL_PSETS] = sizeof(struct ipc_pset),
};

/* The default limit: an eighth of the machine's memory, at least 16 MiB. */
void
task_limit_init(uint64_t memory_bytes)
{
	if (memory_bytes / 8 > LIMIT_FLOOR)
		default_limit = memory_bytes / 8;
}

struct task_limit *
task_limit_create(void)
{
	struct task_limit *tl = kzalloc(sizeof(*tl));

	if (tl != NULL) {
		tl->limit = default_limit;
		tl->refs = 1;
	}
	return tl;
}

struct task_limit *
task_limit_ref(struct task_limit *tl)
{
	if (tl != NULL)
		__atomic_add_fetch(&tl->refs, 1, __ATOMIC_RELAXED);
	return tl;
}

/* The last reference goes with the last charge: nothing is left then. */
void
task_limit_release(struct task_limit *tl)
{
	struct task_limit *parent;

	if (tl == NULL || __atomic_sub_fetch(&tl->refs, 1, __ATOMIC_ACQ_REL))
		return;
	KASSERT(tl->used == 0 && tl->descendants == 0);
	parent = tl->parent;
	kfree(tl);
	task_limit_release(parent);
}

static bool	ancestors_try_add(struct task_limit *, uint64_t, uint64_t);

/* Add bytes to what the ancestors of tl hold for their descendants. */
static void
ancestors_add(struct task_limit *tl, uint64_t bytes)
{
	for (tl = tl->parent; tl != NULL; tl = tl->parent)
		__atomic_add_fetch(&tl->descendants, bytes, __ATOMIC_RELAXED);
}

static void
ancestors_sub(struct task_limit *tl, uint64_t bytes)
{
	for (tl = tl->parent; tl != NULL; tl = tl->parent)
		__atomic_sub_fetch(&tl->descendants, bytes, __ATOMIC_RELAXED);
}

/* Take bytes off tl's use, and off its ancestors' count of it. */
static void
use_sub(struct task_limit *tl, uint64_t bytes)
{
	__atomic_sub_fetch(&tl->used, bytes, __ATOMIC_RELAXED);
	ancestors_sub(tl, bytes);
}

static void
account(struct task_limit *tl, enum task_limit_kind kind, uint64_t n,
    uint64_t bytes)
{
	__atomic_add_fetch(&tl->used, bytes, __ATOMIC_RELAXED);
	ancestors_add(tl, bytes);
	__atomic_add_fetch(&tl->count[kind], n, __ATOMIC_RELAXED);
}

/*
 * A new task's space and map charge its ledger from now on; the table
 * slots the space already has are charged at once.  Task, space and map
 * each hold a reference, dropped when they are freed.
 */
void
task_limit_attach(struct task *t)
{
	t->itk_space->ledger = task_limit_ref(t->ledger);
	t->map->pmap.ledger = task_limit_ref(t->ledger);
	account(t->ledger, TL_NAMES, t->itk_space->size,
	    t->itk_space->size * unit_bytes[TL_NAMES]);
}

/*
 * A child (task_create) inherits its parent's limit, and everything it
 * is charged, itself included, counts against its creator and the
 * creator's creators too: a task cannot escape its bound by making
 * tasks.  KERN_RESOURCE_SHORTAGE, and no link, when an ancestor has no
 * room for the child.
 */
kern_return_t
task_limit_inherit(struct task *child, struct task *parent)
{
	struct task_limit *tl = child->ledger, *pl = parent->ledger;
	uint64_t held;

	if (tl == NULL || pl == NULL)
		return KERN_SUCCESS;
	tl->limit = __atomic_load_n(&pl->limit, __ATOMIC_RELAXED);
	held = tl->used;
	tl->parent = task_limit_ref(pl);
	if (!ancestors_try_add(tl, held, 0)) {
		tl->parent = NULL;
		task_limit_release(pl);
		return KERN_RESOURCE_SHORTAGE;
	}
	if (!task_limit_charge(tl, TL_TASKS, 1)) {
		ancestors_sub(tl, held);
		tl->parent = NULL;
		task_limit_release(pl);
		return KERN_RESOURCE_SHORTAGE;
	}
	return KERN_SUCCESS;
}

/* The task goes: its own charge as a created task goes with it. */
void
task_limit_detach(struct task *t)
{
	if (t->ledger != NULL && t->ledger->count[TL_TASKS] != 0)
		task_limit_uncharge(t->ledger, TL_TASKS, 1);
}

/* The ledger of the task whose thread runs, or NULL (a kernel thread). */
struct task_limit *
task_limit_current(void)
{
	struct task *t = current_thread()->task;

	return t != NULL ? t->ledger : NULL;
}

/* Whether a ledger holding total bytes is within its limit + extra. */
static bool
fits(struct task_limit *tl, uint64_t total, uint64_t extra)
{
	return extra == UINT64_MAX || total <= extra ||
	    total - extra <= __atomic_load_n(&tl->limit, __ATOMIC_RELAXED);
}

/*
 * Add bytes to what every ancestor of tl holds for its descendants,
 * unless one would pass its limit + extra; false, nothing added, then.
 */
static bool
ancestors_try_add(struct task_limit *tl, uint64_t bytes, uint64_t extra)
{
	struct task_limit *a, *b;
	uint64_t d;

	for (a = tl->parent; a != NULL; a = a->parent) {
		d = __atomic_add_fetch(&a->descendants, bytes,
		    __ATOMIC_RELAXED);
		if (d < bytes || !fits(a, __atomic_load_n(&a->used,
		    __ATOMIC_RELAXED) + d, extra)) {
			__atomic_add_fetch(&a->refused, 1, __ATOMIC_RELAXED);
			for (b = tl->parent; b != a->parent; b = b->parent)
				__atomic_sub_fetch(&b->descendants, bytes,
				    __ATOMIC_RELAXED);
			return false;
		}
	}
	return true;
}

/*
 * Add bytes to tl's use unless the sum, with what its descendants hold,
 * would pass its limit + extra, or an ancestor's (UINT64_MAX: never
 * refused); false, nothing added, when it would.
 */
static bool
use_add(struct task_limit *tl, uint64_t bytes, uint64_t extra)
{
	uint64_t used = __atomic_add_fetch(&tl->used, bytes, __ATOMIC_RELAXED);

	if (used >= bytes && fits(tl, used + __atomic_load_n(&tl->descendants,
	    __ATOMIC_RELAXED), extra) && ancestors_try_add(tl, bytes, extra))
		return true;
	__atomic_sub_fetch(&tl->used, bytes, __ATOMIC_RELAXED);
	return false;
}

/*
 * Charge n units of kind; false (nothing charged) when that would take
 * the ledger past its limit.  A NULL ledger (kernel objects) pays nothing.
 */
bool
task_limit_charge(struct task_limit *tl, enum task_limit_kind kind,
    uint64_t n)
{
	if (tl == NULL)
		return true;
	if (!use_add(tl, n * unit_bytes[kind], 0)) {
		__atomic_add_fetch(&tl->refused, 1, __ATOMIC_RELAXED);
		return false;
	}
	__atomic_add_fetch(&tl->count[kind], n, __ATOMIC_RELAXED);
	return true;
}

void
task_limit_uncharge(struct task_limit *tl, enum task_limit_kind kind,
    uint64_t n)
{
	if (tl == NULL)
		return;
	KASSERT(tl->count[kind] >= n);
	use_sub(tl, n * unit_bytes[kind]);
	__atomic_sub_fetch(&tl->count[kind], n, __ATOMIC_RELAXED);
}

/* A new port charged to tl (NULL when refused or out of memory). */
struct ipc_port *
task_limit_port_alloc(struct task_limit *tl)
{
	struct ipc_port *p;

	if (!task_limit_charge(tl, TL_PORTS, 1))
		return NULL;
	if ((p = ipc_port_alloc()) == NULL) {
		task_limit_uncharge(tl, TL_PORTS, 1);
		return NULL;
	}
	p->ledger = task_limit_ref(tl);
	return p;
}

/* The port's memory goes: so does its charge. */
void
task_limit_port_free(struct ipc_port *p)
{
	task_limit_uncharge(p->ledger, TL_PORTS, 1);
	task_limit_release(p->ledger);
	p->ledger = NULL;
}

struct ipc_dnreq *
task_limit_dnreq_alloc(struct task_limit *tl)
{
	struct ipc_dnreq *d;

	if (!task_limit_charge(tl, TL_DNREQUESTS, 1))
		return NULL;
	if ((d = kzalloc(sizeof(*d))) == NULL) {
		task_limit_uncharge(tl, TL_DNREQUESTS, 1);
		return NULL;
	}
	d->ledger = task_limit_ref(tl);
	return d;
}

/* Free a dead-name request (NULL passes). */
void
task_limit_dnreq_free(struct ipc_dnreq *d)
{
	if (d == NULL)
		return;
	task_limit_uncharge(d->ledger, TL_DNREQUESTS, 1);
	task_limit_release(d->ledger);
	kfree(d);
}

/*
 * Messages are on the general path of every send, so their accounting is
 * lean: `used' and the message and page counts only; the bytes of their
 * buffers and port arrays are what `used' holds beyond the other kinds
 * (task_kernel_usage works them out).  Charge k unless that takes tl past
 * its limit + extra (UINT64_MAX: never refused).
 */
static bool
kmsg_add(struct ipc_kmsg *k, struct task_limit *tl, uint64_t bytes,
    uint64_t pages, uint64_t extra)
{
	if (!use_add(tl, bytes + pages * PAGE_SIZE, extra))
		return false;
	if (pages != 0)
		__atomic_add_fetch(&tl->count[TL_OOL_PAGES], pages,
		    __ATOMIC_RELAXED);
	if (k->ledger == NULL) {
		k->ledger = task_limit_ref(tl);
		__atomic_add_fetch(&tl->count[TL_MESSAGES], 1,
		    __ATOMIC_RELAXED);
	}
	k->charged_bytes += bytes;
	k->charged_pages += pages;
	return true;
}

/*
 * A message the kernel makes on behalf of something already admitted (a
 * reply, a notification, an exception) is charged to tl, never refused.
 */
void
task_limit_kmsg_force(struct ipc_kmsg *k, struct task_limit *tl)
{
	if (tl != NULL && k->ledger == NULL)
		kmsg_add(k, tl, k->alloc, 0, UINT64_MAX);
}

/* Does the user-form header of k name a kernel object port in s? */
static bool
kmsg_to_kobject(struct ipc_kmsg *k, struct ipc_space *s)
{
	mach_port_name_t name = (mach_port_name_t)ipc_kmsg_slot(k,
	    KMSG_REMOTE);
	struct ipc_entry *e;
	bool kobject;

	spin_lock(&s->lock);
	e = ipc_entry_lookup(s, name);
	/* A hint only: a port's kind changes when it dies. */
	kobject = e != NULL && e->port != NULL && e->port->kotype != IKOT_NONE;
	spin_unlock(&s->lock);
	return kobject;
}

/*
 * A user message, before anything is taken from its sender, is charged
 * to the sender: its buffer and what its out-of-line parts will hold.
 * false: refused (MACH_SEND_NO_BUFFER), nothing charged.  A simple
 * request to a kernel object is served at once and freed, and a caller
 * that waits for the reply frees that at once too: such requests may use
 * a reserve above the limit, so that a task at its limit can still
 * deallocate, destroy and terminate, all of which are RPCs.  Only a task
 * that leaves replies unreceived runs through the reserve.
 */
bool
task_limit_kmsg_admit(struct ipc_kmsg *k, struct task *task)
{
	struct task_limit *tl = task->ledger;
	uint64_t bytes = k->alloc, pages = 0;

	if (tl == NULL || k->ledger != NULL)
		return true;
	if (k->hdr.msgh_bits & MACH_MSGH_BITS_COMPLEX)
		ipc_kmsg_body_cost(k, &bytes, &pages);
	if (kmsg_add(k, tl, bytes, pages, 0))
		return true;
	if (bytes == k->alloc && kmsg_to_kobject(k, task->itk_space) &&
	    kmsg_add(k, tl, bytes, 0, KOBJECT_RESERVE))
		return true;
	__atomic_add_fetch(&tl->refused, 1, __ATOMIC_RELAXED);
	return false;
}

/*
 * A notification is charged to the task holding the receive right of the
 * port it goes to (it travels on a send-once right, which only that
 * task's side could make), never refused; a port in transit charges
 * nobody.
 */
void
task_limit_kmsg_to_receiver(struct ipc_kmsg *k, struct ipc_port *p)
{
	struct task_limit *tl = NULL;

	if (!IPC_PORT_VALID(p))
		return;
	spin_lock(&p->lock);
	if (p->active && p->receiver != NULL)
		tl = task_limit_ref(p->receiver->ledger);
	spin_unlock(&p->lock);
	task_limit_kmsg_force(k, tl);
	task_limit_release(tl);
}

void
task_limit_kmsg_free(struct ipc_kmsg *k)
{
	struct task_limit *tl = k->ledger;

	if (tl == NULL)
		return;
	use_sub(tl, k->charged_bytes + k->charged_pages * PAGE_SIZE);
	if (k->charged_pages != 0)
		__atomic_sub_fetch(&tl->count[TL_OOL_PAGES], k->charged_pages,
		    __ATOMIC_RELAXED);
	__atomic_sub_fetch(&tl->count[TL_MESSAGES], 1, __ATOMIC_RELAXED);
	k->ledger = NULL;
	task_limit_release(tl);
}

/*
 * whorl.defs: set task's limit in bytes.  Only a holder of the
 * privileged host port reaches here (its type converts it).  A limit
 * below what the task holds now refuses its next charges; nothing it
 * holds is taken away.  KERN_INVALID_HOST, KERN_INVALID_TASK.
 */
kern_return_t
task_set_kernel_limit(struct host *h, struct task *t, uint64_t limit)
{
	if (h == NULL)
		return KERN_INVALID_HOST;
	if (t == NULL || t->ledger == NULL)
		return KERN_INVALID_TASK;
	__atomic_store_n(&t->ledger->limit, limit, __ATOMIC_RELAXED);
	return KERN_SUCCESS;
}

/* What `used' holds beyond the other kinds: messages' own bytes. */
static uint64_t
message_bytes(const struct task_limit *tl)
{
	uint64_t other = 0;

	for (int i = 0; i < TL_NKINDS; i++)
		if (i != TL_MSG_BYTES)
			other += tl->count[i] * unit_bytes[i];
	return tl->used > other ? tl->used - other : 0;
}

/* whorl.defs: what the kernel holds for t (struct whorl_kernel_usage). */
kern_return_t
task_kernel_usage(struct task *t, integer_t *out,
    mach_msg_type_number_t *count)
{
	struct whorl_kernel_usage *u = (void *)out;
	struct task_limit *tl;

	if (t == NULL || (tl = t->ledger) == NULL)
		return KERN_INVALID_TASK;
	if (*count < WHORL_KERNEL_USAGE_COUNT)
		return KERN_FAILURE;
	u->limit = tl->limit;
	u->used = tl->used;
	u->refused = tl->refused;
	u->ports = tl->count[TL_PORTS];
	u->name_slots = tl->count[TL_NAMES];
	u->dnrequests = tl->count[TL_DNREQUESTS];
	u->threads = tl->count[TL_THREADS];
	u->map_entries = tl->count[TL_MAP_ENTRIES];
	u->page_tables = tl->count[TL_PAGE_TABLES];
	u->messages = tl->count[TL_MESSAGES];
	u->message_bytes = message_bytes(tl);
	u->ool_pages = tl->count[TL_OOL_PAGES];
	u->descendants = tl->descendants;
	u->port_sets = tl->count[TL_PSETS];
	*count = WHORL_KERNEL_USAGE_COUNT;
	return KERN_SUCCESS;
}
