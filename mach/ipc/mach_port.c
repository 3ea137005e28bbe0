/*
 * mach_port.c -- the mach_port RPCs: allocation, naming, references and
 * attributes of rights in a space.  Each routine validates its arguments
 * under the space lock before it changes anything, and returns GNU Mach's
 * codes: KERN_INVALID_TASK for a dead space, KERN_INVALID_NAME for a name
 * with no rights, KERN_INVALID_RIGHT for the wrong kind of right,
 * KERN_INVALID_VALUE for a bad argument, KERN_UREFS_OVERFLOW.
 */
#include "kern/klib.h"
#include "ipc/ipc_port.h"
#include "ipc/ipc_right.h"
#include "ipc/ipc_space.h"
#include "ipc/mach_port.h"
#include "ipc/ipc_pset.h"
#include "ipc/ipc_notify.h"
#include "kern/kalloc.h"
#include "kern/task_limit.h"
#include "vm/vm_copy.h"
#include <mach/mach_types.h>

/* Lock s and find name's entry; on failure s is unlocked. */
static kern_return_t
lookup_locked(struct ipc_space *s, mach_port_name_t name,
    struct ipc_entry **ep)
{
	if (s == NULL)
		return KERN_INVALID_TASK;
	spin_lock(&s->lock);
	if (!s->active) {
		spin_unlock(&s->lock);
		return KERN_INVALID_TASK;
	}
	*ep = ipc_entry_lookup(s, name);
	if (*ep == NULL) {
		spin_unlock(&s->lock);
		return KERN_INVALID_NAME;
	}
	ipc_right_check_dead(*ep);
	return KERN_SUCCESS;
}

kern_return_t
mach_port_type(struct ipc_space *s, mach_port_name_t name,
    mach_port_type_t *type)
{
	struct ipc_entry *e;
	kern_return_t kr = lookup_locked(s, name, &e);

	if (kr != KERN_SUCCESS)
		return kr;
	*type = e->type | (e->dnrequest ? MACH_PORT_TYPE_DNREQUEST : 0);
	spin_unlock(&s->lock);
	return KERN_SUCCESS;
}

/* Fill a fresh entry with the right `right' asks for.  Space locked. */
static kern_return_t
fill_new_right(struct ipc_space *s, mach_port_name_t name,
    struct ipc_entry *e, mach_port_right_t right)
{
	struct ipc_port *p;

	switch (right) {
	case MACH_PORT_RIGHT_RECEIVE:
		if ((p = task_limit_port_alloc(s->ledger)) == NULL)
			return KERN_RESOURCE_SHORTAGE;
		p->receiver = s;
		p->receiver_name = name;
		e->port = p;
		e->type = MACH_PORT_TYPE_RECEIVE;
		return KERN_SUCCESS;
	case MACH_PORT_RIGHT_DEAD_NAME:
		e->type = MACH_PORT_TYPE_DEAD_NAME;
		e->urefs = 1;
		return KERN_SUCCESS;
	case MACH_PORT_RIGHT_PORT_SET:
		return ipc_pset_alloc_in(s, name, e);
	default:
		return KERN_INVALID_VALUE;
	}
}

/*
 * A new receive right, port set or dead name, under *namep if chosen
 * (mach_port_allocate_name) or under a fresh name returned there.
 */
static kern_return_t
allocate_right(struct ipc_space *s, mach_port_right_t right, bool chosen,
    mach_port_name_t *namep)
{
	struct ipc_entry *e;
	kern_return_t kr;

	if (s == NULL)
		return KERN_INVALID_TASK;
	if (right != MACH_PORT_RIGHT_RECEIVE &&
	    right != MACH_PORT_RIGHT_DEAD_NAME &&
	    right != MACH_PORT_RIGHT_PORT_SET)
		return KERN_INVALID_VALUE;
	spin_lock(&s->lock);
	kr = chosen ? ipc_entry_alloc_name(s, *namep, &e) :
	    ipc_entry_alloc(s, namep, &e);
	if (kr == KERN_SUCCESS &&
	    (kr = fill_new_right(s, *namep, e, right)) != KERN_SUCCESS)
		ipc_entry_free(s, *namep);
	spin_unlock(&s->lock);
	return kr;
}

