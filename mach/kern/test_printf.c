/*
 * test_printf.c -- host test of the kernel's printf.c: fixed cases, then
 * many random conversions compared byte for byte with the host's snprintf,
 * including truncation to small buffers.
 */
#include <stdarg.h>
#include <string.h>
#include "kern/klib.h"
#include "kern/printf.h"
#include "kern/host_test.h"

int	kpf_vsnprintf(char *, size_t, const char *, va_list);
int	kpf_snprintf(char *, size_t, const char *, ...);

/* Format with both and compare the text and the return value. */
__attribute__((format(printf, 2, 3)))
static void
same(size_t size, const char *fmt, ...)
{
	char a[300], b[300];
	va_list ap, aq;
	int ra, rb;

	memset(a, 'A', sizeof(a));
	memset(b, 'A', sizeof(b));
	va_start(ap, fmt);
	va_copy(aq, ap);
	ra = kpf_vsnprintf(a, size, fmt, ap);
	rb = vsnprintf(b, size, fmt, aq);
	va_end(aq);
	va_end(ap);
	CHECKF(ra == rb && memcmp(a, b, sizeof(a)) == 0,
	    "fmt \"%s\" size %zu: kernel %d \"%.*s\", host %d \"%.*s\"",
	    fmt, size, ra, (int)MIN(size, 80), a, rb, (int)MIN(size, 80), b);
}

static void
test_fixed(void)
{
	char * volatile null = NULL;	/* hides NULL from -Wformat */
	char buf[64];

	same(64, "plain text");
	same(64, "%d %i %u %x %X", -5, 42, 3000000000u, 0xbeef, 0xbeef);
	same(64, "%ld %lld %zu %lx", -1L, -9223372036854775807LL - 1,
	    (size_t)-1, 0xfedcba9876543210UL);
	same(64, "[%5d] [%-5d] [%05d] [%+d] [% d] [%.3d] [%8.3d]", 42, 42,
	    -42, 7, 7, 5, -5);
	same(64, "[%s] [%10s] [%-10s] [%.2s] [%10.2s]", "abc", "abc", "abc",
	    "abc", "abc");
	same(64, "[%c%c] [%3c] [%-3c] 100%%", 'o', 'k', 'x', 'y');
	same(64, "[%#x] [%#X] [%#x] [%#010x]", 255, 255, 0, 255);
	same(64, "[%*d] [%-*d] [%.*s] [%*d]", 6, 1, 6, 2, 2, "xyz", -6, 3);
	same(64, "[%.0d] [%.0u] [%5.0x]", 0, 0, 0);
	same(64, "[%hd] [%hhd] [%hu] [%hhx]", 70000, 300, 70000, 0x1ff);
	same(64, "%s", null);
	same(5, "truncated %d", 123456);
	same(1, "x%d", 1);
	same(0, "nothing %s", "at all");
	CHECK(kpf_snprintf(buf, sizeof(buf), "%p", (void *)0x1234) == 6 &&
	    strcmp(buf, "0x1234") == 0);
	CHECK(kpf_snprintf(buf, sizeof(buf), "%p", (void *)0) == 3 &&
	    strcmp(buf, "0x0") == 0);
	CHECK(kpf_snprintf(buf, sizeof(buf), "%18p|",
	    (void *)0xffffffff80000000UL) == 19 &&
	    strcmp(buf, "0xffffffff80000000|") == 0);
	CHECK(kpf_snprintf(buf, sizeof(buf), "%q %") >= 0 &&
	    strcmp(buf, "%q %") == 0);
}

/* Build a random conversion for an integer of the given kind. */
static void
random_spec(char *f, const char *convs, const char *sizes)
{
	static const char *flags[] = { "", "-", "0", "+", " ", "#", "-0",
	    "+0", "-+", "#0", "- " };

	f += sprintf(f, "<%%%s", flags[test_below(ARRAY_SIZE(flags))]);
	if (test_below(2))
		f += sprintf(f, "%d", (int)test_below(25));
	if (test_below(3) == 0)
		f += sprintf(f, ".%d", (int)test_below(22));
	f += sprintf(f, "%s%c>", sizes, convs[test_below(strlen(convs))]);
}

static uint64_t
random_value(void)
{
	switch (test_below(4)) {
	case 0:		return test_below(10);
	case 1:		return test_rand() >> test_below(64);
	case 2:		return -(int64_t)test_below(1000);
	default:	return test_rand();
	}
}

static void
test_random(void)
{
	char f[64], s[40];
	uint64_t v;
	size_t size;
	int i, n;

	for (i = 0; i < 100000; i++) {
		v = random_value();
		size = test_below(4) == 0 ? test_below(30) : 300;
		switch (test_below(7)) {
		case 0:
			random_spec(f, "diuxX", "");
			same(size, f, (int)v);
			break;
		case 1:
			random_spec(f, "diuxX", "l");
			same(size, f, (long)v);
			break;
		case 2:
			random_spec(f, "diuxX", "ll");
			same(size, f, (long long)v);
			break;
		case 3:
			random_spec(f, "uxX", "z");
			same(size, f, (size_t)v);
			break;
		case 4:
			random_spec(f, "dixX", "h");
			same(size, f, (int)v);
			break;
		case 5:
			n = test_below(sizeof(s));
			for (int j = 0; j < n; j++)
				s[j] = ' ' + test_below(95);
			s[n] = '\0';
			sprintf(f, "<%%%s%d.%ds|", test_below(2) ? "-" : "",
			    (int)test_below(45), (int)test_below(45));
			if (test_below(3) == 0)
				strcpy(f, "<%s|");
			same(size, f, s);
			break;
		default:
			sprintf(f, "<%%%s%dc>", test_below(2) ? "-" : "",
			    (int)test_below(5));
			same(size, f, (int)(' ' + test_below(95)));
			break;
		}
	}
}

int
main(void)
{
	test_seed();
	test_fixed();
	test_random();
	return test_done("test_printf");
}
