/*
 * libc_files.c -- every file call of libc against a directory server
 * (translators/tmpfs, which hands this task its control port as the
 * null translator does, so libc's root is tmpfs's root directory), with
 * the POSIX errors each gives: open and its flags, openat, read, write,
 * pread, pwrite, readv, writev, lseek, dup*, fcntl, stat, lstat, fstatat,
 * access, mkdir, rmdir, unlink, rename, link, symlink, readlink, chmod,
 * chown, utimes, truncate, directory streams, chdir, getcwd, realpath,
 * statvfs, fsync, isatty, umask and stdio on files; then lookups that
 * leave tmpfs (a passive translator, null's ELF written into tmpfs, and
 * tmpfs's own control port attached on /mnt) and come back by "..".
 * The process is
 * uid 0 to its root server until auth exists (docs/libc.md).
 * Listed in SRV_TESTS_NEED_TMPFS until tmpfs is on main.
 */
#define _GNU_SOURCE	/* dup3, AT_EMPTY_PATH */
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

/* Make path with contents s; 0 or -1. */
static int
put(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644), r;

	if (fd < 0)
		return -1;
	r = write(fd, s, strlen(s)) == (ssize_t)strlen(s) ? 0 : -1;
	return close(fd) == 0 ? r : -1;
}

/* The contents of path (at most size - 1 bytes), or "" on failure. */
static const char *
get(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, size - 1) : -1;

	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

static void
test_open(void)
{
	struct stat st;
	char buf[64];
	int fd, fd2;

	fd = open("/f", O_RDWR | O_CREAT | O_EXCL, 0666);
	CHECK(fd >= 3);
	CHECK(fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (st.st_mode & 07777) == 0644 && st.st_size == 0);
	CHECK(write(fd, "hello world", 11) == 11);
	CHECK(lseek(fd, 0, SEEK_CUR) == 11);
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	CHECK(read(fd, buf, sizeof(buf)) == 11 && memcmp(buf, "hello world",
	    11) == 0);
	CHECK(read(fd, buf, sizeof(buf)) == 0);
	CHECK(fstat(fd, &st) == 0 && st.st_size == 11 && st.st_nlink == 1);
	errno = 0;
	CHECK(isatty(fd) == 0 && errno == ENOTTY);
	CHECK(fsync(fd) == 0 && fdatasync(fd) == 0);
	CHECK(close(fd) == 0);

	FAILS(open("/f", O_RDWR | O_CREAT | O_EXCL, 0644), EEXIST);
	FAILS(open("/nonexistent", O_RDONLY), ENOENT);
	FAILS(open("/nodir/x", O_RDWR | O_CREAT, 0644), ENOENT);
	FAILS(open("/f/x", O_RDONLY), ENOTDIR);
	FAILS(open("/f/", O_RDONLY), ENOTDIR);
	FAILS(open("/f", O_RDONLY | O_DIRECTORY), ENOTDIR);
	FAILS(open("/newdir/", O_RDWR | O_CREAT, 0644), EISDIR);
	FAILS(open("/", O_WRONLY), EISDIR);
	FAILS(open("/", O_RDWR), EISDIR);
	CHECK((fd = open("/", O_RDONLY | O_DIRECTORY)) >= 0 && close(fd) == 0);

	/* O_TRUNC, O_APPEND. */
	fd = open("/f", O_RDWR | O_TRUNC);
	CHECK(fd >= 0 && fstat(fd, &st) == 0 && st.st_size == 0);
	CHECK(write(fd, "ab", 2) == 2 && close(fd) == 0);
	fd = open("/f", O_WRONLY | O_APPEND);
	CHECK(fd >= 0 && fcntl(fd, F_GETFL) == (O_WRONLY | O_APPEND));
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	CHECK(write(fd, "cd", 2) == 2 && close(fd) == 0);
	CHECK(strcmp(get("/f", buf, sizeof(buf)), "abcd") == 0);
	fd = open("/f", O_RDONLY);
	FAILS(write(fd, "x", 1), EBADF);
	FAILS(ftruncate(fd, 0), EBADF);
	CHECK(close(fd) == 0);
	fd = open("/f", O_WRONLY);
	FAILS(read(fd, buf, 1), EBADF);
	CHECK(close(fd) == 0);

	/* O_CLOEXEC, O_NONBLOCK; dups share the file pointer. */
	fd = open("/f", O_RDWR | O_CLOEXEC | O_NONBLOCK);
	CHECK(fd >= 0 && fcntl(fd, F_GETFD) == FD_CLOEXEC);
	CHECK(fcntl(fd, F_GETFL) == (O_RDWR | O_NONBLOCK));
	fd2 = dup(fd);
	CHECK(fd2 > fd && fcntl(fd2, F_GETFD) == 0);
	CHECK(read(fd, buf, 3) == 3 && lseek(fd2, 0, SEEK_CUR) == 3);
	CHECK(dup3(fd, fd2, O_CLOEXEC) == fd2 &&
	    fcntl(fd2, F_GETFD) == FD_CLOEXEC);
	CHECK(close(fd) == 0 && close(fd2) == 0);

	/* umask applies to the created mode. */
	CHECK(umask(077) == 022);
	fd = open("/g", O_WRONLY | O_CREAT, 0666);
	CHECK(fd >= 0 && fstat(fd, &st) == 0 && (st.st_mode & 0777) == 0600);
	CHECK(close(fd) == 0 && umask(022) == 077);
	fd = creat("/g", 0644);	/* truncates, mode unchanged */
	CHECK(fd >= 0 && close(fd) == 0);
	CHECK(stat("/g", &st) == 0 && (st.st_mode & 0777) == 0600);
}

