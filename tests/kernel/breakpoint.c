/* breakpoint.c -- executes int3 with no debugger: EXC_BREAKPOINT. */
#include "test.h"

int
main(void)
{
	test_printf("breakpoint: executing int3\n");
	__asm__ volatile("int3");
	test_printf("breakpoint: still alive?!\n");
	return 1;
}