kern_return_t
mach_port_allocate(struct ipc_space *s, mach_port_right_t right,
    mach_port_name_t *namep)
{
	return allocate_right(s, right, false, namep);
}

kern_return_t
mach_port_allocate_name(struct ipc_space *s, mach_port_right_t right,
    mach_port_name_t name)
{
	return allocate_right(s, right, true, &name);
}

kern_return_t
mach_port_destroy(struct ipc_space *s, mach_port_name_t name)
{
	struct ipc_entry *e;
	kern_return_t kr = lookup_locked(s, name, &e);

	if (kr != KERN_SUCCESS)
		return kr;
	ipc_right_destroy(s, name, e);
	spin_unlock(&s->lock);
	return KERN_SUCCESS;
}

/* Drop one user reference of a send, send-once or dead-name right. */
kern_return_t
mach_port_deallocate(struct ipc_space *s, mach_port_name_t name)
{
	struct ipc_entry *e;
	kern_return_t kr = lookup_locked(s, name, &e);

	if (kr != KERN_SUCCESS)
		return kr;
	if (e->type & (MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_DEAD_NAME))
		kr = ipc_right_delta(s, name, e, e->type &
		    MACH_PORT_TYPE_SEND ? MACH_PORT_RIGHT_SEND :
		    MACH_PORT_RIGHT_DEAD_NAME, -1);
	else if (e->type & MACH_PORT_TYPE_SEND_ONCE)
		kr = ipc_right_delta(s, name, e, MACH_PORT_RIGHT_SEND_ONCE, -1);
	else
		kr = KERN_INVALID_RIGHT;
	spin_unlock(&s->lock);
	return kr;
}

kern_return_t
mach_port_get_refs(struct ipc_space *s, mach_port_name_t name,
    mach_port_right_t right, mach_port_urefs_t *refs)
{
	struct ipc_entry *e;
	kern_return_t kr;

	if (right >= MACH_PORT_RIGHT_NUMBER)
		return KERN_INVALID_VALUE;
	if ((kr = lookup_locked(s, name, &e)) != KERN_SUCCESS)
		return kr;		/* a name not in s: KERN_INVALID_NAME */
	if ((e->type & MACH_PORT_TYPE(right)) == 0)
		*refs = 0;
	else if (right == MACH_PORT_RIGHT_SEND ||
	    right == MACH_PORT_RIGHT_DEAD_NAME)
		*refs = e->urefs;
	else
		*refs = 1;
	spin_unlock(&s->lock);
	return KERN_SUCCESS;
}

kern_return_t
mach_port_mod_refs(struct ipc_space *s, mach_port_name_t name,
    mach_port_right_t right, mach_port_delta_t delta)
{
	struct ipc_entry *e;
	kern_return_t kr;

	if (right >= MACH_PORT_RIGHT_NUMBER)
		return KERN_INVALID_VALUE;
	if ((kr = lookup_locked(s, name, &e)) != KERN_SUCCESS)
		return kr;
	kr = ipc_right_delta(s, name, e, right, delta);
	spin_unlock(&s->lock);
	return kr;
}

/* The receive right of name, for the attribute setters; space locked. */
static kern_return_t
receive_locked(struct ipc_space *s, mach_port_name_t name,
    struct ipc_port **pp)
{
	struct ipc_entry *e;
	kern_return_t kr = lookup_locked(s, name, &e);

	if (kr != KERN_SUCCESS)
		return kr;
	if ((e->type & MACH_PORT_TYPE_RECEIVE) == 0) {
		spin_unlock(&s->lock);
		return KERN_INVALID_RIGHT;
	}
	*pp = e->port;
	return KERN_SUCCESS;
}

