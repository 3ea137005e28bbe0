/*
 * file.c -- the calls that name files (open, stat, mkdir, rename, ...)
 * and the fs-protocol calls on fds (fsync, ftruncate, fchmod, ...): a
 * lookup over the root or current directory (fsport.c), then the fs
 * RPC on the port it gives.  docs/libc.md, "Files".
 */
#define _GNU_SOURCE	/* AT_EMPTY_PATH */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <mach/mach.h>
#include <mach/mach_traps.h>
#include <mach/mach_port.h>
#include <whorl/fd.h>
#include "files.h"
#include "fs_types.h"
#include "io.h"
#include "fs.h"

/* The Hurd's convention: a passive record naming a symlink's target. */
#define FILE_SYMLINK	"/hurd/symlink"

static void
file_release(mach_port_t port)
{
	mach_port_deallocate(mach_task_self(), port);
}

/* FS_O_* for open's flags; or -1 (EINVAL). */
static int
file_open_flags(int oflags)
{
	int f;

	if ((oflags & O_ACCMODE) == O_ACCMODE)
		return -1;
	f = fs_oflags(oflags);
	f |= oflags & O_CREAT ? FS_O_CREAT : 0;
	f |= (oflags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL) ?
	    FS_O_EXCL | FS_O_NOLINK : 0;
	f |= oflags & O_TRUNC ? FS_O_TRUNC : 0;
	f |= oflags & O_DIRECTORY ? FS_O_DIRECTORY : 0;
	f |= oflags & O_NOFOLLOW ? FS_O_NOLINK : 0;
	return f;
}

/* ELOOP if O_NOFOLLOW opened a symlink itself. */
static int
file_nofollow(mach_port_t port)
{
	struct stat st;
	int error = fs_stat_port(port, &st);

	return error == 0 && S_ISLNK(st.st_mode) ? ELOOP : error;
}

/* Open path (relative to dirfd) into a new fd; or an errno. */
static int
file_open(int dirfd, const char *path, int oflags, mode_t mode, int *fd)
{
	struct fd_file *f;
	mach_port_t port;
	size_t n = path != NULL ? strlen(path) : 0;
	int flags = file_open_flags(oflags), error;

	if (flags < 0)
		return EINVAL;
	if ((oflags & O_CREAT) && n > 0 && path[n - 1] == '/' &&
	    strspn(path, "/") != n)
		return EISDIR;	/* "name/" can only be a directory */
	error = fs_lookup(dirfd, path, flags,
	    (uint32_t)(mode & 07777 & ~fs_umask_get()), &port);
	if (error != 0)
		return error;
	if ((oflags & O_NOFOLLOW) && (error = file_nofollow(port)) != 0) {
		file_release(port);
		return error;
	}
	f = fd_file_new(FD_PORT, port, oflags & O_ACCMODE);
	if (f == NULL) {
		file_release(port);
		return ENOMEM;
	}
	*fd = fd_install(f, 0, oflags & O_CLOEXEC, &error);
	if (*fd < 0)
		fd_put(f);
	return error;
}

