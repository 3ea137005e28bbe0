/*
 * ipc_right.c -- the rules of rights.  Copyin turns (name, disposition)
 * into a right in transit and updates the sender's entry; copyout merges a
 * right in transit into the receiver's space, reusing the name that already
 * holds send or receive rights to the same port, as Mach does.  Dropping a
 * right updates the port's counts; destroying a receive right kills the
 * port.  Callers hold the space lock; port locks nest inside.
 */
#include "kern/klib.h"
#include "kern/kalloc.h"
#include "kern/task_limit.h"
#include "ipc/ipc_space.h"
#include "ipc/ipc_port.h"
#include "ipc/ipc_right.h"
#include "ipc/ipc_pset.h"
#include "ipc/ipc_notify.h"

mach_msg_type_name_t
ipc_right_result_type(mach_msg_type_name_t disp)
{
	switch (disp) {
	case MACH_MSG_TYPE_MOVE_RECEIVE:
		return MACH_MSG_TYPE_PORT_RECEIVE;
	case MACH_MSG_TYPE_MOVE_SEND:
	case MACH_MSG_TYPE_COPY_SEND:
	case MACH_MSG_TYPE_MAKE_SEND:
		return MACH_MSG_TYPE_PORT_SEND;
	case MACH_MSG_TYPE_MOVE_SEND_ONCE:
	case MACH_MSG_TYPE_MAKE_SEND_ONCE:
		return MACH_MSG_TYPE_PORT_SEND_ONCE;
	default:
		return 0;
	}
}

/*
 * A dead-name request belongs to the name, as on GNU Mach: when the name
 * loses the rights it watched (deallocated, destroyed, moved away) the
 * request is cancelled and its send-once right gets a port-deleted
 * notification, so that a later holder of the same name never hears of
 * the old port.  A request whose port already died has fired; nothing is
 * left to cancel.  Space locked; e still holds its port.
 */
void
ipc_right_dncancel(struct ipc_space *s, mach_port_name_t name,
    struct ipc_entry *e)
{
	struct ipc_port *p = e->port;
	struct ipc_dnreq *d;

	if (!e->dnrequest)
		return;
	e->dnrequest = false;
	if (p == NULL)
		return;
	spin_lock(&p->lock);
	d = ipc_port_dnreq_take(p, s, name);
	spin_unlock(&p->lock);
	if (d == NULL)
		return;
	ipc_notify_port_deleted(d->notify, name);
	task_limit_dnreq_free(d);
}

/* The entry gave up its last right: forget the name. */
static void
entry_maybe_free(struct ipc_space *s, mach_port_name_t name,
    struct ipc_entry *e, bool keep_ref)
{
	struct ipc_port *p = e->port;

	if (e->type != 0)
		return;
	ipc_right_dncancel(s, name, e);
	ipc_entry_free(s, name);
	if (!keep_ref && p != NULL)
		ipc_port_release(p);
}

/* A send right whose port died is a dead name now.  Space locked. */
bool
ipc_right_check_dead(struct ipc_entry *e)
{
	struct ipc_port *p = e->port;

	if (p == NULL || (e->type & (MACH_PORT_TYPE_SEND |
	    MACH_PORT_TYPE_SEND_ONCE)) == 0 || p->active)
		return false;
	e->type = MACH_PORT_TYPE_DEAD_NAME;
	if (e->urefs == 0)
		e->urefs = 1;
	if (e->dnrequest) {
		/* The dead-name notification names it: one more reference. */
		e->dnrequest = false;
		if (e->urefs < IPC_UREFS_MAX)
			e->urefs++;
	}
	e->port = NULL;
	ipc_port_release(p);
	return true;
}

static mach_msg_return_t
copyin_send(struct ipc_space *s, mach_port_name_t name, struct ipc_entry *e,
    mach_msg_type_name_t disp, struct ipc_port **portp)
{
	struct ipc_port *p = e->port;

	if ((e->type & MACH_PORT_TYPE_SEND) == 0)
		return MACH_SEND_INVALID_RIGHT;
	spin_lock(&p->lock);
	if (disp == MACH_MSG_TYPE_COPY_SEND) {
		p->srights++;
		p->refs++;
		spin_unlock(&p->lock);
	} else if (--e->urefs > 0) {
		/* MOVE_SEND, refs left: the right that leaves is one more. */
		p->srights++;
		p->refs++;
		spin_unlock(&p->lock);
	} else {
		spin_unlock(&p->lock);		/* MOVE_SEND, the last ref */
		e->type &= ~MACH_PORT_TYPE_SEND;
		if (e->type != 0)		/* e goes with its last right */
			ipc_port_ref(p);
		entry_maybe_free(s, name, e, true);
	}
	*portp = p;
	return MACH_MSG_SUCCESS;
}