/* Which attribute of a receive right the setters below change. */
enum port_attr {
	PORT_QLIMIT,
	PORT_MSCOUNT,
	PORT_SEQNO,
	PORT_PAYLOAD,
	PORT_NO_PAYLOAD,
};

static kern_return_t
set_port_attr(struct ipc_space *s, mach_port_name_t name, enum port_attr a,
    uint64_t value)
{
	struct ipc_port *p;
	kern_return_t kr;

	if ((kr = receive_locked(s, name, &p)) != KERN_SUCCESS)
		return kr;
	spin_lock(&p->lock);
	if (a == PORT_QLIMIT) {
		p->qlimit = value;
		ipc_port_wake_senders(p);
	} else if (a == PORT_MSCOUNT) {
		p->mscount = value;
	} else if (a == PORT_SEQNO) {
		p->seqno = value;
	} else {
		p->payload = value;
		p->has_payload = a == PORT_PAYLOAD;
	}
	spin_unlock(&p->lock);
	spin_unlock(&s->lock);
	return KERN_SUCCESS;
}

kern_return_t
mach_port_set_qlimit(struct ipc_space *s, mach_port_name_t name,
    mach_port_msgcount_t qlimit)
{
	if (qlimit > MACH_PORT_QLIMIT_MAX)
		return KERN_INVALID_VALUE;
	return set_port_attr(s, name, PORT_QLIMIT, qlimit);
}

kern_return_t
mach_port_set_mscount(struct ipc_space *s, mach_port_name_t name,
    mach_port_mscount_t mscount)
{
	return set_port_attr(s, name, PORT_MSCOUNT, mscount);
}

kern_return_t
mach_port_set_seqno(struct ipc_space *s, mach_port_name_t name,
    mach_port_seqno_t seqno)
{
	return set_port_attr(s, name, PORT_SEQNO, seqno);
}

/*
 * Messages received through name carry payload in msgh_protected_payload
 * (local type MACH_MSG_TYPE_PROTECTED_PAYLOAD) instead of the port's name:
 * a server finds its object without a lookup.
 */
kern_return_t
mach_port_set_protected_payload(struct ipc_space *s, mach_port_name_t name,
    rpc_uintptr_t payload)
{
	return set_port_attr(s, name, PORT_PAYLOAD, payload);
}

kern_return_t
mach_port_clear_protected_payload(struct ipc_space *s, mach_port_name_t name)
{
	return set_port_attr(s, name, PORT_NO_PAYLOAD, 0);
}

/*
 * Give space s the right in transit (port, type) under a chosen name.
 * The name must be free, or already hold rights to the same port for a
 * send right.  Consumes the right on success only.
 */
kern_return_t
mach_port_insert_right(struct ipc_space *s, mach_port_name_t name,
    struct ipc_port *port, mach_msg_type_name_t type)
{
	struct ipc_entry *e;
	kern_return_t kr;

	if (s == NULL)
		return KERN_INVALID_TASK;
	if (!MACH_PORT_NAME_VALID(name) || ipc_right_result_type(type) != type ||
	    !IPC_PORT_VALID(port))
		return KERN_INVALID_VALUE;
	spin_lock(&s->lock);
	e = ipc_entry_lookup(s, name);
	if (e != NULL) {
		kr = e->port == port && type == MACH_MSG_TYPE_PORT_SEND ?
		    ipc_right_copyout_name(s, name, port, type) :
		    KERN_NAME_EXISTS;
	} else if ((kr = ipc_entry_alloc_name(s, name, &e)) == KERN_SUCCESS) {
		kr = ipc_right_copyout_name(s, name, port, type);
	}
	spin_unlock(&s->lock);
	return kr;
}

