/*
 * malloc.c -- newlib's malloc over Whorl's sbrk: random sizes allocated,
 * filled, grown with realloc and freed in random order; afterwards
 * mallinfo shows nothing in use, the break is back near where it started
 * and so is the task's resident memory.  Impossible requests fail with
 * ENOMEM instead of crashing.
 */
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <mach/mach.h>
#include <mach/mach_traps.h>
#include "check.h"

#define SLOTS	300
#define ROUNDS	6000

static unsigned char *slot[SLOTS];
static size_t size[SLOTS];
static char *peak;	/* the highest break seen */

static unsigned
rnd(void)
{
	static uint32_t x = 12345;

	x = x * 1103515245 + 12345;
	return x >> 8;
}

/* Mostly small blocks, some pages, a few large enough for many pages. */
static size_t
rnd_size(void)
{
	unsigned k = rnd() % 100;

	if (k < 70)
		return 1 + rnd() % 256;
	if (k < 95)
		return 1 + rnd() % 8192;
	return 1 + rnd() % 300000;
}

/* Each block holds its slot number, so overlaps are seen. */
static int
intact(int i)
{
	for (size_t j = 0; j < size[i]; j += 97)
		if (slot[i][j] != (unsigned char)i)
			return 0;
	return size[i] == 0 || slot[i][size[i] - 1] == (unsigned char)i;
}

static void
stress(void)
{
	int ok = 1, i;

	for (int r = 0; r < ROUNDS; r++) {
		if ((char *)sbrk(0) > peak)
			peak = sbrk(0);
		i = rnd() % SLOTS;
		if (slot[i] != NULL)
			ok &= intact(i);
		if (slot[i] != NULL && rnd() % 3 == 0) {
			size_t n = rnd_size();
			unsigned char *p = realloc(slot[i], n);
			if (p == NULL) {
				ok = 0;
				continue;
			}
			if (n > size[i])
				memset(p + size[i], i, n - size[i]);
			slot[i] = p;
			size[i] = n;
		} else {
			free(slot[i]);
			size[i] = rnd_size();
			slot[i] = malloc(size[i]);
			if (slot[i] == NULL) {
				ok = 0;
				size[i] = 0;
				continue;
			}
			memset(slot[i], i, size[i]);
		}
	}
	for (i = 0; i < SLOTS; i++) {
		if (slot[i] != NULL)
			ok &= intact(i);
		free(slot[i]);
		slot[i] = NULL;
	}
	CHECK(ok);
}

static vm_size_t
resident(void)
{
	task_basic_info_data_t bi;
	mach_msg_type_number_t n = TASK_BASIC_INFO_COUNT;

	if (task_info(mach_task_self(), TASK_BASIC_INFO, (task_info_t)&bi,
	    &n) != 0)
		return 0;
	return bi.resident_size;
}

int
main(void)
{
	struct mallinfo before, after;
	char *brk0, *brk1;
	vm_size_t res0, res1;

	free(malloc(1));	/* let malloc set itself up */
	before = mallinfo();
	brk0 = sbrk(0);
	res0 = resident();
	stress();
	malloc_trim(0);
	after = mallinfo();
	brk1 = sbrk(0);
	res1 = resident();
	printf("malloc: in use %zu -> %zu bytes; break +%ld at peak, +%ld after; "
	    "resident %lu -> %lu KiB\n", before.uordblks, after.uordblks,
	    (long)(peak - brk0), (long)(brk1 - brk0), res0 / 1024,
	    res1 / 1024);
	CHECK(after.uordblks == before.uordblks);
	CHECK(peak > brk0 + 1024 * 1024);
	CHECK(brk1 - brk0 < 256 * 1024);
	CHECK(res1 < res0 + 512 * 1024);

	errno = 0;
	CHECK(malloc((size_t)1 << 40) == NULL && errno == ENOMEM);
	errno = 0;
	CHECK(sbrk((intptr_t)1 << 40) == (void *)-1 && errno == ENOMEM);
	errno = 0;
	CHECK(sbrk(-((intptr_t)1 << 40)) == (void *)-1 && errno == ENOMEM);
	CHECK(sbrk(0) == brk1);
	void *p = calloc(1000, 1000);
	CHECK(p != NULL && ((char *)p)[999999] == 0);
	free(p);
	return check_done();
}