static void
test_io(void)
{
	static char big[200000], back[200000];
	char buf[64], a[4], b[8];
	struct iovec w[3] = { { "0123", 4 }, { "", 0 }, { "456789", 6 } };
	struct iovec r[2] = { { a, sizeof(a) }, { b, sizeof(b) } };
	size_t i;
	int fd = open("/io", O_RDWR | O_CREAT | O_TRUNC, 0644);

	CHECK(fd >= 0);
	CHECK(writev(fd, w, 3) == 10);
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	CHECK(readv(fd, r, 2) == 10 && memcmp(a, "0123", 4) == 0 &&
	    memcmp(b, "456789", 6) == 0);
	CHECK(pwrite(fd, "XY", 2, 2) == 2);
	CHECK(lseek(fd, 0, SEEK_CUR) == 10);	/* pwrite leaves it */
	CHECK(pread(fd, buf, 4, 1) == 4 && memcmp(buf, "1XY4", 4) == 0);
	CHECK(pread(fd, buf, 4, 100) == 0);
	FAILS(pread(fd, buf, 4, -1), EINVAL);
	CHECK(lseek(fd, 0, SEEK_END) == 10);
	CHECK(lseek(fd, -3, SEEK_END) == 7);
	FAILS(lseek(fd, -11, SEEK_END), EINVAL);
	FAILS(lseek(fd, 0, 3), EINVAL);
	/* A hole reads as zeros. */
	CHECK(lseek(fd, 20, SEEK_SET) == 20 && write(fd, "z", 1) == 1);
	CHECK(pread(fd, buf, 11, 10) == 11 && buf[0] == 0 && buf[9] == 0 &&
	    buf[10] == 'z');
	CHECK(ftruncate(fd, 3) == 0);
	CHECK(lseek(fd, 0, SEEK_END) == 3);
	CHECK(ftruncate(fd, 5000) == 0 && lseek(fd, 0, SEEK_END) == 5000);
	FAILS(ftruncate(fd, -1), EINVAL);
	CHECK(truncate("/io", 1) == 0 && lseek(fd, 0, SEEK_END) == 1);
	FAILS(truncate("/", 0), EISDIR);
	FAILS(truncate("/nonexistent", 0), ENOENT);
	FAILS(truncate("/io", -1), EINVAL);

	/* Out-of-line transfers both ways. */
	for (i = 0; i < sizeof(big); i++)
		big[i] = (char)(i * 7 + i / 4096);
	CHECK(pwrite(fd, big, sizeof(big), 0) == (ssize_t)sizeof(big));
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	{
		size_t got = 0;
		ssize_t n;

		while (got < sizeof(back) && (n = read(fd, back + got,
		    sizeof(back) - got)) > 0)
			got += (size_t)n;
		CHECK(got == sizeof(back) && memcmp(big, back, got) == 0);
	}
	CHECK(close(fd) == 0);
	CHECK(unlink("/io") == 0);
}

