/*
 * proctest_victim.c -- a process that proctest_init kills while it
 * waits in proc_wait for a child that never ends (its proc port is at
 * PT_PROC).  It must never return: only task_terminate ends it.
 */
#include "pt_common.h"

int
main(void)
{
	int32_t status = 0, pid = 0;
	kern_return_t kr;

	kr = proc_wait(PT_PROC, -1, 0, &status, &pid);
	printf("TEST FAIL: proctest_victim: proc_wait returned %#x\n", kr);
	fflush(stdout);
	return 1;
}
