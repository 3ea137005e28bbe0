/*
 * mach_msg.c -- the general message path: mach_msg_trap's send half
 * (copy in, queue at the destination, blocking at the queue limit) and
 * receive half (wait with a timeout, copy out).  Messages to kernel object
 * ports are answered by the kernel server (ipc_kobject.c) at once.
 */
#include "kern/klib.h"
#include "kern/sched.h"
#include "kern/task.h"
#include "kern/task_limit.h"
#include "ipc/ipc_kmsg.h"
#include "ipc/ipc_kobject.h"
#include "ipc/ipc_port.h"
#include "ipc/ipc_pset.h"
#include "ipc/ipc_right.h"
#include "ipc/ipc_space.h"
#include "ipc/mach_msg.h"
#include "vm/vm_map.h"

/*
 * Queue k at its destination.  Blocks while the queue is full (unless the
 * message uses a send-once right, which always fits), up to timeout_ms
 * when MACH_SEND_TIMEOUT is given.  On failure k is still the caller's.
 */
static mach_msg_return_t
mach_msg_queue(struct ipc_kmsg *k, mach_msg_option_t option,
    mach_msg_timeout_t timeout_ms)
{
	struct ipc_port *dest = ipc_kmsg_dest(k);
	bool once = MACH_MSGH_BITS_REMOTE(k->hdr.msgh_bits) ==
	    MACH_MSG_TYPE_PORT_SEND_ONCE;
	int wr;

	spin_lock(&dest->lock);
	for (;;) {
		if (!dest->active) {
			spin_unlock(&dest->lock);
			return MACH_SEND_INVALID_DEST;
		}
		if (once || (option & IPC_SEND_ALWAYS) ||
		    dest->msgcount < dest->qlimit)
			break;
		if ((option & MACH_SEND_TIMEOUT) && timeout_ms == 0) {
			spin_unlock(&dest->lock);
			return MACH_SEND_TIMED_OUT;
		}
		current_thread()->wq_next = dest->snd_waiters;
		dest->snd_waiters = current_thread();
		wr = thread_block(&dest->lock,
		    (option & MACH_SEND_TIMEOUT) ? timeout_ms : 0);
		spin_lock(&dest->lock);
		ipc_port_wait_remove(&dest->snd_waiters, current_thread());
		if (wr == THREAD_TIMED_OUT) {
			spin_unlock(&dest->lock);
			return MACH_SEND_TIMED_OUT;
		}
		if (wr == THREAD_INTERRUPTED && dest->active) {
			spin_unlock(&dest->lock);
			return MACH_SEND_INTERRUPTED;
		}
	}
	ipc_port_enqueue(dest, k);
	spin_unlock(&dest->lock);
	if (dest->pset != NULL)
		ipc_pset_notify(dest);
	return MACH_MSG_SUCCESS;
}

/* Deliver a kernel message: to the kernel server or to a queue. */
mach_msg_return_t
mach_msg_deliver(struct ipc_kmsg *k, mach_msg_option_t option,
    mach_msg_timeout_t timeout_ms)
{
	struct ipc_port *dest = ipc_kmsg_dest(k);

	if (!IPC_PORT_VALID(dest))
		return MACH_SEND_INVALID_DEST;
	if (dest->kotype != IKOT_NONE) {
		ipc_kobject_server(k);
		return MACH_MSG_SUCCESS;
	}
	if (k->hdr.msgh_bits & MACH_MSGH_BITS_CIRCULAR) {
		/* It could never be received: accepted and destroyed. */
		ipc_kmsg_destroy(k);
		return MACH_MSG_SUCCESS;
	}
	return mach_msg_queue(k, option, timeout_ms);
}

static mach_msg_return_t
mach_msg_send(uint64_t msg, mach_msg_option_t option, mach_msg_size_t size,
    mach_msg_timeout_t timeout_ms)
{
	struct task *task = current_thread()->task;
	struct ipc_kmsg *k;
	mach_msg_return_t mr;

	if (size < sizeof(mach_msg_header_t) || (size & 3) != 0)
		return MACH_SEND_MSG_TOO_SMALL;
	if (size > IPC_KMSG_MAX_INLINE)
		return MACH_SEND_NO_BUFFER;
	if ((k = ipc_kmsg_alloc(size)) == NULL)
		return MACH_SEND_NO_BUFFER;
	if (vm_copyin(task->map, msg, &k->hdr, size) != KERN_SUCCESS) {
		ipc_kmsg_free(k);
		return MACH_SEND_INVALID_DATA;
	}
	k->hdr.msgh_size = size;
	if (!task_limit_kmsg_admit(k, task)) {
		ipc_kmsg_free(k);		/* nothing was taken */
		return MACH_SEND_NO_BUFFER;
	}
	mr = ipc_kmsg_copyin_header(k, task->itk_space);
	if (mr != MACH_MSG_SUCCESS) {
		ipc_kmsg_free(k);
		return mr;
	}
	if (k->hdr.msgh_bits & MACH_MSGH_BITS_COMPLEX)
		mr = ipc_kmsg_copyin_body(k, task->itk_space, task->map);
	if (mr == MACH_MSG_SUCCESS)
		mr = mach_msg_deliver(k, option, timeout_ms);
	if (mr == MACH_SEND_TIMED_OUT || mr == MACH_SEND_INTERRUPTED) {
		/* Nothing is lost: the message goes back to its sender. */
		mr |= ipc_kmsg_copyout_pseudo(k, task->itk_space, task->map);
		if (vm_copyout(task->map, &k->hdr, msg, k->hdr.msgh_size) !=
		    KERN_SUCCESS)
			mr |= MACH_MSG_VM_SPACE;
		ipc_kmsg_free(k);
	} else if (mr != MACH_MSG_SUCCESS) {
		/* The header's rights go back; whatever else it took is lost. */
		ipc_kmsg_undo_header(k, task->itk_space);
		ipc_kmsg_destroy(k);
	}
	return mr;
}

