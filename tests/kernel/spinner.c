/*
 * spinner.c -- spins forever without yielding, printing a progress line
 * every so often.  Two of them make progress only if the timer preempts.
 */
#include "test.h"

#define SPIN	20000000

int
main(int argc, char **argv)
{
	const char *me = argc > 1 ? argv[1] : "?";
	volatile uint64_t n;

	for (int round = 1;; round++) {
		for (n = 0; n < SPIN; n++)
			;
		test_printf("spinner %s: round %d\n", me, round);
	}
}
