/*
 * survivor.c -- runs beside faulting tasks and checks the kernel still
 * serves it afterwards: traps work, a bad pointer to mach_print is an
 * error code, a positive trap number is refused without harm to others.
 */
#include "test.h"

#define KERN_INVALID_ADDRESS	1

int
main(void)
{
	for (int i = 0; i < 2000; i++)
		swtch();
	CHECK(mach_print_checked((const char *)0xdead0000) == KERN_INVALID_ADDRESS);
	CHECK(mach_print_checked((const char *)0xffff800000000000ul) ==
	    KERN_INVALID_ADDRESS);
	CHECK(mach_print_checked("survivor: still here\n") == 0);
	return 0;
}
