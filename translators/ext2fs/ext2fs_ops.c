/*
 * ext2fs_ops.c -- the file-system layer's backend table (fs_layer.h)
 * over the ext2 engine (ext2.h): numbers are inode numbers, the
 * engine's negated errnos become the layer's positive ones, passive
 * translator records live in the gnu.translator extended attribute (as
 * on the Hurd, so e2fsck and debugfs see them).  Called with the
 * layer's lock held, which is the engine's one lock.
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "ext2fs_srv.h"

#define E2(fs)	(((struct ext2fs *)(fs)->priv)->e2)

static uint64_t
e2_root(struct fs *fs)
{
	return ext2_root(E2(fs));
}

/* A node number the engine can take: EINVAL beyond 32 bits. */
#define E2INO(ino)	((ino) > UINT32_MAX ? 0 : (uint32_t)(ino))

static int
e2_lookup(struct fs *fs, uint64_t dir, const char *name, uint64_t *ino)
{
	uint32_t i;
	int error = -ext2_lookup(E2(fs), E2INO(dir), name, &i);

	if (error == 0)
		*ino = i;
	return error;
}

static int
e2_create(struct fs *fs, uint64_t dir, const char *name, uint32_t mode,
    uint32_t uid, uint32_t gid, uint64_t *ino)
{
	uint32_t i;
	int error = -ext2_create(E2(fs), E2INO(dir), name, mode, uid, gid,
	    &i);

	if (error == 0)
		*ino = i;
	return error;
}

static int
e2_mkdir(struct fs *fs, uint64_t dir, const char *name, uint32_t mode,
    uint32_t uid, uint32_t gid, uint64_t *ino)
{
	uint32_t i;
	int error = -ext2_mkdir(E2(fs), E2INO(dir), name, mode & 07777, uid,
	    gid, &i);

	if (error == 0)
		*ino = i;
	return error;
}

static int
e2_readlink(struct fs *fs, uint64_t ino, char *buf, size_t size,
    size_t *len)
{
	int error = -ext2_readlink(E2(fs), E2INO(ino), buf, size, len);

	return error == ERANGE ? ENAMETOOLONG : error;	/* past PATH_MAX */
}

static int
e2_unlink(struct fs *fs, uint64_t dir, const char *name)
{
	return -ext2_unlink(E2(fs), E2INO(dir), name);
}

static int
e2_rmdir(struct fs *fs, uint64_t dir, const char *name)
{
	return -ext2_rmdir(E2(fs), E2INO(dir), name);
}

static int
e2_link(struct fs *fs, uint64_t dir, const char *name, uint64_t ino)
{
	return -ext2_link(E2(fs), E2INO(dir), name, E2INO(ino));
}

static int
e2_rename(struct fs *fs, uint64_t odir, const char *oname, uint64_t ndir,
    const char *nname)
{
	return -ext2_rename(E2(fs), E2INO(odir), oname, E2INO(ndir), nname);
}

/* The layer's filldir behind the engine's. */
struct e2_fill {
	fs_filldir_fn fill;
	void *arg;
};

/* ext2's directory file types to BSD's d_type. */
static const unsigned char e2_dtype[8] = { 0, 8, 4, 2, 6, 1, 12, 10 };

static int
e2_filldir(void *arg, const char *name, size_t namelen, uint32_t ino,
    unsigned int file_type, uint64_t next_cookie)
{
	struct e2_fill *f = arg;

	(void)next_cookie;
	return f->fill(f->arg, name, namelen, ino,
	    file_type < 8 ? e2_dtype[file_type] : 0);
}

static int
e2_readdir(struct fs *fs, uint64_t dir, fs_filldir_fn fill, void *arg)
{
	struct e2_fill f = { fill, arg };
	uint64_t cookie = 0;

	return -ext2_readdir(E2(fs), E2INO(dir), &cookie, e2_filldir, &f);
}

static int
e2_read(struct fs *fs, uint64_t ino, uint64_t off, void *buf, size_t len,
    size_t *done)
{
	return -ext2_read(E2(fs), E2INO(ino), off, buf, len, done);
}

static int
e2_write(struct fs *fs, uint64_t ino, uint64_t off, const void *buf,
    size_t len, size_t *done)
{
	return -ext2_write(E2(fs), E2INO(ino), off, buf, len, done);
}

static int
e2_truncate(struct fs *fs, uint64_t ino, uint64_t size)
{
	return -ext2_truncate(E2(fs), E2INO(ino), size);
}

