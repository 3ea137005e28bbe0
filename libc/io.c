/*
 * io.c -- file descriptors for newlib, until file system servers exist:
 * fds 0, 1 and 2 are the kernel console (console.c), every other number is
 * EBADF, and calls that name a file fail with ENOENT, since no name space
 * exists yet.  newlib's reentrant wrappers (_read_r, ...) call these.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "console.h"

/* Which of fds 0..2 are open; close() clears a bit. */
static unsigned io_std_open = 07;

/* 0 if fd is an open console fd, else -1 with errno EBADF. */
static int
io_check(int fd)
{
	if (fd < 0 || fd > 2 || (io_std_open & (1u << fd)) == 0) {
		errno = EBADF;
		return -1;
	}
	return 0;
}

/* A console result (bytes or -errno) as a system call's. */
static int
io_result(long r)
{
	if (r < 0) {
		errno = (int)-r;
		return -1;
	}
	return (int)r;
}

/* newlib declares read and write as returning int. */
_READ_WRITE_RETURN_TYPE
read(int fd, void *buf, size_t len)
{
	if (io_check(fd) != 0)
		return -1;
	return io_result(console_read(buf, len));
}

_READ_WRITE_RETURN_TYPE
write(int fd, const void *buf, size_t len)
{
	if (io_check(fd) != 0)
		return -1;
	if (len > INT_MAX)
		len = INT_MAX;	/* a short write, as the int result allows */
	return io_result(console_write(buf, len));
}

int
close(int fd)
{
	if (io_check(fd) != 0)
		return -1;
	io_std_open &= ~(1u << fd);
	return 0;
}

/* The console is a stream: it has no position. */
off_t
lseek(int fd, off_t off, int whence)
{
	(void)off;
	(void)whence;
	if (io_check(fd) != 0)
		return -1;
	errno = ESPIPE;
	return -1;
}

int
fstat(int fd, struct stat *st)
{
	if (io_check(fd) != 0)
		return -1;
	memset(st, 0, sizeof(*st));
	st->st_mode = S_IFCHR | 0620;
	st->st_blksize = 1024;
	st->st_nlink = 1;
	return 0;
}

/* A console fd is a terminal only if the task can reach the console. */
int
isatty(int fd)
{
	if (io_check(fd) != 0)
		return 0;
	if (!console_available()) {
		errno = ENOTTY;
		return 0;
	}
	return 1;
}

int
fcntl(int fd, int cmd, ...)
{
	if (io_check(fd) != 0)
		return -1;
	switch (cmd) {
	case F_GETFD:
	case F_SETFD:
		return 0;
	case F_GETFL:
		return O_RDWR;
	default:
		errno = EINVAL;
		return -1;
	}
}

/* No file system is reachable yet, so no name exists. */
int
open(const char *path, int flags, ...)
{
	(void)path;
	(void)flags;
	errno = ENOENT;
	return -1;
}

int
stat(const char *path, struct stat *st)
{
	(void)path;
	(void)st;
	errno = ENOENT;
	return -1;
}

int
link(const char *from, const char *to)
{
	(void)from;
	(void)to;
	errno = ENOENT;
	return -1;
}

int
unlink(const char *path)
{
	(void)path;
	errno = ENOENT;
	return -1;
}

int
mkdir(const char *path, mode_t mode)
{
	(void)path;
	(void)mode;
	errno = ENOENT;
	return -1;
}
