/*
 * prompt_resume.c -- the boot script's prompt-task-resume.  Two modules
 * of this program: the first is resumed at once and asks for input; the
 * second is resumed only after return is pressed at the kernel's prompt,
 * which must not stop the first from running meanwhile (GNU Mach runs the
 * boot script in a thread of its own for this).
 */
#include "test.h"

static int
same(const char *a, const char *b)
{
	while (*a != '\0' && *a == *b)
		a++, b++;
	return *a == *b;
}

int
main(int argc, char **argv)
{
	if (argc > 0 && same(argv[0], "prompt_first")) {
		test_printf("prompt_resume: first module runs during the "
		    "prompt\n");
		test_printf("TEST INPUT\n");
		test_idle();
	}
	test_printf("prompt_resume: second module started after return\n");
	CHECK(argc > 0 && same(argv[0], "prompt_second"));
	return 0;
}