/* Take a right out of s as if it were sent in a message. */
kern_return_t
mach_port_extract_right(struct ipc_space *s, mach_port_name_t name,
    mach_msg_type_name_t disp, struct ipc_port **portp,
    mach_msg_type_name_t *typep)
{
	mach_msg_return_t mr;

	if (s == NULL)
		return KERN_INVALID_TASK;
	if (ipc_right_result_type(disp) == 0)
		return KERN_INVALID_VALUE;
	spin_lock(&s->lock);
	if (ipc_entry_lookup(s, name) == NULL) {
		spin_unlock(&s->lock);
		return KERN_INVALID_NAME;
	}
	mr = ipc_right_copyin(s, name, disp, portp, typep);
	spin_unlock(&s->lock);
	return mr == MACH_MSG_SUCCESS ? KERN_SUCCESS : KERN_INVALID_RIGHT;
}

/* Register (or with notify NULL, cancel) a dead-name request. */
static kern_return_t
request_dead_name(struct ipc_space *s, mach_port_name_t name,
    struct ipc_entry *e, struct ipc_port *notify, struct ipc_port **prev)
{
	struct ipc_port *p = e->port;
	struct ipc_dnreq *d, *fresh = NULL;

	if (e->type & MACH_PORT_TYPE_DEAD_NAME) {
		/* Already dead: tell at once, keeping the name alive for it. */
		if (notify == NULL)
			return KERN_SUCCESS;
		if (e->urefs < IPC_UREFS_MAX)
			e->urefs++;
		ipc_notify_dead_name(notify, name);
		return KERN_SUCCESS;
	}
	if ((e->type & (MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_SEND_ONCE |
	    MACH_PORT_TYPE_RECEIVE)) == 0)
		return KERN_INVALID_RIGHT;
	if (notify != NULL &&
	    (fresh = task_limit_dnreq_alloc(s->ledger)) == NULL)
		return KERN_RESOURCE_SHORTAGE;
	spin_lock(&p->lock);
	d = ipc_port_dnreq_take(p, s, name);
	if (fresh != NULL) {
		fresh->space = s;
		fresh->name = name;
		fresh->notify = notify;
		fresh->next = p->dnrequests;
		p->dnrequests = fresh;
	}
	spin_unlock(&p->lock);
	e->dnrequest = fresh != NULL;	/* mach_port_type says so */
	*prev = d != NULL ? d->notify : NULL;
	task_limit_dnreq_free(d);
	return KERN_SUCCESS;
}

/* No-senders or port-destroyed: one request slot on the receive right. */
static kern_return_t
request_on_receive(struct ipc_entry *e, mach_msg_id_t id,
    mach_port_mscount_t sync, struct ipc_port *notify, struct ipc_port **prev)
{
	struct ipc_port *p = e->port, *fire = NULL;
	uint32_t mscount = 0;

	if ((e->type & MACH_PORT_TYPE_RECEIVE) == 0)
		return KERN_INVALID_RIGHT;
	spin_lock(&p->lock);
	if (id == MACH_NOTIFY_PORT_DESTROYED) {
		*prev = p->pdrequest;
		p->pdrequest = notify;
	} else {
		*prev = p->nsrequest;
		p->nsrequest = notify;
		p->ns_sync = sync;
		if (notify != NULL && p->srights == 0 && p->mscount >= sync) {
			fire = notify;		/* no senders already */
			p->nsrequest = NULL;
			mscount = p->mscount;
		}
	}
	spin_unlock(&p->lock);
	if (fire != NULL)
		ipc_notify_no_senders(fire, mscount);
	return KERN_SUCCESS;
}

/*
 * Ask for a notification about name (MACH_NOTIFY_DEAD_NAME, _NO_SENDERS,
 * _PORT_DESTROYED) through the send-once right notify (may be NULL: cancel).
 * *previous gets the request it replaces.  On failure notify is untouched.
 */
