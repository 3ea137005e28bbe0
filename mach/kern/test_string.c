/*
 * test_string.c -- host test of the kernel's string.c against the host C
 * library, over random lengths, alignments and overlaps.
 */
#include <string.h>
#include "kern/klib.h"
#include "kern/host_test.h"

void	*kstr_memcpy(void *, const void *, size_t);
void	*kstr_memmove(void *, const void *, size_t);
void	*kstr_memset(void *, int, size_t);
int	 kstr_memcmp(const void *, const void *, size_t);
size_t	 kstr_strlen(const char *);
size_t	 kstr_strnlen(const char *, size_t);
int	 kstr_strcmp(const char *, const char *);
int	 kstr_strncmp(const char *, const char *, size_t);
char	*kstr_strchr(const char *, int);

#define BUF	256

static int
sign(int x)
{
	return (x > 0) - (x < 0);
}

static void
fill(unsigned char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		b[i] = test_rand();
}

/* memcpy, memmove and memset at random offsets and lengths. */
static void
test_mem(void)
{
	unsigned char a[BUF], b[BUF], src[BUF];
	size_t d, s, n;
	int c;

	for (int i = 0; i < 20000; i++) {
		fill(a, BUF);
		memcpy(b, a, BUF);
		fill(src, BUF);
		d = test_below(64);
		s = test_below(64);
		n = test_below(BUF - 64);
		CHECK(kstr_memcpy(a + d, src + s, n) == a + d);
		memcpy(b + d, src + s, n);
		CHECK(memcmp(a, b, BUF) == 0);
		CHECK(kstr_memmove(a + d, a + s, n) == a + d);
		memmove(b + d, b + s, n);
		CHECK(memcmp(a, b, BUF) == 0);
		c = test_rand() & 0x1ff;
		CHECK(kstr_memset(a + s, c, n) == a + s);
		memset(b + s, c, n);
		CHECK(memcmp(a, b, BUF) == 0);
	}
}

/* memcmp and the string comparisons, including bytes above 127. */
static void
test_cmp(void)
{
	char a[BUF], b[BUF];
	size_t n, m;

	for (int i = 0; i < 20000; i++) {
		n = test_below(40);
		for (size_t j = 0; j < n; j++)
			a[j] = (char)((test_rand() % 4) ? 'a' + test_below(3) :
			    0x80 + test_below(3));
		a[n] = '\0';
		memcpy(b, a, n + 1);
		if (n > 0 && test_below(2))
			b[test_below(n)] ^= test_below(2) ? 1 : 0x80;
		if (test_below(4) == 0)
			b[test_below(n + 1)] = '\0';
		m = test_below(45);
		CHECK(sign(kstr_memcmp(a, b, n)) == sign(memcmp(a, b, n)));
		CHECK(sign(kstr_strcmp(a, b)) == sign(strcmp(a, b)));
		CHECK(sign(kstr_strncmp(a, b, m)) == sign(strncmp(a, b, m)));
		CHECK(kstr_strlen(a) == strlen(a));
		CHECK(kstr_strnlen(a, m) == strnlen(a, m));
		CHECK(kstr_strchr(a, 'b') == strchr(a, 'b'));
		CHECK(kstr_strchr(a, 0) == strchr(a, 0));
		CHECK(kstr_strchr(a, 0x180) == strchr(a, 0x180));
	}
	CHECK(kstr_strcmp("", "") == 0);
	CHECK(kstr_strncmp("abc", "abd", 2) == 0);
	CHECK(kstr_strncmp("abc", "abd", 0) == 0);
	CHECK(kstr_memcmp("", "x", 0) == 0);
}

int
main(void)
{
	test_seed();
	test_mem();
	test_cmp();
	return test_done("test_string");
}
