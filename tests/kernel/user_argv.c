/*
 * user_argv.c -- a user task prints the argv the boot script gave it, and
 * checks the ABI's initial stack: argc, argv[], NULL, empty envp, NULL.
 */
#include "test.h"

int
main(int argc, char **argv)
{
	char **envp = argv + argc + 1;

	test_printf("user_argv: argc=%d\n", argc);
	for (int i = 0; i < argc; i++)
		test_printf("user_argv: argv[%d]=%s\n", i, argv[i]);
	CHECK(argc >= 1);
	CHECK(argv[argc] == NULL);
	CHECK(envp[0] == NULL);
	CHECK(((uintptr_t)argv & 7) == 0);
	return 0;
}
