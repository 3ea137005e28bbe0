/*
 * srv_port.c -- objects reached through ports (translators/lib): each
 * object has a receive right in a bucket's port set, whose protected
 * payload is the object's handle in the table (srv_table.c), so a
 * request finds its object in O(1) without trusting a pointer.  An
 * object lives while its receive right or a reference does; no-senders
 * notifications, checked against the kernel's own count, end the right.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <mach/mach_traps.h>
#include <mach/mach_port.h>
#include <mach/notify.h>

#include "srv.h"
#include "srv_table.h"

static pthread_mutex_t srv_lock = PTHREAD_MUTEX_INITIALIZER;
static struct srv_table srv_objects = { .free_head = SRV_TABLE_NONE,
	.max = SRV_OBJECTS_MAX };

/* A bucket with its own port set; the pool starts when it runs. */
int
srv_bucket_init(struct srv_bucket *b, srv_demux_t demux,
    unsigned int max_workers)
{
	if (demux == NULL || max_workers == 0)
		return EINVAL;
	memset(b, 0, sizeof(*b));
	if (mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_PORT_SET,
	    &b->set) != KERN_SUCCESS)
		return ENOMEM;
	b->demux = demux;
	b->max_workers = max_workers;
	pthread_mutex_init(&b->lock, NULL);
	return 0;
}

/*
 * Receive rights of objects that ended by no-senders, kept for new
 * objects (srv_port_recycle_locked): a kept right is still in its set,
 * and a new object only needs its own payload, saving the kernel calls
 * to make, move and destroy a port.  [srv_lock]
 */
#define SRV_SPARE_MAX	64

static struct {
	mach_port_t name;
	mach_port_t set;		/* the set it is in */
} srv_spare[SRV_SPARE_MAX];
static unsigned int srv_nspare;

/* A receive right for p, in its bucket's set (srv_lock held).  ENOMEM. */
static int
srv_port_right_locked(struct srv_port *p)
{
	mach_port_t task = mach_task_self(), set = MACH_PORT_NULL;

	if (srv_nspare > 0) {
		srv_nspare--;
		p->name = srv_spare[srv_nspare].name;
		set = srv_spare[srv_nspare].set;
	} else if (syscall_mach_port_allocate(task, MACH_PORT_RIGHT_RECEIVE,
	    &p->name) != KERN_SUCCESS)
		return ENOMEM;
	if (set == p->bucket->set ||
	    mach_port_move_member(task, p->name, p->bucket->set) ==
	    KERN_SUCCESS)
		return 0;
	mach_port_mod_refs(task, p->name, MACH_PORT_RIGHT_RECEIVE, -1);
	return ENOMEM;
}

/* Give p a receive right in its bucket's set, with its payload. */
static int
srv_port_attach(struct srv_port *p)
{
	mach_port_t task = mach_task_self();

	pthread_mutex_lock(&srv_lock);
	if (srv_port_right_locked(p) != 0)
		goto no_right;
	if (srv_table_insert(&srv_objects, p, p->name, &p->handle) != 0)
		goto no_slot;
	if (mach_port_set_protected_payload(task, p->name, p->handle) !=
	    KERN_SUCCESS)
		goto no_payload;
	pthread_mutex_unlock(&srv_lock);
	return 0;
no_payload:
	srv_table_remove(&srv_objects, p->handle);
no_slot:
	mach_port_mod_refs(task, p->name, MACH_PORT_RIGHT_RECEIVE, -1);
no_right:
	pthread_mutex_unlock(&srv_lock);
	return ENOMEM;
}

/*
 * Make an object of size bytes (at least a struct srv_port, which heads
 * it) of class cls in bucket b, zeroed, with a receive right and no send
 * right yet.  *objp gets it with one reference for the caller.  ENOMEM.
 */
int
srv_port_create(struct srv_bucket *b, const struct srv_class *cls,
    size_t size, void *objp)
{
	struct srv_port *p;

	if (b == NULL || cls == NULL || size < sizeof(*p))
		return EINVAL;
	p = calloc(1, size);
	if (p == NULL)
		return ENOMEM;
	p->class = cls;
	p->bucket = b;
	p->refs = 2;
	if (srv_port_attach(p) != 0) {
		free(p);
		return ENOMEM;
	}
	*(struct srv_port **)objp = p;
	return 0;
}

/*
 * A new send right to p in this task, for the caller to move out
 * (MACH_MSG_TYPE_MOVE_SEND).  Made under the library lock, so that a
 * no-senders check never misses it; arms the no-senders notification.
 * EBADF if p's right is gone, ENOMEM.
 */
int
srv_port_make_send(struct srv_port *p, mach_port_t *namep)
{
	mach_port_t task = mach_task_self(), prev;
	int error = 0;

	pthread_mutex_lock(&srv_lock);
	if (p->dead) {
		error = EBADF;
		goto out;
	}
	if (syscall_mach_port_insert_right(task, p->name, p->name,
	    MACH_MSG_TYPE_MAKE_SEND) != KERN_SUCCESS) {
		error = ENOMEM;
		goto out;
	}
	if (!p->ns_armed && mach_port_request_notification(task, p->name,
	    MACH_NOTIFY_NO_SENDERS, 0, p->name, MACH_MSG_TYPE_MAKE_SEND_ONCE,
	    &prev) == KERN_SUCCESS) {
		p->ns_armed = 1;
		if (prev != MACH_PORT_NULL)	/* after a forged notification */
			mach_port_deallocate(task, prev);
	}
	*namep = p->name;
out:
	pthread_mutex_unlock(&srv_lock);
	return error;
}

