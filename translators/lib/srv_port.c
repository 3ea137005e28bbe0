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

/* Give p a receive right in its bucket's set, with its payload. */
static int
srv_port_attach(struct srv_port *p)
{
	mach_port_t task = mach_task_self();

	if (mach_port_allocate(task, MACH_PORT_RIGHT_RECEIVE, &p->name) !=
	    KERN_SUCCESS)
		return ENOMEM;
	pthread_mutex_lock(&srv_lock);
	if (srv_table_insert(&srv_objects, p, p->name, &p->handle) != 0)
		goto no_slot;
	if (mach_port_set_protected_payload(task, p->name, p->handle) !=
	    KERN_SUCCESS ||
	    mach_port_move_member(task, p->name, p->bucket->set) !=
	    KERN_SUCCESS)
		goto no_set;
	pthread_mutex_unlock(&srv_lock);
	return 0;
no_set:
	srv_table_remove(&srv_objects, p->handle);
no_slot:
	pthread_mutex_unlock(&srv_lock);
	mach_port_mod_refs(task, p->name, MACH_PORT_RIGHT_RECEIVE, -1);
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
	if (mach_port_insert_right(task, p->name, p->name,
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
		killed = srv_port_kill_locked(p);
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
