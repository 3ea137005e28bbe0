/*
 * io.c -- the calls on file descriptors (fd.h): fds 0, 1 and 2 start on
 * the kernel console (console.c); every other open fd holds an io port,
 * and its calls are io and fs RPCs to the port's server.  newlib's
 * reentrant wrappers (_read_r, ...) call these.  docs/libc.md, "Files".
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <mach/mach.h>
#include <mach/mach_traps.h>
#include "console.h"
#include <mach/mach_port.h>
#include <whorl/fd.h>
#include "files.h"
#include "fs_types.h"
#include "io.h"
#include "fs.h"

/* A console result (bytes or -errno) as a system call's. */
static ssize_t
io_result(long r)
{
	if (r < 0)
		return fs_fail((int)-r);
	return r;
}

int
fs_read_port(mach_port_t port, void *buf, size_t len, int64_t offset,
    size_t *got)
{
	char *data = buf;
	mach_msg_type_number_t n = (mach_msg_type_number_t)len;
	int error;

	if (len > 0x40000000)
		len = n = 0x40000000;	/* a short read; the server caps too */
	error = fs_errno(io_read(port, &data, &n, offset, len));
	if (error != 0)
		return error;
	if (data != buf) {		/* out of line, or larger than asked */
		if (n <= len)
			memcpy(buf, data, n);
		vm_deallocate(mach_task_self(), (vm_address_t)data, n);
	}
	if (n > len)
		return EIO;		/* more than we asked for */
	*got = n;
	return 0;
}

/* Read or write on fd at offset (-1: the file pointer). */
static ssize_t
io_transfer(int fd, void *buf, size_t len, int64_t offset, int write)
{
	struct fd_file *f;
	uint64_t amount = 0;
	size_t got = 0;
	int error = 0;

	if ((f = fd_get(fd, &error)) == NULL)
		return fs_fail(error);
	if (len > INT_MAX)
		len = INT_MAX;	/* a short transfer, as the result allows */
	if (f->kind == FD_CONSOLE) {
		fd_put(f);
		if (offset != -1)
			return fs_fail(ESPIPE);
		return io_result(write ? console_write(buf, len) :
		    console_read(buf, len));
	}
	if (f->accmode == (write ? O_RDONLY : O_WRONLY))
		error = EBADF;
	else if (write) {
		error = fs_errno(io_write(f->port, buf, len, offset, &amount));
		if (error == 0 && amount > len)
			error = EIO;
		got = (size_t)amount;
	} else
		error = fs_read_port(f->port, buf, len, offset, &got);
	fd_put(f);
	return error != 0 ? fs_fail(error) : (ssize_t)got;
}

_READ_WRITE_RETURN_TYPE
read(int fd, void *buf, size_t len)
{
	return io_transfer(fd, buf, len, -1, 0);
}

_READ_WRITE_RETURN_TYPE
write(int fd, const void *buf, size_t len)
{
	return io_transfer(fd, (void *)buf, len, -1, 1);
}

ssize_t
pread(int fd, void *buf, size_t len, off_t offset)
{
	if (offset < 0)
		return fs_fail(EINVAL);
	return io_transfer(fd, buf, len, offset, 0);
}

ssize_t
pwrite(int fd, const void *buf, size_t len, off_t offset)
{
	if (offset < 0)
		return fs_fail(EINVAL);
	return io_transfer(fd, (void *)buf, len, offset, 1);
}

int
close(int fd)
{
	return fs_fail(fd_close(fd));
}

off_t
lseek(int fd, off_t off, int whence)
{
	struct fd_file *f;
	int64_t newp = 0;
	int error = 0;

	if ((f = fd_get(fd, &error)) == NULL)
		return fs_fail(error);
	if (f->kind == FD_CONSOLE)
		error = ESPIPE;		/* the console is a stream */
	else if (whence != SEEK_SET && whence != SEEK_CUR &&
	    whence != SEEK_END)
		error = EINVAL;
	else
		error = fs_errno(io_seek(f->port, off, whence, &newp));
	fd_put(f);
	if (error == 0 && newp < 0)
		error = EIO;		/* a server's impossible answer */
	return error != 0 ? fs_fail(error) : (off_t)newp;
}

int
fs_stat_port(mach_port_t port, struct stat *st)
{
	struct io_statbuf b;
	int error = fs_errno(io_stat(port, &b));

	if (error != 0)
		return error;
	memset(st, 0, sizeof(*st));
	st->st_dev = (dev_t)b.st_dev;
	st->st_ino = (ino_t)b.st_ino;
	st->st_mode = (mode_t)b.st_mode;
	st->st_nlink = (nlink_t)b.st_nlink;
	st->st_uid = (uid_t)b.st_uid;
	st->st_gid = (gid_t)b.st_gid;
	st->st_rdev = (dev_t)b.st_rdev;
	st->st_size = (off_t)b.st_size;
	st->st_blksize = (blksize_t)b.st_blksize;
	st->st_blocks = (blkcnt_t)b.st_blocks;
	st->st_atim.tv_sec = b.st_atime_sec;
	st->st_atim.tv_nsec = b.st_atime_nsec;
	st->st_mtim.tv_sec = b.st_mtime_sec;
	st->st_mtim.tv_nsec = b.st_mtime_nsec;
	st->st_ctim.tv_sec = b.st_ctime_sec;
	st->st_ctim.tv_nsec = b.st_ctime_nsec;
	return 0;
}

int
fstat(int fd, struct stat *st)
{
	struct fd_file *f;
	int error = 0;

	if ((f = fd_get(fd, &error)) == NULL)
		return fs_fail(error);
	if (f->kind == FD_CONSOLE) {
		memset(st, 0, sizeof(*st));
		st->st_mode = S_IFCHR | 0620;
		st->st_blksize = 1024;
		st->st_nlink = 1;
	} else
		error = fs_stat_port(f->port, st);
	fd_put(f);
	return fs_fail(error);
}