kern_return_t
mach_port_request_notification(struct ipc_space *s, mach_port_name_t name,
    mach_msg_id_t id, mach_port_mscount_t sync, struct ipc_port *notify,
    struct ipc_port **previous)
{
	struct ipc_entry *e;
	kern_return_t kr;

	*previous = NULL;
	if (id != MACH_NOTIFY_DEAD_NAME && id != MACH_NOTIFY_NO_SENDERS &&
	    id != MACH_NOTIFY_PORT_DESTROYED)
		return KERN_INVALID_VALUE;
	if ((kr = lookup_locked(s, name, &e)) != KERN_SUCCESS)
		return kr;
	if (id == MACH_NOTIFY_DEAD_NAME)
		kr = request_dead_name(s, name, e, notify, previous);
	else
		kr = request_on_receive(e, id, sync, notify, previous);
	spin_unlock(&s->lock);
	return kr;
}

kern_return_t
mach_port_get_receive_status(struct ipc_space *s, mach_port_name_t name,
    mach_port_status_t *st)
{
	struct ipc_port *p;
	kern_return_t kr;

	if ((kr = receive_locked(s, name, &p)) != KERN_SUCCESS)
		return kr;
	spin_lock(&p->lock);
	memset(st, 0, sizeof(*st));
	st->mps_pset = p->pset != NULL ? p->pset->name : MACH_PORT_NAME_NULL;
	st->mps_seqno = p->seqno;
	st->mps_mscount = p->mscount;
	st->mps_qlimit = p->qlimit;
	st->mps_msgcount = p->msgcount;
	st->mps_sorights = p->sorights;
	st->mps_srights = p->srights > 0;
	st->mps_pdrequest = p->pdrequest != NULL;
	st->mps_nsrequest = p->nsrequest != NULL;
	spin_unlock(&p->lock);
	spin_unlock(&s->lock);
	return KERN_SUCCESS;
}

/* Move the receive right member into set after (MACH_PORT_NAME_NULL: none). */
kern_return_t
mach_port_move_member(struct ipc_space *s, mach_port_name_t member,
    mach_port_name_t after)
{
	struct ipc_entry *e, *se = NULL;
	kern_return_t kr;

	if ((kr = lookup_locked(s, member, &e)) != KERN_SUCCESS)
		return kr;
	if ((e->type & MACH_PORT_TYPE_RECEIVE) == 0)
		kr = KERN_INVALID_RIGHT;
	else if (after != MACH_PORT_NAME_NULL &&
	    ((se = ipc_entry_lookup(s, after)) == NULL ||
	    (se->type & MACH_PORT_TYPE_PORT_SET) == 0))
		kr = se == NULL ? KERN_INVALID_NAME : KERN_INVALID_RIGHT;
	else
		kr = ipc_pset_move(e->port, se != NULL ? se->pset : NULL);
	spin_unlock(&s->lock);
	return kr;
}

/* A kernel buffer as out-of-line reply data (kernel form: a vm_copy). */
static kern_return_t
ool_from_kernel(const void *buf, uint64_t len, vm_offset_t *out)
{
	struct vm_copy *c;

	*out = 0;
	if (len == 0)
		return KERN_SUCCESS;
	if ((c = vm_copy_from_kernel(buf, len)) == NULL)
		return KERN_RESOURCE_SHORTAGE;
	*out = (vm_offset_t)c;
	return KERN_SUCCESS;
}

