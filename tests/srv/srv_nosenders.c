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
	client_forge_no_senders(ports[0]);
	client_forge_no_senders(io);
	CHECK(io_seek(ports[0], 3, 0, &pos) == 0 && pos == 3);
	CHECK(io_seek(io, 0, 1, &pos) == 0);
	for (i = 0; i < PORTS; i++)
		mach_port_deallocate(mach_task_self(), ports[i]);
	n = client_objects_settle(control, start);
	printf("srv_nosenders: %d objects after dropping them\n", n);
	CHECK(n == start);
	mach_port_deallocate(mach_task_self(), io);
	CHECK(client_objects_settle(control, start - 1) == start - 1);
	return check_done();
}
