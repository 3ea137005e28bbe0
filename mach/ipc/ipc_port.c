/*
 * ipc_port.c -- allocation, references, the message queue and death of
 * ports.  Callers: the rights code (ipc_right.c), mach_msg and the kernel
 * object ports of tasks and threads.
 */
#include "kern/klib.h"
#include "kern/kalloc.h"
#include "kern/sched.h"
#include "kern/task_limit.h"
#include "ipc/ipc_port.h"
#include "ipc/ipc_kmsg.h"
#include "ipc/ipc_pset.h"
#include "ipc/ipc_notify.h"
#include "ipc/ipc_kobject.h"

static struct kmem_cache *port_cache;
static uint64_t ports_live;

void
ipc_port_init(void)
{
	port_cache = kmem_cache_create("ipc_port", sizeof(struct ipc_port), 8);
}

uint64_t
ipc_port_count(void)
{
	return ports_live;
}

/* A new active port with one reference, no receiver yet. */
struct ipc_port *
ipc_port_alloc(void)
{
	struct ipc_port *p = kmem_cache_alloc(port_cache);

	if (p == NULL)
		return NULL;
	memset(p, 0, sizeof(*p));
	p->refs = 1;
	p->active = true;
	p->qlimit = MACH_PORT_QLIMIT_DEFAULT;
	__atomic_add_fetch(&ports_live, 1, __ATOMIC_RELAXED);
	return p;
}

void
ipc_port_ref(struct ipc_port *p)
{
	spin_lock(&p->lock);
	p->refs++;
	spin_unlock(&p->lock);
}

/* Drop a reference; the last one of a dead port frees it. */
void
ipc_port_release(struct ipc_port *p)
{
	bool free;

	spin_lock(&p->lock);
	KASSERT(p->refs > 0);
	free = --p->refs == 0;
	spin_unlock(&p->lock);
	if (free) {
		KASSERT(!p->active || p->receiver == NULL);
		KASSERT(p->msg_head == NULL && p->destination == NULL);
		task_limit_port_free(p);
		kmem_cache_free(port_cache, p);
		__atomic_sub_fetch(&ports_live, 1, __ATOMIC_RELAXED);
	}
}

static void
wake_all(struct thread **list, int result)
{
	struct thread *t;

	while ((t = *list) != NULL) {
		*list = t->wq_next;
		t->wq_next = NULL;
		thread_wakeup(t, result);
	}
}

/*
 * Wake every thread blocked receiving on p with result (a THREAD_* code,
 * or MACH_RCV_PORT_DIED / MACH_RCV_PORT_CHANGED, which mach_msg returns
 * as they are).  Port locked.
 */
void
ipc_port_wake_receivers(struct ipc_port *p, int result)
{
	wake_all(&p->rcv_waiters, result);
}

/*
 * The receive right leaves its space (moved in a message, handed to a
 * port-destroyed requester, or destroyed), as GNU Mach's
 * ipc_port_clear_receiver: the threads of that space blocked on it learn
 * that it is gone (MACH_RCV_PORT_DIED) and the make-send count and
 * sequence number start again from zero for the next holder.  Port
 * locked.
 */
void
ipc_port_clear_receiver(struct ipc_port *p)
{
	p->receiver = NULL;
	p->receiver_name = MACH_PORT_NAME_NULL;
	p->mscount = 0;
	p->seqno = 0;
	wake_all(&p->rcv_waiters, MACH_RCV_PORT_DIED);
}

/* Find and unlink s/name's dead-name request on p, or NULL.  Port locked. */
struct ipc_dnreq *
ipc_port_dnreq_take(struct ipc_port *p, struct ipc_space *s,
    mach_port_name_t name)
{
	struct ipc_dnreq **pp, *d;

	for (pp = &p->dnrequests; (d = *pp) != NULL; pp = &d->next) {
		if (d->space == s && d->name == name) {
			*pp = d->next;
			return d;
		}
	}
	return NULL;
}

/* Tell every dead-name requester; the list is already detached. */
static void
dnrequests_fire(struct ipc_dnreq *d)
{
	struct ipc_dnreq *next;

	for (; d != NULL; d = next) {
		next = d->next;
		ipc_notify_dead_name(d->notify, d->name);
		task_limit_dnreq_free(d);
	}
}

