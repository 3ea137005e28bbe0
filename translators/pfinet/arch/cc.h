/*
 * arch/cc.h -- lwIP's compiler and platform glue for Whorl's pfinet.
 * Included by lwip/arch.h in every lwIP file.  Plain C: the only
 * services used are the C library's and pfinet's platform interface.
 */
#ifndef PFINET_ARCH_CC_H
#define PFINET_ARCH_CC_H

#include <limits.h>
#include <stdlib.h>
#include <sys/types.h>

/* newlib (Whorl's libc) has ssize_t but no SSIZE_MAX: lwIP's arch.h
   would define its own ssize_t. */
#ifndef SSIZE_MAX
#define SSIZE_MAX	LONG_MAX
#endif

#define LWIP_ERRNO_STDINCLUDE		1
#define LWIP_TIMEVAL_PRIVATE		0

void	pfinet_platform_diag(const char *, ...)
	    __attribute__((format(printf, 1, 2)));
void	pfinet_platform_assert(const char *, const char *, int)
	    __attribute__((noreturn));

#define LWIP_PLATFORM_DIAG(x)		do { pfinet_platform_diag x; } while (0)
#define LWIP_PLATFORM_ASSERT(x)		pfinet_platform_assert((x), \
					    __FILE__, __LINE__)

#endif /* PFINET_ARCH_CC_H */
