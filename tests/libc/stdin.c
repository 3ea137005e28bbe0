/*
 * stdin.c -- reading the console through stdin: fgets and getchar on
 * what the test runner types (stdin.input) once "TEST INPUT" appears.
 */
#include <string.h>
#include "check.h"

int
main(void)
{
	char line[64];
	int c, rest = 0;

	printf("stdin: TEST INPUT\n");
	CHECK(fgets(line, sizeof(line), stdin) != NULL);
	printf("stdin: read \"%.*s\"\n", (int)strcspn(line, "\n"), line);
	CHECK(strcmp(line, "first line\n") == 0);
	while ((c = getchar()) != EOF && c != '\n')
		rest += c == 'x';
	CHECK(rest == 3);
	return check_done();
}