void
srv_port_ref(struct srv_port *p)
{
	pthread_mutex_lock(&srv_lock);
	p->refs++;
	pthread_mutex_unlock(&srv_lock);
}

/* Drop a reference (NULL: nothing); the last one cleans and frees. */
void
srv_port_release(struct srv_port *p)
{
	unsigned int left;

	if (p == NULL)
		return;
	pthread_mutex_lock(&srv_lock);
	left = --p->refs;
	pthread_mutex_unlock(&srv_lock);
	if (left != 0)
		return;
	if (p->class->clean != NULL)
		p->class->clean(p);
	free(p);
}

/* End p's receive right now (called with srv_lock held); drop its ref. */
static int
srv_port_kill_locked(struct srv_port *p)
{
	if (p->dead)
		return 0;
	p->dead = 1;
	srv_table_remove(&srv_objects, p->handle);
	mach_port_mod_refs(mach_task_self(), p->name,
	    MACH_PORT_RIGHT_RECEIVE, -1);
	return 1;
}

/*
 * End p, whose port the kernel says has no send right (srv_lock held):
 * keep its receive right for a new object when nothing can reach it
 * any more -- no send right can come back (only we make them, under
 * this lock), no send-once right (no client can hold one: the kernel
 * held our notification's, now used), no message queued -- and the
 * spares have room; otherwise destroy it.  A request of p's that a
 * worker dequeued meanwhile carries p's old handle, which finds nothing
 * once p leaves the table, and the new object gets a new handle.
 */
static int
srv_port_recycle_locked(struct srv_port *p, const mach_port_status_t *st)
{
	if (p->dead || st->mps_sorights != 0 || st->mps_msgcount != 0 ||
	    srv_nspare == SRV_SPARE_MAX)
		return srv_port_kill_locked(p);
	p->dead = 1;
	srv_table_remove(&srv_objects, p->handle);
	srv_spare[srv_nspare].name = p->name;
	srv_spare[srv_nspare].set = p->bucket->set;
	srv_nspare++;
	return 1;
}

/* Destroy p's port (its senders see a dead name); p lives while held. */
void
srv_port_destroy(struct srv_port *p)
{
	int killed;

	pthread_mutex_lock(&srv_lock);
	killed = srv_port_kill_locked(p);
	pthread_mutex_unlock(&srv_lock);
	if (killed)
		srv_port_release(p);
}

/* MIG's payload translation: the live object of handle, referenced. */
struct srv_port *
srv_port_payload(unsigned long payload)
{
	struct srv_port *p;

	pthread_mutex_lock(&srv_lock);
	p = srv_table_get(&srv_objects, payload);
	if (p != NULL)
		p->refs++;
	pthread_mutex_unlock(&srv_lock);
	return p;
}

/* MIG's name translation (a request without payload): by port name. */
struct srv_port *
srv_port_intran(mach_port_t name)
{
	struct srv_port *p;

	pthread_mutex_lock(&srv_lock);
	p = srv_table_find(&srv_objects, name);
	if (p != NULL)
		p->refs++;
	pthread_mutex_unlock(&srv_lock);
	return p;
}

/* The object of class cls whose port is name, referenced, or NULL. */
struct srv_port *
srv_port_lookup(mach_port_t name, const struct srv_class *cls)
{
	struct srv_port *p = srv_port_intran(name);

	if (p != NULL && p->class != cls) {
		srv_port_release(p);
		p = NULL;
	}
	return p;
}

/* How many objects have a live port. */
int
srv_port_count(void)
{
	int n;

	pthread_mutex_lock(&srv_lock);
	n = srv_objects.count;
	pthread_mutex_unlock(&srv_lock);
	return n;
}

/*
 * A no-senders notification (from the kernel or forged: either way only
 * a hint) for the object of in's payload: if the kernel says the port
 * has no send right, end it, else ask again.  Returns 1 if in was a
 * notification (the caller sends no reply), 0 if not.
 */
int
srv_port_notify(mach_msg_header_t *in)
{
	mach_port_t task = mach_task_self(), prev;
	mach_port_status_t st;
	struct srv_port *p;
	int killed = 0;

	if (in->msgh_id < MACH_NOTIFY_FIRST || in->msgh_id > MACH_NOTIFY_LAST)
		return 0;
	if (in->msgh_id != MACH_NOTIFY_NO_SENDERS ||
	    MACH_MSGH_BITS_LOCAL(in->msgh_bits) !=
	    MACH_MSG_TYPE_PROTECTED_PAYLOAD)
		return 1;
	pthread_mutex_lock(&srv_lock);
	p = srv_table_get(&srv_objects, in->msgh_protected_payload);
	if (p == NULL || mach_port_get_receive_status(task, p->name, &st) !=
	    KERN_SUCCESS)
		goto out;
	p->ns_armed = 0;
	if (!st.mps_srights)
		killed = srv_port_recycle_locked(p, &st);
	else if (mach_port_request_notification(task, p->name,
	    MACH_NOTIFY_NO_SENDERS, 0, p->name, MACH_MSG_TYPE_MAKE_SEND_ONCE,
	    &prev) == KERN_SUCCESS) {
		p->ns_armed = 1;
		if (prev != MACH_PORT_NULL)
			mach_port_deallocate(task, prev);
	}
out:
	pthread_mutex_unlock(&srv_lock);
	if (killed)
		srv_port_release(p);
	return 1;
}