/* The receive right or port set `name' denotes, referenced. */
static bool
receive_object(struct ipc_space *s, mach_port_name_t name,
    struct ipc_port **pp, struct ipc_pset **psp)
{
	struct ipc_entry *e;

	*pp = NULL;
	*psp = NULL;
	spin_lock(&s->lock);
	e = ipc_entry_lookup(s, name);
	if (e != NULL && (e->type & MACH_PORT_TYPE_RECEIVE)) {
		*pp = e->port;
		ipc_port_ref(*pp);
	} else if (e != NULL && (e->type & MACH_PORT_TYPE_PORT_SET)) {
		*psp = e->pset;
		ipc_pset_ref(*psp);
	}
	spin_unlock(&s->lock);
	return *pp != NULL || *psp != NULL;
}

/*
 * Can a receiver of space s (NULL: the kernel) take p's messages?  Not
 * when p died or its receive right left s (MACH_RCV_PORT_DIED), nor when
 * p belongs to a port set: MACH_RCV_IN_SET, or MACH_RCV_PORT_CHANGED if
 * it joined one while we waited.  Port locked.
 */
static mach_msg_return_t
receive_check(struct ipc_port *p, struct ipc_space *s, bool waited)
{
	if (!p->active || (s != NULL && p->receiver != s))
		return MACH_RCV_PORT_DIED;
	if (p->pset != NULL)
		return waited ? MACH_RCV_PORT_CHANGED : MACH_RCV_IN_SET;
	return MACH_MSG_SUCCESS;
}

/* A receiver on p is about to wait or take a message: may it?  Locked. */
static inline bool
receive_ok(const struct ipc_port *p, const struct ipc_space *s)
{
	return p->active && p->receiver == s && p->pset == NULL;
}

/*
 * Wait for a message on p that fits in size bytes.  Returns it dequeued
 * (with *mrp MACH_RCV_TOO_LARGE if it does not fit: the caller destroys
 * it), or NULL with *mrp set: MACH_RCV_TIMED_OUT, MACH_RCV_INTERRUPTED,
 * MACH_RCV_PORT_DIED, MACH_RCV_IN_SET, MACH_RCV_PORT_CHANGED or
 * MACH_RCV_TOO_LARGE (*needed set; MACH_RCV_LARGE leaves it queued); or
 * NULL with *mrp untouched and ith_fast set when a fast sender delivered
 * straight to this thread (user receives only: user_msg is the buffer).
 */
static struct ipc_kmsg *
mach_msg_dequeue(struct ipc_port *p, struct ipc_space *s,
    mach_msg_option_t option, mach_msg_size_t size,
    mach_msg_timeout_t timeout_ms, mach_msg_return_t *mrp,
    mach_msg_size_t *needed, uint64_t user_msg)
{
	struct thread *self = current_thread();
	struct ipc_kmsg *k = NULL;
	int wr;

	spin_lock(&p->lock);
	if (!receive_ok(p, s) &&
	    (*mrp = receive_check(p, s, false)) != MACH_MSG_SUCCESS)
		goto out;
	for (;;) {
		if (p->msg_head != NULL) {
			k = ipc_port_take(p, option, size, mrp, needed);
			break;
		}
		if ((option & MACH_RCV_TIMEOUT) && timeout_ms == 0) {
			*mrp = MACH_RCV_TIMED_OUT;
			break;
		}
		self->wq_next = p->rcv_waiters;
		self->ith_rcv_msg = user_msg;	/* a fast sender may fill it */
		self->ith_rcv_size = size;
		self->ith_fast = false;
		p->rcv_waiters = self;
		wr = thread_block(&p->lock,
		    (option & MACH_RCV_TIMEOUT) ? timeout_ms : 0);
		if (self->ith_fast) {
			/* The fast sender took us off the queue. */
			self->ith_rcv_msg = 0;
			return NULL;
		}
		spin_lock(&p->lock);
		self->ith_rcv_msg = 0;
		ipc_port_wait_remove(&p->rcv_waiters, self);
		if (wr == MACH_RCV_PORT_DIED || wr == MACH_RCV_PORT_CHANGED) {
			*mrp = wr;	/* the right moved, or joined a set */
			break;
		}
		if (wr == THREAD_TIMED_OUT || wr == THREAD_INTERRUPTED) {
			*mrp = !p->active ? MACH_RCV_PORT_DIED :
			    wr == THREAD_TIMED_OUT ? MACH_RCV_TIMED_OUT :
			    MACH_RCV_INTERRUPTED;
			break;
		}
		if (!receive_ok(p, s) &&
		    (*mrp = receive_check(p, s, true)) != MACH_MSG_SUCCESS)
			break;
	}
out:
	spin_unlock(&p->lock);
	return k;
}

