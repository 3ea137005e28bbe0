/* bad_trap.c -- calls trap -100, which does not exist: EXC_BAD_INSTRUCTION. */
#include "test.h"

int
main(void)
{
	test_printf("bad_trap: calling trap -100\n");
	raw_trap(-100, 0, 0, 0, 0, 0);
	test_printf("bad_trap: still alive?!\n");
	return 1;
}
