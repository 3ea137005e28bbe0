/*
 * ipc_pset.c -- port sets: membership, and receiving from a set.
 */
#include "kern/klib.h"
#include "kern/kalloc.h"
#include "kern/task_limit.h"
#include "kern/lock.h"
#include "kern/sched.h"
#include "ipc/ipc_kmsg.h"
#include "ipc/ipc_port.h"
#include "ipc/ipc_pset.h"
#include "ipc/ipc_space.h"
#include "kern/thread.h"

static struct spinlock ipc_pset_lock = SPINLOCK_INIT;
static struct kmem_cache *pset_cache;

void
ipc_pset_init(void)
{
	pset_cache = kmem_cache_create("ipc_pset", sizeof(struct ipc_pset), 8);
}

/* A new empty set in a fresh entry.  Space locked. */
kern_return_t
ipc_pset_alloc_in(struct ipc_space *s, mach_port_name_t name,
    struct ipc_entry *e)
{
	struct ipc_pset *ps;

	if (!task_limit_charge(s->ledger, TL_PSETS, 1))
		return KERN_RESOURCE_SHORTAGE;
	if ((ps = kmem_cache_alloc(pset_cache)) == NULL) {
		task_limit_uncharge(s->ledger, TL_PSETS, 1);
		return KERN_RESOURCE_SHORTAGE;
	}
	memset(ps, 0, sizeof(*ps));
	ps->ledger = task_limit_ref(s->ledger);
	ps->refs = 1;
	ps->active = true;
	ps->name = name;
	e->pset = ps;
	e->type = MACH_PORT_TYPE_PORT_SET;
	return KERN_SUCCESS;
}

static void
pset_unlink(struct ipc_port *p)
{
	struct ipc_port **pp;

	for (pp = &p->pset->members; *pp != NULL; pp = &(*pp)->pset_next) {
		if (*pp == p) {
			*pp = p->pset_next;
			break;
		}
	}
	p->pset = NULL;
	p->pset_next = NULL;
}

void
ipc_pset_ref(struct ipc_pset *ps)
{
	spin_lock(&ipc_pset_lock);
	ps->refs++;
	spin_unlock(&ipc_pset_lock);
}

void
ipc_pset_release(struct ipc_pset *ps)
{
	bool free;

	spin_lock(&ipc_pset_lock);
	free = --ps->refs == 0;
	spin_unlock(&ipc_pset_lock);
	if (!free)
		return;
	task_limit_uncharge(ps->ledger, TL_PSETS, 1);
	task_limit_release(ps->ledger);
	kmem_cache_free(pset_cache, ps);
}

/* The set's name is gone: members leave it, waiters learn it died. */
void
ipc_pset_destroy(struct ipc_pset *ps)
{
	struct thread *t;

	spin_lock(&ipc_pset_lock);
	ps->active = false;
	while (ps->members != NULL)
		pset_unlink(ps->members);
	while ((t = ps->rcv_waiters) != NULL) {
		ps->rcv_waiters = t->wq_next;
		t->wq_next = NULL;
		thread_wakeup(t, THREAD_INTERRUPTED);
	}
	spin_unlock(&ipc_pset_lock);
	ipc_pset_release(ps);
}

/* Put p in ps (NULL: in no set), leaving any set it was in. */
kern_return_t
ipc_pset_move(struct ipc_port *p, struct ipc_pset *ps)
{
	spin_lock(&ipc_pset_lock);
	if (ps != NULL && !ps->active) {
		spin_unlock(&ipc_pset_lock);
		return KERN_INVALID_NAME;
	}
	if (p->pset != NULL)
		pset_unlink(p);
	if (ps != NULL) {
		p->pset = ps;
		p->pset_next = ps->members;
		ps->members = p;
		/* Its own receivers must receive from the set now. */
		spin_lock(&p->lock);
		ipc_port_wake_receivers(p, MACH_RCV_PORT_CHANGED);
		spin_unlock(&p->lock);
	}
	spin_unlock(&ipc_pset_lock);
	if (ps != NULL)
		ipc_pset_notify(p);	/* it may hold messages already */
	return KERN_SUCCESS;
}

void
ipc_pset_remove_port(struct ipc_port *p)
{
	spin_lock(&ipc_pset_lock);
	if (p->pset != NULL)
		pset_unlink(p);
	spin_unlock(&ipc_pset_lock);
}

/* A message arrived on p (port lock not held): wake a set waiter. */
void
ipc_pset_notify(struct ipc_port *p)
{
	struct thread *t;

	spin_lock(&ipc_pset_lock);
	if (p->pset != NULL && (t = p->pset->rcv_waiters) != NULL) {
		p->pset->rcv_waiters = t->wq_next;
		t->wq_next = NULL;
		if (thread_wakeup(t, THREAD_AWAKENED))
			p->pset->woken++;
	}
	spin_unlock(&ipc_pset_lock);
}