static void
test_names(void)
{
	struct stat st, st2;
	int dfd, fd;

	CHECK(mkdir("/d", 0777) == 0);
	CHECK(stat("/d", &st) == 0 && S_ISDIR(st.st_mode) &&
	    (st.st_mode & 0777) == 0755);
	FAILS(mkdir("/d", 0755), EEXIST);
	FAILS(mkdir("/f", 0755), EEXIST);
	FAILS(mkdir("/nodir/d", 0755), ENOENT);
	FAILS(mkdir("/f/d", 0755), ENOTDIR);
	FAILS(mkdir("/", 0755), EEXIST);
	CHECK(mkdir("/d/sub/", 0755) == 0);

	/* The *at calls, from a directory fd. */
	dfd = open("/d", O_RDONLY | O_DIRECTORY);
	CHECK(dfd >= 0);
	fd = openat(dfd, "x", O_RDWR | O_CREAT | O_EXCL, 0644);
	CHECK(fd >= 0 && close(fd) == 0);
	CHECK(stat("/d/x", &st) == 0 && S_ISREG(st.st_mode));
	CHECK(fstatat(dfd, "x", &st2, 0) == 0 && st2.st_ino == st.st_ino);
	CHECK(fstatat(dfd, "", &st2, AT_EMPTY_PATH) == 0 &&
	    S_ISDIR(st2.st_mode));
	CHECK(faccessat(dfd, "x", R_OK | W_OK, 0) == 0);
	CHECK(mkdirat(dfd, "y", 0755) == 0 && unlinkat(dfd, "y",
	    AT_REMOVEDIR) == 0);
	fd = openat(dfd, "/f", O_RDONLY);	/* absolute: dfd unused */
	CHECK(fd >= 0 && close(fd) == 0);
	fd = open("/f", O_RDONLY);
	FAILS(openat(fd, "x", O_RDONLY), ENOTDIR);
	CHECK(close(fd) == 0);
	FAILS(openat(999, "x", O_RDONLY), EBADF);
	FAILS(openat(1, "x", O_RDONLY), ENOTDIR);	/* the console */
	CHECK(close(dfd) == 0);

	/* access as uid 0: read and write always, execute needs an x bit. */
	CHECK(access("/f", F_OK) == 0 && access("/f", R_OK | W_OK) == 0);
	FAILS(access("/f", X_OK), EACCES);
	CHECK(access("/d", X_OK) == 0);
	FAILS(access("/nonexistent", F_OK), ENOENT);
	FAILS(access("/f/x", F_OK), ENOTDIR);

	/* rename. */
	CHECK(rename("/d/x", "/d/z") == 0);
	FAILS(stat("/d/x", &st), ENOENT);
	CHECK(stat("/d/z", &st2) == 0 && st2.st_ino == st.st_ino);
	CHECK(put("/d/w", "w") == 0 && rename("/d/z", "/d/w") == 0);
	CHECK(stat("/d/w", &st2) == 0 && st2.st_ino == st.st_ino);
	FAILS(rename("/d/nonexistent", "/d/v"), ENOENT);
	FAILS(rename("/d", "/d/sub/d"), EINVAL);
	FAILS(rename("/d/w", "/d/sub"), EISDIR);
	FAILS(rename("/d/sub", "/d/w"), ENOTDIR);
	CHECK(mkdir("/e", 0755) == 0 && put("/e/file", "") == 0);
	errno = 0;
	CHECK(rename("/d/sub", "/e") == -1 &&
	    (errno == ENOTEMPTY || errno == EEXIST));
	CHECK(unlink("/e/file") == 0 && rename("/d/sub", "/e") == 0);
	CHECK(rename("/e", "/d/sub") == 0);

	/* link. */
	CHECK(link("/d/w", "/d/w2") == 0);
	CHECK(stat("/d/w2", &st2) == 0 && st2.st_ino == st.st_ino &&
	    st2.st_nlink == 2);
	FAILS(link("/d/w", "/d/w2"), EEXIST);
	FAILS(link("/d/nonexistent", "/d/w3"), ENOENT);
	FAILS(link("/d", "/d2"), EPERM);
	CHECK(unlink("/d/w2") == 0);
	CHECK(stat("/d/w", &st2) == 0 && st2.st_nlink == 1);

	/* unlink and rmdir. */
	FAILS(unlink("/d/w2"), ENOENT);
	FAILS(unlink("/d"), EISDIR);
	FAILS(rmdir("/d/w"), ENOTDIR);
	FAILS(rmdir("/d"), ENOTEMPTY);
	FAILS(rmdir("/d/sub/."), EINVAL);
	FAILS(rmdir("/"), EBUSY);
	FAILS(rmdir("/nonexistent"), ENOENT);
	CHECK(mkdir("/d/gone", 0755) == 0 && rmdir("/d/gone") == 0);
	FAILS(stat("/d/gone", &st), ENOENT);
}

