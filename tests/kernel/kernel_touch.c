/*
 * kernel_touch.c -- a task reaches for the kernel's memory, as argv[1]
 * says: "read" kernel text, "write" the direct map, "exec" kernel text,
 * "stack" the kernel stacks' region.  Each must end the task with
 * EXC_BAD_ACCESS at that address (kernel_pages.expect); the machine and
 * the other tasks go on.
 */
#include "test.h"

#define KERNEL_TEXT	0xffffffff80101000ul
#define DIRECT_MAP	0xffff800000100000ul
#define KSTACKS		0xfffffe0000001000ul

int
main(int argc, char **argv)
{
	char c = argc > 1 ? argv[1][0] : '?';

	test_printf("kernel_touch: %s\n", argc > 1 ? argv[1] : "?");
	if (c == 'r')
		(void)*(volatile long *)KERNEL_TEXT;
	else if (c == 'w')
		*(volatile long *)DIRECT_MAP = 0;
	else if (c == 'e')
		((void (*)(void))KERNEL_TEXT)();
	else if (c == 's')
		(void)*(volatile long *)KSTACKS;
	test_printf("kernel_touch: still alive?!\n");
	return 1;
}