/*
 * The console fds are terminals if the task can reach the console.  A
 * port is not one until a terminal server speaks a term protocol; its
 * io_stat still tells a dead server (EIO) from a file (ENOTTY).
 */
int
isatty(int fd)
{
	struct fd_file *f;
	struct stat st;
	int error = 0, tty = 0;

	if ((f = fd_get(fd, &error)) == NULL) {
		errno = error;
		return 0;
	}
	if (f->kind == FD_CONSOLE)
		tty = console_available();
	else
		error = fs_stat_port(f->port, &st);
	fd_put(f);
	if (!tty)
		errno = error != 0 ? error : ENOTTY;
	return tty;
}

/* New fd naming fd's file at the lowest free number >= min. */
static int
io_dup(int fd, int min, int cloexec)
{
	struct fd_file *f;
	int error = 0, nfd;

	if ((f = fd_get(fd, &error)) == NULL)
		return fs_fail(error);
	nfd = fd_install(f, min, cloexec, &error);
	if (nfd < 0)
		fd_put(f);
	return nfd < 0 ? fs_fail(error) : nfd;
}

int
dup(int fd)
{
	return io_dup(fd, 0, 0);
}

/* dup3 with flags O_CLOEXEC only; dup2 accepts nfd == fd. */
static int
io_dup_at(int fd, int nfd, int flags, int same_ok)
{
	struct fd_file *f;
	int error = 0;

	if ((f = fd_get(fd, &error)) == NULL)
		return fs_fail(error);
	if (nfd < 0 || nfd >= FD_LIMIT)
		error = EBADF;
	else if (nfd == fd)
		error = same_ok ? 0 : EINVAL;
	else if (flags & ~O_CLOEXEC)
		error = EINVAL;
	else if ((error = fd_install_at(nfd, f, flags & O_CLOEXEC)) == 0)
		return nfd;	/* f's reference went to nfd */
	fd_put(f);
	return error != 0 ? fs_fail(error) : nfd;
}

int
dup2(int fd, int nfd)
{
	return io_dup_at(fd, nfd, 0, 1);
}

int
dup3(int fd, int nfd, int flags)
{
	return io_dup_at(fd, nfd, flags, 0);
}

/* F_GETFL and F_SETFL: the modes live at the server, shared by dups. */
static int
io_flags(int fd, int set, int flags)
{
	struct fd_file *f;
	int32_t bits = 0;
	int error = 0, r = 0;

	if ((f = fd_get(fd, &error)) == NULL)
		return fs_fail(error);
	if (f->kind == FD_CONSOLE)
		r = set ? 0 : O_RDWR;	/* a stream with no modes to set */
	else if (set)
		error = fs_errno(io_set_all_openmodes(f->port,
		    fs_oflags(flags) & FS_O_SETTABLE));
	else if ((error = fs_errno(io_get_openmodes(f->port, &bits))) == 0)
		r = (fs_omodes(bits) & ~O_ACCMODE) | f->accmode;
	fd_put(f);
	return error != 0 ? fs_fail(error) : r;
}

int
fcntl(int fd, int cmd, ...)
{
	va_list ap;
	int arg, error = 0, r;

	va_start(ap, cmd);
	arg = va_arg(ap, int);	/* unused by the commands without one */
	va_end(ap);
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if (arg < 0 || arg >= FD_LIMIT) {
			if (fd_cloexec(fd, 0, 0, &error) < 0)
				return fs_fail(error);
			return fs_fail(EINVAL);
		}
		return io_dup(fd, arg, cmd == F_DUPFD_CLOEXEC);
	case F_GETFD:
	case F_SETFD:
		r = fd_cloexec(fd, cmd == F_SETFD, arg & FD_CLOEXEC, &error);
		if (r < 0)
			return fs_fail(error);
		return cmd == F_SETFD ? 0 : (r ? FD_CLOEXEC : 0);
	case F_GETFL:
	case F_SETFL:
		return io_flags(fd, cmd == F_SETFL, arg);
	default:
		if (fd_cloexec(fd, 0, 0, &error) < 0)
			return fs_fail(error);
		return fs_fail(EINVAL);
	}
}

int
getdtablesize(void)
{
	return FD_LIMIT;
}

/* The Hurd's openport: a new fd for an io port (ours from now on). */
int
openport(mach_port_t port, int flags)
{
	struct fd_file *f;
	int error = 0, fd;

	if (!MACH_PORT_VALID(port) || (flags & O_ACCMODE) == O_ACCMODE)
		return fs_fail(EINVAL);
	f = fd_file_new(FD_PORT, port, flags & O_ACCMODE);
	if (f == NULL)
		return fs_fail(ENOMEM);
	fd = fd_install(f, 0, flags & O_CLOEXEC, &error);
	if (fd < 0) {
		f->port = MACH_PORT_NULL;	/* the caller keeps it */
		fd_put(f);
	}
	return fd < 0 ? fs_fail(error) : fd;
}

/* The Hurd's getdport: a new send right to fd's port. */
mach_port_t
getdport(int fd)
{
	struct fd_file *f;
	mach_port_t p = MACH_PORT_NULL;
	int error = fs_fd_port(fd, &f);

	if (error == 0) {
		if (mach_port_mod_refs(mach_task_self(), f->port,
		    MACH_PORT_RIGHT_SEND, 1) == KERN_SUCCESS)
			p = f->port;
		else
			error = EIO;
		fd_put(f);
	}
	if (error != 0)
		errno = error == EOPNOTSUPP ? EBADF : error;
	return p;
}
