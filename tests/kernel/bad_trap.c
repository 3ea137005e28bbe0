/*
 * bad_trap.c -- calls trap -200, outside GNU Mach's table of 130:
 * EXC_BAD_INSTRUCTION, code EXC_I386_INVOP, as for an invalid opcode.
 */
#include "test.h"

int
main(void)
{
	test_printf("bad_trap: calling trap -200\n");
	raw_trap(-200, 0, 0, 0, 0, 0);
	test_printf("bad_trap: still alive?!\n");
	return 1;
}
