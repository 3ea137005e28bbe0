/*
 * test.c -- output and verdicts of in-guest tests.  A test ends with
 * "TEST PASS" or "TEST FAIL" on the console; the runner also accepts
 * per-test expectations (tests/kernel/<name>.expect).  With no way yet to
 * end a task (IPC issue), a finished test yields the processor forever.
 */
#include "test.h"
#include "kern/printf.h"

static int failures;
static int checks;

void
test_printf(const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	mach_print(buf);
}

void
test_check(int ok, const char *what, const char *file, int line)
{
	checks++;
	if (!ok) {
		failures++;
		test_printf("not ok: %s (%s:%d)\n", what, file, line);
	}
}

void
test_idle(void)
{
	for (;;)
		swtch();
}

/* Print the verdict and return (the caller ends the machine itself). */
void
test_exit_noidle(void)
{
	if (failures == 0)
		test_printf("TEST PASS (%d checks)\n", checks);
	else
		test_printf("TEST FAIL (%d of %d checks failed)\n", failures,
		    checks);
}

void
test_exit(int status)
{
	if (status != 0)
		failures++;
	test_exit_noidle();
	test_idle();
}

/* A decimal argument (port names the boot script gives, counts). */
uint64_t
test_parse_number(const char *s)
{
	uint64_t v = 0;

	while (*s >= '0' && *s <= '9')
		v = v * 10 + (uint64_t)(*s++ - '0');
	return v;
}
