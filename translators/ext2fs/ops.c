/*
 * ops.c -- the engine's public entry points for the file system as a whole
 * (mount, sync, unmount, statfs) and for a node's contents and attributes
 * (read, write, truncate, getattr, chmod, chown, utimes).  Called by the
 * ext2fs translator's RPC handlers and by the host tests.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ext2_int.h"

/*
 * A writable mount marks the file system not clean on disk at once, so
 * that a crash is noticed by the next e2fsck; unmount marks it clean again
 * if it was clean before.
 */
static int
ops_mark_dirty(struct ext2_fs *fs)
{
	if (fs->flags & EXT2_MOUNT_RDONLY)
		return 0;
	fs->was_clean = (fs->sb.s_state & EXT2_VALID_FS) != 0;
	fs->sb.s_state &= ~EXT2_VALID_FS;
	fs->sb.s_mnt_count++;
	fs->sb.s_mtime = (uint32_t)ext2_now(fs);
	fs->sb_dirty = 1;
	return ext2_sync(fs);
}

/*
 * Mount the file system on dev.  Returns 0 and *fsp, or -EINVAL (not a
 * supported ext2 image), -EIO or -ENOMEM; *why (if why is not NULL) then
 * says what was wrong, in words.
 */
int
ext2_mount(const struct ext2_bdev *dev, const struct ext2_mountopts *opts,
    struct ext2_fs **fsp, const char **why)
{
	struct ext2_fs *fs;
	int error;

	if (dev == NULL || dev->read == NULL || dev->write == NULL)
		return -EINVAL;
	if ((fs = calloc(1, sizeof(*fs))) == NULL)
		return -ENOMEM;
	fs->dev = *dev;
	fs->note = "";
	fs->cache.c_max = EXT2_CACHE_DEFAULT;
	if (opts != NULL) {
		fs->flags = opts->flags & EXT2_MOUNT_RDONLY;
		if (opts->cache_blocks != 0)
			fs->cache.c_max = opts->cache_blocks;
	}
	if ((error = ext2_super_load(fs)) != 0 ||
	    (error = ops_mark_dirty(fs)) != 0)
		goto fail;
	*fsp = fs;
	return 0;
fail:
	if (why != NULL)
		*why = fs->note[0] != '\0' ? fs->note : "device unreadable";
	ext2_bcache_fini(fs);
	free(fs->groups);
	free(fs);
	return error;
}

uint32_t
ext2_root(struct ext2_fs *fs)
{
	(void)fs;
	return EXT2_ROOT_INO;
}

const char *
ext2_mount_note(struct ext2_fs *fs)
{
	return fs->note;
}

/* Write the superblock, descriptors and every dirty block. */
int
ext2_sync(struct ext2_fs *fs)
{
	int error;

	if (fs->flags & EXT2_MOUNT_RDONLY)
		return 0;
	if ((error = ext2_super_store(fs)) != 0)
		return error;
	return ext2_bcache_sync(fs);
}

int
ext2_unmount(struct ext2_fs *fs)
{
	struct ext2_held *h;
	int error;

	while ((h = fs->held) != NULL) {
		h->h_refs = 1;
		ext2_release(fs, h->h_ino);
	}
	if (!(fs->flags & EXT2_MOUNT_RDONLY) && fs->was_clean) {
		fs->sb.s_state |= EXT2_VALID_FS;
		fs->sb_dirty = 1;
	}
	error = ext2_sync(fs);
	ext2_bcache_fini(fs);
	free(fs->groups);
	free(fs);
	return error;
}

int
ext2_statfs(struct ext2_fs *fs, struct ext2_statfs *st)
{
	struct ext2_dsuper *s = &fs->sb;

	st->sf_bsize = fs->bsize;
	st->sf_blocks = s->s_blocks_count;
	st->sf_bfree = s->s_free_blocks_count;
	st->sf_bavail = s->s_free_blocks_count > s->s_r_blocks_count ?
	    s->s_free_blocks_count - s->s_r_blocks_count : 0;
	st->sf_files = s->s_inodes_count;
	st->sf_ffree = s->s_free_inodes_count;
	st->sf_namelen = EXT2_NAME_LEN;
	st->sf_flags = fs->flags & EXT2_MOUNT_RDONLY;
	return 0;
}

/* Read a node for a change: writable mount, existing inode. */
static int
get_for_write(struct ext2_fs *fs, uint32_t ino, struct ext2_inode *ip)
{
	if (fs->flags & EXT2_MOUNT_RDONLY)
		return -EROFS;
	return ext2_iget(fs, ino, ip);
}

int
ext2_read(struct ext2_fs *fs, uint32_t ino, uint64_t off, void *buf,
    size_t len, size_t *done)
{
	struct ext2_inode ip;
	int error;

	*done = 0;
	if ((error = ext2_iget(fs, ino, &ip)) != 0)
		return error;
	if (EXT2_ISDIR(ip.i_d.i_mode))
		return -EISDIR;
	if (!EXT2_ISREG(ip.i_d.i_mode))
		return -EINVAL;
	return ext2_file_read(fs, &ip, off, buf, len, done);
}