/* The first member with a message, its lock held; NULL if none. */
static struct ipc_port *
pset_ready_member(struct ipc_pset *ps)
{
	for (struct ipc_port *p = ps->members; p != NULL; p = p->pset_next) {
		spin_lock(&p->lock);
		if (p->msg_head != NULL)
			return p;
		spin_unlock(&p->lock);
	}
	return NULL;
}

/*
 * Receive from a set: as mach_msg's single-port receive, over every
 * member.  Returns the message dequeued (with *mrp MACH_RCV_TOO_LARGE if
 * it does not fit: the caller destroys it), or NULL with *mrp set, or
 * NULL with *mrp untouched and ith_fast set when a fast sender delivered
 * straight to this thread (user_msg is the user's buffer, 0 for none).
 */
struct ipc_kmsg *
ipc_pset_dequeue(struct ipc_pset *ps, mach_msg_option_t option,
    mach_msg_size_t size, mach_msg_timeout_t timeout_ms,
    mach_msg_return_t *mrp, mach_msg_size_t *needed, uint64_t user_msg)
{
	struct thread *self = current_thread();
	struct ipc_kmsg *k = NULL;
	struct ipc_port *p;
	int wr;

	spin_lock(&ipc_pset_lock);
	for (;;) {
		if (!ps->active) {
			*mrp = MACH_RCV_PORT_DIED;
			break;
		}
		if ((p = pset_ready_member(ps)) != NULL) {
			k = ipc_port_take(p, option, size, mrp, needed);
			spin_unlock(&p->lock);
			break;
		}
		if ((option & MACH_RCV_TIMEOUT) && timeout_ms == 0) {
			*mrp = MACH_RCV_TIMED_OUT;
			break;
		}
		self->wq_next = ps->rcv_waiters;
		self->ith_rcv_msg = user_msg;	/* a fast sender fills it */
		self->ith_rcv_size = size;
		self->ith_fast = false;
		ps->rcv_waiters = self;
		wr = thread_block(&ipc_pset_lock,
		    (option & MACH_RCV_TIMEOUT) ? timeout_ms : 0);
		if (self->ith_fast) {
			/* The fast sender took us off the queue. */
			self->ith_rcv_msg = 0;
			return NULL;
		}
		spin_lock(&ipc_pset_lock);
		self->ith_rcv_msg = 0;
		ipc_port_wait_remove(&ps->rcv_waiters, self);
		if (wr == THREAD_AWAKENED && ps->woken > 0)
			ps->woken--;		/* it looks now */
		if (wr != THREAD_AWAKENED) {
			/* A destroyed set answers as GNU Mach: it died. */
			*mrp = !ps->active ? MACH_RCV_PORT_DIED :
			    wr == THREAD_TIMED_OUT ? MACH_RCV_TIMED_OUT :
			    MACH_RCV_INTERRUPTED;
			break;
		}
	}
	spin_unlock(&ipc_pset_lock);
	return k;
}

/*
 * The fast path (mach_msg_fast.c): a thread blocked on p's set in a
 * receive that a simple message of size bytes fits, when p could take
 * the message at once (alive, a task's, nothing queued) and no waiter
 * of the set has been woken for a message it has not taken yet: the
 * fast message must not overtake one queued before it in the set (GNU
 * Mach's fast path, too, wants the set's queue empty).
 * Claims its wait and takes it off the set's queue, and returns it with
 * p locked; NULL, with nothing changed or locked, if any of that fails.
 */
struct thread *
ipc_pset_claim_receiver(struct ipc_port *p, mach_msg_size_t size)
{
	struct ipc_pset *ps;
	struct thread *t = NULL;

	spin_lock(&ipc_pset_lock);
	ps = p->pset;
	if (ps != NULL && ps->active && ps->woken == 0)
		t = ps->rcv_waiters;	/* else a message waits: FIFO */
	if (t == NULL || t->ith_rcv_msg == 0 || t->ith_rcv_size < size)
		goto fail;
	spin_lock(&p->lock);
	if (!p->active || p->msg_head != NULL || p->kotype != IKOT_NONE ||
	    p->receiver == NULL || !thread_claim_wait(t)) {
		spin_unlock(&p->lock);
		goto fail;
	}
	ps->rcv_waiters = t->wq_next;
	t->wq_next = NULL;
	spin_unlock(&ipc_pset_lock);
	return t;
fail:
	spin_unlock(&ipc_pset_lock);
	return NULL;
}

/* Names of the members (mach_port_get_set_status), at most max. */
uint32_t
ipc_pset_members(struct ipc_pset *ps, mach_port_name_t *names, uint32_t max)
{
	uint32_t n = 0;

	spin_lock(&ipc_pset_lock);
	for (struct ipc_port *p = ps->members; p != NULL; p = p->pset_next) {
		if (n < max)
			names[n] = p->receiver_name;
		n++;
	}
	spin_unlock(&ipc_pset_lock);
	return n;
}