/*
 * [r] Messages of dead ports waiting to be destroyed.  A receive right in
 * one of them kills another port, whose messages may hold more: done by
 * recursion, a user's chain of a few hundred ports would run the kernel
 * stack over.  So the first caller drains the list and nested deaths
 * only add to it.
 */
static struct spinlock reap_lock = SPINLOCK_INIT;
static struct ipc_kmsg *reap_head;		/* [r] */
static bool reaping;				/* [r] someone drains */

static void
port_destroy_messages(struct ipc_kmsg *msgs)
{
	struct ipc_kmsg *k, *last;

	if (msgs == NULL)
		return;
	for (last = msgs; last->next != NULL; last = last->next)
		;
	spin_lock(&reap_lock);
	last->next = reap_head;
	reap_head = msgs;
	if (reaping) {
		spin_unlock(&reap_lock);
		return;
	}
	reaping = true;
	while ((k = reap_head) != NULL) {
		reap_head = k->next;
		k->next = NULL;
		spin_unlock(&reap_lock);
		ipc_kmsg_destroy(k);
		spin_lock(&reap_lock);
	}
	reaping = false;
	spin_unlock(&reap_lock);
}

/*
 * The receive right is destroyed.  If someone asked for port-destroyed,
 * the right travels to them instead.  Otherwise the port dies: its queued
 * messages are destroyed (releasing the rights they carry), waiters wake
 * to find it dead and dead-name requesters are told.  The caller's
 * reference stays the caller's.
 */
void
ipc_port_destroy(struct ipc_port *p)
{
	struct ipc_kmsg *msgs;
	struct ipc_port *pd, *ns;
	struct ipc_dnreq *dn;

	ipc_port_clear_destination(p);
	ipc_pset_remove_port(p);	/* first: no set waiter takes more */
	spin_lock(&p->lock);
	ipc_port_clear_receiver(p);
	if ((pd = p->pdrequest) != NULL && p->kotype == IKOT_NONE) {
		p->pdrequest = NULL;
		p->refs++;			/* the notification's */
		spin_unlock(&p->lock);
		ipc_notify_port_destroyed(pd, p);
		return;
	}
	p->active = false;
	p->kotype = IKOT_NONE;
	p->kobject = NULL;
	msgs = p->msg_head;
	p->msg_head = p->msg_tail = NULL;
	p->msgcount = 0;
	ns = p->nsrequest;
	p->nsrequest = NULL;
	pd = p->pdrequest;
	p->pdrequest = NULL;
	dn = p->dnrequests;
	p->dnrequests = NULL;
	wake_all(&p->snd_waiters, THREAD_INTERRUPTED);
	spin_unlock(&p->lock);
	port_destroy_messages(msgs);
	if (ns != NULL)
		ipc_notify_send_once(ns);	/* the request is void */
	if (pd != NULL)
		ipc_notify_send_once(pd);
	dnrequests_fire(dn);
}

/*
 * One send right less.  The last one may owe a no-senders notification,
 * or, for a kernel object that lives only as long as its send rights (an
 * io_perm, an open device, a device pager), end that object.  The caller
 * holds a reference on p.
 */
void
ipc_port_srights_dec(struct ipc_port *p)
{
	struct ipc_port *notify = NULL;
	bool kobject = false;
	uint32_t mscount = 0;

	spin_lock(&p->lock);
	if (p->srights > 0 && --p->srights == 0 && p->active) {
		mscount = p->mscount;
		if (p->nsrequest != NULL && p->mscount >= p->ns_sync) {
			notify = p->nsrequest;
			p->nsrequest = NULL;
		} else {
			kobject = ipc_kobject_wants_no_senders(p->kotype);
		}
	}
	spin_unlock(&p->lock);
	if (notify != NULL)
		ipc_notify_no_senders(notify, mscount);
	else if (kobject)
		ipc_kobject_no_senders(p, mscount);
}

/* Queue a message and wake one receiver.  Port locked. */
void
ipc_port_enqueue(struct ipc_port *p, struct ipc_kmsg *k)
{
	struct thread *t;

	k->next = NULL;
	if (p->msg_tail != NULL)
		p->msg_tail->next = k;
	else
		p->msg_head = k;
	p->msg_tail = k;
	p->msgcount++;
	if ((t = p->rcv_waiters) != NULL) {
		p->rcv_waiters = t->wq_next;
		t->wq_next = NULL;
		thread_wakeup(t, THREAD_AWAKENED);
	}
}

