/*
 * pf_wire.c -- a fake Ethernet wire between two pfinet translators, the
 * test of pfinet's frame path (translators/pfinet/pf_nic.c): the boot
 * script gives it both pfinets' tasks; it becomes each one's "device
 * master" (their bootstrap port, --master=bootstrap), answers their
 * device_open with a port of its own, records the frame port each
 * registers (id 32201), and forwards every frame message (id 32200)
 * from one side to the other, unchanged.  Counts what it forwarded.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <mach/mach_traps.h>
#include <mach/mach.h>
#include <mach/mach_port.h>
#include <mach/mig_errors.h>
#include <mach/task_special_ports.h>

#define FRAME_ID	32200
#define REGISTER_ID	32201
#define DEVICE_OPEN_ID	2800

struct side {
	mach_port_t task, port, frames;
	unsigned long sent;
};

static struct side sides[2];
static mach_port_t set;

struct open_reply {
	mach_msg_header_t h;
	mach_msg_type_t rt;
	kern_return_t ret;
	char pad[4];
	mach_msg_type_t pt;
	mach_port_name_inlined_t port;
};

static void
answer(mach_msg_header_t *in, kern_return_t code, mach_port_t port)
{
	struct open_reply r;

	memset(&r, 0, sizeof(r));
	r.h.msgh_bits = MACH_MSGH_BITS(MACH_MSGH_BITS_REMOTE(in->msgh_bits),
	    0);
	r.h.msgh_remote_port = in->msgh_remote_port;
	r.h.msgh_id = in->msgh_id + 100;
	r.h.msgh_size = offsetof(struct open_reply, pad);
	r.rt = (mach_msg_type_t){ .msgt_name = MACH_MSG_TYPE_INTEGER_32,
	    .msgt_size = 32, .msgt_number = 1, .msgt_inline = 1 };
	r.ret = code;
	if (port != MACH_PORT_NULL) {
		r.h.msgh_bits |= MACH_MSGH_BITS_COMPLEX;
		r.h.msgh_size = sizeof(r);
		r.pt = (mach_msg_type_t){ .msgt_name = MACH_MSG_TYPE_MAKE_SEND,
		    .msgt_size = 64, .msgt_number = 1, .msgt_inline = 1 };
		r.port.name = port;
	}
	mach_msg(&r.h, MACH_SEND_MSG | MACH_SEND_TIMEOUT, r.h.msgh_size, 0,
	    MACH_PORT_NULL, 0, MACH_PORT_NULL);
}

static void
handle(struct side *from, struct side *to, mach_msg_header_t *in)
{
	struct {
		mach_msg_header_t h;
		mach_msg_type_t t;
		mach_port_name_inlined_t port;
	} *reg = (void *)in;

	if (in->msgh_id == FRAME_ID && to->frames != MACH_PORT_NULL) {
		in->msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0);
		in->msgh_remote_port = to->frames;
		in->msgh_local_port = MACH_PORT_NULL;
		if (mach_msg(in, MACH_SEND_MSG | MACH_SEND_TIMEOUT,
		    in->msgh_size, 0, MACH_PORT_NULL, 0, MACH_PORT_NULL) == 0)
			from->sent++;
	} else if (in->msgh_id == REGISTER_ID &&
	    (in->msgh_bits & MACH_MSGH_BITS_COMPLEX) &&
	    from->frames == MACH_PORT_NULL)
		from->frames = reg->port.name;
	else if (in->msgh_id == DEVICE_OPEN_ID)
		answer(in, 0, from->port);
	else if (in->msgh_remote_port != MACH_PORT_NULL)
		answer(in, MIG_BAD_ID, MACH_PORT_NULL);
}

int
main(int argc, char *argv[])
{
	static union {
		mach_msg_header_t h;
		char bytes[8192];
	} m;
	mach_port_t self = mach_task_self();
	int i, n = 0;

	if (argc < 3)
		return 1;
	mach_port_allocate(self, MACH_PORT_RIGHT_PORT_SET, &set);
	for (i = 0; i < 2; i++) {
		sides[i].task = strtoul(argv[i + 1], NULL, 10);
		mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE,
		    &sides[i].port);
		mach_port_insert_right(self, sides[i].port, sides[i].port,
		    MACH_MSG_TYPE_MAKE_SEND);
		mach_port_move_member(self, sides[i].port, set);
		task_set_special_port(sides[i].task, TASK_BOOTSTRAP_PORT,
		    sides[i].port);
		task_resume(sides[i].task);
	}
	for (;;) {
		if (mach_msg(&m.h, MACH_RCV_MSG, 0, sizeof(m), set, 0,
		    MACH_PORT_NULL) != 0)
			continue;
		i = m.h.msgh_local_port == sides[1].port;
		handle(&sides[i], &sides[!i], &m.h);
		if (++n % 1000 == 0)
			printf("wire: %lu and %lu frames forwarded\n",
			    sides[0].sent, sides[1].sent);
	}
}
