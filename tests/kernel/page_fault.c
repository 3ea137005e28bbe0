/* page_fault.c -- touches an unmapped address: EXC_BAD_ACCESS. */
#include "test.h"

int
main(void)
{
	test_printf("page_fault: touching 0xdead0000\n");
	*(volatile int *)0xdead0000 = 1;
	test_printf("page_fault: still alive?!\n");
	return 1;
}
