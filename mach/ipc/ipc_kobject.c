/*
 * ipc_kobject.c -- the kernel as a server.  A request sent to a kernel
 * object port is answered at once, in the sender's thread, with a reply on
 * its reply right.  Routines come from MIG-generated server stubs as they
 * are implemented; a request no routine claims gets MIG_BAD_ID, exactly as
 * an unknown id does on GNU Mach.
 */
#include "kern/klib.h"
#include "ipc/ipc_kmsg.h"
#include "ipc/ipc_kobject.h"
#include "ipc/ipc_right.h"
#include "ipc/ipc_space.h"
#include "ipc/mach_msg.h"

#define MIG_BAD_ID	(-303)
#define MIG_REPLY_SIZE	48	/* header, RetCode type, RetCode, pad */

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

/* A new send right to p in space s (mach_task_self and friends). */
mach_port_name_t
ipc_kobject_copy_send(struct ipc_space *s, struct ipc_port *p)
{
	mach_port_name_t name;

	spin_lock(&p->lock);
	p->mscount++;
	p->srights++;
	p->refs++;
	spin_unlock(&p->lock);
	spin_lock(&s->lock);
	ipc_right_copyout(s, p, MACH_MSG_TYPE_PORT_SEND, &name);
	spin_unlock(&s->lock);
	return name;
}

/* An error reply (mig_reply_header_t) to the request's reply right. */
static struct ipc_kmsg *
kobject_error_reply(struct ipc_kmsg *req, kern_return_t code)
{
	struct ipc_kmsg *r = ipc_kmsg_alloc(MIG_REPLY_SIZE);
	uint8_t *body;
	uint32_t bits = MACH_MSG_TYPE_INTEGER_32 | (32u << 8) | (1u << 29);
	uint32_t one = 1;

	if (r == NULL)
		return NULL;
	memset(&r->hdr, 0, MIG_REPLY_SIZE);
	r->hdr.msgh_bits = MACH_MSGH_BITS(MACH_MSGH_BITS_LOCAL(
	    req->hdr.msgh_bits), 0);
	r->hdr.msgh_size = MIG_REPLY_SIZE;
	ipc_kmsg_set_slot(r, KMSG_REMOTE, ipc_kmsg_slot(req, KMSG_LOCAL));
	r->hdr.msgh_id = req->hdr.msgh_id + 100;
	body = (uint8_t *)(&r->hdr + 1);
	memcpy(body, &bits, 4);
	memcpy(body + 4, &one, 4);
	memcpy(body + 8, &code, 4);
	return r;
}

void
ipc_kobject_server(struct ipc_kmsg *req)
{
	struct ipc_kmsg *reply = NULL;

	if (IPC_PORT_VALID(ipc_kmsg_reply(req)))
		reply = kobject_error_reply(req, MIG_BAD_ID);
	if (reply != NULL)
		ipc_kmsg_set_slot(req, KMSG_LOCAL, 0);	/* the right moved */
	/* The kernel received the request: its destination right is used. */
	ipc_right_consume(ipc_kmsg_dest(req),
	    MACH_MSGH_BITS_REMOTE(req->hdr.msgh_bits));
	ipc_kmsg_set_slot(req, KMSG_REMOTE, 0);
	ipc_kmsg_destroy(req);
	if (reply != NULL && mach_msg_deliver(reply, IPC_SEND_ALWAYS, 0) !=
	    MACH_MSG_SUCCESS)
		ipc_kmsg_destroy(reply);
}
