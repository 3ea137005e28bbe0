/*
 * tmpfs.c -- the tmpfs translator: the file-system layer's backend
 * table (fs_layer.h) over tmpfs_node.c, and main.  Every operation runs under
 * the layer's lock.
 *
 * Usage: tmpfs [--size=BYTES[k|m]] [--test] [CLIENT-TASK]
 * Started on a node it does the fsys_startup handshake; else it hands
 * CLIENT-TASK (a task port name from the boot script) its control port.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fs_layer.h"
#include "tmpfs.h"

#define T(fs)	((struct tmpfs *)(fs)->priv)

static uint64_t
tmp_root(struct fs *fs)
{
	(void)fs;
	return TMPFS_ROOT;
}

static int
tmp_lookup(struct fs *fs, uint64_t dir, const char *name, uint64_t *ino)
{
	return tmpfs_lookup(T(fs), dir, name, ino);
}

static int
tmp_create(struct fs *fs, uint64_t dir, const char *name, uint32_t mode,
    uint32_t uid, uint32_t gid, uint64_t *ino)
{
	return tmpfs_make(T(fs), dir, name, mode, uid, gid, NULL, ino);
}

static int
tmp_symlink(struct fs *fs, uint64_t ino, const char *target)
{
	return tmpfs_symlink(T(fs), ino, target);
}

static int
tmp_readlink(struct fs *fs, uint64_t ino, char *buf, size_t size,
    size_t *len)
{
	struct tmp_node *n = tmpfs_node(T(fs), ino);

	if (n == NULL || !S_ISLNK(n->mode))
		return EINVAL;
	*len = n->size < size ? n->size : size;
	memcpy(buf, n->data, *len);
	return 0;
}

static int
tmp_unlink(struct fs *fs, uint64_t dir, const char *name)
{
	return tmpfs_remove(T(fs), dir, name, 0);
}

static int
tmp_rmdir(struct fs *fs, uint64_t dir, const char *name)
{
	return tmpfs_remove(T(fs), dir, name, 1);
}

static int
tmp_link(struct fs *fs, uint64_t dir, const char *name, uint64_t ino)
{
	return tmpfs_link(T(fs), dir, name, ino);
}

static int
tmp_rename(struct fs *fs, uint64_t odir, const char *oname, uint64_t ndir,
    const char *nname)
{
	return tmpfs_rename(T(fs), odir, oname, ndir, nname);
}

/* The BSD d_type of a mode. */
static unsigned int
tmp_dtype(uint32_t mode)
{
	return (mode & S_IFMT) >> 12;
}

static int
tmp_readdir(struct fs *fs, uint64_t dir, fs_filldir_fn fill, void *arg)
{
	struct tmp_node *d = tmpfs_node(T(fs), dir), *n;
	struct tmp_dirent *e;

	if (d == NULL || !S_ISDIR(d->mode))
		return ENOTDIR;
	if (fill(arg, ".", 1, d->ino, tmp_dtype(d->mode)) ||
	    fill(arg, "..", 2, d->parent, tmp_dtype(S_IFDIR)))
		return 0;
	for (e = d->entries; e != NULL; e = e->next) {
		n = tmpfs_node(T(fs), e->ino);
		if (fill(arg, e->name, strlen(e->name), e->ino,
		    n != NULL ? tmp_dtype(n->mode) : 0))
			break;
	}
	return 0;
}

static int
tmp_read(struct fs *fs, uint64_t ino, uint64_t off, void *buf, size_t len,
    size_t *done)
{
	return tmpfs_read(T(fs), ino, off, buf, len, done);
}

static int
tmp_write(struct fs *fs, uint64_t ino, uint64_t off, const void *buf,
    size_t len, size_t *done)
{
	return tmpfs_write(T(fs), ino, off, buf, len, done);
}

static int
tmp_truncate(struct fs *fs, uint64_t ino, uint64_t size)
{
	return tmpfs_truncate(T(fs), ino, size);
}

static int
tmp_stat(struct fs *fs, uint64_t ino, struct io_statbuf *st)
{
	struct tmp_node *n = tmpfs_node(T(fs), ino);

	if (n == NULL)
		return ENOENT;
	st->st_ino = n->ino;
	st->st_mode = n->mode;
	st->st_nlink = n->nlink;
	st->st_uid = st->st_author = n->uid;
	st->st_gid = n->gid;
	st->st_size = n->size;
	st->st_blksize = 4096;
	st->st_blocks = (n->cap + 511) / 512;
	st->st_atime_sec = n->atime[0];
	st->st_atime_nsec = n->atime[1];
	st->st_mtime_sec = n->mtime[0];
	st->st_mtime_nsec = n->mtime[1];
	st->st_ctime_sec = n->ctime[0];
	st->st_ctime_nsec = n->ctime[1];
	return 0;
}

static int
tmp_chmod(struct fs *fs, uint64_t ino, uint32_t mode)
{
	struct tmp_node *n = tmpfs_node(T(fs), ino);

	if (n == NULL)
		return ENOENT;
	n->mode = (n->mode & S_IFMT) | (mode & 07777);
	tmpfs_touch(n, 0, 1);
	return 0;
}

static int
tmp_chown(struct fs *fs, uint64_t ino, uint32_t uid, uint32_t gid)
{
	struct tmp_node *n = tmpfs_node(T(fs), ino);

	if (n == NULL)
		return ENOENT;
	n->uid = uid;
	n->gid = gid;
	tmpfs_touch(n, 0, 1);
	return 0;
}

