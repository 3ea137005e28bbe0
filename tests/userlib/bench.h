/*
 * bench.h -- timing for the guest benchmarks of servers (tests/srv/
 * null_bench.c, fs_bench.c, libc_bench.c, tests/term/term_bench.c): the
 * guest TSC (guest instructions under -icount shift=0) and the median
 * of a few batches.
 */
#ifndef BENCH_H
#define BENCH_H

#include <stdint.h>
#include <stdlib.h>

static inline uint64_t
rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static inline int
bench_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* The median of v[0..n) (n odd), sorting v. */
static inline uint64_t
bench_median(uint64_t *v, size_t n)
{
	qsort(v, n, sizeof(v[0]), bench_cmp);
	return v[n / 2];
}

#endif
