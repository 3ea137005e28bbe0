/*
 * sys/uio.h -- Whorl's vectored I/O (newlib has none): readv and writev
 * send one buffer in one io RPC (libc/file.c).
 */
#ifndef _SYS_UIO_H
#define _SYS_UIO_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

struct iovec {
	void *iov_base;
	size_t iov_len;
};

ssize_t	readv(int, const struct iovec *, int);
ssize_t	writev(int, const struct iovec *, int);

#ifdef __cplusplus
}
#endif
#endif
