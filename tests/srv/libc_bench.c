/*
 * libc_bench.c -- libc's file calls against a server (make bench,
 * through tests/bench-libc-files): open + read of 4 KiB + close of the
 * null translator switched to /dev/zero, stat, and fstat, in guest TSC
 * cycles per call (guest instructions under -icount shift=0): the median
 * of 7 batches.  libc's root is null's node (docs/libc.md, "Files"); with
 * a directory server instead (libc_bench_tmpfs.boot), the same calls on
 * a 4 KiB file /bench.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/stat.h>

#include "client.h"
#include "../userlib/bench.h"

#define BATCHES	7
#define ROUNDS	100

static int fd_open;
static const char *bench_path = "/";
static mach_port_t client_root;

/*
 * One call of kind k: 0 open+read+close, 1 stat, 2 fstat, 3 the RPCs
 * under stat without libc (dir_lookup of "", io_stat, deallocate).
 */
static void
one(int k)
{
	static char buf[4096];
	struct stat st;
	int fd;

	if (k == 1) {
		CHECK(stat(bench_path, &st) == 0);
		return;
	}
	if (k == 3) {
		mach_port_t p = client_root;
		io_statbuf_t sb;
		retry_type r;
		string_t rn;

		CHECK(dir_lookup(client_root, bench_path + 1, 0, 0, &r, rn,
		    &p) == 0);
		CHECK(io_stat(p, &sb) == 0);
		mach_port_deallocate(mach_task_self(), p);
		return;
	}
	if (k == 2) {
		CHECK(fstat(fd_open, &st) == 0);
		return;
	}
	fd = open(bench_path, O_RDONLY);
	CHECK(fd >= 0 && read(fd, buf, sizeof(buf)) == sizeof(buf));
	CHECK(close(fd) == 0);
}

static uint64_t
measure(int k)
{
	uint64_t per[BATCHES], t;
	int b, i;

	for (b = 0; b < BATCHES; b++) {
		t = rdtsc();
		for (i = 0; i < ROUNDS; i++)
			one(k);
		per[b] = (rdtsc() - t) / ROUNDS;
	}
	return bench_median(per, BATCHES);
}

/* A directory server: make /bench, 4 KiB to read. */
static void
make_file(void)
{
	static char page[4096];
	int fd = open("/bench", O_WRONLY | O_CREAT | O_TRUNC, 0644);

	CHECK(fd >= 0 && write(fd, page, sizeof(page)) == sizeof(page));
	CHECK(close(fd) == 0);
	bench_path = "/bench";
}

int
main(void)
{
	struct stat st;

	CHECK(stat("/", &st) == 0);	/* finds the root, too */
	if (S_ISDIR(st.st_mode))
		make_file();
	else
		CHECK(fsys_set_options(client_control(), "--zero", 7, 0) ==
		    0);
	fd_open = open(bench_path, O_RDONLY);
	CHECK(fd_open >= 0);
	one(0);
	printf("libc_bench: open + read 4 KiB + close: %llu cycles\n",
	    (unsigned long long)measure(0));
	printf("libc_bench: stat: %llu cycles\n",
	    (unsigned long long)measure(1));
	printf("libc_bench: fstat: %llu cycles\n",
	    (unsigned long long)measure(2));
	CHECK(client_open(client_control(), FS_O_READ, &client_root) == 0);
	printf("libc_bench: raw dir_lookup + io_stat + deallocate: %llu "
	    "cycles\n", (unsigned long long)measure(3));
	return check_done();
}