static mach_msg_return_t
copyin_receive_based(struct ipc_space *s, mach_port_name_t name,
    struct ipc_entry *e, mach_msg_type_name_t disp, struct ipc_port **portp)
{
	struct ipc_port *p = e->port;

	if ((e->type & MACH_PORT_TYPE_RECEIVE) == 0)
		return MACH_SEND_INVALID_RIGHT;
	if (disp == MACH_MSG_TYPE_MOVE_RECEIVE)
		ipc_pset_remove_port(p);	/* a moved right leaves its set */
	spin_lock(&p->lock);
	if (disp == MACH_MSG_TYPE_MAKE_SEND) {
		p->mscount++;
		p->srights++;
	} else if (disp == MACH_MSG_TYPE_MAKE_SEND_ONCE) {
		p->sorights++;
	} else {				/* MOVE_RECEIVE */
		ipc_port_clear_receiver(p);
		p->has_payload = false;		/* it meant something here */
	}
	p->refs++;
	spin_unlock(&p->lock);
	if (disp == MACH_MSG_TYPE_MOVE_RECEIVE) {
		e->type &= ~MACH_PORT_TYPE_RECEIVE;
		entry_maybe_free(s, name, e, false);
	}
	*portp = p;
	return MACH_MSG_SUCCESS;
}

/*
 * Take the right `disp' names out of space s.  On success *portp holds a
 * referenced port (or IPC_PORT_DEAD for a send right that died, when
 * deadok) and *typep the type the receiver will see.  Returns
 * MACH_MSG_SUCCESS, MACH_SEND_INVALID_RIGHT or MACH_SEND_INVALID_TYPE;
 * nothing changes on failure.  Space locked.
 */
static mach_msg_return_t
right_copyin(struct ipc_space *s, mach_port_name_t name,
    mach_msg_type_name_t disp, struct ipc_port **portp,
    mach_msg_type_name_t *typep, bool deadok)
{
	struct ipc_entry *e;
	mach_msg_return_t mr;

	if ((*typep = ipc_right_result_type(disp)) == 0)
		return MACH_SEND_INVALID_TYPE;
	if ((e = ipc_entry_lookup(s, name)) == NULL)
		return MACH_SEND_INVALID_RIGHT;
	ipc_right_check_dead(e);
	if (e->type & MACH_PORT_TYPE_DEAD_NAME) {
		if (!deadok)
			return MACH_SEND_INVALID_RIGHT;
		if (disp != MACH_MSG_TYPE_COPY_SEND &&
		    disp != MACH_MSG_TYPE_MOVE_SEND &&
		    disp != MACH_MSG_TYPE_MOVE_SEND_ONCE)
			return MACH_SEND_INVALID_RIGHT;
		if (disp != MACH_MSG_TYPE_COPY_SEND && --e->urefs == 0)
			ipc_entry_free(s, name);
		*portp = IPC_PORT_DEAD;
		return MACH_MSG_SUCCESS;
	}
	switch (disp) {
	case MACH_MSG_TYPE_COPY_SEND:
	case MACH_MSG_TYPE_MOVE_SEND:
		return copyin_send(s, name, e, disp, portp);
	case MACH_MSG_TYPE_MOVE_SEND_ONCE:
		if ((e->type & MACH_PORT_TYPE_SEND_ONCE) == 0)
			return MACH_SEND_INVALID_RIGHT;
		*portp = e->port;
		ipc_right_dncancel(s, name, e);
		e->type = 0;
		ipc_entry_free(s, name);	/* the reference travels */
		return MACH_MSG_SUCCESS;
	default:
		mr = copyin_receive_based(s, name, e, disp, portp);
		return mr;
	}
}

/* A right for a reply slot or a body: a dead name travels as dead. */
mach_msg_return_t
ipc_right_copyin(struct ipc_space *s, mach_port_name_t name,
    mach_msg_type_name_t disp, struct ipc_port **portp,
    mach_msg_type_name_t *typep)
{
	return right_copyin(s, name, disp, portp, typep, true);
}

/*
 * A message's destination: a dead name is refused with nothing taken, as
 * GNU Mach does (a send to it fails with MACH_SEND_INVALID_DEST).
 */
