/*
 * test_cmdline.c -- host test of cmdline.c: word splitting, lookups,
 * iteration, the GNU Mach compatibility strings and truncation of lines
 * longer than the buffer.
 */
#include <string.h>
#include "kern/klib.h"
#include "kern/cmdline.h"
#include "kern/host_test.h"

static bool
is(const char *got, const char *want)
{
	return got != NULL && strcmp(got, want) == 0;
}

struct collect {
	char	text[2048];
	int	n;
	int	stop_at;
};

static int
collect(void *ctx, const char *key, const char *value)
{
	struct collect *c = ctx;

	c->n++;
	strcat(c->text, key);
	strcat(c->text, "=");
	strcat(c->text, value);
	strcat(c->text, ";");
	return c->n == c->stop_at ? 7 : 0;
}

static void
test_basic(void)
{
	struct collect c = { "", 0, 0 };

	cmdline_parse("  console=com0 -s\troot=/dev/hd0s1 quiet  x= a=b=c -");
	CHECK(is(cmdline_get("console"), "com0"));
	CHECK(is(cmdline_get("quiet"), ""));
	CHECK(is(cmdline_get("x"), ""));
	CHECK(is(cmdline_get("a"), "b=c"));
	CHECK(is(cmdline_get("root"), "/dev/hd0s1"));
	CHECK(cmdline_get("consol") == NULL);
	CHECK(cmdline_get("console=com0") == NULL);
	CHECK(cmdline_get(NULL) == NULL);
	CHECK(is(cmdline_root_device(), "hd0s1"));
	CHECK(is(cmdline_boot_args(), "-s"));
	CHECK(!cmdline_truncated());
	CHECK(is(cmdline_raw(),
	    "  console=com0 -s\troot=/dev/hd0s1 quiet  x= a=b=c -"));
	CHECK(cmdline_foreach(collect, &c) == 0 && c.n == 7);
	CHECK(strcmp(c.text, "console=com0;-s=;root=/dev/hd0s1;quiet=;x=;"
	    "a=b=c;-=;") == 0);
	c.text[0] = '\0';
	c.n = 0;
	c.stop_at = 2;
	CHECK(cmdline_foreach(collect, &c) == 7 && c.n == 2);

	cmdline_parse("first=1 first=2 -ab -c=d");
	CHECK(is(cmdline_get("first"), "1"));
	CHECK(is(cmdline_boot_args(), "-abc=d"));
	CHECK(is(cmdline_root_device(), "UNKNOWN"));

	cmdline_parse(NULL);
	CHECK(is(cmdline_raw(), "") && cmdline_get("a") == NULL);
	CHECK(is(cmdline_boot_args(), "-x"));
	cmdline_parse("root=hd1");
	CHECK(is(cmdline_root_device(), "hd1"));
}

/* A line over the limit loses its cut word, never half a value. */
static void
test_truncation(void)
{
	char line[CMDLINE_MAX + 100];
	size_t n;

	memset(line, 0, sizeof(line));
	for (n = 0; n < CMDLINE_MAX - 20; n += 10)
		memcpy(line + n, "pad=12345 ", 10);
	strcat(line, "last=abcdefghijklmnopqrstuvwxyz tail=1");
	cmdline_parse(line);
	CHECK(cmdline_truncated());
	CHECK(cmdline_get("last") == NULL);
	CHECK(cmdline_get("tail") == NULL);
	CHECK(is(cmdline_get("pad"), "12345"));
	CHECK(strlen(cmdline_raw()) < CMDLINE_MAX);

	/* Exactly at the limit: the word ending at the cut is whole. */
	memset(line, 'a', sizeof(line));
	memcpy(line, "k=", 2);
	line[CMDLINE_MAX - 1] = ' ';
	line[CMDLINE_MAX + 5] = '\0';
	cmdline_parse(line);
	CHECK(cmdline_truncated());
	CHECK(cmdline_get("k") != NULL &&
	    strlen(cmdline_get("k")) == CMDLINE_MAX - 3);

	/* One huge word: nothing survives. */
	memset(line, 'z', sizeof(line) - 1);
	line[sizeof(line) - 1] = '\0';
	cmdline_parse(line);
	CHECK(cmdline_truncated() && is(cmdline_raw(), ""));

	/* Too many words: the first CMDLINE_MAX_WORDS are kept. */
	line[0] = '\0';
	for (n = 0; n < CMDLINE_MAX_WORDS + 10; n++)
		sprintf(line + strlen(line), "w%zu ", n);
	cmdline_parse(line);
	CHECK(cmdline_truncated());
	CHECK(is(cmdline_get("w0"), ""));
	CHECK(cmdline_get("w63") != NULL && cmdline_get("w64") == NULL);
}

/* Random lines of random bytes: no crash, and every key is found. */
static void
test_random(void)
{
	char line[CMDLINE_MAX * 2];
	size_t n;

	for (int i = 0; i < 3000; i++) {
		n = test_below(sizeof(line));
		for (size_t j = 0; j < n; j++)
			line[j] = " =\tab-c"[test_below(7)];
		line[n] = '\0';
		cmdline_parse(line);
		CHECK(strlen(cmdline_raw()) < CMDLINE_MAX);
		CHECK(strlen(cmdline_boot_args()) <= CMDLINE_MAX);
		(void)cmdline_get("a");
	}
}

int
main(void)
{
	test_seed();
	test_basic();
	test_truncation();
	test_random();
	return test_done("test_cmdline");
}
