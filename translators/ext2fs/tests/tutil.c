/*
 * tutil.c -- host test helpers: an image file as struct ext2_bdev through
 * pread/pwrite, path walking over ext2_lookup, and shell commands for
 * mke2fs, e2fsck and debugfs.  Used by every host test program.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tutil.h"

static int
img_read(void *ctx, uint64_t off, void *buf, size_t len)
{
	struct tu_image *im = ctx;

	im->reads++;
	if (pread(im->fd, buf, len, (off_t)off) != (ssize_t)len)
		return -EIO;
	return 0;
}

static int
img_write(void *ctx, uint64_t off, const void *buf, size_t len)
{
	struct tu_image *im = ctx;

	im->writes++;
	if (pwrite(im->fd, buf, len, (off_t)off) != (ssize_t)len)
		return -EIO;
	return 0;
}

static int
img_flush(void *ctx)
{
	(void)ctx;
	return 0;
}

static int64_t
img_now(void *ctx)
{
	(void)ctx;
	return (int64_t)time(NULL);
}

int
tu_open(struct tu_image *im, const char *path)
{
	struct stat st;

	memset(im, 0, sizeof(*im));
	if ((im->fd = open(path, O_RDWR)) < 0)
		return -errno;
	if (fstat(im->fd, &st) != 0)
		return -errno;
	im->dev.ctx = im;
	im->dev.read = img_read;
	im->dev.write = img_write;
	im->dev.flush = img_flush;
	im->dev.now = img_now;
	im->dev.size = (uint64_t)st.st_size;
	return 0;
}

void
tu_close(struct tu_image *im)
{
	if (im->fd >= 0)
		close(im->fd);
	im->fd = -1;
}

int
tu_mount(struct tu_image *im, const char *path, unsigned int flags,
    struct ext2_fs **fsp)
{
	struct ext2_mountopts o = { flags, 0 };
	const char *why;
	int error;

	if ((error = tu_open(im, path)) != 0)
		return error;
	if ((error = ext2_mount(&im->dev, &o, fsp, &why)) != 0) {
		fprintf(stderr, "%s: %s\n", path, why);
		tu_close(im);
	}
	return error;
}

/* Walk an absolute path from the root, component by component. */
int
tu_walk(struct ext2_fs *fs, const char *path, uint32_t *inop)
{
	char buf[4096], *p, *save = NULL;
	uint32_t ino = ext2_root(fs);
	int error;

	snprintf(buf, sizeof(buf), "%s", path);
	for (p = strtok_r(buf, "/", &save); p != NULL;
	    p = strtok_r(NULL, "/", &save))
		if ((error = ext2_lookup(fs, ino, p, &ino)) != 0)
			return error;
	*inop = ino;
	return 0;
}

/* The directory holding path's last component, and that component. */
int
tu_parent(struct ext2_fs *fs, const char *path, uint32_t *dirp,
    const char **namep)
{
	static char dir[4096];
	const char *slash = strrchr(path, '/');

	if (slash == NULL) {
		*namep = path;
		*dirp = ext2_root(fs);
		return 0;
	}
	snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
	*namep = slash + 1;
	return tu_walk(fs, dir, dirp);
}

int
tu_sh(const char *fmt, ...)
{
	char cmd[8192];
	va_list ap;
	int st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	st = system(cmd);
	return st == -1 ? -1 : WEXITSTATUS(st);
}

char *
tu_tmpdir(void)
{
	char tmpl[] = "/tmp/ext2test.XXXXXX";
	char *d = mkdtemp(tmpl);

	return d != NULL ? strdup(d) : NULL;
}

void
tu_rmtree(const char *dir)
{
	if (dir != NULL && strncmp(dir, "/tmp/ext2test.", 14) == 0)
		tu_sh("rm -rf '%s'", dir);
}

static const struct { int num; const char *name; } errnames[] = {
	{ ENOENT, "ENOENT" }, { EEXIST, "EEXIST" }, { ENOTDIR, "ENOTDIR" },
	{ EISDIR, "EISDIR" }, { ENOTEMPTY, "ENOTEMPTY" }, { EINVAL, "EINVAL" },
	{ ENOSPC, "ENOSPC" }, { EIO, "EIO" }, { EMLINK, "EMLINK" },
	{ ENAMETOOLONG, "ENAMETOOLONG" }, { EPERM, "EPERM" },
	{ EROFS, "EROFS" }, { ENODATA, "ENODATA" }, { ERANGE, "ERANGE" },
	{ EFBIG, "EFBIG" }, { ENOMEM, "ENOMEM" }, { E2BIG, "E2BIG" },
	{ EOPNOTSUPP, "EOPNOTSUPP" }, { 0, "OK" },
};

const char *
tu_errname(int e)
{
	size_t i;

	if (e < 0)
		e = -e;
	for (i = 0; i < sizeof(errnames) / sizeof(errnames[0]); i++)
		if (errnames[i].num == e)
			return errnames[i].name;
	return "E?";
}

int
tu_errnum(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(errnames) / sizeof(errnames[0]); i++)
		if (strcmp(errnames[i].name, name) == 0)
			return -errnames[i].num;
	return 1;
}
