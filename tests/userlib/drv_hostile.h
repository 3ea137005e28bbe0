/*
 * drv_hostile.h -- what the driver tests (tests/drivers/virtio_blk.c,
 * tests/net/net_test.c) send a driver task to see that a hostile client
 * cannot make it keep anything: hand-made requests with wrong types,
 * out-of-line memory and port rights, replies that cannot be delivered;
 * and what the driver holds (port names, mapped bytes) before and after.
 */
#ifndef DRV_HOSTILE_H
#define DRV_HOSTILE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <mach/mach.h>
#include <mach/mach_traps.h>
#include <mach/mach_port.h>
#include <mach/mig_errors.h>

struct raw_msg {
	mach_msg_header_t	h;
	mach_msg_type_t		t1;
	uint64_t		v1;
	mach_msg_type_t		t2;
	uint64_t		v2;
	mach_msg_type_t		t3;
	uint64_t		v3;
	char			room[256];
};

/* The body of drv_raw_request's message: an int v1 (a 64-bit one when
 * bad_types), then (complex) an out-of-line MiB at ool and a send right
 * to fresh, or (not) an int64 0 and an int of 1 << 20. */
static inline void
drv_raw_body(struct raw_msg *m, uint64_t v1, int bad_types, int complex,
    vm_address_t ool, mach_port_t fresh)
{
	m->t1 = (mach_msg_type_t){ bad_types ? MACH_MSG_TYPE_INTEGER_64 :
	    MACH_MSG_TYPE_INTEGER_32, bad_types ? 64 : 32, 0, 1, 0, 0, 1 };
	m->v1 = v1;
	if (complex) {
		m->t2 = (mach_msg_type_t){ MACH_MSG_TYPE_BYTE, 8, 0, 0, 0, 0,
		    1 << 20 };
		m->v2 = ool;
		m->t3 = (mach_msg_type_t){ MACH_MSG_TYPE_MAKE_SEND, 64, 0, 1, 0,
		    0, 1 };
		m->v3 = fresh;
	} else {
		m->t2 = (mach_msg_type_t){ MACH_MSG_TYPE_INTEGER_64, 64, 0, 1,
		    0, 0, 1 };
		m->t3 = (mach_msg_type_t){ MACH_MSG_TYPE_INTEGER_32, 32, 0, 1,
		    0, 0, 1 };
		m->v2 = 0;
		m->v3 = 1 << 20;
	}
}

/*
 * Send a hand-made request (drv_raw_body) to dest with id; a right the
 * driver would keep shows as a name of its own.  The reply's return
 * code, or the send's when no reply is awaited: reply 0 gives no reply
 * port, 2 one whose receive right dies at once, so the driver's reply
 * cannot be delivered, 1 waits (10 s) for the reply.
 */
static inline kern_return_t
drv_raw_request(mach_port_t dest, mach_msg_id_t id, uint64_t v1,
    int bad_types, int complex, int reply, vm_address_t ool)
{
	struct raw_msg m;
	mig_reply_header_t *r = (mig_reply_header_t *)&m;
	mach_port_t rp = mig_get_reply_port(), fresh, dead;
	mach_msg_return_t mr;

	if (mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE,
	    &fresh) != 0 || mach_port_allocate(mach_task_self(),
	    MACH_PORT_RIGHT_RECEIVE, &dead) != 0)
		return KERN_RESOURCE_SHORTAGE;
	if (reply == 2)
		rp = dead;
	memset(&m, 0, sizeof(m));
	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
	    reply ? MACH_MSG_TYPE_MAKE_SEND_ONCE : 0) |
	    (complex ? MACH_MSGH_BITS_COMPLEX : 0);
	m.h.msgh_size = offsetof(struct raw_msg, room);
	m.h.msgh_remote_port = dest;
	m.h.msgh_local_port = reply ? rp : MACH_PORT_NULL;
	m.h.msgh_id = id;
	drv_raw_body(&m, v1, bad_types, complex, ool, fresh);
	mr = mach_msg(&m.h, MACH_SEND_MSG | (reply == 1 ? MACH_RCV_MSG |
	    MACH_RCV_TIMEOUT : 0), m.h.msgh_size, reply == 1 ? sizeof(m) : 0,
	    reply == 1 ? rp : MACH_PORT_NULL, 10000, MACH_PORT_NULL);
	mach_port_mod_refs(mach_task_self(), fresh, MACH_PORT_RIGHT_RECEIVE, -1);
	mach_port_mod_refs(mach_task_self(), dead, MACH_PORT_RIGHT_RECEIVE, -1);
	if (mr != MACH_MSG_SUCCESS || reply != 1)
		return mr;
	if (m.h.msgh_bits & MACH_MSGH_BITS_COMPLEX)	/* read's data */
		vm_deallocate(mach_task_self(), *(vm_address_t *)((char *)&m +
		    56), 1 << 20);
	return m.h.msgh_id == id + 100 ? r->RetCode : MIG_REPLY_MISMATCH;
}

/* The port names of task and the bytes mapped in its address space. */
static inline void
drv_task_usage(mach_port_t task, unsigned *names, uint64_t *bytes)
{
	mach_port_array_t n;
	mach_port_type_array_t t;
	mach_msg_type_number_t nn = 0, nt = 0;
	vm_address_t addr = 0;
	vm_size_t size;
	vm_prot_t prot, max;
	vm_inherit_t inh;
	boolean_t shared;
	mach_port_t obj;
	vm_offset_t off;

	*names = 0;
	*bytes = 0;
	if (mach_port_names(task, &n, &nn, &t, &nt) == 0) {
		*names = nn;
		vm_deallocate(mach_task_self(), (vm_address_t)n, nn * 4);
		vm_deallocate(mach_task_self(), (vm_address_t)t, nt * 4);
	}
	while (vm_region(task, &addr, &size, &prot, &max, &inh, &shared,
	    &obj, &off) == 0) {
		*bytes += size;
		addr += size;
	}
}

#endif
