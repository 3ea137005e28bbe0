/*
 * string.c -- the kernel's memory and string routines declared in klib.h.
 * Called from everywhere in the kernel, and by code gcc generates for
 * structure copies.  Host unit tests build it with STRING_TEST, which gives
 * every routine a kstr_ prefix so that it does not clash with libc.
 */
#include "kern/klib.h"

#ifdef STRING_TEST
#define memcpy	kstr_memcpy
#define memmove	kstr_memmove
#define memset	kstr_memset
#define memcmp	kstr_memcmp
#define strlen	kstr_strlen
#define strnlen	kstr_strnlen
#define strcmp	kstr_strcmp
#define strncmp	kstr_strncmp
#define strchr	kstr_strchr
void	*memcpy(void *, const void *, size_t);
void	*memmove(void *, const void *, size_t);
void	*memset(void *, int, size_t);
int	 memcmp(const void *, const void *, size_t);
size_t	 strlen(const char *);
size_t	 strnlen(const char *, size_t);
int	 strcmp(const char *, const char *);
int	 strncmp(const char *, const char *, size_t);
char	*strchr(const char *, int);
#endif

/*
 * gcc would otherwise recognise the byte loops below as memcpy or memset
 * and turn them into calls to themselves.
 */
#define STRING_NOLOOPCALL \
	__attribute__((optimize("no-tree-loop-distribute-patterns")))

/* A 64-bit word that may alias any other type. */
typedef uint64_t __attribute__((may_alias)) string_word_t;

#define WORD_ALIGNED(p)	(((uintptr_t)(p) & (sizeof(uint64_t) - 1)) == 0)

STRING_NOLOOPCALL void *
memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (WORD_ALIGNED(d) && WORD_ALIGNED(s)) {
		for (; n >= 8; n -= 8, d += 8, s += 8)
			*(string_word_t *)d = *(const string_word_t *)s;
	}
	while (n-- > 0)
		*d++ = *s++;
	return dst;
}

STRING_NOLOOPCALL void *
memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if ((uintptr_t)d - (uintptr_t)s >= n)
		return memcpy(dst, src, n);	/* no harmful overlap */
	/* Destination above an overlapping source: copy backwards. */
	d += n;
	s += n;
	while (n-- > 0)
		*--d = *--s;
	return dst;
}

STRING_NOLOOPCALL void *
memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	uint64_t w;

	if (WORD_ALIGNED(d) && n >= 8) {
		w = (unsigned char)c * 0x0101010101010101ULL;
		for (; n >= 8; n -= 8, d += 8)
			*(string_word_t *)d = w;
	}
	while (n-- > 0)
		*d++ = (unsigned char)c;
	return dst;
}

int
memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (; n > 0; n--, p++, q++)
		if (*p != *q)
			return *p - *q;
	return 0;
}

size_t
strlen(const char *s)
{
	const char *p;

	for (p = s; *p != '\0'; p++)
		continue;
	return p - s;
}

size_t
strnlen(const char *s, size_t max)
{
	size_t n;

	for (n = 0; n < max && s[n] != '\0'; n++)
		continue;
	return n;
}

int
strcmp(const char *a, const char *b)
{
	for (; *a == *b; a++, b++)
		if (*a == '\0')
			return 0;
	return (unsigned char)*a - (unsigned char)*b;
}

int
strncmp(const char *a, const char *b, size_t n)
{
	for (; n > 0; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (*a == '\0')
			return 0;
	}
	return 0;
}

char *
strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (*s == '\0')
			return NULL;
	}
}