static void
test_links(void)
{
	struct stat st, st2;
	char buf[64];

	CHECK(put("/f", "target") == 0);
	CHECK(symlink("/f", "/s") == 0);
	CHECK(lstat("/s", &st) == 0 && S_ISLNK(st.st_mode));
	CHECK(stat("/s", &st2) == 0 && S_ISREG(st2.st_mode));
	CHECK(fstatat(AT_FDCWD, "/s", &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISLNK(st.st_mode));
	CHECK(readlink("/s", buf, sizeof(buf)) == 2 &&
	    memcmp(buf, "/f", 2) == 0);
	CHECK(readlink("/s", buf, 1) == 1 && buf[0] == '/');
	FAILS(readlink("/f", buf, sizeof(buf)), EINVAL);
	FAILS(readlink("/nonexistent", buf, sizeof(buf)), ENOENT);
	CHECK(strcmp(get("/s", buf, sizeof(buf)), "target") == 0);
	FAILS(open("/s", O_RDONLY | O_NOFOLLOW), ELOOP);
	FAILS(open("/s", O_RDWR | O_CREAT | O_EXCL, 0644), EEXIST);
	FAILS(symlink("/x", "/s"), EEXIST);
	FAILS(symlink("/x", "/f"), EEXIST);
	FAILS(symlink("", "/s3"), ENOENT);
	/* Relative and absolute links in the middle of a name. */
	CHECK(symlink("f", "/s2") == 0);
	CHECK(strcmp(get("/s2", buf, sizeof(buf)), "target") == 0);
	CHECK(symlink("/d", "/sd") == 0);
	CHECK(stat("/sd/w", &st) == 0 && stat("/d/w", &st2) == 0 &&
	    st.st_ino == st2.st_ino);
	CHECK(symlink("sub", "/d/rel") == 0 && stat("/sd/rel", &st) == 0 &&
	    S_ISDIR(st.st_mode));
	/* Loops. */
	CHECK(symlink("/loop2", "/loop1") == 0);
	CHECK(symlink("/loop1", "/loop2") == 0);
	FAILS(open("/loop1", O_RDONLY), ELOOP);
	FAILS(stat("/loop1/x", &st), ELOOP);
	CHECK(lstat("/loop1", &st) == 0 && S_ISLNK(st.st_mode));
	CHECK(unlink("/loop1") == 0 && unlink("/loop2") == 0);
	CHECK(lchown("/s", 7, 8) == 0 && lstat("/s", &st) == 0 &&
	    st.st_uid == 7 && st.st_gid == 8);
	CHECK(unlink("/s2") == 0 && stat("/f", &st) == 0);
}

static void
test_attrs(void)
{
	struct timespec ts[2];
	struct timeval tv[2];
	struct stat st;
	int fd;

	CHECK(chmod("/f", 0600) == 0);
	CHECK(stat("/f", &st) == 0 && (st.st_mode & 07777) == 0600 &&
	    S_ISREG(st.st_mode));
	fd = open("/f", O_RDONLY);
	CHECK(fchmod(fd, 0640) == 0 && fstat(fd, &st) == 0 &&
	    (st.st_mode & 07777) == 0640);
	CHECK(chown("/f", 5, 6) == 0 && fstat(fd, &st) == 0 &&
	    st.st_uid == 5 && st.st_gid == 6);
	CHECK(fchown(fd, (uid_t)-1, 9) == 0 && fstat(fd, &st) == 0 &&
	    st.st_uid == 5 && st.st_gid == 9);
	CHECK(chown("/s", 0, 0) == 0 && fstat(fd, &st) == 0 &&
	    st.st_uid == 0);	/* chown follows the link */
	FAILS(chmod("/nonexistent", 0600), ENOENT);

	tv[0].tv_sec = 1000, tv[0].tv_usec = 0;
	tv[1].tv_sec = 2000, tv[1].tv_usec = 500000;
	CHECK(utimes("/f", tv) == 0 && stat("/f", &st) == 0 &&
	    st.st_atim.tv_sec == 1000 && st.st_mtim.tv_sec == 2000 &&
	    st.st_mtim.tv_nsec == 500000000);
	tv[0].tv_usec = 1000000;
	FAILS(utimes("/f", tv), EINVAL);
	ts[0].tv_sec = 3000, ts[0].tv_nsec = UTIME_OMIT;
	ts[1].tv_sec = 4000, ts[1].tv_nsec = 0;
	CHECK(utimensat(AT_FDCWD, "/f", ts, 0) == 0 && stat("/f", &st) == 0 &&
	    st.st_atim.tv_sec == 1000 && st.st_mtim.tv_sec == 4000);
	CHECK(futimens(fd, NULL) == 0 && fstat(fd, &st) == 0 &&
	    st.st_mtim.tv_sec > 4000);
	ts[1].tv_nsec = -5;
	FAILS(futimens(fd, ts), EINVAL);
	CHECK(close(fd) == 0);
	{
		struct statvfs v;

		CHECK(statvfs("/", &v) == 0 && v.f_bsize > 0);
		fd = open("/f", O_RDONLY);
		CHECK(fstatvfs(fd, &v) == 0 && v.f_bsize > 0);
		CHECK(close(fd) == 0);
		FAILS(statvfs("/nonexistent", &v), ENOENT);
	}
}

#define NFILES	400	/* more than one dir_readdir batch of 8 KiB */

static void
test_dirs(void)
{
	static char seen[NFILES];
	struct dirent *e;
	char name[32];
	long where = -1;
	int i, n = 0, dots = 0, bad = 0, fd;
	DIR *d;

	CHECK(mkdir("/many", 0755) == 0);
	for (i = 0; i < NFILES; i++) {
		snprintf(name, sizeof(name), "/many/file%03d", i);
		if (put(name, "") != 0)
			bad++;
	}
	CHECK(bad == 0 && mkdir("/many/dir", 0755) == 0);
	d = opendir("/many");
	CHECK(d != NULL);
	errno = 0;
	while (d != NULL && (e = readdir(d)) != NULL) {
		n++;
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") ==
		    0)
			dots++;
		else if (strcmp(e->d_name, "dir") == 0)
			CHECK(e->d_type == DT_DIR || e->d_type == DT_UNKNOWN);
		else if (sscanf(e->d_name, "file%d", &i) == 1 && i >= 0 &&
		    i < NFILES && !seen[i]++)
			CHECK(e->d_type == DT_REG || e->d_type == DT_UNKNOWN);
		else
			bad++;
		if (n == 10)
			where = telldir(d);
	}
	CHECK(errno == 0 && bad == 0 && dots == 2 && n == NFILES + 3);
	rewinddir(d);
	for (i = 0; d != NULL && readdir(d) != NULL; i++)
		;
	CHECK(i == NFILES + 3);
	seekdir(d, where);
	for (i = 0; d != NULL && readdir(d) != NULL; i++)
		;
	CHECK(i == NFILES + 3 - 10);
	CHECK(d != NULL && dirfd(d) >= 3 && closedir(d) == 0);
	FAILS_NULL(opendir("/f"), ENOTDIR);
	FAILS_NULL(opendir("/nonexistent"), ENOENT);
	fd = open("/f", O_RDONLY);
	FAILS_NULL(fdopendir(fd), ENOTDIR);
	CHECK(close(fd) == 0);
	for (i = 0; i < NFILES; i++) {
		snprintf(name, sizeof(name), "/many/file%03d", i);
		bad += unlink(name) != 0;
	}
	CHECK(bad == 0 && rmdir("/many/dir") == 0 && rmdir("/many") == 0);
}

