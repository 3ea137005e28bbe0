/*
 * srv_nosenders.c -- the library frees what clients drop: a client opens
 * 1,000 ports on the null translator (by fsys_getroot and io_duplicate)
 * and deallocates them; the server's object count (srvtest_counts) must
 * come back to where it started once the no-senders notifications are
 * handled.  Also checks that a forged no-senders message frees nothing.
 */
#include <stdio.h>
#include <unistd.h>

#include "client.h"

#define PORTS	1000

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
	static mach_port_t ports[PORTS];
	mach_port_t control = client_control(), io;
	int start, i, n, made = 0;
	int64_t pos;

	CHECK(client_open(control, FS_O_READ | FS_O_WRITE, &io) == 0);
	start = client_objects(control);
	CHECK(start >= 2);
	for (i = 0; i < PORTS; i++) {
		if (i % 2 == 0)
			made += client_open(control, FS_O_READ, &ports[i]) == 0;
		else
			made += io_duplicate(io, &ports[i]) == 0;
	}
	CHECK(made == PORTS);
	n = client_objects(control);
	printf("srv_nosenders: %d objects at start, %d with %d more ports\n",
	    start, n, PORTS);
	CHECK(n == start + PORTS);
	forge_no_senders(ports[0]);
	forge_no_senders(io);
	CHECK(io_seek(ports[0], 3, 0, &pos) == 0 && pos == 3);
	CHECK(io_seek(io, 0, 1, &pos) == 0);
	for (i = 0; i < PORTS; i++)
		mach_port_deallocate(mach_task_self(), ports[i]);
	n = wait_objects(control, start);
	printf("srv_nosenders: %d objects after dropping them\n", n);
	CHECK(n == start);
	mach_port_deallocate(mach_task_self(), io);
	CHECK(wait_objects(control, start - 1) == start - 1);
	return check_done();
}