static int
tmp_utimes(struct fs *fs, uint64_t ino, const struct fs_timespec *a,
    const struct fs_timespec *m)
{
	struct tmp_node *n = tmpfs_node(T(fs), ino);

	if (n == NULL)
		return ENOENT;
	n->atime[0] = a->tv_sec;
	n->atime[1] = a->tv_nsec;
	n->mtime[0] = m->tv_sec;
	n->mtime[1] = m->tv_nsec;
	tmpfs_touch(n, 0, 1);
	return 0;
}

static int
tmp_statfs(struct fs *fs, struct fsys_statfsbuf *sf)
{
	struct tmpfs *t = T(fs);

	sf->f_type = 0x01021994;	/* Linux's TMPFS_MAGIC */
	sf->f_bsize = sf->f_frsize = 4096;
	sf->f_blocks = t->limit / 4096;
	sf->f_bfree = sf->f_bavail = (t->limit - t->used) / 4096;
	sf->f_files = TMPFS_MAX_NODES;
	sf->f_ffree = (t->limit - t->used) / TMPFS_NODE_COST;
	sf->f_namelen = FS_NAME_MAX;
	return 0;
}

static int
tmp_get_translator(struct fs *fs, uint64_t ino, char *buf, size_t size,
    size_t *len)
{
	struct tmp_node *n = tmpfs_node(T(fs), ino);

	if (n == NULL)
		return ENOENT;
	*len = n->translen;
	if (n->translen == 0)
		return ENOENT;
	if (n->translen > size)
		return ENOSPC;
	memcpy(buf, n->trans, n->translen);
	return 0;
}

static int
tmp_set_translator(struct fs *fs, uint64_t ino, const char *argz,
    size_t len)
{
	struct tmp_node *n = tmpfs_node(T(fs), ino);
	struct tmpfs *t = T(fs);
	char *p = NULL;

	if (n == NULL)
		return ENOENT;
	if (len > n->translen && len - n->translen > t->limit - t->used)
		return ENOSPC;
	if (len != 0 && (p = malloc(len)) == NULL)
		return ENOMEM;
	if (len != 0)
		memcpy(p, argz, len);
	t->used = t->used - n->translen + len;
	free(n->trans);
	n->trans = p;
	n->translen = len;
	tmpfs_touch(n, 0, 1);
	return 0;
}

static int
tmp_hold(struct fs *fs, uint64_t ino)
{
	if (tmpfs_node(T(fs), ino) == NULL)
		return ENOENT;
	tmpfs_hold(T(fs), ino);
	return 0;
}

static void
tmp_release(struct fs *fs, uint64_t ino)
{
	tmpfs_release(T(fs), ino);
}

static int
tmp_get_options(struct fs *fs, char *buf, size_t size, size_t *len)
{
	int n = snprintf(buf, size, "--size=%llu",
	    (unsigned long long)T(fs)->limit);

	if (n < 0 || (size_t)n + 1 > size)
		return ENOSPC;
	*len = n + 1;
	return 0;
}

static int
tmp_mkfile(struct fs *fs, uint32_t mode, uint32_t uid, uint32_t gid,
    uint64_t *ino)
{
	return tmpfs_mkfile(T(fs), mode, uid, gid, ino);
}

static int
tmp_mkdir(struct fs *fs, uint64_t dir, const char *name, uint32_t mode,
    uint32_t uid, uint32_t gid, uint64_t *ino)
{
	return tmpfs_make(T(fs), dir, name, mode, uid, gid, NULL, ino);
}

static const struct fs_ops tmp_ops = {
	.root = tmp_root, .lookup = tmp_lookup, .create = tmp_create,
	.mkdir = tmp_mkdir, .mkfile = tmp_mkfile, .symlink = tmp_symlink,
	.readlink = tmp_readlink, .unlink = tmp_unlink, .rmdir = tmp_rmdir,
	.link = tmp_link, .rename = tmp_rename, .readdir = tmp_readdir,
	.read = tmp_read, .write = tmp_write, .truncate = tmp_truncate,
	.stat = tmp_stat, .chmod = tmp_chmod, .chown = tmp_chown,
	.utimes = tmp_utimes, .statfs = tmp_statfs,
	.get_translator = tmp_get_translator,
	.set_translator = tmp_set_translator, .hold = tmp_hold,
	.release = tmp_release, .get_options = tmp_get_options,
};

/* --size=N with an optional k or m; 0 on a bad word. */
static uint64_t
tmp_parse_size(const char *s)
{
	char *end;
	unsigned long long n = strtoull(s, &end, 10);

	if (end == s)
		return 0;
	if (*end == 'k' || *end == 'K')
		n <<= 10, end++;
	else if (*end == 'm' || *end == 'M')
		n <<= 20, end++;
	return *end == '\0' ? n : 0;
}

int
main(int argc, char *argv[])
{
	static struct tmpfs t;
	static struct fs fs;
	mach_port_t client = MACH_PORT_NULL;
	uint64_t limit = 64 << 20;
	int i, error;

	for (i = 1; i < argc; i++) {
		if (strncmp(argv[i], "--size=", 7) == 0 &&
		    (limit = tmp_parse_size(argv[i] + 7)) != 0)
			continue;
		else if (strcmp(argv[i], "--test") == 0)
			srv_test_enable();
		else if (argv[i][0] >= '1' && argv[i][0] <= '9')
			client = strtoul(argv[i], NULL, 10);
		else {
			fprintf(stderr, "tmpfs: bad option %s\n", argv[i]);
			return 1;
		}
	}
	error = tmpfs_init(&t, limit);
	if (error == 0)
		error = fs_init(&fs, &tmp_ops, &t);
	if (error == 0)
		error = fs_start(&fs, client);
	if (error != 0) {
		fprintf(stderr, "tmpfs: cannot start: %s\n", strerror(error));
		return 1;
	}
	srv_bucket_run(&fs.bucket);
	return 0;
}
