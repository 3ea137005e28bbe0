/*
 * lookup.c -- path lookup (lookup.h), the Hurd's way: one dir_lookup
 * resolves as much of the name as its server can; the answer says
 * whether the walk must go on elsewhere.  FS_RETRY_NORMAL continues at
 * the port it gave (a translator's root, or the node a root sits on for
 * "..") with the rest of the name; FS_RETRY_REAUTH does the same after
 * reauthenticating that port; FS_RETRY_MAGICAL "/rest" is a symlink to
 * an absolute name: start again at our root.  Every retry counts toward
 * LOOKUP_LOOP_MAX, after which the answer is ELOOP.
 */
#include <errno.h>
#include <string.h>
#include "lookup.h"
#include "fs_types.h"

int
lookup_check(const char *path)
{
	size_t n = 0;
	const char *p;

	if (path == NULL || path[0] == '\0')
		return ENOENT;
	for (p = path; *p != '\0'; p++) {
		if (p - path >= LOOKUP_PATH_MAX - 1)
			return ENAMETOOLONG;
		n = *p == '/' ? 0 : n + 1;
		if (n > LOOKUP_NAME_MAX)
			return ENAMETOOLONG;
	}
	return 0;
}

int
lookup_split(const char *path, char dir[LOOKUP_PATH_MAX],
    char last[LOOKUP_NAME_MAX + 1], int *slash)
{
	size_t end, start;
	int error = lookup_check(path);

	if (error != 0)
		return error;
	end = strlen(path);
	*slash = 0;
	while (end > 0 && path[end - 1] == '/')
		end--, *slash = 1;
	start = end;
	while (start > 0 && path[start - 1] != '/')
		start--;
	memcpy(last, path + start, end - start);
	last[end - start] = '\0';
	if (start == 0 && path[0] != '/') {
		dir[0] = '\0';
		return 0;
	}
	while (start > 1 && path[start - 1] == '/')
		start--;	/* "a//b": dir "a"; "/b" and "//b": "/" */
	if (start == 0)
		start = 1;	/* "///": the root's "" */
	memcpy(dir, path, start);
	dir[start] = '\0';
	return 0;
}

/* Where an absolute name starts over: after its slashes, at root. */
static int
lookup_absolute(mach_port_t root, const char *name, char *out,
    mach_port_t *dir)
{
	while (*name == '/')
		name++;
	if (!MACH_PORT_VALID(root))
		return ENOENT;	/* no root: no absolute name exists */
	memmove(out, name, strlen(name) + 1);
	*dir = root;
	return 0;
}

/*
 * One answer of dir_lookup: 0 with *res the file (done, *next NULL), 0
 * with *dir and name the next step (*next the port we now own, if
 * any), or an errno.  Releases what it does not keep.
 */
static int
lookup_answer(const struct lookup_ops *ops, void *ctx, mach_port_t root,
    int retry, char *rname, mach_port_t *res, char *name, mach_port_t *dir,
    mach_port_t *next)
{
	int error;

	*next = MACH_PORT_NULL;
	switch (retry) {
	case FS_RETRY_REAUTH:
		if (MACH_PORT_VALID(*res) &&
		    (error = ops->reauth(ctx, res)) != 0)
			return error;
		/* FALLTHROUGH */
	case FS_RETRY_NORMAL:
		if (!MACH_PORT_VALID(*res))
			return EIO;	/* a server that answered nothing */
		if (rname[0] == '\0')
			return 0;
		memmove(name, rname, strlen(rname) + 1);
		*dir = *next = *res;
		*res = MACH_PORT_NULL;
		return 0;
	case FS_RETRY_MAGICAL:
		if (rname[0] != '/')
			return ENOENT;	/* "fd/N", "tty": not supported yet */
		if (MACH_PORT_VALID(*res))
			ops->release(ctx, *res);
		*res = MACH_PORT_NULL;
		return lookup_absolute(root, rname, name, dir);
	default:
		return EIO;		/* not a retry the protocol has */
	}
}

/* The first step of path: *dir, name and the flags to send. */
static int
lookup_first(mach_port_t root, const char *path, char *name,
    mach_port_t *dir, int *flags)
{
	int error = lookup_check(path);
	size_t len;

	if (error != 0)
		return error;
	len = strlen(path);
	memcpy(name, path, len + 1);
	if (name[len - 1] == '/' && strspn(name, "/") != len)
		*flags |= FS_O_DIRECTORY;	/* "a/": a directory */
	if (name[0] == '/')
		return lookup_absolute(root, name, name, dir);
	return MACH_PORT_VALID(*dir) ? 0 : ENOENT;	/* no cwd */
}

int
lookup_path(const struct lookup_ops *ops, void *ctx, mach_port_t root,
    mach_port_t start, const char *path, int flags, uint32_t mode,
    mach_port_t *result)
{
	char name[LOOKUP_PATH_MAX], rname[LOOKUP_PATH_MAX];
	mach_port_t dir = start, owned = MACH_PORT_NULL, res = MACH_PORT_NULL;
	mach_port_t next;
	int error, retry, loops = 0;

	error = lookup_first(root, path, name, &dir, &flags);
	while (error == 0) {
		res = MACH_PORT_NULL;
		rname[0] = '\0';
		retry = 0;
		error = ops->lookup(ctx, dir, name, flags, mode, &retry,
		    rname, &res);
		if (MACH_PORT_VALID(owned))
			ops->release(ctx, owned);
		owned = MACH_PORT_NULL;
		if (error != 0)
			break;
		rname[LOOKUP_PATH_MAX - 1] = '\0';
		error = lookup_answer(ops, ctx, root, retry, rname, &res,
		    name, &dir, &next);
		if (error == 0 && MACH_PORT_VALID(res)) {
			*result = res;	/* the file itself */
			return 0;
		}
		owned = next;
		if (error == 0 && ++loops > LOOKUP_LOOP_MAX)
			error = ELOOP;
	}
	if (MACH_PORT_VALID(owned))
		ops->release(ctx, owned);
	if (MACH_PORT_VALID(res))
		ops->release(ctx, res);
	return error;
}
