/* invalid_opcode.c -- executes ud2: EXC_BAD_INSTRUCTION. */
#include "test.h"

int
main(void)
{
	test_printf("invalid_opcode: executing ud2\n");
	__asm__ volatile("ud2");
	test_printf("invalid_opcode: still alive?!\n");
	return 1;
}
