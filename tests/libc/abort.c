/*
 * abort.c -- abort() ends the task: newlib raises SIGABRT, whose default
 * action (libc/process.c) is task_terminate.  abort.expect waits for the
 * kernel's "task ... ended"; a return from abort prints TEST FAIL.
 */
#include <stdlib.h>
#include "check.h"

int
main(void)
{
	printf("abort: calling abort\n");
	abort();
	printf("TEST FAIL: abort returned\n");
	return 1;
}
