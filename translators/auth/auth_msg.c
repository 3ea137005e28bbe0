/*
 * auth_msg.c -- the auth server's request loop: one thread receives from
 * the port set of handles and the notify port, dispatches to MIG's
 * stubs (auth_server, notify_server), and sends each reply without ever
 * waiting.  A request that fails is destroyed here, rights and memory;
 * one deferred (MIG_NO_REPLY) belongs to its handler.  Also the error
 * replies auth_rdv.c sends later, and the kernel's notifications.
 */
#include <string.h>
#include <errno.h>
#include <mach/mach_traps.h>
#include <mach/mach_port.h>
#include <mach/mach.h>
#include <mach/mig_errors.h>
#include <mach/notify.h>

#include "auth.h"
#include "auth_S.h"
#include "notify_S.h"

extern boolean_t auth_server(mach_msg_header_t *in, mach_msg_header_t *out);
extern boolean_t notify_server(mach_msg_header_t *in,
    mach_msg_header_t *out);

union auth_buf {
	mach_msg_header_t	h;
	uint64_t		align;
	char			bytes[AUTH_MSG_MAX];
};

/* Drop a right a message holds, by its received type. */
static void
drop_right(mach_port_t name, mach_msg_type_name_t type)
{
	mach_port_t self = mach_task_self();

	if (!MACH_PORT_VALID(name))
		return;
	if (type == MACH_MSG_TYPE_PORT_RECEIVE)
		mach_port_mod_refs(self, name, MACH_PORT_RIGHT_RECEIVE, -1);
	else if (type == MACH_MSG_TYPE_PORT_SEND ||
	    type == MACH_MSG_TYPE_PORT_SEND_ONCE)
		mach_port_deallocate(self, name);
}

/* One body item's rights and out-of-line memory; its span in *span. */
static int
item_destroy(char *p, size_t left, size_t *span)
{
	uint32_t bits, number, name, size, i;
	uint64_t bytes, ptr;

	if (left < 8)
		return -1;
	memcpy(&bits, p, 4);
	memcpy(&number, p + 4, 4);
	name = bits & 0xff;
	size = (bits >> 8) & 0xffff;
	bytes = ((uint64_t)number * size + 7) / 8;
	*span = 8 + (bits & (1u << 29) ? (bytes + 7) & ~7ull : 8);
	if (*span > left)
		return -1;
	if (bits & (1u << 29)) {
		for (i = 0; MACH_MSG_TYPE_PORT_ANY(name) && i < number; i++)
			drop_right(*(mach_port_t *)(p + 8 + 8 * i), name);
		return 0;
	}
	memcpy(&ptr, p + 8, 8);
	if (ptr == 0)
		return 0;
	for (i = 0; MACH_MSG_TYPE_PORT_ANY(name) && i < number; i++)
		drop_right(((mach_port_t *)ptr)[i], name);
	vm_deallocate(mach_task_self(), ptr, bytes);
	return 0;
}

/*
 * Release what a received message (or a reply that could not be sent)
 * holds: the remote right and, if complex, every right and region of
 * the body.  The local port of a received message is not a right.
 */
void
auth_msg_destroy(mach_msg_header_t *m)
{
	size_t off = sizeof(*m), span;

	drop_right(m->msgh_remote_port, MACH_MSGH_BITS_REMOTE(m->msgh_bits));
	if ((m->msgh_bits & MACH_MSGH_BITS_COMPLEX) == 0)
		return;
	while (off < m->msgh_size && item_destroy((char *)m + off,
	    m->msgh_size - off, &span) == 0)
		off += span;
}

/* Send a reply without waiting; if it cannot go, destroy it. */
static void
send_reply(mach_msg_header_t *m)
{
	if (mach_msg(m, MACH_SEND_MSG | MACH_SEND_TIMEOUT, m->msgh_size, 0,
	    MACH_PORT_NULL, 0, MACH_PORT_NULL) != MACH_MSG_SUCCESS)
		auth_msg_destroy(m);
}

