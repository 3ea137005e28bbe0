/*
 * malloc_bench.c -- malloc/free pairs per second (make bench, through
 * tests/bench-libc), for 32-byte and 64 KiB blocks.  Timed with
 * CLOCK_MONOTONIC (host_get_uptime64, 10 ms ticks) over at least a second
 * of TCG wall-clock time per size, so the tick is under 1% of the figure.
 */
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include "check.h"

static int64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Pairs per second for blocks of size bytes. */
static long
pairs_per_second(size_t size)
{
	int64_t start = now_ns(), elapsed;
	long pairs = 0;
	volatile char *p;

	do {
		for (int i = 0; i < 1024; i++) {
			p = malloc(size);
			if (p == NULL)
				return -1;
			p[0] = 1;	/* the block is really used */
			free((void *)p);
		}
		pairs += 1024;
		elapsed = now_ns() - start;
	} while (elapsed < 1000000000);
	return (long)(pairs * 1000000000LL / elapsed);
}

int
main(void)
{
	long small = pairs_per_second(32), large = pairs_per_second(65536);

	printf("malloc_bench: 32 B malloc/free pairs: %ld per second\n", small);
	printf("malloc_bench: 64 KiB malloc/free pairs: %ld per second\n",
	    large);
	CHECK(small > 0 && large > 0);
	return check_done();
}
