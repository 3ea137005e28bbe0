/*
 * trap_bench.c -- cost of a null trap round trip (mach_task_self) in TSC
 * cycles: under -icount shift=0 the guest TSC counts guest instructions.
 * Prints min and median of 5 batches.
 */
#include "test.h"

#define WARMUP	1000
#define BATCH	20000
#define BATCHES	5

/* Median cycles of one call of fn, over BATCHES batches of BATCH calls. */
static uint64_t
measure(long (*fn)(void), uint64_t *min)
{
	uint64_t per[BATCHES], t;
	int i, j;

	for (i = 0; i < WARMUP; i++)
		fn();
	for (j = 0; j < BATCHES; j++) {
		t = test_rdtsc();
		for (i = 0; i < BATCH; i++)
			fn();
		per[j] = (test_rdtsc() - t) / BATCH;
	}
	for (i = 0; i < BATCHES; i++)		/* sort, tiny */
		for (j = i + 1; j < BATCHES; j++)
			if (per[j] < per[i]) {
				t = per[i], per[i] = per[j], per[j] = t;
			}
	*min = per[0];
	return per[BATCHES / 2];
}

static long
task_self(void)
{
	return mach_task_self();
}

/* Trap 10 exists and does nothing: the bare entry and exit. */
static long
empty_trap(void)
{
	return raw_trap(-10, 0, 0, 0, 0, 0);
}

int
main(void)
{
	uint64_t med, min;

	test_printf("trap_bench: started\n");
	med = measure(task_self, &min);
	test_printf("trap_bench: null trap: min %lu median %lu cycles\n",
	    (unsigned long)min, (unsigned long)med);
	med = measure(empty_trap, &min);
	test_printf("trap_bench: empty trap: min %lu median %lu cycles\n",
	    (unsigned long)min, (unsigned long)med);
	return 0;
}
