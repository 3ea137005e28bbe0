/*
 * check.h -- the checks of Whorl's libc tests (tests/libc/): programs
 * built with x86_64-whorl-gcc that print through stdio on the console and
 * end with "TEST PASS" or "TEST FAIL", which tests/qemu-test reads.
 */
#ifndef LIBC_CHECK_H
#define LIBC_CHECK_H

#include <errno.h>
#include <stdio.h>

static int check_failures;

static inline void
check_one(int ok, const char *what, const char *file, int line)
{
	if (ok)
		return;
	check_failures++;
	printf("check failed: %s (%s:%d)\n", what, file, line);
}

#define CHECK(c)	check_one((c) != 0, #c, __FILE__, __LINE__)

/* errno after a call that must fail with -1 (or NULL). */
#define FAILS(call, err) do {						\
	errno = 0;							\
	CHECK((long)(call) == -1 && errno == (err));			\
} while (0)
#define FAILS_NULL(call, err) do {					\
	errno = 0;							\
	CHECK((call) == NULL && errno == (err));			\
} while (0)

/* Compare a formatted string with what it must be. */
#define CHECK_STR(got, want) do {					\
	const char *g_ = (got), *w_ = (want);				\
	int ok_ = strcmp(g_, w_) == 0;					\
	check_one(ok_, #got " == " #want, __FILE__, __LINE__);		\
	if (!ok_)							\
		printf("  got \"%s\", want \"%s\"\n", g_, w_);		\
} while (0)

/* The verdict line; main returns its value. */
static inline int
check_done(void)
{
	if (check_failures == 0)
		printf("TEST PASS\n");
	else
		printf("TEST FAIL: %d checks failed\n", check_failures);
	fflush(stdout);
	return check_failures != 0;
}

#endif