int
ext2_write(struct ext2_fs *fs, uint32_t ino, uint64_t off, const void *buf,
    size_t len, size_t *done)
{
	struct ext2_inode ip;
	int error, error2;

	*done = 0;
	if ((error = get_for_write(fs, ino, &ip)) != 0)
		return error;
	if (EXT2_ISDIR(ip.i_d.i_mode))
		return -EISDIR;
	if (!EXT2_ISREG(ip.i_d.i_mode))
		return -EINVAL;
	if (len == 0)
		return 0;
	error = ext2_file_write(fs, &ip, off, buf, len, done);
	error2 = ext2_iput(fs, &ip);
	return error != 0 ? error : error2;
}

/* Cut or extend a regular file to size bytes; extension leaves a hole. */
int
ext2_truncate(struct ext2_fs *fs, uint32_t ino, uint64_t size)
{
	struct ext2_inode ip;
	int error, error2;

	if ((error = get_for_write(fs, ino, &ip)) != 0)
		return error;
	if (EXT2_ISDIR(ip.i_d.i_mode))
		return -EISDIR;
	if (!EXT2_ISREG(ip.i_d.i_mode))
		return -EINVAL;
	if (size > fs->maxbytes)
		return -EFBIG;
	error = ext2_itrunc(fs, &ip, size);
	ext2_itouch(fs, &ip, EXT2_TOUCH_M | EXT2_TOUCH_C);
	error2 = ext2_iput(fs, &ip);
	return error != 0 ? error : error2;
}

static void
stat_rdev(const struct ext2_inode *ip, struct ext2_stat *st)
{
	uint32_t old = ip->i_d.i_block[0], new = ip->i_d.i_block[1];

	if (old != 0) {
		st->es_rdev_major = (old >> 8) & 0xff;
		st->es_rdev_minor = old & 0xff;
	} else {
		st->es_rdev_major = (new >> 8) & 0xfff;
		st->es_rdev_minor = (new & 0xff) | ((new >> 12) & 0xfff00);
	}
}

int
ext2_getattr(struct ext2_fs *fs, uint32_t ino, struct ext2_stat *st)
{
	struct ext2_inode ip;
	struct ext2_dinode *d = &ip.i_d;
	int error;

	if ((error = ext2_iget(fs, ino, &ip)) != 0)
		return error;
	memset(st, 0, sizeof(*st));
	st->es_ino = ino;
	st->es_mode = d->i_mode;
	st->es_nlink = d->i_links_count;
	st->es_uid = d->i_uid | (uint32_t)d->i_uid_high << 16;
	st->es_gid = d->i_gid | (uint32_t)d->i_gid_high << 16;
	if ((d->i_mode & EXT2_S_IFMT) == EXT2_S_IFCHR ||
	    (d->i_mode & EXT2_S_IFMT) == EXT2_S_IFBLK)
		stat_rdev(&ip, st);
	st->es_size = ext2_isize(&ip);
	st->es_blocks = d->i_blocks;
	st->es_blksize = fs->bsize;
	st->es_atime = d->i_atime;
	st->es_mtime = d->i_mtime;
	st->es_ctime = d->i_ctime;
	st->es_flags = d->i_flags;
	st->es_gen = d->i_generation;
	return 0;
}

int
ext2_chmod(struct ext2_fs *fs, uint32_t ino, uint32_t mode)
{
	struct ext2_inode ip;
	int error;

	if ((error = get_for_write(fs, ino, &ip)) != 0)
		return error;
	ip.i_d.i_mode = (uint16_t)((ip.i_d.i_mode & EXT2_S_IFMT) |
	    (mode & 07777));
	ext2_itouch(fs, &ip, EXT2_TOUCH_C);
	return ext2_iput(fs, &ip);
}

int
ext2_chown(struct ext2_fs *fs, uint32_t ino, uint32_t uid, uint32_t gid)
{
	struct ext2_inode ip;
	int error;

	if ((error = get_for_write(fs, ino, &ip)) != 0)
		return error;
	ip.i_d.i_uid = (uint16_t)uid;
	ip.i_d.i_uid_high = (uint16_t)(uid >> 16);
	ip.i_d.i_gid = (uint16_t)gid;
	ip.i_d.i_gid_high = (uint16_t)(gid >> 16);
	ext2_itouch(fs, &ip, EXT2_TOUCH_C);
	return ext2_iput(fs, &ip);
}

int
ext2_utimes(struct ext2_fs *fs, uint32_t ino, int64_t atime, int64_t mtime)
{
	struct ext2_inode ip;
	int error;

	if ((error = get_for_write(fs, ino, &ip)) != 0)
		return error;
	ip.i_d.i_atime = (uint32_t)atime;
	ip.i_d.i_mtime = (uint32_t)mtime;
	ext2_itouch(fs, &ip, EXT2_TOUCH_C);
	return ext2_iput(fs, &ip);
}
