/*
 * exception.c -- what happens to a user thread that faults.  As in Mach,
 * the kernel sends exception_raise (exc.defs, id 2400) to the thread's
 * exception port, then to the task's, and waits for the reply in the
 * faulting thread: KERN_SUCCESS resumes the thread (its state may have
 * been changed by the handler); anything else tries the next port.  With
 * no port, or none that handles it, the exception is reported on the
 * console and the task is terminated; the kernel and other tasks go on.
 */
#include "kern/klib.h"
#include "kern/console.h"
#include "kern/exception.h"
#include "kern/sched.h"
#include "kern/task.h"
#include "kern/task_limit.h"
#include "kern/thread.h"
#include "ipc/ipc_kmsg.h"
#include "ipc/ipc_kobject.h"
#include "ipc/ipc_port.h"
#include "ipc/ipc_right.h"
#include "ipc/mach_msg.h"
#include "machine/frame.h"
#include <mach/mig_errors.h>

#define EXC_RAISE_ID	2400

/* exception_raise's request as MIG lays it out (see build/mig/mach/exc*). */
struct exc_request {
	mach_msg_header_t	head;
	mach_msg_type_t		thread_type;
	uint64_t		thread;		/* kernel form: ipc_port_t */
	mach_msg_type_t		task_type;
	uint64_t		task;
	mach_msg_type_t		exc_type;
	int32_t			exc, exc_pad;
	mach_msg_type_t		code_type;
	int32_t			code, code_pad;
	mach_msg_type_t		subcode_type;
	int64_t			subcode;
};

static const char *
exception_name(int exc)
{
	switch (exc) {
	case EXC_BAD_ACCESS:		return "EXC_BAD_ACCESS";
	case EXC_BAD_INSTRUCTION:	return "EXC_BAD_INSTRUCTION";
	case EXC_ARITHMETIC:		return "EXC_ARITHMETIC";
	case EXC_EMULATION:		return "EXC_EMULATION";
	case EXC_SOFTWARE:		return "EXC_SOFTWARE";
	case EXC_BREAKPOINT:		return "EXC_BREAKPOINT";
	default:			return "unknown exception";
	}
}

static mach_msg_type_t
type_of(unsigned name, unsigned bits)
{
	mach_msg_type_t t = { 0 };

	t.msgt_name = name;
	t.msgt_size = bits;
	t.msgt_number = 1;
	t.msgt_inline = 1;
	return t;
}

/* The request, in kernel form, carrying send rights to thread and task. */
static struct ipc_kmsg *
exc_request(struct ipc_port *eport, struct ipc_port *reply, int exc,
    uint64_t code, uint64_t subcode)
{
	struct ipc_kmsg *k = ipc_kmsg_alloc(sizeof(struct exc_request));
	struct exc_request *r;
	struct thread *self = current_thread();

	if (k == NULL)
		return NULL;
	task_limit_kmsg_force(k, task_limit_current());
	r = (struct exc_request *)&k->hdr;
	memset(r, 0, sizeof(*r));
	r->head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_PORT_SEND,
	    MACH_MSG_TYPE_PORT_SEND_ONCE) | MACH_MSGH_BITS_COMPLEX;
	r->head.msgh_size = sizeof(*r);
	r->head.msgh_id = EXC_RAISE_ID;
	ipc_kmsg_set_slot(k, KMSG_REMOTE, (uint64_t)eport);
	ipc_kmsg_set_slot(k, KMSG_LOCAL, (uint64_t)reply);
	r->thread_type = type_of(MACH_MSG_TYPE_PORT_SEND, 64);
	r->thread = (uint64_t)ipc_kobject_make_send(self->ith_self);
	r->task_type = type_of(MACH_MSG_TYPE_PORT_SEND, 64);
	r->task = (uint64_t)ipc_kobject_make_send(self->task->itk_self);
	r->exc_type = type_of(MACH_MSG_TYPE_INTEGER_32, 32);
	r->exc = exc;
	r->code_type = type_of(MACH_MSG_TYPE_INTEGER_32, 32);
	r->code = (int32_t)code;
	r->subcode_type = type_of(MACH_MSG_TYPE_INTEGER_64, 64);
	r->subcode = (int64_t)subcode;
	return k;
}

/*
 * Wait for the handler's reply.  The handler itself may thread_abort or
 * thread_set_state us meanwhile (that is how it repairs us): only the
 * death of the thread or task ends the wait early.
 */
static mach_msg_return_t
exception_wait_reply(struct ipc_port *reply, struct ipc_kmsg **kp)
{
	struct thread *self = current_thread();
	mach_msg_return_t mr;

	do
		mr = mach_msg_kernel_receive(reply, kp);
	while (mr == MACH_RCV_INTERRUPTED && !self->dying && !self->task->dying);
	return mr;
}

/*
 * Send exception_raise through eport (a naked send right, consumed) and
 * wait for the reply.  True if the handler answered KERN_SUCCESS.
 */
static bool
exception_try_port(struct ipc_port *eport, int exc, uint64_t code,
    uint64_t subcode)
{
	struct ipc_port *reply = ipc_port_alloc();
	struct ipc_kmsg *k = NULL;
	kern_return_t rc = KERN_FAILURE;

	if (reply == NULL) {
		ipc_port_release_send(eport);
		return false;
	}
	reply->sorights++;		/* the request's reply right */
	reply->refs++;
	k = exc_request(eport, reply, exc, code, subcode);
	if (k == NULL) {
		ipc_port_release_send(eport);
		ipc_right_consume(reply, MACH_MSG_TYPE_PORT_SEND_ONCE);
	} else if (mach_msg_deliver(k, MACH_MSG_OPTION_NONE, 0) !=
	    MACH_MSG_SUCCESS) {
		ipc_kmsg_destroy(k);
	} else if (exception_wait_reply(reply, &k) == MACH_MSG_SUCCESS) {
		if (k->hdr.msgh_size >= sizeof(mig_reply_header_t) &&
		    k->hdr.msgh_id == EXC_RAISE_ID + 100)
			rc = ((mig_reply_header_t *)&k->hdr)->RetCode;
		ipc_right_consume(ipc_kmsg_dest(k),
		    MACH_MSGH_BITS_REMOTE(k->hdr.msgh_bits));
		ipc_kmsg_set_slot(k, KMSG_REMOTE, 0);
		ipc_kmsg_destroy(k);
	}
	ipc_port_destroy(reply);
	ipc_port_release(reply);
	return rc == KERN_SUCCESS;
}

void
exception_raise_user(struct trapframe *tf, int exc, uint64_t code,
    uint64_t subcode)
{
	struct thread *self = current_thread();
	struct task *task = self->task;
	struct ipc_port *ports[2];
	bool handled = false;

	spin_lock(&task->lock);
	ports[0] = ipc_port_copy_send(self->ith_exception);
	ports[1] = ipc_port_copy_send(task->itk_exception);
	spin_unlock(&task->lock);
	for (int i = 0; i < 2; i++) {
		if (!IP_VALID(ports[i]))
			continue;
		if (handled || self->dying || task->dying)
			ipc_port_release_send(ports[i]);
		else
			handled = exception_try_port(ports[i], exc, code,
			    subcode);
	}
	/*
	 * Resumed, or terminated by its handler (with its task or alone):
	 * the way back to user mode ends a dying thread.
	 */
	if (handled || self->dying || task->dying)
		return;
	kprintf("whorl: task %d (%s): %s code %#lx subcode %#lx, "
	    "no handler: terminating the task\n", task->id, task->name,
	    exception_name(exc), code, subcode);
	frame_dump(tf);
	task_terminate(task);
}
