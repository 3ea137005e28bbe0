/*
 * mach_msg_fast.c -- the RPC fast path.  When a simple message (no rights
 * or memory in the body) goes to a port on which a thread is already
 * blocked in a plain receive (on the port or on its port set; a payload
 * is delivered as copyout delivers it), the sender claims that thread's
 * wait, gives it the reply right and leaves the message, header already
 * rewritten, in the receiver's thread; the receiver copies it out when
 * it runs.  No kernel message is built or queued.  Every condition is
 * checked before anything changes; if one fails, mach_msg takes the
 * general path (mach_msg.c).  Called from mach_msg_trap and
 * mach_msg_receive.
 */
#include "kern/klib.h"
#include "kern/sched.h"
#include "kern/task.h"
#include "kern/thread.h"
#include "ipc/ipc_port.h"
#include "ipc/ipc_pset.h"
#include "ipc/ipc_right.h"
#include "ipc/ipc_space.h"
#include "ipc/mach_msg.h"
#include "vm/vm_map.h"

#define FAST_MAX	THREAD_FAST_MSG_MAX	/* bytes the fast path carries */

/* What a fast send found: the rights it will move, checked and locked. */
struct fast_send {
	struct ipc_port		*dest;
	struct ipc_port		*reply;		/* a send-once right to our
						   receive right's port, or
						   NULL */
	struct thread		*receiver;
	mach_msg_type_name_t	 rdisp;
	uint32_t		 seqno;
	uint64_t		 local;		/* the receiver's
						   msgh_local_port: its name
						   for dest, or dest's
						   protected payload */
	mach_msg_type_name_t	 ltype;		/* and its type */
	bool			 then_receive;	/* the sender will wait next */
};

/* The header's dispositions and names fit the fast path? */
static bool
fast_header_ok(const mach_msg_header_t *h)
{
	mach_msg_type_name_t rdisp = MACH_MSGH_BITS_REMOTE(h->msgh_bits);
	mach_msg_type_name_t ldisp = MACH_MSGH_BITS_LOCAL(h->msgh_bits);

	if (h->msgh_bits & MACH_MSGH_BITS_COMPLEX)
		return false;
	if (rdisp != MACH_MSG_TYPE_COPY_SEND &&
	    rdisp != MACH_MSG_TYPE_MOVE_SEND_ONCE)
		return false;
	if ((mach_port_name_t)h->msgh_local_port == MACH_PORT_NAME_NULL)
		return true;
	return ldisp == MACH_MSG_TYPE_MAKE_SEND_ONCE;
}

/*
 * A thread blocked in a receive on p itself that size bytes fit, its
 * wait claimed and taken off p's queue, with p locked; or NULL with p
 * unlocked and nothing changed.
 */
static struct thread *
fast_claim_port(struct ipc_port *p, mach_msg_size_t size)
{
	struct thread *t;

	spin_lock(&p->lock);
	t = p->rcv_waiters;
	if (p->active && p->pset == NULL && p->msg_head == NULL &&
	    p->kotype == IKOT_NONE && p->receiver != NULL && t != NULL &&
	    t->ith_rcv_msg != 0 && t->ith_rcv_size >= size &&
	    thread_claim_wait(t)) {
		p->rcv_waiters = t->wq_next;
		t->wq_next = NULL;
		return t;
	}
	spin_unlock(&p->lock);
	return NULL;
}

/*
 * A receiver for p, claimed, with p locked: one blocked on p's port set
 * if p is in one (the set's lock comes before p's), else one on p.
 * Takes the message's sequence number and what the receiver gets for
 * the destination: the protected payload if p has one, as copyout does,
 * else the receiver's name.
 */
static bool
fast_claim_receiver(struct ipc_port *p, mach_msg_size_t size,
    struct fast_send *f)
{
	struct thread *t;

	if (p->pset != NULL)		/* checked again under the locks */
		t = ipc_pset_claim_receiver(p, size);
	else
		t = fast_claim_port(p, size);
	if (t == NULL)
		return false;
	f->dest = p;
	f->receiver = t;
	f->seqno = p->seqno++;
	f->local = p->receiver_name;
	f->ltype = f->rdisp == MACH_MSG_TYPE_COPY_SEND ?
	    MACH_MSG_TYPE_PORT_SEND : MACH_MSG_TYPE_PORT_SEND_ONCE;
	if (p->has_payload) {
		f->local = p->payload;
		f->ltype = MACH_MSG_TYPE_PROTECTED_PAYLOAD;
	}
	spin_unlock(&p->lock);
	return true;
}

/*
 * Find the destination and a receiver blocked on it, and claim that
 * receiver's wait.  False (nothing changed) unless every condition
 * holds.
 */
