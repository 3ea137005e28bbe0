/*
 * drvmsg.c -- release what a received message carries in its body: port
 * rights (in line, or out of line as 4-byte names) and out-of-line
 * memory.  A driver's request loop (virtio-blk, the NIC drivers) calls it
 * for a request whose handler failed and for a reply that could not be
 * sent, so that no client can make the driver keep what it sent.  The
 * header's rights are the caller's.
 */
#include <mach/mach.h>
#include <mach/mach_traps.h>
#include <mach/mach_port.h>
#include <stdbool.h>
#include <stdint.h>
#include "drvmsg.h"

static void
drv_right_destroy(mach_port_t name, unsigned type)
{
	if (name == MACH_PORT_NULL || name == MACH_PORT_DEAD)
		return;
	if (type == MACH_MSG_TYPE_PORT_RECEIVE)
		mach_port_mod_refs(mach_task_self(), name,
		    MACH_PORT_RIGHT_RECEIVE, -1);
	else
		mach_port_deallocate(mach_task_self(), name);
}

/* One item: its rights and, when out of line, its memory. */
static void
drv_item_destroy(const mach_msg_type_t *t, const char *data, uint64_t bytes)
{
	bool port = MACH_MSG_TYPE_PORT_ANY(t->msgt_name);
	uint64_t i, n = t->msgt_number;
	vm_address_t addr;

	if (t->msgt_inline) {
		for (i = 0; port && i < n; i++)
			drv_right_destroy(*(const uint32_t *)(data + 8 * i),
			    t->msgt_name);
		return;
	}
	addr = *(const vm_address_t *)data;
	for (i = 0; port && addr != 0 && i < n; i++)
		drv_right_destroy(((const uint32_t *)addr)[i], t->msgt_name);
	if (addr != 0 && bytes != 0)
		vm_deallocate(mach_task_self(), addr, bytes);
}

void
drv_msg_destroy(void *msg)
{
	mach_msg_header_t *h = msg;
	char *p = (char *)(h + 1), *end = (char *)h + h->msgh_size;
	const mach_msg_type_t *t;
	uint64_t bytes, room;

	if ((h->msgh_bits & MACH_MSGH_BITS_COMPLEX) == 0)
		return;
	while (end - p >= (long)sizeof(*t)) {
		t = (const mach_msg_type_t *)p;
		p += sizeof(*t);
		if (MACH_MSG_TYPE_PORT_ANY(t->msgt_name))
			bytes = (uint64_t)t->msgt_number *
			    (t->msgt_inline ? 8 : 4);
		else
			bytes = ((uint64_t)t->msgt_number * t->msgt_size + 7) / 8;
		room = t->msgt_inline ? (bytes + 7) & ~7ull : 8;
		if (room > (uint64_t)(end - p))
			return;		/* the kernel copied it in: cannot be */
		drv_item_destroy(t, p, bytes);
		p += room;
	}
}