int
openat(int dirfd, const char *path, int oflags, ...)
{
	va_list ap;
	mode_t mode = 0;
	int fd = -1, error;

	if (oflags & O_CREAT) {
		va_start(ap, oflags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	error = file_open(dirfd, path, oflags, mode, &fd);
	return error != 0 ? fs_fail(error) : fd;
}

int
open(const char *path, int oflags, ...)
{
	va_list ap;
	mode_t mode = 0;

	if (oflags & O_CREAT) {
		va_start(ap, oflags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	return openat(AT_FDCWD, path, oflags, mode);
}

int
creat(const char *path, mode_t mode)
{
	return open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
}

/* Look up path with flags, run op on the port, release it. */
static int
file_on_path(int dirfd, const char *path, int flags,
    int (*op)(mach_port_t, void *), void *arg)
{
	mach_port_t port;
	int error = fs_lookup(dirfd, path, flags, 0, &port);

	if (error != 0)
		return error;
	error = op(port, arg);
	file_release(port);
	return error;
}

/* Run op on fd's port. */
static int
file_on_fd(int fd, int (*op)(mach_port_t, void *), void *arg)
{
	struct fd_file *f;
	int error = fs_fd_port(fd, &f);

	if (error == EOPNOTSUPP)
		return EINVAL;	/* the console has no such attribute */
	if (error != 0)
		return error;
	error = op(f->port, arg);
	fd_put(f);
	return error;
}

static int
file_stat_op(mach_port_t port, void *st)
{
	return fs_stat_port(port, st);
}

int
stat(const char *path, struct stat *st)
{
	return fs_fail(file_on_path(AT_FDCWD, path, 0, file_stat_op, st));
}

int
lstat(const char *path, struct stat *st)
{
	return fs_fail(file_on_path(AT_FDCWD, path, FS_O_NOLINK,
	    file_stat_op, st));
}

/* The current directory's io_stat. */
static int
file_stat_cwd(struct stat *st)
{
	struct fd_file *cwd = fs_cwd_get();
	int error = cwd != NULL ? fs_stat_port(cwd->port, st) : ENOENT;

	fd_put(cwd);
	return error;
}

int
fstatat(int dirfd, const char *path, struct stat *st, int flags)
{
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return fs_fail(EINVAL);
	if ((flags & AT_EMPTY_PATH) && path != NULL && path[0] == '\0' &&
	    dirfd != AT_FDCWD)
		return fstat(dirfd, st);
	if ((flags & AT_EMPTY_PATH) && path != NULL && path[0] == '\0')
		return fs_fail(file_stat_cwd(st));
	return fs_fail(file_on_path(dirfd, path,
	    flags & AT_SYMLINK_NOFOLLOW ? FS_O_NOLINK : 0, file_stat_op, st));
}

/*
 * Until identities reach servers (auth), a process is uid 0 to them:
 * reading and writing are allowed, executing needs an x bit (or a
 * directory), as for root.
 */
static int
file_access_op(mach_port_t port, void *arg)
{
	int amode = *(int *)arg, error;
	struct stat st;

	if ((error = fs_stat_port(port, &st)) != 0)
		return error;
	if ((amode & X_OK) && !S_ISDIR(st.st_mode) &&
	    (st.st_mode & 0111) == 0)
		return EACCES;
	return 0;
}

int
faccessat(int dirfd, const char *path, int amode, int flags)
{
	if ((amode & ~(R_OK | W_OK | X_OK)) != 0 ||
	    (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW)) != 0)
		return fs_fail(EINVAL);
	return fs_fail(file_on_path(dirfd, path,
	    flags & AT_SYMLINK_NOFOLLOW ? FS_O_NOLINK : 0, file_access_op,
	    &amode));
}

int
access(const char *path, int amode)
{
	return faccessat(AT_FDCWD, path, amode, 0);
}

/* The directory op of a name: mkdir, rmdir, unlink. */
enum file_dirop { FILE_MKDIR, FILE_RMDIR, FILE_UNLINK };

static int
file_dirop(int dirfd, const char *path, enum file_dirop op, mode_t mode)
{
	char last[LOOKUP_NAME_MAX + 1];
	mach_port_t dir;
	int slash, error = fs_lookup_dir(dirfd, path, &dir, last, &slash);

	if (error != 0)
		return error;
	if (last[0] == '\0')	/* "/": the root itself */
		error = op == FILE_MKDIR ? EEXIST :
		    op == FILE_RMDIR ? EBUSY : EISDIR;
	else if (op == FILE_MKDIR)
		error = fs_errno(dir_mkdir(dir, last,
		    (uint32_t)(mode & 07777 & ~fs_umask_get())));
	else if (op == FILE_RMDIR)
		error = fs_errno(dir_rmdir(dir, last));
	else
		error = fs_errno(dir_unlink(dir, last));
	file_release(dir);
	return error;
}

int
mkdir(const char *path, mode_t mode)
{
	return fs_fail(file_dirop(AT_FDCWD, path, FILE_MKDIR, mode));
}

int
mkdirat(int dirfd, const char *path, mode_t mode)
{
	return fs_fail(file_dirop(dirfd, path, FILE_MKDIR, mode));
}

int
rmdir(const char *path)
{
	return fs_fail(file_dirop(AT_FDCWD, path, FILE_RMDIR, 0));
}

int
unlink(const char *path)
{
	return fs_fail(file_dirop(AT_FDCWD, path, FILE_UNLINK, 0));
}

int
unlinkat(int dirfd, const char *path, int flags)
{
	if (flags & ~AT_REMOVEDIR)
		return fs_fail(EINVAL);
	return fs_fail(file_dirop(dirfd, path,
	    flags & AT_REMOVEDIR ? FILE_RMDIR : FILE_UNLINK, 0));
}

int
rename(const char *from, const char *to)
{
	char olast[LOOKUP_NAME_MAX + 1], nlast[LOOKUP_NAME_MAX + 1];
	mach_port_t odir, ndir = MACH_PORT_NULL;
	int slash, error = fs_lookup_dir(AT_FDCWD, from, &odir, olast, &slash);

	if (error != 0)
		return fs_fail(error);
	error = fs_lookup_dir(AT_FDCWD, to, &ndir, nlast, &slash);
	if (error == 0 && (olast[0] == '\0' || nlast[0] == '\0'))
		error = EBUSY;	/* the root cannot move or be replaced */
	if (error == 0)
		error = fs_errno(dir_rename(odir, olast, ndir, nlast, 0));
	file_release(odir);
	if (MACH_PORT_VALID(ndir))
		file_release(ndir);
	return fs_fail(error);
}

/* Give file (a port) the name path; EEXIST if it exists. */
static int
file_link_port(mach_port_t file, const char *path)
{
	char last[LOOKUP_NAME_MAX + 1];
	mach_port_t dir;
	int slash, error = fs_lookup_dir(AT_FDCWD, path, &dir, last, &slash);

	if (error != 0)
		return error;
	error = last[0] == '\0' ? EEXIST :
	    fs_errno(dir_link(dir, file, last, 1));
	file_release(dir);
	return error;
}

int
link(const char *from, const char *to)
{
	mach_port_t file;
	int error = fs_lookup(AT_FDCWD, from, FS_O_NOLINK, 0, &file);

	if (error != 0)
		return fs_fail(error);
	error = file_link_port(file, to);
	file_release(file);
	return fs_fail(error);
}

/*
 * Make last in dir a symlink whose passive record is rec (n bytes):
 * the Hurd's way, a nameless file (dir_mkfile) given the record and
 * then a name (dir_link), so the name never shows anything else.  A
 * server without dir_mkfile gets the name created (FS_O_EXCL) and then
 * the record, and loses the name again if the record is refused.
 */
static int
file_symlink_at(mach_port_t dir, const char *last, const char *rec,
    size_t n)
{
	mach_port_t file;
	uint32_t mode = 0777 & ~fs_umask_get();
	int error, named = 0, retry;
	char rname[LOOKUP_PATH_MAX];

	error = fs_errno(dir_mkfile(dir, FS_O_WRITE, mode, &file));
	if (error == EOPNOTSUPP) {
		error = fs_errno(dir_lookup(dir, last, FS_O_WRITE |
		    FS_O_CREAT | FS_O_EXCL | FS_O_NOLINK, mode, &retry, rname,
		    &file));
		if (error == 0 && (retry != FS_RETRY_NORMAL || rname[0]))
			error = EIO;	/* a new name is never elsewhere */
		named = 1;
	}
	if (error != 0)
		return error;
	error = fs_errno(file_set_translator(file, 0, (char *)rec,
	    (mach_msg_type_number_t)n));
	if (error == 0 && !named)
		error = fs_errno(dir_link(dir, file, last, 1));
	else if (error != 0 && named)
		dir_unlink(dir, last);
	file_release(file);
	return error;
}

int
symlink(const char *target, const char *path)
{
	char buf[sizeof(FILE_SYMLINK) + LOOKUP_PATH_MAX], last[256];
	mach_port_t dir;
	size_t n = target != NULL ? strlen(target) : 0;
	int slash, error;

	if (n == 0)
		return fs_fail(ENOENT);
	if (n >= LOOKUP_PATH_MAX)
		return fs_fail(ENAMETOOLONG);
	if ((error = fs_lookup_dir(AT_FDCWD, path, &dir, last, &slash)) != 0)
		return fs_fail(error);
	memcpy(buf, FILE_SYMLINK, sizeof(FILE_SYMLINK));
	memcpy(buf + sizeof(FILE_SYMLINK), target, n + 1);
	if (last[0] == '\0' || slash)
		error = EEXIST;
	else
		error = file_symlink_at(dir, last, buf,
		    sizeof(FILE_SYMLINK) + n + 1);
	file_release(dir);
	return fs_fail(error);
}

/* The target from the passive record, if the server keeps it so. */
static int
file_readlink_record(mach_port_t port, char *buf, size_t size, size_t *len)
{
	char *rec = NULL;
	mach_msg_type_number_t n = 0;
	size_t p = sizeof(FILE_SYMLINK), t;
	int error = fs_errno(file_get_translator(port, &rec, &n));

	if (error != 0)
		return error == EINVAL ? EINVAL : EIO;
	if (n <= p || memcmp(rec, FILE_SYMLINK, p) != 0)
		error = EINVAL;
	else {
		t = strnlen(rec + p, n - p);
		*len = t < size ? t : size;
		memcpy(buf, rec + p, *len);
	}
	vm_deallocate(mach_task_self(), (vm_address_t)rec, n);
	return error;
}

int
fs_readlink_port(mach_port_t port, char *buf, size_t size, size_t *len)
{
	struct stat st;
	int error = fs_stat_port(port, &st);

	if (error != 0)
		return error;
	if (!S_ISLNK(st.st_mode))
		return EINVAL;
	error = fs_read_port(port, buf, size, 0, len);
	if (error == EBADF || error == EOPNOTSUPP)
		error = file_readlink_record(port, buf, size, len);
	return error;
}

ssize_t
readlinkat(int dirfd, const char *path, char *buf, size_t size)
{
	mach_port_t port;
	size_t len = 0;
	int error;

	if (size == 0)
		return fs_fail(EINVAL);
	error = fs_lookup(dirfd, path, FS_O_NOLINK | FS_O_READ, 0, &port);
	if (error == EACCES || error == EISDIR)	/* unreadable, or a dir */
		error = fs_lookup(dirfd, path, FS_O_NOLINK, 0, &port);
	if (error != 0)
		return fs_fail(error);
	error = fs_readlink_port(port, buf, size, &len);
	file_release(port);
	return error != 0 ? fs_fail(error) : (ssize_t)len;
}

ssize_t
readlink(const char *path, char *buf, size_t size)
{
	return readlinkat(AT_FDCWD, path, buf, size);
}

static int
file_chmod_op(mach_port_t port, void *mode)
{
	return fs_errno(file_chmod(port, *(uint32_t *)mode & 07777));
}

int
chmod(const char *path, mode_t mode)
{
	uint32_t m = mode;

	return fs_fail(file_on_path(AT_FDCWD, path, 0, file_chmod_op, &m));
}

int
fchmod(int fd, mode_t mode)
{
	uint32_t m = mode;

	return fs_fail(file_on_fd(fd, file_chmod_op, &m));
}

/* An id for file_chown: (uid_t)-1 (newlib's ids are 16 bits) leaves it. */
static uint32_t
file_id(unsigned int id)
{
	return id == (uid_t)-1 ? (uint32_t)-1 : id;
}

static int
file_chown_op(mach_port_t port, void *ids)
{
	uint32_t *id = ids;

	return fs_errno(file_chown(port, id[0], id[1]));
}

int
chown(const char *path, uid_t uid, gid_t gid)
{
	uint32_t ids[2] = { file_id(uid), file_id(gid) };

	return fs_fail(file_on_path(AT_FDCWD, path, 0, file_chown_op, ids));
}

int
lchown(const char *path, uid_t uid, gid_t gid)
{
	uint32_t ids[2] = { file_id(uid), file_id(gid) };

	return fs_fail(file_on_path(AT_FDCWD, path, FS_O_NOLINK,
	    file_chown_op, ids));
}

int
fchown(int fd, uid_t uid, gid_t gid)
{
	uint32_t ids[2] = { file_id(uid), file_id(gid) };

	return fs_fail(file_on_fd(fd, file_chown_op, ids));
}

/* POSIX times (NULL: now) as the protocol's; or EINVAL. */
static int
file_times(const struct timespec *ts, struct fs_timespec out[2])
{
	int i;

	for (i = 0; i < 2; i++) {
		out[i].tv_sec = ts != NULL ? ts[i].tv_sec : 0;
		if (ts == NULL || ts[i].tv_nsec == UTIME_NOW)
			out[i].tv_nsec = FS_UTIME_NOW;
		else if (ts[i].tv_nsec == UTIME_OMIT)
			out[i].tv_nsec = FS_UTIME_OMIT;
		else if (ts[i].tv_nsec < 0 || ts[i].tv_nsec >= 1000000000L)
			return EINVAL;
		else
			out[i].tv_nsec = ts[i].tv_nsec;
	}
	return 0;
}

static int
file_utimes_op(mach_port_t port, void *arg)
{
	struct fs_timespec *t = arg;

	return fs_errno(file_utimes(port, t[0], t[1]));
}

int
utimensat(int dirfd, const char *path, const struct timespec ts[2],
    int flags)
{
	struct fs_timespec t[2];
	int error = file_times(ts, t);

	if (error == 0 && (flags & ~AT_SYMLINK_NOFOLLOW))
		error = EINVAL;
	if (error == 0)
		error = file_on_path(dirfd, path,
		    flags & AT_SYMLINK_NOFOLLOW ? FS_O_NOLINK : 0,
		    file_utimes_op, t);
	return fs_fail(error);
}

int
futimens(int fd, const struct timespec ts[2])
{
	struct fs_timespec t[2];
	int error = file_times(ts, t);

	if (error == 0)
		error = file_on_fd(fd, file_utimes_op, t);
	return fs_fail(error);
}

int
utimes(const char *path, const struct timeval tv[2])
{
	struct timespec ts[2];
	int i;

	if (tv == NULL)
		return utimensat(AT_FDCWD, path, NULL, 0);
	for (i = 0; i < 2; i++) {
		if (tv[i].tv_usec < 0 || tv[i].tv_usec >= 1000000)
			return fs_fail(EINVAL);
		ts[i].tv_sec = tv[i].tv_sec;
		ts[i].tv_nsec = tv[i].tv_usec * 1000;
	}
	return utimensat(AT_FDCWD, path, ts, 0);
}

static int
file_size_op(mach_port_t port, void *len)
{
	return fs_errno(file_set_size(port, *(off_t *)len));
}

int
truncate(const char *path, off_t len)
{
	if (len < 0)
		return fs_fail(EINVAL);
	return fs_fail(file_on_path(AT_FDCWD, path, FS_O_WRITE, file_size_op,
	    &len));
}

int
ftruncate(int fd, off_t len)
{
	struct fd_file *f;
	int error = 0;

	if ((f = fd_get(fd, &error)) == NULL)
		return fs_fail(error);
	if (f->kind != FD_PORT || len < 0)
		error = EINVAL;
	else if (f->accmode == O_RDONLY)
		error = EBADF;	/* not open for writing */
	else
		error = file_size_op(f->port, &len);
	fd_put(f);
	return fs_fail(error);
}

static int
file_statvfs_op(mach_port_t port, void *arg)
{
	struct fsys_statfsbuf b;
	struct statvfs *st = arg;
	int error = fs_errno(file_statfs(port, &b));

	if (error != 0)
		return error;
	memset(st, 0, sizeof(*st));
	st->f_bsize = (unsigned long)b.f_bsize;
	st->f_frsize = (unsigned long)(b.f_frsize ? b.f_frsize : b.f_bsize);
	st->f_blocks = (fsblkcnt_t)b.f_blocks;
	st->f_bfree = (fsblkcnt_t)b.f_bfree;
	st->f_bavail = (fsblkcnt_t)b.f_bavail;
	st->f_files = (fsfilcnt_t)b.f_files;
	st->f_ffree = (fsfilcnt_t)b.f_ffree;
	st->f_favail = (fsfilcnt_t)b.f_ffree;
	st->f_fsid = (unsigned long)b.f_fsid;
	st->f_flag = (unsigned long)b.f_flag;
	st->f_namemax = (unsigned long)b.f_namelen;
	return 0;
}

int
statvfs(const char *path, struct statvfs *st)
{
	return fs_fail(file_on_path(AT_FDCWD, path, 0, file_statvfs_op, st));
}

int
fstatvfs(int fd, struct statvfs *st)
{
	return fs_fail(file_on_fd(fd, file_statvfs_op, st));
}

static int
file_sync_op(mach_port_t port, void *omit)
{
	return fs_errno(file_sync(port, 1, *(int *)omit));
}

int
fsync(int fd)
{
	int omit = 0;

	return fs_fail(file_on_fd(fd, file_sync_op, &omit));
}

int
fdatasync(int fd)
{
	int omit = 1;

	return fs_fail(file_on_fd(fd, file_sync_op, &omit));
}

/* One buffer for a vector, so the transfer is one RPC; or NULL. */
static char *
file_iov_buf(const struct iovec *iov, int n, size_t *total, int *error)
{
	size_t t = 0;
	char *b;
	int i;

	if (n <= 0 || n > IOV_MAX) {
		*error = EINVAL;
		return NULL;
	}
	for (i = 0; i < n; i++) {
		if (iov[i].iov_len > (size_t)LONG_MAX - t) {
			*error = EINVAL;
			return NULL;
		}
		t += iov[i].iov_len;
	}
	*total = t;
	if ((b = malloc(t > 0 ? t : 1)) == NULL)
		*error = ENOMEM;
	return b;
}

ssize_t
writev(int fd, const struct iovec *iov, int n)
{
	size_t total = 0, at = 0;
	ssize_t r;
	int error = 0, i;
	char *b = file_iov_buf(iov, n, &total, &error);

	if (b == NULL)
		return fs_fail(error);
	for (i = 0; i < n; at += iov[i].iov_len, i++)
		memcpy(b + at, iov[i].iov_base, iov[i].iov_len);
	r = write(fd, b, total);
	free(b);
	return r;
}

ssize_t
readv(int fd, const struct iovec *iov, int n)
{
	size_t total = 0, at = 0, k;
	ssize_t r;
	int error = 0, i;
	char *b = file_iov_buf(iov, n, &total, &error);

	if (b == NULL)
		return fs_fail(error);
	r = read(fd, b, total);
	for (i = 0; r > 0 && i < n && at < (size_t)r; i++) {
		k = iov[i].iov_len < (size_t)r - at ? iov[i].iov_len :
		    (size_t)r - at;
		memcpy(iov[i].iov_base, b + at, k);
		at += k;
	}
	free(b);
	return r;
}
