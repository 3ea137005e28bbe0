/*
 * trap_bench.c -- cost of a null trap round trip (mach_task_self) in TSC
 * cycles: under -icount shift=0 the guest TSC counts guest instructions.
 * Prints min and median of 5 batches.
 */
#include "test.h"

#define WARMUP	1000
#define BATCH	20000
#define BATCHES	5

int
main(void)
{
	uint64_t per[BATCHES], t;
	int i, j;

	test_printf("trap_bench: started\n");
	for (i = 0; i < WARMUP; i++)
		mach_task_self();
	for (j = 0; j < BATCHES; j++) {
		t = test_rdtsc();
		for (i = 0; i < BATCH; i++)
			mach_task_self();
		per[j] = (test_rdtsc() - t) / BATCH;
	}
	for (i = 0; i < BATCHES; i++)		/* sort, tiny */
		for (j = i + 1; j < BATCHES; j++)
			if (per[j] < per[i]) {
				t = per[i], per[i] = per[j], per[j] = t;
			}
	test_printf("trap_bench: null trap: min %lu median %lu cycles\n",
	    (unsigned long)per[0], (unsigned long)per[BATCHES / 2]);
	return 0;
}