/* Take the first message, giving it a sequence number.  Port locked. */
struct ipc_kmsg *
ipc_port_dequeue(struct ipc_port *p)
{
	struct ipc_kmsg *k = p->msg_head;
	struct thread *t;

	if (k == NULL)
		return NULL;
	p->msg_head = k->next;
	if (p->msg_head == NULL)
		p->msg_tail = NULL;
	p->msgcount--;
	k->next = NULL;
	k->seqno = p->seqno++;
	if ((t = p->snd_waiters) != NULL) {
		p->snd_waiters = t->wq_next;
		t->wq_next = NULL;
		thread_wakeup(t, THREAD_AWAKENED);
	}
	return k;
}

/*
 * The head message for a receive into a size-byte buffer.  Too large:
 * *mrp = MACH_RCV_TOO_LARGE, *needed its size, and unless MACH_RCV_LARGE
 * it is dequeued and returned for the caller to destroy once unlocked.
 * Port locked, a message queued.
 */
struct ipc_kmsg *
ipc_port_take(struct ipc_port *p, mach_msg_option_t option,
    mach_msg_size_t size, mach_msg_return_t *mrp, mach_msg_size_t *needed)
{
	*needed = p->msg_head->hdr.msgh_size;
	if (*needed <= size) {
		*mrp = MACH_MSG_SUCCESS;
		return ipc_port_dequeue(p);
	}
	*mrp = MACH_RCV_TOO_LARGE;
	return (option & MACH_RCV_LARGE) ? NULL : ipc_port_dequeue(p);
}

/* The queue limit rose: let blocked senders try again.  Port locked. */
void
ipc_port_wake_senders(struct ipc_port *p)
{
	wake_all(&p->snd_waiters, THREAD_AWAKENED);
}

/* Take t off a wait list if it is still there (after a timeout). */
void
ipc_port_wait_remove(struct thread **list, struct thread *t)
{
	for (; *list != NULL; list = &(*list)->wq_next) {
		if (*list == t) {
			*list = t->wq_next;
			t->wq_next = NULL;
			return;
		}
	}
}

/* A naked send right the kernel held (a stub's argument) is released. */
void
ipc_port_release_send(ipc_port_t p)
{
	if (!IP_VALID(p))
		return;
	ipc_port_srights_dec(p);
	ipc_port_release(p);
}

/* Another naked send right for a holder of one (NULL and dead pass). */
ipc_port_t
ipc_port_copy_send(ipc_port_t p)
{
	if (!IP_VALID(p))
		return p;
	spin_lock(&p->lock);
	p->srights++;
	p->refs++;
	spin_unlock(&p->lock);
	return p;
}

/*
 * [c] Ports in transit form chains (a receive right in a message queued
 * at a port whose own receive right is in a message ...).  One lock for
 * all their destination fields keeps a walk along a chain consistent, as
 * GNU Mach's ipc_port_multiple_lock does.
 */
static struct spinlock circularity_lock = SPINLOCK_INIT;

/*
 * Would queueing a message carrying receive right p at dest put p, after
 * any number of hops, inside its own queue?  Such a cycle could never be
 * received from, so the caller destroys the message instead, as GNU Mach
 * does.  When there is no cycle, p records dest as its destination (with
 * a reference) until it is received or destroyed.  p is in transit and
 * referenced; no locks held.
 */
bool
ipc_port_check_circularity(ipc_port_t p, ipc_port_t dest)
{
	struct ipc_port *q;

	if (!IP_VALID(dest) || dest->kotype != IKOT_NONE)
		return false;		/* the kernel holds nothing in transit */
	spin_lock(&circularity_lock);
	for (q = dest; q != NULL; q = q->destination) {
		if (q == p) {
			spin_unlock(&circularity_lock);
			return true;
		}
	}
	KASSERT(p->destination == NULL);
	ipc_port_ref(dest);
	p->destination = dest;
	spin_unlock(&circularity_lock);
	return false;
}

/* p's receive right arrived somewhere, or died: it is in no queue now. */
void
ipc_port_clear_destination(struct ipc_port *p)
{
	struct ipc_port *d;

	spin_lock(&circularity_lock);
	d = p->destination;
	p->destination = NULL;
	spin_unlock(&circularity_lock);
	if (d != NULL)
		ipc_port_release(d);
}