/*
 * The message does not fit and MACH_RCV_LARGE was not given: as GNU Mach,
 * the receiver gets the header alone (its msgh_size the message's real
 * size, the destination's name, the id; the reply right destroyed), never
 * more than its buffer holds, and the rest of the message is destroyed.
 */
static mach_msg_return_t
receive_too_large(struct ipc_kmsg *k, struct task *task, uint64_t msg,
    mach_msg_size_t size)
{
	uint32_t n = MIN(size, (uint32_t)sizeof(mach_msg_header_t));

	ipc_kmsg_copyout_dest(k, task->itk_space);
	vm_copyout(task->map, &k->hdr, msg, n);
	ipc_kmsg_free(k);
	return MACH_RCV_TOO_LARGE;
}

static mach_msg_return_t
mach_msg_receive(uint64_t msg, mach_msg_option_t option,
    mach_msg_size_t size, mach_port_name_t name,
    mach_msg_timeout_t timeout_ms)
{
	struct task *task = current_thread()->task;
	struct ipc_port *p;
	struct ipc_pset *ps;
	struct ipc_kmsg *k;
	mach_msg_return_t mr = MACH_MSG_SUCCESS, cr;
	mach_msg_size_t needed = 0;

	if (!receive_object(task->itk_space, name, &p, &ps))
		return MACH_RCV_INVALID_NAME;
	if (p != NULL) {
		k = mach_msg_dequeue(p, task->itk_space, option, size,
		    timeout_ms, &mr, &needed, msg);
		ipc_port_release(p);
	} else {
		k = ipc_pset_dequeue(ps, option, size, timeout_ms, &mr,
		    &needed, msg);
		ipc_pset_release(ps);
	}
	if (current_thread()->ith_fast)
		return mach_msg_fast_receive(msg);
	if (k != NULL && mr == MACH_RCV_TOO_LARGE)
		return receive_too_large(k, task, msg, size);
	if (k == NULL) {
		if (mr == MACH_RCV_TOO_LARGE && (option & MACH_RCV_LARGE))
			vm_copyout(task->map, &needed, msg +
			    offsetof(mach_msg_header_t, msgh_size),
			    sizeof(needed));
		return mr;
	}
	cr = ipc_kmsg_copyout(k, task->itk_space, task->map);
	if (vm_copyout(task->map, &k->hdr, msg, k->hdr.msgh_size) !=
	    KERN_SUCCESS)
		cr = MACH_RCV_INVALID_DATA;
	ipc_kmsg_free(k);
	return cr;
}

/*
 * The kernel receives on a port it holds the receive right of (replies to
 * its own requests, such as exception_raise).  Blocks until a message
 * comes or the thread is interrupted (task termination, thread_abort).
 */
mach_msg_return_t
mach_msg_kernel_receive(struct ipc_port *p, struct ipc_kmsg **kp)
{
	mach_msg_return_t mr = MACH_MSG_SUCCESS;
	mach_msg_size_t needed;

	*kp = mach_msg_dequeue(p, NULL, MACH_MSG_OPTION_NONE,
	    IPC_KMSG_MAX_INLINE, 0, &mr, &needed, 0);
	if (*kp != NULL && mr != MACH_MSG_SUCCESS) {
		ipc_kmsg_destroy(*kp);		/* too large: cannot be */
		*kp = NULL;
	}
	return *kp != NULL ? MACH_MSG_SUCCESS : mr;
}

/* mach_msg_trap(msg, option, send_size, rcv_size, rcv_name, timeout, notify) */
uint64_t
mach_msg_trap(const uint64_t *a)
{
	mach_msg_option_t option = (mach_msg_option_t)a[1];
	mach_msg_return_t mr = MACH_MSG_SUCCESS;
	struct task *task;

	option &= ~IPC_SEND_ALWAYS;
	if ((option & MACH_SEND_MSG) && !mach_msg_fast_send(a[0], option,
	    (mach_msg_size_t)a[2], &mr)) {
		mr = mach_msg_send(a[0], option, (mach_msg_size_t)a[2],
		    (mach_msg_timeout_t)a[5]);
		if (mr != MACH_MSG_SUCCESS)
			return mr;
	}
	task = current_thread()->task;
	if ((option & MACH_SEND_MSG) && mr == MACH_MSG_SUCCESS)
		task->events.messages_sent++;	/* TASK_EVENTS_INFO */
	if (option & MACH_RCV_MSG) {
		mr = mach_msg_receive(a[0], option, (mach_msg_size_t)a[3],
		    (mach_port_name_t)a[4], (mach_msg_timeout_t)a[5]);
		if (mr == MACH_MSG_SUCCESS)
			task->events.messages_received++;
	}
	return mr;
}