static void
test_cwd(void)
{
	char buf[256], *p;
	struct stat st;
	int fd;

	CHECK(getcwd(buf, sizeof(buf)) != NULL && strcmp(buf, "/") == 0);
	CHECK(chdir("/d") == 0);
	CHECK(getcwd(buf, sizeof(buf)) != NULL && strcmp(buf, "/d") == 0);
	CHECK(put("relfile", "r") == 0);
	CHECK(stat("/d/relfile", &st) == 0 && S_ISREG(st.st_mode));
	CHECK(unlink("relfile") == 0);
	CHECK(chdir("sub") == 0);
	CHECK(getcwd(buf, sizeof(buf)) != NULL && strcmp(buf, "/d/sub") == 0);
	FAILS_NULL(getcwd(buf, 4), ERANGE);
	CHECK((p = getcwd(NULL, 0)) != NULL && strcmp(p, "/d/sub") == 0);
	free(p);
	CHECK(chdir("../..") == 0);
	CHECK(getcwd(buf, sizeof(buf)) != NULL && strcmp(buf, "/") == 0);
	CHECK(chdir("..") == 0);	/* ".." of the root is the root */
	CHECK(getcwd(buf, sizeof(buf)) != NULL && strcmp(buf, "/") == 0);
	fd = open("/d/sub", O_RDONLY | O_DIRECTORY);
	CHECK(fchdir(fd) == 0 && close(fd) == 0);
	CHECK(getcwd(buf, sizeof(buf)) != NULL && strcmp(buf, "/d/sub") == 0);
	FAILS(chdir("/f"), ENOTDIR);
	FAILS(chdir("/nonexistent"), ENOENT);
	fd = open("/f", O_RDONLY);
	FAILS(fchdir(fd), ENOTDIR);
	CHECK(close(fd) == 0);
	FAILS(fchdir(999), EBADF);
	CHECK(chdir("/") == 0);

	CHECK(realpath("/d/../d/./sub/", buf) != NULL &&
	    strcmp(buf, "/d/sub") == 0);
	CHECK(realpath("/s", buf) != NULL && strcmp(buf, "/f") == 0);
	CHECK(realpath("/sd/w", buf) != NULL && strcmp(buf, "/d/w") == 0);
	CHECK(realpath("/sd/rel", buf) != NULL && strcmp(buf, "/d/sub") == 0);
	CHECK(realpath("d/sub", buf) != NULL && strcmp(buf, "/d/sub") == 0);
	CHECK(realpath("/", buf) != NULL && strcmp(buf, "/") == 0);
	FAILS_NULL(realpath("/nonexistent", buf), ENOENT);
	FAILS_NULL(realpath("/f/x", buf), ENOTDIR);
	CHECK((p = realpath("/d//w", NULL)) != NULL && strcmp(p, "/d/w") == 0);
	free(p);
}

