/*
 * whorl/fd.h -- file descriptors and ports, the Hurd's names: openport
 * makes a fd of an io port (the fd owns the send right from then on),
 * getdport gives a new send right to a fd's port.  libc/io.c.
 */
#ifndef _WHORL_FD_H
#define _WHORL_FD_H

#include <mach/port.h>

/* futimens and utimensat's special times (newlib has them only for
   Cygwin and RTEMS; the same values). */
#ifndef UTIME_NOW
#define UTIME_NOW	-2L
#define UTIME_OMIT	-1L
#endif

/* newlib declares lstat only for Cygwin, RTEMS and SPU. */
struct stat;
int		lstat(const char *__restrict, struct stat *__restrict);

int		openport(mach_port_t port, int flags);
mach_port_t	getdport(int fd);

#endif