mach_msg_return_t
ipc_right_copyin_dest(struct ipc_space *s, mach_port_name_t name,
    mach_msg_type_name_t disp, struct ipc_port **portp,
    mach_msg_type_name_t *typep)
{
	return right_copyin(s, name, disp, portp, typep, false);
}

/* Give the receiver a right already named in its space.  Space locked. */
static void
copyout_merge(struct ipc_entry *e, struct ipc_port *p,
    mach_msg_type_name_t type)
{
	spin_lock(&p->lock);
	if (type == MACH_MSG_TYPE_PORT_SEND) {
		if ((e->type & MACH_PORT_TYPE_SEND) && p->srights > 1)
			p->srights--;		/* two send rights become one */
		e->type |= MACH_PORT_TYPE_SEND;
		if (e->urefs < IPC_UREFS_MAX)
			e->urefs++;
	} else {
		e->type |= MACH_PORT_TYPE_RECEIVE;
	}
	p->refs--;			/* the entry already holds one */
	spin_unlock(&p->lock);
}

/* A receive right in transit arrives in s under name. */
static void
right_set_receiver(struct ipc_space *s, struct ipc_port *p,
    mach_port_name_t name)
{
	ipc_port_clear_destination(p);
	spin_lock(&p->lock);
	p->receiver = s;
	p->receiver_name = name;
	spin_unlock(&p->lock);
}

/*
 * Put a right in transit into space s and say its name there.  A dead
 * right comes out as MACH_PORT_NAME_DEAD.  Returns MACH_MSG_SUCCESS or
 * MACH_RCV_HEADER_ERROR-class codes from the caller's point of view
 * (MACH_MSG_IPC_SPACE when the space is full: the right is destroyed).
 * Space locked.
 */
mach_msg_return_t
ipc_right_copyout(struct ipc_space *s, struct ipc_port *p,
    mach_msg_type_name_t type, mach_port_name_t *namep)
{
	mach_port_name_t name = MACH_PORT_NAME_NULL;
	struct ipc_entry *e;

	if (p == NULL || p == IPC_PORT_DEAD) {
		*namep = p == NULL ? MACH_PORT_NAME_NULL : MACH_PORT_NAME_DEAD;
		return MACH_MSG_SUCCESS;
	}
	if (type != MACH_MSG_TYPE_PORT_SEND_ONCE)
		name = ipc_space_find_port(s, p);
	if (name != MACH_PORT_NAME_NULL) {
		copyout_merge(ipc_entry_lookup(s, name), p, type);
	} else {
		if (ipc_entry_alloc(s, &name, &e) != KERN_SUCCESS) {
			ipc_right_drop(p, type);
			*namep = MACH_PORT_NAME_NULL;
			return MACH_MSG_IPC_SPACE;
		}
		e->port = p;
		e->urefs = type == MACH_MSG_TYPE_PORT_SEND ? 1 : 0;
		e->type = type == MACH_MSG_TYPE_PORT_SEND ? MACH_PORT_TYPE_SEND :
		    type == MACH_MSG_TYPE_PORT_SEND_ONCE ?
		    MACH_PORT_TYPE_SEND_ONCE : MACH_PORT_TYPE_RECEIVE;
	}
	if (type == MACH_MSG_TYPE_PORT_RECEIVE)
		right_set_receiver(s, p, name);
	*namep = name;
	return MACH_MSG_SUCCESS;
}

/*
 * A right in transit is destroyed (its message was never received):
 * send rights may owe no-senders, an unused send-once right owes its port
 * a send-once notification, a receive right destroys the port.
 */
void
ipc_right_drop(struct ipc_port *p, mach_msg_type_name_t type)
{
	if (!IPC_PORT_VALID(p))
		return;
	if (type == MACH_MSG_TYPE_PORT_SEND) {
		ipc_port_srights_dec(p);
	} else if (type == MACH_MSG_TYPE_PORT_SEND_ONCE) {
		if (p->active) {
			/* The right becomes the notification's own. */
			ipc_notify_send_once(p);
			return;
		}
		spin_lock(&p->lock);
		if (p->sorights > 0)
			p->sorights--;
		spin_unlock(&p->lock);
	} else if (type == MACH_MSG_TYPE_PORT_RECEIVE) {
		ipc_port_destroy(p);
	}
	ipc_port_release(p);
}

/* A right in transit was used up (its message was received). */
void
ipc_right_consume(struct ipc_port *p, mach_msg_type_name_t type)
{
	if (!IPC_PORT_VALID(p))
		return;
	if (type == MACH_MSG_TYPE_PORT_SEND) {
		ipc_port_srights_dec(p);
	} else if (type == MACH_MSG_TYPE_PORT_SEND_ONCE) {
		spin_lock(&p->lock);
		if (p->sorights > 0)
			p->sorights--;
		spin_unlock(&p->lock);
	}
	ipc_port_release(p);
}

