/*
 * fs_bench.c -- the file-system layer's common requests (make bench,
 * through tests/bench-fs), from a client to the file system the boot
 * script hands it (tmpfs): dir_lookup of a one-component name (and the
 * port's release), create and unlink, io_stat, and a 4 KiB io_read of
 * a cached file, in guest TSC cycles per operation (guest instructions
 * under -icount shift=0): the median of 7 batches.
 */
#include "fs_client.h"
#include "../userlib/bench.h"

#define BATCHES	7
#define ROUNDS	100

static mach_port_t root, file;

static void
one(int kind)
{
	static char buf[4096];
	data_t data = buf;
	mach_msg_type_number_t cnt = sizeof(buf);
	io_statbuf_t st;

	switch (kind) {
	case 0:
		CHECK(fsc_try(root, "f", FS_O_READ) == 0);
		break;
	case 1:
		CHECK(fsc_try(root, "new", FS_O_CREAT | FS_O_EXCL |
		    FS_O_WRITE) == 0);
		CHECK(dir_unlink(root, "new") == 0);
		break;
	case 2:
		CHECK(io_stat(file, &st) == 0);
		break;
	default:
		CHECK(io_read(file, &data, &cnt, 0, 4096) == 0 &&
		    cnt == 4096);
		if (data != buf)
			vm_deallocate(mach_task_self(), (vm_address_t)data,
			    cnt);
	}
}

static unsigned long long
measure(int kind)
{
	uint64_t per[BATCHES], t;
	int b, i;

	for (b = 0; b < BATCHES; b++) {
		t = rdtsc();
		for (i = 0; i < ROUNDS; i++)
			one(kind);
		per[b] = (rdtsc() - t) / ROUNDS;
	}
	return bench_median(per, BATCHES);
}

int
main(void)
{
	static char page[4096];
	mach_port_t control = client_control();
	uint64_t amount;

	root = fsc_root(control, 0, 0, FS_O_READ);
	CHECK(fsc_open(root, "f", FS_O_CREAT | FS_O_READ | FS_O_WRITE, 0644,
	    &file) == 0);
	memset(page, 'p', sizeof(page));
	CHECK(io_write(file, page, sizeof(page), 0, &amount) == 0);
	one(3);
	printf("fs_bench: dir_lookup of one component: %llu cycles\n",
	    measure(0));
	printf("fs_bench: create and unlink: %llu cycles\n", measure(1));
	printf("fs_bench: io_stat: %llu cycles\n", measure(2));
	printf("fs_bench: io_read of 4 KiB: %llu cycles\n", measure(3));
	return check_done();
}
