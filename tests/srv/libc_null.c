/*
 * libc_null.c -- libc's file calls against the null translator: the
 * task's bootstrap port is null's control port, so libc's root is the
 * null node (a character device, opened for reading).  Every fd call
 * (read, write, pread, readv, lseek, fstat, isatty, dup*, fcntl, fsync,
 * ftruncate, fstatvfs, close), the path calls and the errors a single
 * node gives them (ENOTDIR, EACCES, EOPNOTSUPP), stdio on a port, the
 * console fds beside them, and EIO once the server is gone.  Booted
 * with translators/null --test (libc_null.boot).
 */
#define _GNU_SOURCE	/* dup3, lstat */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <whorl/fd.h>

#include "client.h"

#define FD_LIMIT_TEST	1024	/* libc/fd.h FD_LIMIT */

/* A fd on a new open of the node with flags, through openport. */
static int
open_node(mach_port_t control, int fsflags, int oflags)
{
	mach_port_t io;

	if (client_open(control, fsflags, &io) != 0)
		return -1;
	return openport(io, oflags);
}

static void
test_root(void)
{
	struct stat st;
	struct statvfs vfs;
	char buf[16];
	int fd;

	fd = open("/", O_RDONLY);
	CHECK(fd >= 3);
	CHECK(read(fd, buf, sizeof(buf)) == 0);	/* /dev/null: end of file */
	FAILS(write(fd, "x", 1), EBADF);
	CHECK(fstat(fd, &st) == 0 && S_ISCHR(st.st_mode) &&
	    st.st_rdev == 0x103 && st.st_ino == 1);
	errno = 0;
	CHECK(isatty(fd) == 0 && errno == ENOTTY);
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	CHECK(lseek(fd, 10, SEEK_CUR) == 10);
	CHECK(lseek(fd, 0, SEEK_END) == 0);
	FAILS(lseek(fd, -1, SEEK_SET), EINVAL);
	FAILS(lseek(fd, 0, 7), EINVAL);
	CHECK(fsync(fd) == 0 && fdatasync(fd) == 0);
	FAILS(ftruncate(fd, 0), EBADF);
	CHECK(fstatvfs(fd, &vfs) == 0 && vfs.f_bsize == 4096);
	FAILS(fchmod(fd, 0600), EOPNOTSUPP);
	FAILS(fchown(fd, 1, 1), EOPNOTSUPP);
	FAILS(futimens(fd, NULL), EOPNOTSUPP);
	FAILS_NULL(fdopendir(fd), ENOTDIR);
	CHECK(close(fd) == 0);
	FAILS(close(fd), EBADF);
	FAILS(read(fd, buf, 1), EBADF);
	errno = 0;
	CHECK(isatty(fd) == 0 && errno == EBADF);

	/* The root port was opened for reading only. */
	FAILS(open("/", O_RDWR), EACCES);
	FAILS(open("/", O_WRONLY), EACCES);
	FAILS(open("/", O_RDONLY | O_DIRECTORY), ENOTDIR);
	FAILS(open("/", O_RDWR | O_RDONLY | O_WRONLY), EINVAL);
	FAILS(open("/", O_RDONLY | O_CREAT | O_EXCL, 0644), EEXIST);
	FAILS(open("/x", O_RDONLY), ENOTDIR);
	FAILS(open("", O_RDONLY), ENOENT);
	FAILS(open("x/", O_RDONLY | O_CREAT, 0644), EISDIR);
	FAILS(open(".", O_RDONLY), ENOTDIR);	/* cwd: the root */
	{
		char longname[300];

		memset(longname, 'a', sizeof(longname) - 1);
		longname[sizeof(longname) - 1] = '\0';
		FAILS(open(longname, O_RDONLY), ENAMETOOLONG);
	}
	fd = open("/", O_RDONLY | O_CLOEXEC);
	CHECK(fd >= 0 && fcntl(fd, F_GETFD) == FD_CLOEXEC);
	CHECK(fcntl(fd, F_GETFL) == O_RDONLY);
	CHECK(close(fd) == 0);

	CHECK(stat("/", &st) == 0 && S_ISCHR(st.st_mode) && st.st_ino == 1);
	CHECK(lstat("/", &st) == 0 && S_ISCHR(st.st_mode));
	CHECK(fstatat(AT_FDCWD, "/", &st, AT_SYMLINK_NOFOLLOW) == 0);
	FAILS(fstatat(AT_FDCWD, "/", &st, 0x4000), EINVAL);
	CHECK(fstatat(AT_FDCWD, "", &st, AT_EMPTY_PATH) == 0 &&
	    S_ISCHR(st.st_mode));	/* the cwd: the root */
	FAILS(fstatat(AT_FDCWD, "", &st, 0), ENOENT);
	FAILS(stat("/x/y", &st), ENOTDIR);
	FAILS(stat("", &st), ENOENT);
	CHECK(access("/", F_OK) == 0 && access("/", R_OK | W_OK) == 0);
	FAILS(access("/", X_OK), EACCES);	/* 0666 */
	FAILS(access("/", 0100), EINVAL);
	FAILS(access("/x", F_OK), ENOTDIR);
	CHECK(statvfs("/", &vfs) == 0 && vfs.f_bsize == 4096);
	FAILS(chmod("/", 0600), EOPNOTSUPP);
	FAILS(chown("/", 1, 1), EOPNOTSUPP);
	FAILS(lchown("/", 1, 1), EOPNOTSUPP);
	FAILS(utimes("/", NULL), EOPNOTSUPP);
	FAILS(utimensat(AT_FDCWD, "/", NULL, 0), EOPNOTSUPP);
	FAILS(truncate("/", 0), EACCES);
	FAILS(truncate("/", -1), EINVAL);
	FAILS(readlink("/", buf, sizeof(buf)), EINVAL);
	FAILS(mkdir("/d", 0755), ENOTDIR);
	FAILS(mkdir("/", 0755), ENOTDIR);
	FAILS(rmdir("/d"), ENOTDIR);
	FAILS(unlink("/f"), ENOTDIR);
	FAILS(unlink("f"), ENOTDIR);
	FAILS(rename("/a", "/b"), ENOTDIR);
	FAILS(link("/", "/b"), ENOTDIR);
	FAILS(symlink("/t", "/l"), ENOTDIR);
	FAILS(symlink("", "/l"), ENOENT);
	FAILS(chdir("/"), ENOTDIR);
	FAILS(chdir("/x"), ENOTDIR);
	FAILS_NULL(opendir("/"), ENOTDIR);
	CHECK(getcwd(buf, sizeof(buf)) != NULL && strcmp(buf, "/") == 0);
	FAILS_NULL(getcwd(buf, 1), ERANGE);
	FAILS_NULL(getcwd(buf, 0), EINVAL);
}

