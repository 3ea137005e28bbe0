/*
 * bootscript_vars.c -- checks boot-script substitution: kernel command
 * line words become variables, ${kernel-command-line} is the whole line.
 */
#include "test.h"

static int
streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

int
main(int argc, char **argv)
{
	for (int i = 0; i < argc; i++)
		test_printf("bootscript_vars: argv[%d]=%s\n", i, argv[i]);
	CHECK(argc == 4);
	if (argc != 4)
		return 1;
	CHECK(streq(argv[1], "--colour=blue"));
	CHECK(streq(argv[2], "console=com0 colour=blue"));
	CHECK(streq(argv[3], "x-blue-y"));
	return 0;
}
