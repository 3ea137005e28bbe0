/*
 * console.h -- libc's private interface to the kernel console device
 * (console.c), used by the fd layer in io.c.
 */
#ifndef LIBC_CONSOLE_H
#define LIBC_CONSOLE_H

#include <stddef.h>

int	console_available(void);
long	console_write(const void *buf, size_t len);
long	console_read(void *buf, size_t len);

#endif
