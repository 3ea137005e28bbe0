/*
 * klib.h -- the few C library routines the kernel has (string.c), and the
 * switch that lets pure-logic kernel files build on the host for unit tests:
 * with HOST_TEST defined they use the host's libc and locks become no-ops.
 */
#ifndef KERN_KLIB_H
#define KERN_KLIB_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#ifdef HOST_TEST
#include <string.h>
#include <assert.h>
#define KASSERT(e)	assert(e)
#else
void	*memcpy(void *, const void *, size_t);
void	*memmove(void *, const void *, size_t);
void	*memset(void *, int, size_t);
int	 memcmp(const void *, const void *, size_t);
size_t	 strlen(const char *);
size_t	 strnlen(const char *, size_t);
int	 strcmp(const char *, const char *);
int	 strncmp(const char *, const char *, size_t);
char	*strchr(const char *, int);
void	 panic(const char *, ...) __attribute__((noreturn, format(printf, 1, 2)));
#define KASSERT(e)	((e) ? (void)0 : \
	panic("assertion \"%s\" failed at %s:%d", #e, __FILE__, __LINE__))
#endif

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define ROUND_UP(x, a)	(((x) + (a) - 1) / (a) * (a))
#define ROUND_DOWN(x, a) ((x) / (a) * (a))
#define MIN(a, b)	((a) < (b) ? (a) : (b))
#define MAX(a, b)	((a) > (b) ? (a) : (b))

#endif /* KERN_KLIB_H */
