/* divide_error.c -- divides by zero: EXC_ARITHMETIC, EXC_I386_DIV. */
#include "test.h"

int
main(void)
{
	volatile int zero = 0, n = 7;

	test_printf("divide_error: dividing by zero\n");
	n = n / zero;
	test_printf("divide_error: still alive?! %d\n", n);
	return 1;
}
