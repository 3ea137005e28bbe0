/*
 * ipc_kobject.c -- the kernel as a server.  A request sent to a kernel
 * object port is answered at once, in the sender's thread, with a reply on
 * its reply right.  The routines are reached through the MIG-generated
 * kernel server stubs of mach.defs, mach_port.defs, mach_host.defs,
 * gnumach.defs and device.defs; an id none of them has gets MIG_BAD_ID, as on GNU Mach.
 */
#include "kern/klib.h"
#include "kern/task_limit.h"
#include "ipc/ipc_kmsg.h"
#include "ipc/ipc_kobject.h"
#include "ipc/ipc_right.h"
#include "ipc/ipc_space.h"
#include "ipc/mach_msg.h"
#include <mach/mig_errors.h>
#include "mach_S.h"
#include "mach_port_S.h"
#include "mach_host_S.h"
#include "gnumach_S.h"
#include "device_S.h"
#include "mach_i386_S.h"
#include "whorl_S.h"

/* The largest reply: thread_get_state or *_info with 1024 words inline. */
#define KOBJECT_REPLY_MAX	(sizeof(mig_reply_header_t) + 8 + 4096 + 64)

struct ipc_port *
ipc_kobject_port_alloc(enum ipc_kobject_type type, void *object)
{
	struct ipc_port *p = ipc_port_alloc();

	if (p != NULL) {
		p->kotype = type;
		p->kobject = object;
	}
	return p;
}

/* The object is going away: the port dies with it. */
void
ipc_kobject_port_destroy(struct ipc_port *p)
{
	ipc_port_destroy(p);
	ipc_port_release(p);
}

/* A naked send right made from the kernel's receive right, or NULL. */
struct ipc_port *
ipc_kobject_make_send(struct ipc_port *p)
{
	if (p == NULL)
		return NULL;
	spin_lock(&p->lock);
	p->mscount++;
	p->srights++;
	p->refs++;
	spin_unlock(&p->lock);
	return p;
}

/* A new send right to p in space s (mach_task_self and friends). */
mach_port_name_t
ipc_kobject_copy_send(struct ipc_space *s, struct ipc_port *p)
{
	mach_port_name_t name;

	ipc_kobject_make_send(p);
	spin_lock(&s->lock);
	ipc_right_copyout(s, p, MACH_MSG_TYPE_PORT_SEND, &name);
	spin_unlock(&s->lock);
	return name;
}

/*
 * Kernel objects that end with their last send right, as GNU Mach's
 * ipc_kobject_notify ends devices and io_perms on no-senders.  Tasks,
 * threads and the host live on without senders.
 */
static void (*const kobject_no_senders_fn[])(struct ipc_port *, void *) = {
	[IKOT_DEVICE] = device_no_senders,
	[IKOT_IO_PERM] = io_perm_no_senders,
	[IKOT_PHYS_PAGER] = phys_pager_no_senders,
};

bool
ipc_kobject_wants_no_senders(enum ipc_kobject_type type)
{
	return (size_t)type < ARRAY_SIZE(kobject_no_senders_fn) &&
	    kobject_no_senders_fn[type] != NULL;
}

/*
 * The last send right to kernel object port p went away when the port's
 * make-send count was mscount.  Unless a new send right was made since
 * (the count moved) or the port already died, the object ends.  The
 * caller holds a reference on p and no port lock.
 */
void
ipc_kobject_no_senders(struct ipc_port *p, uint32_t mscount)
{
	void (*fn)(struct ipc_port *, void *) = NULL;
	void *object = NULL;

	spin_lock(&p->lock);
	if (p->active && p->srights == 0 && p->mscount == mscount &&
	    ipc_kobject_wants_no_senders(p->kotype)) {
		fn = kobject_no_senders_fn[p->kotype];
		object = p->kobject;
	}
	spin_unlock(&p->lock);
	if (fn != NULL)
		fn(p, object);
}

