/*
 * cwd.c -- the current directory (chdir, fchdir), and names of
 * directories found the Hurd's way: walk ".." up to our root, and in
 * each parent find the entry whose inode (and device) is the child's
 * (getcwd, realpath).  docs/libc.md, "Files".
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <mach/mach.h>
#include <mach/mach_traps.h>
#include <mach/mach_port.h>
#include <whorl/fd.h>
#include "files.h"
#include "fs_types.h"
#include "fs.h"

int
chdir(const char *path)
{
	mach_port_t port;
	int error = fs_lookup(AT_FDCWD, path, FS_O_DIRECTORY, 0, &port);

	if (error == 0)
		error = fs_cwd_set(port);
	return fs_fail(error);
}

int
fchdir(int fd)
{
	struct fd_file *f;
	struct stat st;
	int error = fs_fd_port(fd, &f);

	if (error == EOPNOTSUPP)
		return fs_fail(ENOTDIR);
	if (error != 0)
		return fs_fail(error);
	error = fs_stat_port(f->port, &st);
	if (error == 0 && !S_ISDIR(st.st_mode))
		error = ENOTDIR;
	if (error == 0 && mach_port_mod_refs(mach_task_self(), f->port,
	    MACH_PORT_RIGHT_SEND, 1) != KERN_SUCCESS)
		error = EIO;
	if (error == 0)
		error = fs_cwd_set(f->port);
	fd_put(f);
	return fs_fail(error);
}

/* Is there an entry in parent naming (dev, ino)?  Its name in name. */
static int
cwd_find(int pfd, dev_t pdev, dev_t dev, ino_t ino, char *name)
{
	struct dirent *e;
	struct stat st;
	DIR *d = fdopendir(pfd);
	int error = ENOENT;

	if (d == NULL)
		return errno;
	errno = 0;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		/* Across a translator the inode alone says nothing. */
		if (pdev == dev ? (ino_t)e->d_ino != ino :
		    fstatat(pfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
		    st.st_dev != dev || st.st_ino != ino)
			continue;
		strcpy(name, e->d_name);
		error = 0;
		break;
	}
	if (e == NULL && errno != 0)
		error = errno;
	closedir(d);	/* closes pfd */
	return error;
}

/* Prepend "/name" to the name being built at the end of buf. */
static int
cwd_prepend(char *buf, size_t *at, const char *name)
{
	size_t n = strlen(name);

	if (n + 1 > *at)
		return ERANGE;
	*at -= n;
	memcpy(buf + *at, name, n);
	buf[--*at] = '/';
	return 0;
}

/* One step up: the parent of the directory *fd names, in *fd. */
static int
cwd_up(int *fd, char *tmp, size_t *at, struct stat *cur)
{
	struct stat pst;
	char name[NAME_MAX + 1];
	int pfd = openat(*fd, "..", O_RDONLY | O_DIRECTORY), error;

	if (pfd < 0)
		return errno;
	if (fstat(pfd, &pst) != 0)
		error = errno;
	else if (pst.st_dev == cur->st_dev && pst.st_ino == cur->st_ino)
		error = ENOENT;	/* a root that is not ours: unreachable */
	else if ((error = dup(pfd)) < 0)
		error = errno;
	else {
		close(*fd);
		*fd = error;
		error = cwd_find(pfd, pst.st_dev, cur->st_dev, cur->st_ino,
		    name);
		pfd = -1;
		if (error == 0)
			error = cwd_prepend(tmp, at, name);
		*cur = pst;
	}
	if (pfd >= 0)
		close(pfd);
	return error;
}

int
fs_dir_name(mach_port_t dir, char *buf, size_t size)
{
	char tmp[LOOKUP_PATH_MAX];
	struct stat cur, root;
	size_t at = sizeof(tmp) - 1;
	int fd = -1, error;

	tmp[at] = '\0';
	if (stat("/", &root) != 0)
		return errno;
	if ((error = fs_stat_port(dir, &cur)) != 0)
		return error;
	if (mach_port_mod_refs(mach_task_self(), dir, MACH_PORT_RIGHT_SEND,
	    1) != KERN_SUCCESS)
		return EIO;
	if ((fd = openport(dir, O_RDONLY)) < 0) {
		error = errno;
		mach_port_deallocate(mach_task_self(), dir);
		return error;
	}
	while (error == 0 && (cur.st_dev != root.st_dev ||
	    cur.st_ino != root.st_ino))
		error = cwd_up(&fd, tmp, &at, &cur);
	close(fd);
	if (error == 0 && tmp[at] == '\0')
		tmp[--at] = '/';
	if (error == 0 && sizeof(tmp) - at > size)
		error = ERANGE;
	if (error == 0)
		memcpy(buf, tmp + at, sizeof(tmp) - at);
	return error == ERANGE && size >= sizeof(tmp) ? ENAMETOOLONG : error;
}