static bool
fast_claim(struct ipc_space *s, const mach_msg_header_t *h,
    mach_msg_size_t size, struct fast_send *f)
{
	mach_port_name_t dname = (mach_port_name_t)h->msgh_remote_port;
	mach_port_name_t rname = (mach_port_name_t)h->msgh_local_port;
	struct ipc_entry *e, *re = NULL;
	uint32_t need;
	bool ok = false;

	f->rdisp = MACH_MSGH_BITS_REMOTE(h->msgh_bits);
	need = f->rdisp == MACH_MSG_TYPE_COPY_SEND ? MACH_PORT_TYPE_SEND :
	    MACH_PORT_TYPE_SEND_ONCE;
	spin_lock(&s->lock);
	e = ipc_entry_lookup(s, dname);
	if (rname != MACH_PORT_NAME_NULL)
		re = ipc_entry_lookup(s, rname);
	if (e == NULL || (e->type & need) == 0 || (rname != MACH_PORT_NAME_NULL &&
	    (re == NULL || (re->type & MACH_PORT_TYPE_RECEIVE) == 0)))
		goto out;
	if (e->dnrequest && f->rdisp == MACH_MSG_TYPE_MOVE_SEND_ONCE)
		goto out;		/* its request is cancelled: slow path */
	if (!fast_claim_receiver(e->port, size, f))
		goto out;
	ok = true;
	f->reply = re != NULL ? re->port : NULL;
	if (f->reply != NULL) {
		/* The send-once right, made while our entry holds the port. */
		spin_lock(&f->reply->lock);
		f->reply->sorights++;
		f->reply->refs++;
		spin_unlock(&f->reply->lock);
	}
	if (f->rdisp == MACH_MSG_TYPE_MOVE_SEND_ONCE) {
		e->type = 0;			/* the right is used up */
		ipc_entry_free(s, dname);
	}
out:
	spin_unlock(&s->lock);
	return ok;
}

/*
 * Give the receiver's space a name for the reply right (made, with its
 * reference, by fast_claim).  A send-once right never merges with another
 * name, so a fresh entry is all the general copyout would make; if the
 * space is full the right is dropped (its port is told) and the name is
 * null, as ipc_right_copyout does.
 */
static mach_port_name_t
fast_reply_copyout(struct ipc_space *rs, struct ipc_port *reply)
{
	mach_port_name_t name;
	struct ipc_entry *e;

	spin_lock(&rs->lock);
	if (ipc_entry_alloc(rs, &name, &e) == KERN_SUCCESS) {
		e->port = reply;
		e->type = MACH_PORT_TYPE_SEND_ONCE;
	} else {
		name = MACH_PORT_NAME_NULL;
	}
	spin_unlock(&rs->lock);
	if (name == MACH_PORT_NAME_NULL)
		ipc_right_drop(reply, MACH_MSG_TYPE_PORT_SEND_ONCE);
	return name;
}

/*
 * Deliver to the claimed receiver: its name for the reply right, then
 * the message as a receive would see it, left in the receiver's thread
 * (it copies the bytes out itself, in its own address space, when it
 * runs), and its wakeup.
 */
static void
fast_deliver(struct fast_send *f, const uint64_t *m, mach_msg_size_t size)
{
	struct thread *t = f->receiver;
	const mach_msg_header_t *h = (const mach_msg_header_t *)m;
	mach_msg_header_t *out = (mach_msg_header_t *)t->ith_fast_msg;
	mach_port_name_t rname = MACH_PORT_NAME_NULL;
	mach_msg_type_name_t rtype = 0;

	if (f->reply != NULL) {
		rtype = MACH_MSG_TYPE_PORT_SEND_ONCE;
		rname = fast_reply_copyout(t->task->itk_space, f->reply);
	}
	/* Simple, so no bit of the sender's but the dispositions is kept. */
	out->msgh_bits = MACH_MSGH_BITS(rtype, f->ltype);
	out->msgh_size = size;
	t->ith_fast_msg[1] = rname;		/* names fill 8-byte slots */
	t->ith_fast_msg[2] = f->local;
	out->msgh_seqno = f->seqno;
	out->msgh_id = h->msgh_id;
	for (mach_msg_size_t i = 4; i < size / 8; i++)
		t->ith_fast_msg[i] = m[i];
	t->ith_fast_size = size;
	t->ith_fast = true;
	if (f->then_receive)
		thread_handoff(t);	/* runs as soon as we block */
	else
		thread_wakeup(t, THREAD_AWAKENED);
	if (f->rdisp == MACH_MSG_TYPE_MOVE_SEND_ONCE)
		ipc_right_consume(f->dest, MACH_MSG_TYPE_PORT_SEND_ONCE);
}

/*
 * The send half of mach_msg, if the fast path applies: true with *mrp set
 * if the message was delivered, false to fall back (nothing changed).
 * When the caller will receive next (option has MACH_RCV_MSG), the
 * receiver is handed the processor for when the caller blocks.
 */
bool
mach_msg_fast_send(uint64_t msg, mach_msg_option_t option,
    mach_msg_size_t size, mach_msg_return_t *mrp)
{
	struct task *task = current_thread()->task;
	uint64_t m[FAST_MAX / 8];
	struct fast_send f;

	if (size < sizeof(mach_msg_header_t) || size > FAST_MAX ||
	    (size & 7) != 0)
		return false;
	if (vm_copyin_current(msg, m, size) != KERN_SUCCESS ||
	    !fast_header_ok((const mach_msg_header_t *)m))
		return false;
	if (!fast_claim(task->itk_space, (const mach_msg_header_t *)m, size,
	    &f))
		return false;
	f.then_receive = (option & MACH_RCV_MSG) != 0;
	fast_deliver(&f, m, size);
	*mrp = MACH_MSG_SUCCESS;
	return true;
}

/*
 * The receive half of a fast delivery, in the receiver: copy out what
 * the sender left in our thread.  The rights in it are already ours.
 */
mach_msg_return_t
mach_msg_fast_receive(uint64_t msg)
{
	struct thread *self = current_thread();

	self->ith_fast = false;
	if (vm_copyout_current(self->ith_fast_msg, msg, self->ith_fast_size) !=
	    KERN_SUCCESS)
		return MACH_RCV_INVALID_DATA;
	return MACH_MSG_SUCCESS;
}
