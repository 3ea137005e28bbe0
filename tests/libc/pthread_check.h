/*
 * pthread_check.h -- checks for the pthread tests in tests/libc/: a
 * failed check prints where it was, from any thread, and the test's main
 * ends with check_end() to print the verdict tests/qemu-test reads.
 */
#ifndef PTHREAD_CHECK_H
#define PTHREAD_CHECK_H

#include <stdio.h>

static unsigned int check_failures;

static void
check(int ok, const char *what, const char *file, int line)
{
	if (ok)
		return;
	__atomic_add_fetch(&check_failures, 1, __ATOMIC_RELAXED);
	printf("CHECK FAILED %s:%d: %s\n", file, line, what);
}

#define CHECK(c)	check((c) != 0, #c, __FILE__, __LINE__)

static int
check_end(void)
{
	unsigned int n = __atomic_load_n(&check_failures, __ATOMIC_RELAXED);

	if (n != 0)
		printf("TEST FAIL (%u checks)\n", n);
	else
		printf("TEST PASS\n");
	fflush(stdout);
	return n != 0;
}

#endif
