/*
 * srv_msg.c -- destroying what a received message carries (translators/
 * lib): the rights and out-of-line memory of a request nobody will
 * handle or of a reply nobody can receive.  Called by srv_loop.c.
 */
#include <mach/mach_traps.h>
#include <mach/mach.h>
#include <mach/mach_port.h>

#include "srv.h"

/* Give back one right the message carried, by its received type. */
static void
srv_right_destroy(mach_msg_type_name_t type, mach_port_t name)
{
	mach_port_t task = mach_task_self();

	if (!MACH_PORT_VALID(name))
		return;
	if (type == MACH_MSG_TYPE_PORT_RECEIVE)
		mach_port_mod_refs(task, name, MACH_PORT_RIGHT_RECEIVE, -1);
	else if (type == MACH_MSG_TYPE_PORT_SEND ||
	    type == MACH_MSG_TYPE_PORT_SEND_ONCE)
		mach_port_deallocate(task, name);
}

/* One typed item at p (at most end); returns the next item or NULL. */
static char *
srv_item_destroy(char *p, char *end)
{
	mach_msg_type_t *t = (mach_msg_type_t *)p;
	uint64_t n = t->msgt_number, len, i;
	int port = MACH_MSG_TYPE_PORT_ANY(t->msgt_name);
	vm_address_t addr;

	p += sizeof(*t);
	len = port ? n * sizeof(mach_port_name_inlined_t) :
	    (n * t->msgt_size + 7) / 8;
	if (t->msgt_inline) {
		len = (len + 7) & ~(uint64_t)7;
		if (len > (uint64_t)(end - p))
			return NULL;
		for (i = 0; port && i < n; i++)
			srv_right_destroy(t->msgt_name,
			    ((mach_port_name_inlined_t *)p)[i].name);
		return p + len;
	}
	if (sizeof(addr) > (size_t)(end - p))
		return NULL;
	addr = *(vm_address_t *)p;
	if (port)
		len = n * sizeof(mach_port_t);
	for (i = 0; port && i < n; i++)
		srv_right_destroy(t->msgt_name, ((mach_port_t *)addr)[i]);
	if (len != 0)
		vm_deallocate(mach_task_self(), addr, len);
	return p + sizeof(addr);
}

/*
 * Destroy msg's reply (remote) port right and, if the kernel marked it
 * complex, every right and out-of-line region in its body.  The local
 * port (the object's own receive right, or the payload) is left alone.
 */
void
srv_msg_destroy(mach_msg_header_t *msg)
{
	char *p = (char *)(msg + 1), *end = (char *)msg + msg->msgh_size;

	srv_right_destroy(MACH_MSGH_BITS_REMOTE(msg->msgh_bits),
	    msg->msgh_remote_port);
	msg->msgh_remote_port = MACH_PORT_NULL;
	if (!(msg->msgh_bits & MACH_MSGH_BITS_COMPLEX) ||
	    msg->msgh_size > SRV_MSG_MAX)
		return;
	while (p != NULL && p + sizeof(mach_msg_type_t) <= end)
		p = srv_item_destroy(p, end);
}

