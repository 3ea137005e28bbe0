/*
 * host_test.h -- the little that host unit tests share: CHECK counts
 * failures and says where, test_rand gives a reproducible pseudo-random
 * stream (seed from WHORL_TEST_SEED, printed), test_done sets the exit code.
 */
#ifndef KERN_HOST_TEST_H
#define KERN_HOST_TEST_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

static unsigned long test_checks, test_failures;
static uint64_t test_state = 0x9e3779b97f4a7c15ULL;

#define CHECK(cond)	do {						\
	test_checks++;							\
	if (!(cond)) {							\
		test_failures++;					\
		if (test_failures <= 50)				\
			fprintf(stderr, "%s:%d: CHECK failed: %s\n",	\
			    __FILE__, __LINE__, #cond);			\
	}								\
} while (0)

/* Like CHECK, with a printf-style explanation on failure. */
#define CHECKF(cond, ...)	do {					\
	test_checks++;							\
	if (!(cond)) {							\
		test_failures++;					\
		if (test_failures <= 50) {				\
			fprintf(stderr, "%s:%d: CHECK failed: %s: ",	\
			    __FILE__, __LINE__, #cond);			\
			fprintf(stderr, __VA_ARGS__);			\
			fputc('\n', stderr);				\
		}							\
	}								\
} while (0)

static inline void
test_seed(void)
{
	const char *s = getenv("WHORL_TEST_SEED");

	if (s != NULL)
		test_state = strtoull(s, NULL, 0) | 1;
	printf("seed %#" PRIx64 " (set WHORL_TEST_SEED to repeat)\n",
	    test_state);
}

/* xorshift64*: fast, and good enough to drive tests. */
static inline uint64_t
test_rand(void)
{
	test_state ^= test_state >> 12;
	test_state ^= test_state << 25;
	test_state ^= test_state >> 27;
	return test_state * 0x2545f4914f6cdd1dULL;
}

/* Uniform-ish in [0, n), n > 0. */
static inline uint64_t
test_below(uint64_t n)
{
	return test_rand() % n;
}

static inline int
test_done(const char *name)
{
	printf("%s: %lu checks, %lu failed\n", name, test_checks,
	    test_failures);
	return test_failures == 0 ? 0 : 1;
}

#endif /* KERN_HOST_TEST_H */
