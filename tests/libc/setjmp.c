/*
 * setjmp.c -- setjmp and longjmp: the second return carries the value
 * (0 becomes 1), callee-saved locals survive, and a jump unwinds several
 * frames.
 */
#include <setjmp.h>
#include "check.h"

static jmp_buf env;
static int depth;

static void __attribute__((noinline))
descend(int n)
{
	depth = n;
	if (n == 5)
		longjmp(env, n * 10);
	if (n < 5)
		descend(n + 1);
}

int
main(void)
{
	volatile int kept = 11;
	int r;

	r = setjmp(env);
	if (r == 0) {
		kept = 12;
		descend(1);
		CHECK(!"longjmp returned");
	}
	CHECK(r == 50 && depth == 5 && kept == 12);

	r = setjmp(env);
	if (r == 0)
		longjmp(env, 0);
	CHECK(r == 1);
	return check_done();
}
