/*
 * io_reply.c -- deferred replies fit the client's stubs: a thread calls
 * io_select, io_read and io_write (MIG's client stubs) on a port this
 * program receives on itself; the main thread takes each request raw,
 * keeps its reply port as a server that defers would, and answers later
 * with io_select_reply, io_read_reply (inline and out of line) and
 * io_write_reply from io_reply.defs.  The calling thread must get exactly
 * those answers.
 */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

#include "client.h"
#include "io_reply.h"

static mach_port_t port;
static int32_t got_types;
static kern_return_t kr_select, kr_read, kr_small, kr_write;
static mach_msg_type_number_t got_len, got_small;
static int got_zeros = 1;
static uint64_t got_amount;

static void *
caller(void *arg)
{
	static char buf[64];
	data_t data = buf;
	mach_msg_type_number_t cnt = sizeof(buf);
	mach_msg_type_number_t i;

	(void)arg;
	got_types = IO_SELECT_READ | IO_SELECT_WRITE;
	kr_select = io_select(port, &got_types);
	kr_read = io_read(port, &data, &cnt, 0, 100000);
	got_len = cnt;
	for (i = 0; kr_read == 0 && i < cnt; i++)
		if (data[i] != (char)(i % 251))
			got_zeros = 0;
	if (kr_read == 0 && data != buf)
		vm_deallocate(mach_task_self(), (vm_address_t)data, cnt);
	data = buf;
	cnt = sizeof(buf);
	kr_small = io_read(port, &data, &cnt, 0, 10);
	got_small = kr_small == 0 && data == buf && memcmp(buf, "deferred!", 10)
	    == 0 ? cnt : 0;
	kr_write = io_write(port, "abc", 3, -1, &got_amount);
	return NULL;
}

/* Receive the next request; its reply port and disposition. */
static mach_msg_id_t
take(mach_port_t *reply, mach_msg_type_name_t *poly)
{
	static union {
		mach_msg_header_t h;
		char b[8192];
	} m;

	if (mach_msg(&m.h, MACH_RCV_MSG, 0, sizeof(m), port, 0,
	    MACH_PORT_NULL) != 0)
		return 0;
	*reply = m.h.msgh_remote_port;
	*poly = MACH_MSGH_BITS_REMOTE(m.h.msgh_bits);
	return m.h.msgh_id;
}

int
main(void)
{
	mach_port_t reply;
	mach_msg_type_name_t poly;
	vm_address_t big = 0;
	pthread_t t;
	size_t i;

	mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &port);
	mach_port_insert_right(mach_task_self(), port, port,
	    MACH_MSG_TYPE_MAKE_SEND);
	CHECK(pthread_create(&t, NULL, caller, NULL) == 0);
	CHECK(take(&reply, &poly) == 30010);		/* io_select */
	usleep(20000);		/* the caller waits meanwhile */
	CHECK(io_select_reply(reply, poly, 0, IO_SELECT_READ) == 0);
	CHECK(take(&reply, &poly) == 30001);		/* io_read */
	vm_allocate(mach_task_self(), &big, 100000, TRUE);
	for (i = 0; i < 100000; i++)
		((char *)big)[i] = i % 251;
	/* Out of line with dealloc: the reply takes the pages with it. */
	CHECK(io_read_reply(reply, poly, 0, (char *)big, 100000) == 0);
	CHECK(take(&reply, &poly) == 30001);
	CHECK(io_read_reply(reply, poly, 0, "deferred!", 10) == 0);
	CHECK(take(&reply, &poly) == 30000);		/* io_write */
	CHECK(io_write_reply(reply, poly, 0, 3) == 0);
	pthread_join(t, NULL);
	CHECK(kr_select == 0 && got_types == IO_SELECT_READ);
	CHECK(kr_read == 0 && got_len == 100000 && got_zeros);
	CHECK(kr_small == 0 && got_small == 10);
	CHECK(kr_write == 0 && got_amount == 3);
	return check_done();
}