/* A MIG error reply to the request id on the send-once right reply. */
void
auth_reply_error(mach_port_t reply, mach_msg_id_t id, kern_return_t code)
{
	mig_reply_header_t r;

	memset(&r, 0, sizeof(r));
	r.Head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0);
	r.Head.msgh_size = sizeof(r);
	r.Head.msgh_remote_port = reply;
	r.Head.msgh_id = id + 100;
	r.RetCodeType.msgt_name = MACH_MSG_TYPE_INTEGER_32;
	r.RetCodeType.msgt_size = 32;
	r.RetCodeType.msgt_number = 1;
	r.RetCodeType.msgt_inline = 1;
	r.RetCode = code;
	send_reply(&r.Head);
}

/*
 * A request on a handle.  Only a send-once reply right is answered
 * (a send right could make auth wait on a full queue); anything else,
 * and any request that fails, is destroyed.
 */
static void
dispatch_request(mach_msg_header_t *in, mach_msg_header_t *out)
{
	mig_reply_header_t *r = (mig_reply_header_t *)out;

	if (MACH_MSGH_BITS_REMOTE(in->msgh_bits) !=
	    MACH_MSG_TYPE_PORT_SEND_ONCE ||
	    !MACH_PORT_VALID(in->msgh_remote_port)) {
		auth_msg_destroy(in);
		return;
	}
	auth_server(in, out);
	if (r->RetCode == MIG_NO_REPLY)
		return;
	if (r->RetCode != KERN_SUCCESS) {
		in->msgh_remote_port = MACH_PORT_NULL;	/* the reply's now */
		auth_msg_destroy(in);
	}
	send_reply(out);
}

/*
 * One received message.  Notifications come through send-once rights,
 * which only the kernel holds for auth's ports: a "notification" sent
 * through a send right is a client's forgery, and is destroyed.
 */
static void
dispatch(mach_msg_header_t *in, mach_msg_header_t *out)
{
	bool notification = MACH_MSGH_BITS_LOCAL(in->msgh_bits) ==
	    MACH_MSG_TYPE_PORT_SEND_ONCE && in->msgh_id >= 64 &&
	    in->msgh_id < 100;

	if (notification) {
		if (!notify_server(in, out))
			auth_msg_destroy(in);
	} else if (in->msgh_local_port == auth_notify) {
		auth_msg_destroy(in);
	} else {
		dispatch_request(in, out);
	}
}

void
auth_loop(void)
{
	static union auth_buf in, out;
	mach_msg_return_t mr;

	for (;;) {
		mr = mach_msg(&in.h, MACH_RCV_MSG, 0, sizeof(in), auth_portset,
		    MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
		if (mr == MACH_MSG_SUCCESS)
			dispatch(&in.h, &out.h);
	}
}

/* Notifications: no-senders on a handle, dead names on auth_notify. */
kern_return_t
do_mach_notify_no_senders(mach_port_t notify, mach_port_mscount_t mscount)
{
	(void)mscount;
	auth_handle_no_senders(notify);
	return 0;
}

kern_return_t
do_mach_notify_dead_name(mach_port_t notify, mach_port_name_t name)
{
	if (notify == auth_notify)
		auth_rdv_dead_name(name);
	return 0;
}

kern_return_t
do_mach_notify_port_deleted(mach_port_t notify, mach_port_name_t name)
{
	(void)notify, (void)name;
	return 0;
}

kern_return_t
do_mach_notify_msg_accepted(mach_port_t notify, mach_port_name_t name)
{
	(void)notify, (void)name;
	return 0;
}

kern_return_t
do_mach_notify_port_destroyed(mach_port_t notify, mach_port_t rights)
{
	(void)notify;
	mach_port_mod_refs(mach_task_self(), rights, MACH_PORT_RIGHT_RECEIVE,
	    -1);
	return 0;
}

kern_return_t
do_mach_notify_send_once(mach_port_t notify)
{
	(void)notify;
	return 0;
}