static void
test_limits(void)
{
	char name[300], path[1100];
	int i;

	memset(name, 'n', 257);
	name[0] = '/';
	name[257] = '\0';
	FAILS(open(name, O_RDWR | O_CREAT, 0644), ENAMETOOLONG);
	FAILS(mkdir(name, 0755), ENAMETOOLONG);
	name[256] = '\0';	/* "/" and 255 bytes: allowed */
	i = open(name, O_RDWR | O_CREAT, 0644);
	CHECK(i >= 0 && close(i) == 0 && unlink(name) == 0);
	for (i = 0; i < 1060; i += 2)
		path[i] = '/', path[i + 1] = 'd';
	path[1060] = '\0';
	FAILS(stat(path, &(struct stat){ 0 }), ENAMETOOLONG);
}

static void
test_stdio(void)
{
	static char big[100000], back[100000];
	char line[64];
	size_t i;
	FILE *f;

	f = fopen("/log", "w");
	CHECK(f != NULL);
	CHECK(fprintf(f, "line %d\n", 1) == 7 && fputs("line 2\n", f) >= 0);
	CHECK(fclose(f) == 0);
	f = fopen("/log", "a");
	CHECK(f != NULL && fprintf(f, "line 3\n") == 7 && fclose(f) == 0);
	f = fopen("/log", "r");
	CHECK(f != NULL && fgets(line, sizeof(line), f) != NULL &&
	    strcmp(line, "line 1\n") == 0);
	CHECK(fgets(line, sizeof(line), f) != NULL &&
	    strcmp(line, "line 2\n") == 0);
	CHECK(fgets(line, sizeof(line), f) != NULL &&
	    strcmp(line, "line 3\n") == 0);
	CHECK(fgets(line, sizeof(line), f) == NULL && feof(f));
	CHECK(fseek(f, 5, SEEK_SET) == 0 && ftell(f) == 5 && fgetc(f) == '1');
	CHECK(fclose(f) == 0);
	FAILS_NULL(fopen("/nonexistent", "r"), ENOENT);
	FAILS_NULL(fopen("/d", "w"), EISDIR);

	for (i = 0; i < sizeof(big); i++)
		big[i] = (char)(i % 251);
	f = fopen("/big", "w+");
	CHECK(f != NULL && fwrite(big, 1, sizeof(big), f) == sizeof(big));
	CHECK(fseek(f, 0, SEEK_SET) == 0);
	CHECK(fread(back, 1, sizeof(back), f) == sizeof(back) &&
	    memcmp(big, back, sizeof(big)) == 0);
	CHECK(fclose(f) == 0 && unlink("/big") == 0 && unlink("/log") == 0);
}