/* Each subsystem the kernel serves: MIG's routine lookup for a request. */
static mig_routine_t (*const kobject_subsystems[])(const mach_msg_header_t *) = {
	mach_server_routine,
	mach_port_server_routine,
	mach_host_server_routine,
	gnumach_server_routine,
	device_server_routine,
	mach_i386_server_routine,
	whorl_server_routine,
};

static mig_routine_t
kobject_routine(const mach_msg_header_t *h)
{
	mig_routine_t r;

	for (size_t i = 0; i < ARRAY_SIZE(kobject_subsystems); i++)
		if ((r = kobject_subsystems[i](h)) != NULL)
			return r;
	return NULL;
}

/*
 * The reply's header and RetCode, as MIG server stubs expect to find it.
 * MIG's stubs never write the padding after a 4-byte datum nor the tail
 * of a fixed string, and the buffer may have held another task's
 * memory: this zeroes the header, and each stub zeroes the rest of its
 * own Reply before it writes (MIG_KERNEL_REPLY_ZERO, mach/mig_kernel.h).
 */
static void
kobject_reply_init(struct ipc_kmsg *req, struct ipc_kmsg *r)
{
	mig_reply_header_t *rh = (mig_reply_header_t *)&r->hdr;

	__builtin_memset(rh, 0, sizeof(*rh));
	rh->Head.msgh_bits = MACH_MSGH_BITS(MACH_MSGH_BITS_LOCAL(
	    req->hdr.msgh_bits), 0);
	rh->Head.msgh_size = sizeof(*rh);
	ipc_kmsg_set_slot(r, KMSG_REMOTE, ipc_kmsg_slot(req, KMSG_LOCAL));
	rh->Head.msgh_id = req->hdr.msgh_id + 100;
	rh->RetCodeType.msgt_name = MACH_MSG_TYPE_INTEGER_32;
	rh->RetCodeType.msgt_size = 32;
	rh->RetCodeType.msgt_number = 1;
	rh->RetCodeType.msgt_inline = 1;
	rh->RetCode = KERN_SUCCESS;
}

/*
 * Serve a request sent to a kernel object port, in the sender's thread.
 * The routine consumes the request's rights and memory when it succeeds;
 * otherwise they are destroyed with the request.  The reply goes to the
 * reply right, or is destroyed when there is none.
 */
void
ipc_kobject_server(struct ipc_kmsg *req)
{
	struct ipc_kmsg *r = ipc_kmsg_alloc(KOBJECT_REPLY_MAX);
	mig_routine_t routine;
	kern_return_t kr;

	if (r == NULL) {
		ipc_kmsg_destroy(req);		/* the caller sees no reply */
		return;
	}
	kobject_reply_init(req, r);
	/* The requester pays for its reply: its request was admitted. */
	task_limit_kmsg_force(r, task_limit_current());
	if ((routine = kobject_routine(&req->hdr)) != NULL)
		routine(&req->hdr, &r->hdr);
	else
		((mig_reply_header_t *)&r->hdr)->RetCode = MIG_BAD_ID;
	kr = ((mig_reply_header_t *)&r->hdr)->RetCode;
	/* The kernel received the request: its destination right is used. */
	ipc_right_consume(ipc_kmsg_dest(req),
	    MACH_MSGH_BITS_REMOTE(req->hdr.msgh_bits));
	ipc_kmsg_set_slot(req, KMSG_REMOTE, 0);
	ipc_kmsg_set_slot(req, KMSG_LOCAL, 0);	/* moved into the reply */
	if (kr == KERN_SUCCESS || kr == MIG_NO_REPLY)
		ipc_kmsg_free(req);
	else
		ipc_kmsg_destroy(req);
	if (kr == MIG_NO_REPLY || !IPC_PORT_VALID(ipc_kmsg_dest(r)) ||
	    mach_msg_deliver(r, IPC_SEND_ALWAYS, 0) != MACH_MSG_SUCCESS)
		ipc_kmsg_destroy(r);
}
