/*
 * printf.h -- formatted output into a buffer, for the kernel console and
 * panic messages.  Conversions: %d %i %u %x %X %p %s %c %%, with the
 * modifiers h hh l ll z, flags - 0 + space #, width and precision (both may
 * be *).  No floating point.
 */
#ifndef KERN_PRINTF_H
#define KERN_PRINTF_H

#include <stdarg.h>
#include <stddef.h>

/*
 * Format into buf, never writing more than size bytes, always
 * NUL-terminated when size > 0.  Returns the length the whole output would
 * have had (as C99 does), so a result >= size means it was truncated.
 */
int	vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
	    __attribute__((format(printf, 3, 0)));
int	snprintf(char *buf, size_t size, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

#endif /* KERN_PRINTF_H */