/* Reads, writes, vectors and positions on a read-write open. */
static void
test_io(mach_port_t control)
{
	char buf[64];
	struct iovec iov[3] = { { "ab", 2 }, { buf, 0 }, { "cde", 3 } };
	int fd = open_node(control, FS_O_READ | FS_O_WRITE, O_RDWR);

	CHECK(fd >= 3);
	CHECK(write(fd, "hello", 5) == 5);
	CHECK(write(fd, "", 0) == 0);
	CHECK(read(fd, buf, sizeof(buf)) == 0);
	CHECK(pwrite(fd, "xy", 2, 100) == 2);
	CHECK(pread(fd, buf, sizeof(buf), 100) == 0);
	FAILS(pread(fd, buf, 1, -1), EINVAL);
	FAILS(pwrite(fd, buf, 1, -5), EINVAL);
	CHECK(writev(fd, iov, 3) == 5);
	CHECK(readv(fd, iov, 3) == 0);
	FAILS(writev(fd, iov, 0), EINVAL);
	FAILS(readv(fd, iov, -1), EINVAL);
	CHECK(ftruncate(fd, 0) == 0);
	FAILS(ftruncate(fd, -1), EINVAL);
	CHECK(close(fd) == 0);
	FAILS(openport(MACH_PORT_NULL, O_RDONLY), EINVAL);
}

/* dup, dup2, dup3 and fcntl; a port lives until its last fd closes. */
static void
test_dup(mach_port_t control, mach_port_t probe)
{
	int base = client_objects(probe), fd, d, e, f;

	fd = open_node(control, FS_O_READ | FS_O_WRITE, O_RDWR);
	CHECK(fd >= 3 && client_objects(probe) == base + 1);
	CHECK(fcntl(fd, F_GETFL) == O_RDWR);
	CHECK(fcntl(fd, F_SETFL, O_APPEND | O_NONBLOCK) == 0);
	d = dup(fd);
	CHECK(d > fd);
	/* The status flags live at the server: the dup sees them. */
	CHECK(fcntl(d, F_GETFL) == (O_RDWR | O_APPEND | O_NONBLOCK));
	CHECK(fcntl(fd, F_SETFL, 0) == 0 && fcntl(d, F_GETFL) == O_RDWR);
	CHECK(fcntl(fd, F_GETFD) == 0);
	CHECK(fcntl(fd, F_SETFD, FD_CLOEXEC) == 0);
	CHECK(fcntl(fd, F_GETFD) == FD_CLOEXEC && fcntl(d, F_GETFD) == 0);
	e = fcntl(fd, F_DUPFD, 20);
	CHECK(e >= 20 && fcntl(e, F_GETFD) == 0);
	f = fcntl(fd, F_DUPFD_CLOEXEC, 20);
	CHECK(f > e && fcntl(f, F_GETFD) == FD_CLOEXEC);
	FAILS(fcntl(fd, F_DUPFD, -1), EINVAL);
	FAILS(fcntl(fd, F_DUPFD, FD_LIMIT_TEST), EINVAL);
	FAILS(fcntl(fd, 12345), EINVAL);
	FAILS(fcntl(999, F_GETFD), EBADF);
	FAILS(fcntl(999, F_DUPFD, 0), EBADF);
	CHECK(dup2(fd, fd) == fd);
	FAILS(dup3(fd, fd, 0), EINVAL);
	FAILS(dup3(fd, 50, 0x12345678), EINVAL);
	CHECK(dup3(fd, 50, O_CLOEXEC) == 50 && fcntl(50, F_GETFD) ==
	    FD_CLOEXEC);
	CHECK(dup2(fd, 1000) == 1000 && fcntl(1000, F_GETFL) == O_RDWR);
	FAILS(dup2(fd, FD_LIMIT_TEST), EBADF);
	FAILS(dup2(fd, -1), EBADF);
	FAILS(dup2(999, 5), EBADF);
	FAILS(dup(-1), EBADF);
	CHECK(dup2(d, 50) == 50);	/* replaces the old 50 */
	CHECK(write(1000, "x", 1) == 1);
	CHECK(client_objects(probe) == base + 1);	/* one port for all */
	CHECK(close(fd) == 0 && close(d) == 0 && close(e) == 0);
	CHECK(close(f) == 0 && close(50) == 0);
	CHECK(client_objects(probe) == base + 1);
	CHECK(close(1000) == 0);
	CHECK(client_objects(probe) == base);	/* the last fd gave it back */
	CHECK(getdtablesize() == FD_LIMIT_TEST);
}