__asm__(".section .rodata\n.balign 16\nnull_elf:\n"
    ".incbin \"translators/null/null.elf\"\nnull_elf_end:\n.previous");
extern const char null_elf[] __asm__("null_elf");
extern const char null_elf_end[] __asm__("null_elf_end");

/* /dev/zero served by the null translator tmpfs starts on lookup. */
static void
test_passive(void)
{
	static const char rec[] = "/bin/null\0--zero";
	size_t len = (size_t)(null_elf_end - null_elf), done = 0;
	char buf[100];
	struct stat st;
	mach_port_t p;
	ssize_t n = 1;
	int fd, i, zeros = 0;

	CHECK(mkdir("/bin", 0755) == 0 && mkdir("/dev", 0755) == 0);
	fd = open("/bin/null", O_WRONLY | O_CREAT | O_EXCL, 0755);
	while (fd >= 0 && done < len && n > 0)
		done += (size_t)(n = write(fd, null_elf + done, len - done));
	CHECK(fd >= 0 && done == len && close(fd) == 0);
	fd = open("/dev/zero", O_WRONLY | O_CREAT | O_EXCL, 0666);
	p = getdport(fd);
	CHECK(MACH_PORT_VALID(p) && file_set_translator(p, 0, (char *)rec,
	    sizeof(rec)) == 0);
	mach_port_deallocate(mach_task_self(), p);
	CHECK(close(fd) == 0);

	/* FS_RETRY_NORMAL with "": the translator's root is the file. */
	fd = open("/dev/zero", O_RDONLY);
	CHECK(fd >= 0 && read(fd, buf, sizeof(buf)) == sizeof(buf));
	for (i = 0; i < (int)sizeof(buf); i++)
		zeros += buf[i] == 0;
	CHECK(zeros == sizeof(buf));
	CHECK(fstat(fd, &st) == 0 && S_ISCHR(st.st_mode) &&
	    st.st_rdev == 0x105);
	CHECK(close(fd) == 0);
	CHECK(stat("/dev/zero", &st) == 0 && st.st_rdev == 0x105);
	/* With a rest: null is asked for "x" and says it is no directory. */
	FAILS(stat("/dev/zero/x", &st), ENOTDIR);
	FAILS(open("/dev/zero/", O_RDONLY), ENOTDIR);
}

/* tmpfs's control port on /mnt: names go through its root and back. */
static void
test_active(void)
{
	struct stat st, st2;
	char buf[16];
	mach_port_t p;
	int fd;

	CHECK(mkdir("/mnt", 0755) == 0);
	fd = open("/mnt", O_RDONLY | O_DIRECTORY);
	p = getdport(fd);
	CHECK(MACH_PORT_VALID(p) && file_set_active(p, 0, client_control(),
	    MACH_MSG_TYPE_COPY_SEND) == 0);
	CHECK(stat("/mnt/f", &st) == 0 && stat("/f", &st2) == 0 &&
	    st.st_ino == st2.st_ino);
	CHECK(strcmp(get("/mnt/f", buf, sizeof(buf)), "target") == 0);
	/* ".." above the translator's root: back to where /mnt sits. */
	CHECK(stat("/mnt/..", &st) == 0 && stat("/", &st2) == 0 &&
	    st.st_ino == st2.st_ino);
	CHECK(strcmp(get("/mnt/../mnt/d/../f", buf, sizeof(buf)),
	    "target") == 0);
	CHECK(chdir("/mnt/d") == 0 && stat("../../f", &st) == 0 &&
	    chdir("/") == 0);
	CHECK(file_set_active(p, 0, MACH_PORT_NULL, MACH_MSG_TYPE_COPY_SEND)
	    == 0);
	mach_port_deallocate(mach_task_self(), p);
	CHECK(close(fd) == 0 && rmdir("/mnt") == 0);
}

int
main(void)
{
	test_open();
	test_io();
	test_names();
	test_links();
	test_attrs();
	test_dirs();
	test_cwd();
	test_limits();
	test_stdio();
	test_passive();
	test_active();
	return check_done();
}
