/*
 * ipc_port.c -- allocation, references, the message queue and death of
 * ports.  Callers: the rights code (ipc_right.c), mach_msg and the kernel
 * object ports of tasks and threads.
 */
#include "kern/klib.h"
#include "kern/kalloc.h"
#include "kern/sched.h"
#include "ipc/ipc_port.h"
#include "ipc/ipc_kmsg.h"

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
		KASSERT(p->msg_head == NULL);
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
 * The receive right is gone: the port dies.  Its queued messages are
 * destroyed (releasing the rights they carry), waiters are woken to find
 * it dead.  The caller's reference stays the caller's.
 */
void
ipc_port_destroy(struct ipc_port *p)
{
	struct ipc_kmsg *k, *msgs;

	spin_lock(&p->lock);
	p->active = false;
	p->receiver = NULL;
	p->kotype = IKOT_NONE;
	p->kobject = NULL;
	msgs = p->msg_head;
	p->msg_head = p->msg_tail = NULL;
	p->msgcount = 0;
	wake_all(&p->rcv_waiters, THREAD_INTERRUPTED);
	wake_all(&p->snd_waiters, THREAD_INTERRUPTED);
	spin_unlock(&p->lock);
	while ((k = msgs) != NULL) {
		msgs = k->next;
		ipc_kmsg_destroy(k);
	}
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
