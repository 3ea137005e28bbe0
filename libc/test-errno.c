/*
 * test-errno.c -- host test of Whorl's errno numbering and of strerror.c,
 * run by `make check`.  The errno names come from libc/include/whorl/errno.h
 * through the generated errno-names.h, so a value added there is checked
 * here without editing this file.
 */
#include <stdio.h>
#include <string.h>

#include <whorl/errno.h>
#include <whorl/strerror.h>

char	*libc_test_strerror(int);	/* strerror.c's strerror, renamed */

struct test_errno {
	const char	*name;
	long		 value;
};

static const struct test_errno test_errnos[] = {
#define X(name)	{ #name, (long)(name) },
#include "libc/errno-names.h"
#undef X
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* Codes the other error spaces use, which no errno may take. */
static const struct {
	const char	*what;
	long		 lo, hi;
} test_taken[] = {
	{ "kern_return_t", 0, 255 },
	{ "mach_msg", 0x10000000, 0x1000ffff },
	{ "MIG", -399, -300 },
	{ "device D_*", 2500, 2599 },
};

static int failures;

static void
test_fail(const char *name, const char *why)
{
	printf("FAIL: %s: %s\n", name, why);
	failures++;
}

/* Each errno: in Whorl's range, clear of the others, unique, named. */
static void
test_errno_values(void)
{
	const struct test_errno *e;
	size_t i, j;

	for (i = 0; i < NELEM(test_errnos); i++) {
		e = &test_errnos[i];
		if (e->value <= _WHORL_ERRNO_BASE ||
		    e->value > (_WHORL_ERRNO_BASE | 0x3fff))
			test_fail(e->name, "outside 0x40000001..0x40003fff");
		for (j = 0; j < NELEM(test_taken); j++)
			if (e->value >= test_taken[j].lo &&
			    e->value <= test_taken[j].hi)
				test_fail(e->name, test_taken[j].what);
		for (j = 0; j < i; j++)
			if (test_errnos[j].value == e->value)
				test_fail(e->name, "same value as another");
		if (libc_strerror_name((int)e->value) == NULL ||
		    strcmp(libc_strerror_name((int)e->value), e->name) != 0)
			test_fail(e->name, "strerror.c names it otherwise");
	}
	if (EWOULDBLOCK != EAGAIN)
		test_fail("EWOULDBLOCK", "differs from EAGAIN");
}

/* One code of each kind, by name and by message. */
static void
test_strerror_kinds(void)
{
	static const struct {
		int		 code;
		const char	*name;
		const char	*text;
	} cases[] = {
		{ ENOENT, "ENOENT", "No such file or directory" },
		{ 0x40000001, "EPERM", "Operation not permitted" },
		{ 1, "KERN_INVALID_ADDRESS", "Invalid address" },
		{ 28, "KERN_INTERRUPTED", "Kernel operation interrupted" },
		{ 0x10000003, "MACH_SEND_INVALID_DEST",
		    "Bad destination port" },
		{ 0x10004003, "MACH_RCV_TIMED_OUT", "Receive timed out" },
		{ 0x1000200d, "MACH_SEND_NO_BUFFER",
		    "No kernel buffer for message" },
		{ -303, "MIG_BAD_ID", "Unknown RPC" },
		{ -308, "MIG_SERVER_DIED", "Server died" },
		{ 2502, "D_NO_SUCH_DEVICE", "No such device" },
	};
	const char *name;
	size_t i;

	for (i = 0; i < NELEM(cases); i++) {
		name = libc_strerror_name(cases[i].code);
		if (name == NULL || strcmp(name, cases[i].name) != 0)
			test_fail(cases[i].name, "wrong name");
		if (strcmp(libc_test_strerror(cases[i].code),
		    cases[i].text) != 0)
			test_fail(cases[i].name, "wrong message");
	}
	if (strcmp(libc_test_strerror(0x40000fff),
	    "Unknown error 0x40000fff") != 0)
		test_fail("0x40000fff", "unknown code not reported as such");
	if (strcmp(libc_test_strerror(-1), "Unknown error 0xffffffff") != 0)
		test_fail("-1", "unknown code not reported as such");
}

int
main(void)
{
	test_errno_values();
	test_strerror_kinds();
	printf("%zu errno values checked; %d failures\n", NELEM(test_errnos),
	    failures);
	return failures == 0 ? 0 : 1;
}
