/*
 * host_check.h -- the check of the host unit tests of the drivers' pure
 * parts (translators/{pci,virtio-blk,netdev,e1000}/tests/): a failed
 * CHECK prints itself and counts in failures, which main reports.
 */
#ifndef HOST_CHECK_H
#define HOST_CHECK_H

#include <stdio.h>

static int failures;

#define CHECK(c) do {							\
	if (!(c)) {							\
		failures++;						\
		printf("check failed: %s (%s:%d)\n", #c, __FILE__,	\
		    __LINE__);						\
	}								\
} while (0)

#endif