/* Remove every right `name' holds (mach_port_destroy, task death). */
void
ipc_right_destroy(struct ipc_space *s, mach_port_name_t name,
    struct ipc_entry *e)
{
	struct ipc_port *p = e->port;
	struct ipc_pset *ps = e->pset;
	uint32_t type = e->type;

	ipc_right_dncancel(s, name, e);
	ipc_entry_free(s, name);
	if (ps != NULL)
		ipc_pset_destroy(ps);
	if (p == NULL)
		return;
	if (type & MACH_PORT_TYPE_RECEIVE)
		ipc_port_destroy(p);
	if (type & MACH_PORT_TYPE_SEND)
		ipc_port_srights_dec(p);
	if (type & MACH_PORT_TYPE_SEND_ONCE) {
		ipc_right_drop(p, MACH_MSG_TYPE_PORT_SEND_ONCE);
		return;				/* the reference went with it */
	}
	ipc_port_release(p);
}

/*
 * Add delta user references to one right of name (mach_port_mod_refs,
 * mach_port_deallocate).  Receive, send-once and set rights take only -1
 * (destroy) or 0.  Returns KERN_SUCCESS, KERN_INVALID_RIGHT,
 * KERN_INVALID_VALUE or KERN_UREFS_OVERFLOW; checks before it acts.
 * Space locked.
 */
kern_return_t
ipc_right_delta(struct ipc_space *s, mach_port_name_t name,
    struct ipc_entry *e, mach_port_right_t right, mach_port_delta_t delta)
{
	struct ipc_port *p = e->port;
	int64_t n;

	if ((e->type & MACH_PORT_TYPE(right)) == 0)
		return KERN_INVALID_RIGHT;
	if (right != MACH_PORT_RIGHT_SEND && right != MACH_PORT_RIGHT_DEAD_NAME) {
		if (delta > 0 || delta < -1)
			return KERN_INVALID_VALUE;
		if (delta == 0)
			return KERN_SUCCESS;
		if (right == MACH_PORT_RIGHT_RECEIVE &&
		    (e->type & MACH_PORT_TYPE_SEND)) {
			/* The receive right goes; the send right stays. */
			e->type &= ~MACH_PORT_TYPE_RECEIVE;
			ipc_port_ref(p);
			ipc_port_destroy(p);
			ipc_right_check_dead(e);
			ipc_port_release(p);
			return KERN_SUCCESS;
		}
		ipc_right_destroy(s, name, e);
		return KERN_SUCCESS;
	}
	n = (int64_t)e->urefs + delta;
	if (n < 0)
		return KERN_INVALID_VALUE;
	if (n > IPC_UREFS_MAX)
		return KERN_UREFS_OVERFLOW;
	e->urefs = (uint32_t)n;
	if (n > 0)
		return KERN_SUCCESS;
	if (right == MACH_PORT_RIGHT_DEAD_NAME) {
		ipc_entry_free(s, name);
		return KERN_SUCCESS;
	}
	/* The last send reference: the send right goes. */
	e->type &= ~MACH_PORT_TYPE_SEND;
	ipc_port_srights_dec(p);
	entry_maybe_free(s, name, e, false);
	return KERN_SUCCESS;
}

/*
 * Put a right in transit into name, an entry the caller allocated (empty)
 * or one that already holds send or receive rights to the same port.
 * Space locked; consumes the right.
 */
kern_return_t
ipc_right_copyout_name(struct ipc_space *s, mach_port_name_t name,
    struct ipc_port *p, mach_msg_type_name_t type)
{
	struct ipc_entry *e = ipc_entry_lookup_any(s, name);

	if (e->type != 0) {
		copyout_merge(e, p, type);
	} else {
		e->port = p;
		e->urefs = type == MACH_MSG_TYPE_PORT_SEND ? 1 : 0;
		e->type = type == MACH_MSG_TYPE_PORT_SEND ?
		    MACH_PORT_TYPE_SEND : type == MACH_MSG_TYPE_PORT_SEND_ONCE ?
		    MACH_PORT_TYPE_SEND_ONCE : MACH_PORT_TYPE_RECEIVE;
	}
	if (type == MACH_MSG_TYPE_PORT_RECEIVE)
		right_set_receiver(s, p, name);
	return KERN_SUCCESS;
}