/* EMFILE past the limit, then everything back. */
static void
test_limit(void)
{
	static int fds[FD_LIMIT_TEST];
	int n = 0, i;

	errno = 0;
	while (n < FD_LIMIT_TEST && (fds[n] = dup(1)) >= 0)
		n++;
	CHECK(n < FD_LIMIT_TEST && errno == EMFILE);
	FAILS(open("/", O_RDONLY), EMFILE);
	for (i = 0; i < n; i++)
		CHECK(close(fds[i]) == 0);
	CHECK((i = dup(1)) >= 3 && close(i) == 0);
}

/* The console fds, beside ports. */
static void
test_console(void)
{
	struct stat st;
	char c;
	int d;

	CHECK(fstat(1, &st) == 0 && S_ISCHR(st.st_mode));
	CHECK(isatty(1) == 1);
	FAILS(lseek(1, 0, SEEK_CUR), ESPIPE);
	FAILS(pread(0, &c, 1, 0), ESPIPE);
	FAILS(pwrite(1, &c, 1, 0), ESPIPE);
	FAILS(fsync(1), EINVAL);
	FAILS(ftruncate(1, 0), EINVAL);
	CHECK(fcntl(1, F_GETFL) == O_RDWR);
	d = dup(1);
	CHECK(d >= 3 && isatty(d) == 1);
	CHECK(write(d, "libc_null: through a dup of 1\n", 30) == 30);
	CHECK(close(d) == 0);
	CHECK(umask(077) == 022 && umask(022) == 077);
}

/* stdio on ports: fopen, fprintf, fread. */
static void
test_stdio(mach_port_t control)
{
	char buf[4096];
	size_t i, zeros = 0;
	FILE *f;
	int fd;

	f = fopen("/", "r");
	CHECK(f != NULL && fread(buf, 1, sizeof(buf), f) == 0 && feof(f));
	CHECK(f != NULL && fclose(f) == 0);
	FAILS_NULL(fopen("/", "w"), EACCES);
	FAILS_NULL(fopen("/nope", "r"), ENOTDIR);
	fd = open_node(control, FS_O_WRITE, O_WRONLY);
	f = fdopen(fd, "w");
	CHECK(f != NULL && fprintf(f, "%d lines of %s\n", 3, "text") == 16);
	CHECK(f != NULL && fflush(f) == 0 && fclose(f) == 0);
	FAILS(close(fd), EBADF);	/* fclose closed it */
	CHECK(fsys_set_options(control, "--zero", 7, 0) == 0);
	f = fopen("/", "r");
	CHECK(f != NULL && fread(buf, 1, sizeof(buf), f) == sizeof(buf));
	for (i = 0; i < sizeof(buf); i++)
		zeros += buf[i] == 0;
	CHECK(zeros == sizeof(buf));
	CHECK(f != NULL && fclose(f) == 0);
	CHECK(fsys_set_options(control, "--null", 7, 0) == 0);
}

/* Once the server is gone, its fds and names answer EIO. */
static void
test_dead(mach_port_t control)
{
	struct stat st;
	char c;
	int fd = open("/", O_RDONLY);

	CHECK(fd >= 3);
	CHECK(fsys_goaway(control, FSYS_GOAWAY_FORCE) == 0);
	FAILS(read(fd, &c, 1), EIO);
	FAILS(fstat(fd, &st), EIO);
	errno = 0;
	CHECK(isatty(fd) == 0 && errno == EIO);
	FAILS(stat("/", &st), EIO);
	FAILS(open("/", O_RDONLY), EIO);
	CHECK(close(fd) == 0);
	FAILS(close(fd), EBADF);
}

int
main(void)
{
	mach_port_t control = client_control(), probe;

	CHECK(MACH_PORT_VALID(control));
	CHECK(client_open(control, FS_O_READ, &probe) == 0);
	test_root();
	test_io(control);
	test_dup(control, probe);
	test_limit();
	test_console();
	test_stdio(control);
	test_dead(control);
	return check_done();
}
