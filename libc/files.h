/*
 * files.h -- what libc's file calls share (fsport.c): the process's
 * root and current directory, path lookup over them with the real
 * dir_lookup, the mapping of RPC failures to errno, and the few io
 * helpers several calls use.  docs/libc.md, "Files".
 */
#ifndef LIBC_FILES_H
#define LIBC_FILES_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <mach/port.h>
#include <mach/kern_return.h>
#include "fd.h"
#include "lookup.h"

/* An errno for what an RPC returned: errnos as they are, the rest mapped. */
int	fs_errno(kern_return_t kr);
/* -1 with errno set to error, or 0. */
int	fs_fail(int error);

/* Referenced handles on the root and current directory, or NULL. */
struct fd_file	*fs_root_get(void);
struct fd_file	*fs_cwd_get(void);
/* Make port (owned) the current directory. */
int	fs_cwd_set(mach_port_t port);

/* FS_O_* for O_* flags (the access mode and the status bits). */
int	fs_oflags(int oflags);
/* O_* for FS_O_* modes. */
int	fs_omodes(int modes);
/* The umask, applied by open, mkdir and friends. */
uint32_t fs_umask_get(void);

/*
 * Look up path relative to dirfd (AT_FDCWD: the current directory).
 * *port is ours.  0 or an errno.
 */
int	fs_lookup(int dirfd, const char *path, int flags, uint32_t mode,
	    mach_port_t *port);
/* The directory holding path's last component (ours) and that name. */
int	fs_lookup_dir(int dirfd, const char *path, mach_port_t *dir,
	    char last[LOOKUP_NAME_MAX + 1], int *slash);

/* io_stat into a struct stat. */
int	fs_stat_port(mach_port_t port, struct stat *st);
/* io_read into buf: *got bytes (never more than len). */
int	fs_read_port(mach_port_t port, void *buf, size_t len, int64_t offset,
	    size_t *got);
/* The port of an open fd with a reference (*f), or an errno. */
int	fs_fd_port(int fd, struct fd_file **f);
/* The symlink target of port (opened with FS_O_NOLINK|FS_O_READ). */
int	fs_readlink_port(mach_port_t port, char *buf, size_t size,
	    size_t *len);
/* The absolute name of a directory port, walking "..". */
int	fs_dir_name(mach_port_t dir, char *buf, size_t size);

#endif
