/*
 * lookup.h -- path lookup over the fs protocol (lookup.c): the checks of
 * a name, its split into directory and last component, and the loop
 * that follows dir_lookup's retries.  The RPCs go through struct
 * lookup_ops, so the logic is also built and tested on the host
 * (libc/test-lookup.c).  docs/libc.md, "Path lookup".
 */
#ifndef LIBC_LOOKUP_H
#define LIBC_LOOKUP_H

#include <stdint.h>
#include <mach/port.h>

/* A name fits in the protocol's string_t: at most 1023 bytes. */
#define LOOKUP_PATH_MAX		1024
/* A component: at most 255 bytes. */
#define LOOKUP_NAME_MAX		255
/* Retries and symlink restarts one lookup may take before ELOOP. */
#define LOOKUP_LOOP_MAX		32

struct lookup_ops {
	/* dir_lookup: 0 or an errno (the transport maps Mach codes). */
	int (*lookup)(void *ctx, mach_port_t dir, const char *name,
	    int flags, uint32_t mode, int *retry,
	    char retry_name[LOOKUP_PATH_MAX], mach_port_t *result);
	/* FS_RETRY_REAUTH: replace *port (owned) by one with our ids. */
	int (*reauth)(void *ctx, mach_port_t *port);
	/* Give back a send right lookup got. */
	void (*release)(void *ctx, mach_port_t port);
};

/* 0, ENOENT (empty) or ENAMETOOLONG (the name or a component). */
int	lookup_check(const char *path);
/*
 * Split path into its directory part dir ("" for the start directory,
 * "/" for the root) and its last component last (trailing slashes
 * dropped; "" when path is only slashes).  *slash: it had some.
 * 0, ENOENT or ENAMETOOLONG.
 */
int	lookup_split(const char *path, char dir[LOOKUP_PATH_MAX],
	    char last[LOOKUP_NAME_MAX + 1], int *slash);
/*
 * Open path with flags (FS_O_*) and mode: absolute from root, relative
 * from start (both borrowed; MACH_PORT_NULL: ENOENT).  A trailing slash
 * adds FS_O_DIRECTORY.  *result is ours.  0 or an errno.
 */
int	lookup_path(const struct lookup_ops *ops, void *ctx,
	    mach_port_t root, mach_port_t start, const char *path,
	    int flags, uint32_t mode, mach_port_t *result);

#endif
