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
		CHECK(client_objects_settle(control, start) == start);
	}
	printf("srv_recycle: %d of %d reopened objects fresh\n", fresh,
	    ROUNDS);
	CHECK(fresh == ROUNDS);
	CHECK(client_open(control, FS_O_READ, &io) == 0);
	client_forge_no_senders(io);
	CHECK(io_seek(io, 0, 1, &pos) == 0 && pos == 0);
	CHECK(io_seek(keep, 0, 1, &pos) == 0 && pos == 5);
	mach_port_deallocate(mach_task_self(), io);
	CHECK(client_objects_settle(control, start) == start);
	return check_done();
}
