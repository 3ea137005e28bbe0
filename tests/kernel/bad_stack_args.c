/* bad_stack_args.c -- a 7-argument trap whose stack cannot be read. */
#include "test.h"

int
main(void)
{
	test_printf("bad_stack_args: mach_msg_trap with rsp unmapped\n");
	bad_stack_trap();
	test_printf("bad_stack_args: still alive?!\n");
	return 1;
}