/* Every name in the space with its type, as two out-of-line arrays. */
kern_return_t
mach_port_names(struct ipc_space *s, mach_port_name_array_t *names,
    mach_msg_type_number_t *ncount, mach_port_type_array_t *types,
    mach_msg_type_number_t *tcount)
{
	mach_port_name_t *nv = NULL;
	mach_port_type_t *tv = NULL;
	uint32_t n = 0, max;
	kern_return_t kr = KERN_RESOURCE_SHORTAGE;

	if (s == NULL)
		return KERN_INVALID_TASK;
	max = s->used;			/* names made meanwhile are left out */
	nv = kalloc(max * sizeof(*nv));
	tv = kalloc(max * sizeof(*tv));
	if (nv != NULL && tv != NULL) {
		spin_lock(&s->lock);
		n = ipc_space_list(s, nv, tv, max);
		spin_unlock(&s->lock);
		kr = ool_from_kernel(nv, n * sizeof(*nv), (vm_offset_t *)names);
		if (kr == KERN_SUCCESS && (kr = ool_from_kernel(tv,
		    n * sizeof(*tv), (vm_offset_t *)types)) != KERN_SUCCESS)
			vm_copy_discard((struct vm_copy *)*names);
	}
	kfree(nv);
	kfree(tv);
	*ncount = *tcount = kr == KERN_SUCCESS ? n : 0;
	return kr;
}

kern_return_t
mach_port_get_set_status(struct ipc_space *s, mach_port_name_t name,
    mach_port_name_array_t *members, mach_msg_type_number_t *count)
{
	struct ipc_entry *e;
	struct ipc_pset *ps;
	mach_port_name_t *v;
	uint32_t n, max = 64;
	kern_return_t kr;

	for (;;) {
		if ((v = kalloc(max * sizeof(*v))) == NULL)
			return KERN_RESOURCE_SHORTAGE;
		if ((kr = lookup_locked(s, name, &e)) != KERN_SUCCESS) {
			kfree(v);
			return kr;
		}
		if ((e->type & MACH_PORT_TYPE_PORT_SET) == 0) {
			spin_unlock(&s->lock);
			kfree(v);
			return KERN_INVALID_RIGHT;
		}
		ps = e->pset;
		n = ipc_pset_members(ps, v, max);
		spin_unlock(&s->lock);
		if (n <= max)
			break;
		kfree(v);
		max = n;
	}
	kr = ool_from_kernel(v, n * sizeof(*v), (vm_offset_t *)members);
	kfree(v);
	*count = kr == KERN_SUCCESS ? n : 0;
	return kr;
}

/*
 * The dead-name request of a renamed name follows it, as GNU Mach's
 * ipc_port_dnrename: the notification names the new name.  Space locked.
 */
static void
rename_dnrequest(struct ipc_space *s, struct ipc_entry *ne,
    mach_port_name_t old_name, mach_port_name_t new_name)
{
	struct ipc_port *p = ne->port;
	struct ipc_dnreq *d;

	spin_lock(&p->lock);
	if ((d = ipc_port_dnreq_take(p, s, old_name)) != NULL) {
		d->name = new_name;
		d->next = p->dnrequests;
		p->dnrequests = d;
		ne->dnrequest = true;
	}
	spin_unlock(&p->lock);
}

/* Move every right of old_name to new_name, which must be free. */
kern_return_t
mach_port_rename(struct ipc_space *s, mach_port_name_t old_name,
    mach_port_name_t new_name)
{
	struct ipc_entry *e, *ne;
	kern_return_t kr;

	if (s != NULL && !MACH_PORT_NAME_VALID(new_name))
		return KERN_INVALID_VALUE;	/* before the old name, as GNU */
	if ((kr = lookup_locked(s, old_name, &e)) != KERN_SUCCESS)
		return kr;
	if ((kr = ipc_entry_alloc_name(s, new_name, &ne)) == KERN_SUCCESS) {
		e = ipc_entry_lookup_any(s, old_name);	/* the table may move */
		ne->port = e->port;
		ne->pset = e->pset;
		ne->type = e->type;
		ne->urefs = e->urefs;
		if (e->dnrequest)
			rename_dnrequest(s, ne, old_name, new_name);
		if (ne->port != NULL && (ne->type & MACH_PORT_TYPE_RECEIVE))
			ne->port->receiver_name = new_name;
		if (ne->pset != NULL)
			ne->pset->name = new_name;
		ipc_entry_free(s, old_name);
	}
	spin_unlock(&s->lock);
	return kr;
}
