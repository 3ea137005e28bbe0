/*
 * mach_msg_fast.c -- the RPC fast path.  When a simple message (no rights
 * or memory in the body) goes to a port on which a thread is already
 * blocked in a plain receive, the message is written straight from the
 * sender's copy into the receiver's buffer: no kernel message is built,
 * queued or copied twice.  Every condition is checked before anything
 * changes; if one fails, mach_msg takes the general path (mach_msg.c).
 */
#include "kern/klib.h"
#include "kern/sched.h"
#include "kern/task.h"
#include "kern/thread.h"
#include "ipc/ipc_port.h"
#include "ipc/ipc_right.h"
#include "ipc/ipc_space.h"
#include "ipc/mach_msg.h"
#include "vm/vm_map.h"

#define FAST_MAX	256	/* bytes of message the fast path carries */

/* What a fast send found: the rights it will move, checked and locked. */
struct fast_send {
	struct ipc_port		*dest;
	struct ipc_port		*reply;		/* our receive right, or NULL */
	struct thread		*receiver;
	mach_msg_type_name_t	 rdisp;
	uint32_t		 seqno;
	mach_port_name_t	 dest_name;	/* the receiver's name for dest */
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
 * Find the destination and a receiver blocked on it, and claim that
 * receiver's wait.  Space s locked, then the port; both unlocked on
 * return.  False (nothing changed) unless every condition holds.
 */
static bool
fast_claim(struct ipc_space *s, const mach_msg_header_t *h,
    mach_msg_size_t size, struct fast_send *f)
{
	mach_port_name_t dname = (mach_port_name_t)h->msgh_remote_port;
	mach_port_name_t rname = (mach_port_name_t)h->msgh_local_port;
	struct ipc_entry *e, *re = NULL;
	struct ipc_port *p;
	struct thread *t;
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
	p = e->port;
	spin_lock(&p->lock);
	t = p->rcv_waiters;
	if (p->active && p->kotype == IKOT_NONE && p->pset == NULL &&
	    !p->has_payload && p->msg_head == NULL && p->receiver != NULL && t != NULL &&
	    t->ith_rcv_msg != 0 && t->ith_rcv_size >= size &&
	    thread_claim_wait(t)) {
		p->rcv_waiters = t->wq_next;
		t->wq_next = NULL;
		f->dest = p;
		f->reply = re != NULL ? re->port : NULL;
		f->receiver = t;
		f->seqno = p->seqno++;
		f->dest_name = p->receiver_name;
		ok = true;
	}
	spin_unlock(&p->lock);
	if (ok && f->rdisp == MACH_MSG_TYPE_MOVE_SEND_ONCE) {
		e->type = 0;			/* the right is used up */
		ipc_entry_free(s, dname);
	}
out:
	spin_unlock(&s->lock);
	return ok;
}

/*
 * Deliver to the claimed receiver: its copy of the reply right, the
 * header as a receive would write it, the bytes, and its wakeup.
 */
static void
fast_deliver(struct fast_send *f, mach_msg_header_t *h, mach_msg_size_t size)
{
	struct thread *t = f->receiver;
	struct ipc_space *rs = t->task->itk_space;
	mach_port_name_t rname = MACH_PORT_NAME_NULL;
	mach_msg_type_name_t rtype = 0;
	uint64_t slot;

	if (f->reply != NULL) {
		rtype = MACH_MSG_TYPE_PORT_SEND_ONCE;
		spin_lock(&f->reply->lock);
		f->reply->sorights++;
		f->reply->refs++;
		spin_unlock(&f->reply->lock);
		spin_lock(&rs->lock);
		ipc_right_copyout(rs, f->reply, rtype, &rname);
		spin_unlock(&rs->lock);
	}
	h->msgh_bits = MACH_MSGH_BITS_OTHER(h->msgh_bits) |
	    MACH_MSGH_BITS(rtype, ipc_right_result_type(f->rdisp));
	h->msgh_size = size;
	slot = rname;
	memcpy((char *)h + 8, &slot, 8);
	slot = f->dest_name;
	memcpy((char *)h + 16, &slot, 8);
	h->msgh_seqno = f->seqno;
	t->ith_fast_mr = vm_copyout(t->task->map, h, t->ith_rcv_msg, size) ==
	    KERN_SUCCESS ? MACH_MSG_SUCCESS : MACH_RCV_INVALID_DATA;
	t->ith_fast = true;
	thread_wakeup(t, THREAD_AWAKENED);
	if (f->rdisp == MACH_MSG_TYPE_MOVE_SEND_ONCE)
		ipc_right_consume(f->dest, MACH_MSG_TYPE_PORT_SEND_ONCE);
}

/*
 * The send half of mach_msg, if the fast path applies: true with *mrp set
 * if the message was delivered, false to fall back (nothing changed).
 */
bool
mach_msg_fast_send(uint64_t msg, mach_msg_size_t size, mach_msg_return_t *mrp)
{
	struct task *task = current_task();
	union {
		mach_msg_header_t	h;
		char			bytes[FAST_MAX];
	} m;
	struct fast_send f;

	if (size < sizeof(mach_msg_header_t) || size > FAST_MAX ||
	    (size & 3) != 0)
		return false;
	if (vm_copyin(task->map, msg, &m, size) != KERN_SUCCESS ||
	    !fast_header_ok(&m.h))
		return false;
	if (!fast_claim(task->itk_space, &m.h, size, &f))
		return false;
	fast_deliver(&f, &m.h, size);
	*mrp = MACH_MSG_SUCCESS;
	return true;
}