char *
getcwd(char *buf, size_t size)
{
	struct fd_file *cwd;
	char *b = buf;
	int error;

	if (buf != NULL && size == 0)
		return fs_fail(EINVAL), NULL;
	if (buf == NULL && (b = malloc(size = size ? size :
	    LOOKUP_PATH_MAX)) == NULL)
		return fs_fail(ENOMEM), NULL;
	if ((cwd = fs_cwd_get()) == NULL)
		error = ENOENT;
	else
		error = fs_dir_name(cwd->port, b, size);
	fd_put(cwd);
	if (error != 0) {
		if (b != buf)
			free(b);
		return fs_fail(error), NULL;
	}
	return b;
}

/* path's last component, and the name of the directory holding it. */
static int
cwd_real_parent(const char *path, char *out, size_t size, char *last)
{
	mach_port_t dir;
	int slash, error = fs_lookup_dir(AT_FDCWD, path, &dir, last, &slash);

	if (error != 0)
		return error;
	error = fs_dir_name(dir, out, size);
	mach_port_deallocate(mach_task_self(), dir);
	return error;
}

/*
 * One try at path: a directory is named by walking up from it; another
 * file by its directory's name and its own, unless it is a symlink:
 * then *next is the name to try instead.
 */
static int
cwd_real_once(const char *path, char *out, char *next)
{
	char last[LOOKUP_NAME_MAX + 1];
	struct stat st;
	mach_port_t port;
	size_t n, len;
	int error = fs_lookup(AT_FDCWD, path, 0, 0, &port);

	if (error != 0)
		return error;
	error = fs_stat_port(port, &st);
	if (error == 0 && S_ISDIR(st.st_mode))
		error = fs_dir_name(port, out, PATH_MAX);
	mach_port_deallocate(mach_task_self(), port);
	if (error != 0 || S_ISDIR(st.st_mode))
		return error;
	if ((error = cwd_real_parent(path, out, PATH_MAX, last)) != 0)
		return error;
	n = strlen(out);
	if (n + 1 + strlen(last) + 1 > PATH_MAX)
		return ENAMETOOLONG;
	if (n > 1)
		out[n++] = '/';
	strcpy(out + n, last);
	if ((error = fs_lookup(AT_FDCWD, out, FS_O_NOLINK | FS_O_READ, 0,
	    &port)) != 0)
		return error;
	error = fs_stat_port(port, &st);
	if (error == 0 && S_ISLNK(st.st_mode) &&
	    (error = fs_readlink_port(port, next, LOOKUP_PATH_MAX - 1,
	    &len)) == 0) {
		next[len] = '\0';
		error = EAGAIN;	/* go on with next, from out's directory */
	}
	mach_port_deallocate(mach_task_self(), port);
	return error;
}

char *
realpath(const char *path, char *resolved)
{
	char cur[LOOKUP_PATH_MAX], next[LOOKUP_PATH_MAX], *out = resolved;
	char *slash;
	int error, loops = 0;

	if (path == NULL)
		return fs_fail(EINVAL), NULL;
	if (out == NULL && (out = malloc(PATH_MAX)) == NULL)
		return fs_fail(ENOMEM), NULL;
	error = lookup_check(path);
	if (error == 0)
		strcpy(cur, path);
	while (error == 0 && (error = cwd_real_once(cur, out, next)) ==
	    EAGAIN) {
		error = 0;
		/* A relative target is relative to the link's directory. */
		slash = strrchr(out, '/');
		slash[slash == out] = '\0';
		if (++loops > LOOKUP_LOOP_MAX)
			error = ELOOP;
		else if (next[0] == '/')
			strcpy(cur, next);
		else if (strlen(out) + 1 + strlen(next) >= sizeof(cur))
			error = ENAMETOOLONG;
		else
			strcat(strcat(strcpy(cur, out),
			    strcmp(out, "/") != 0 ? "/" : ""), next);
		if (error == 0)
			error = lookup_check(cur);
	}
	if (error != 0) {
		if (out != resolved)
			free(out);
		return fs_fail(error), NULL;
	}
	return out;
}
