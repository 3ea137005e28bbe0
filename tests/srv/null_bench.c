/*
 * null_bench.c -- the null RPC to a translator (make bench, through
 * tests/bench-srv): io_read of 0 bytes and io_stat from a client to the
 * null translator, and reads of /dev/zero inline (1 KiB) and out of line
 * (64 KiB), in guest TSC cycles per round trip (guest instructions under
 * -icount shift=0): the median of 7 batches.
 */
#include <stdio.h>
#include <stdlib.h>

#include "client.h"
#include "../userlib/bench.h"

#define BATCHES	7
#define ROUNDS	200

/* One round trip of kind k: 0 io_read 0, 1 io_stat, else a read of k. */
static void
one(mach_port_t io, uint64_t k)
{
	static char buf[2048];
	data_t data = buf;
	mach_msg_type_number_t cnt = sizeof(buf);
	io_statbuf_t st;

	if (k == 1) {
		CHECK(io_stat(io, &st) == 0);
		return;
	}
	CHECK(io_read(io, &data, &cnt, 0, k) == 0 && cnt == k);
	if (data != buf)
		vm_deallocate(mach_task_self(), (vm_address_t)data, cnt);
}

static uint64_t
measure(mach_port_t io, uint64_t k)
{
	uint64_t per[BATCHES], t;
	int b, i;

	for (b = 0; b < BATCHES; b++) {
		t = rdtsc();
		for (i = 0; i < ROUNDS; i++)
			one(io, k);
		per[b] = (rdtsc() - t) / ROUNDS;
	}
	return bench_median(per, BATCHES);
}

int
main(void)
{
	mach_port_t control = client_control(), io;

	CHECK(client_open(control, FS_O_READ | FS_O_WRITE, &io) == 0);
	one(io, 0);
	printf("null_bench: io_read of 0 bytes: %llu cycles\n",
	    (unsigned long long)measure(io, 0));
	printf("null_bench: io_stat: %llu cycles\n",
	    (unsigned long long)measure(io, 1));
	CHECK(fsys_set_options(control, "--zero", 7, 0) == 0);
	printf("null_bench: io_read of 1 KiB of zeros: %llu cycles\n",
	    (unsigned long long)measure(io, 1024));
	printf("null_bench: io_read of 64 KiB of zeros: %llu cycles\n",
	    (unsigned long long)measure(io, 65536));
	return check_done();
}