static int
e2_stat(struct fs *fs, uint64_t ino, struct io_statbuf *st)
{
	struct ext2_stat es;
	int error = -ext2_getattr(E2(fs), E2INO(ino), &es);

	if (error != 0)
		return error;
	st->st_ino = es.es_ino;
	st->st_mode = es.es_mode;
	st->st_nlink = es.es_nlink;
	st->st_uid = st->st_author = es.es_uid;
	st->st_gid = es.es_gid;
	st->st_rdev = ((int64_t)es.es_rdev_major << 8) | es.es_rdev_minor;
	st->st_size = es.es_size;
	st->st_blksize = es.es_blksize;
	st->st_blocks = es.es_blocks;
	st->st_atime_sec = es.es_atime;
	st->st_mtime_sec = es.es_mtime;
	st->st_ctime_sec = es.es_ctime;
	st->st_flags = es.es_flags;
	return 0;
}

static int
e2_chmod(struct fs *fs, uint64_t ino, uint32_t mode)
{
	return -ext2_chmod(E2(fs), E2INO(ino), mode);
}

static int
e2_chown(struct fs *fs, uint64_t ino, uint32_t uid, uint32_t gid)
{
	return -ext2_chown(E2(fs), E2INO(ino), uid, gid);
}

static int
e2_utimes(struct fs *fs, uint64_t ino, const struct fs_timespec *a,
    const struct fs_timespec *m)
{
	return -ext2_utimes(E2(fs), E2INO(ino), a->tv_sec, m->tv_sec);
}

static int
e2_statfs(struct fs *fs, struct fsys_statfsbuf *sf)
{
	struct ext2_statfs s;
	int error = -ext2_statfs(E2(fs), &s);

	if (error != 0)
		return error;
	sf->f_type = 0xef53;		/* EXT2_SUPER_MAGIC */
	sf->f_bsize = sf->f_frsize = s.sf_bsize;
	sf->f_blocks = s.sf_blocks;
	sf->f_bfree = s.sf_bfree;
	sf->f_bavail = s.sf_bavail;
	sf->f_files = s.sf_files;
	sf->f_ffree = s.sf_ffree;
	sf->f_namelen = s.sf_namelen;
	sf->f_flag = (s.sf_flags & EXT2_MOUNT_RDONLY) ? 1 : 0;
	return 0;
}

static int
e2_sync(struct fs *fs)
{
	return -ext2_sync(E2(fs));
}

/* Unmount: written back and marked clean; nothing may follow. */
static int
e2_goaway(struct fs *fs)
{
	struct ext2fs *x = fs->priv;
	int error = -ext2_unmount(x->e2);

	x->e2 = NULL;
	return error;
}

/* The record in gnu.translator; ENOENT when there is none. */
static int
e2_get_translator(struct fs *fs, uint64_t ino, char *buf, size_t size,
    size_t *len)
{
	int error = -ext2_xattr_get(E2(fs), E2INO(ino), EXT2FS_XATTR_TRANS,
	    buf, size, len);

	if (error == ENODATA || error == EOPNOTSUPP)
		error = ENOENT;
	return error == ERANGE ? ENOSPC : error;
}

static int
e2_set_translator(struct fs *fs, uint64_t ino, const char *argz, size_t len)
{
	int error;

	if (len != 0)
		return -ext2_xattr_set(E2(fs), E2INO(ino), EXT2FS_XATTR_TRANS,
		    argz, len, 0);
	error = -ext2_xattr_remove(E2(fs), E2INO(ino), EXT2FS_XATTR_TRANS);
	return error == ENODATA ? 0 : error;
}

static int
e2_hold(struct fs *fs, uint64_t ino)
{
	return -ext2_hold(E2(fs), E2INO(ino));
}

static void
e2_release(struct fs *fs, uint64_t ino)
{
	ext2_release(E2(fs), E2INO(ino));
}

static int
e2_get_options(struct fs *fs, char *buf, size_t size, size_t *len)
{
	const char *opt = fs->rdonly ? "--readonly" : "--writable";

	if (strlen(opt) + 1 > size)
		return ENOSPC;
	memcpy(buf, opt, strlen(opt) + 1);
	*len = strlen(opt) + 1;
	return 0;
}

const struct fs_ops ext2fs_ops = {
	.root = e2_root, .lookup = e2_lookup, .create = e2_create,
	.mkdir = e2_mkdir, .readlink = e2_readlink, .unlink = e2_unlink,
	.rmdir = e2_rmdir, .link = e2_link, .rename = e2_rename,
	.readdir = e2_readdir, .read = e2_read, .write = e2_write,
	.truncate = e2_truncate, .stat = e2_stat, .chmod = e2_chmod,
	.chown = e2_chown, .utimes = e2_utimes, .statfs = e2_statfs,
	.sync = e2_sync, .goaway = e2_goaway,
	.get_translator = e2_get_translator,
	.set_translator = e2_set_translator, .hold = e2_hold,
	.release = e2_release, .get_options = e2_get_options,
};
