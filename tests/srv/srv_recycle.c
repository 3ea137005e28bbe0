/*
 * srv_recycle.c -- ports the library keeps after no-senders and gives to
 * new objects (srv_port.c) carry nothing of the old ones: a client opens
 * and drops an object 300 times, each time checking that the new open
 * starts at offset 0 (a fresh object, not the dropped one at its offset)
 * while an object it keeps holds its own offset throughout; a forged
 * no-senders message to a reused port frees nothing.
 */
#include <stdio.h>
#include <unistd.h>

#include "client.h"

#define ROUNDS	300

/* Wait up to 20 s for the server's object count to become want. */
static int
wait_objects(mach_port_t port, int want)
{
	int i, n = -1;

	for (i = 0; i < 2000; i++) {
		n = client_objects(port);
		if (n == want)
			break;
		usleep(10000);
	}
	return n;
}

/* A message that looks like the kernel's no-senders notification. */
static void
forge_no_senders(mach_port_t port)
{
	struct {
		mach_msg_header_t h;
		mach_msg_type_t t;
		uint32_t mscount;
	} m;

	memset(&m, 0, sizeof(m));
	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0);
	m.h.msgh_size = sizeof(m);
	m.h.msgh_remote_port = port;
	m.h.msgh_id = 70;	/* MACH_NOTIFY_NO_SENDERS */
	m.t.msgt_name = MACH_MSG_TYPE_INTEGER_32;
	m.t.msgt_size = 32;
	m.t.msgt_number = 1;
	m.t.msgt_inline = 1;
	m.mscount = 1;
	CHECK(mach_msg(&m.h, MACH_SEND_MSG, sizeof(m), 0, MACH_PORT_NULL, 0,
	    MACH_PORT_NULL) == MACH_MSG_SUCCESS);
}

int
main(void)
{
	mach_port_t control = client_control(), keep, io;
	int start, i, fresh = 0;
	int64_t pos;

	CHECK(client_open(control, FS_O_READ, &keep) == 0);
	CHECK(io_seek(keep, 5, 0, &pos) == 0 && pos == 5);
	start = client_objects(control);
	for (i = 0; i < ROUNDS; i++) {
		CHECK(client_open(control, FS_O_READ, &io) == 0);
		fresh += io_seek(io, 0, 1, &pos) == 0 && pos == 0;
		CHECK(io_seek(io, 7 + i, 0, &pos) == 0);
		mach_port_deallocate(mach_task_self(), io);
		CHECK(wait_objects(control, start) == start);
	}
	printf("srv_recycle: %d of %d reopened objects fresh\n", fresh,
	    ROUNDS);
	CHECK(fresh == ROUNDS);
	CHECK(client_open(control, FS_O_READ, &io) == 0);
	forge_no_senders(io);
	CHECK(io_seek(io, 0, 1, &pos) == 0 && pos == 0);
	CHECK(io_seek(keep, 0, 1, &pos) == 0 && pos == 5);
	mach_port_deallocate(mach_task_self(), io);
	CHECK(wait_objects(control, start) == start);
	return check_done();
}
