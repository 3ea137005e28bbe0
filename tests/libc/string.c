/*
 * string.c -- <string.h> as newlib builds it for Whorl: lengths, copies
 * (overlapping ones too), comparisons, searches and tokens.
 */
#include <string.h>
#include <strings.h>
#include <stdlib.h>
#include "check.h"

static void
check_copies(void)
{
	char buf[32];

	CHECK(strlen("") == 0 && strlen("whorl") == 5);
	CHECK(strnlen("whorl", 3) == 3);
	strcpy(buf, "abc");
	strcat(buf, "def");
	CHECK_STR(buf, "abcdef");
	strncpy(buf, "xy", 5);
	CHECK(buf[0] == 'x' && buf[2] == '\0' && buf[4] == '\0');
	memcpy(buf, "0123456789", 11);
	memmove(buf + 2, buf, 8);	/* overlapping, forwards */
	CHECK_STR(buf, "0101234567");
	memmove(buf, buf + 2, 9);	/* overlapping, backwards */
	CHECK_STR(buf, "01234567");
	memset(buf, 'z', 4);
	CHECK(memcmp(buf, "zzzz4567", 8) == 0);
	char *d = strdup("duplicate");
	CHECK(d != NULL && strcmp(d, "duplicate") == 0);
	free(d);
}

static void
check_compares(void)
{
	CHECK(strcmp("abc", "abd") < 0 && strcmp("b", "a") > 0);
	CHECK(strcmp("same", "same") == 0);
	CHECK(strncmp("abcX", "abcY", 3) == 0);
	CHECK(strcasecmp("WhOrL", "whorl") == 0);
	CHECK(memcmp("\x01\xff", "\x01\x01", 2) > 0);	/* unsigned bytes */
}

static void
check_searches(void)
{
	const char *s = "hello, whorl world";
	char text[] = "a,b;;c";
	char *save, *tok;
	int n = 0;

	CHECK(strchr(s, 'w') == s + 7 && strrchr(s, 'w') == s + 13);
	CHECK(strchr(s, 'q') == NULL && strchr(s, '\0') == s + 18);
	CHECK(strstr(s, "whorl") == s + 7 && strstr(s, "xyz") == NULL);
	CHECK(memchr(s, 'o', 18) == s + 4);
	CHECK(strspn("aaab", "a") == 3 && strcspn("abc,d", ",") == 3);
	CHECK(strpbrk(s, ",w") == s + 5);
	for (tok = strtok_r(text, ",;", &save); tok != NULL;
	    tok = strtok_r(NULL, ",;", &save))
		n++;
	CHECK(n == 3);
}

int
main(void)
{
	check_copies();
	check_compares();
	check_searches();
	return check_done();
}
