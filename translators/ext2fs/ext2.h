/*
 * ext2.h -- the ext2 engine's public interface: what the ext2fs translator's
 * RPC handlers (and the host tests, fuzzer and benchmark) call.  Plain C, no
 * Mach types; all disk access goes through struct ext2_bdev.
 *
 * Conventions.  Every function returning int returns 0 on success or a
 * negated errno value (-ENOENT, -EIO, ...).  Nodes are named by inode number;
 * names are NUL-terminated single path components.  The engine is not
 * reentrant: the caller serialises all calls on one struct ext2_fs (the
 * translator holds one lock around them).  The engine checks structure, not
 * permission: access control is the caller's job.  It never follows symbolic
 * links.  A corrupt image yields -EIO, never a crash.
 */
#ifndef EXT2_H
#define EXT2_H

#include <stddef.h>
#include <stdint.h>

/*
 * The block device.  Offsets and lengths are in bytes and multiples of 1024.
 * Each hook returns 0 or a negated errno.  now() gives the time in seconds
 * for timestamps; if NULL, the superblock's last write time is used.
 */
struct ext2_bdev {
	void	*ctx;
	int	(*read)(void *ctx, uint64_t off, void *buf, size_t len);
	int	(*write)(void *ctx, uint64_t off, const void *buf, size_t len);
	int	(*flush)(void *ctx);
	int64_t	(*now)(void *ctx);
	uint64_t size;				/* bytes */
};

#define EXT2_MOUNT_RDONLY	0x0001

struct ext2_mountopts {
	unsigned int	flags;			/* EXT2_MOUNT_* */
	size_t		cache_blocks;		/* 0: EXT2_CACHE_DEFAULT */
};
#define EXT2_CACHE_DEFAULT	2048

struct ext2_fs;

/* What stat needs, in portable types. */
struct ext2_stat {
	uint32_t	es_ino;
	uint32_t	es_mode;		/* EXT2_S_IF* | permissions */
	uint32_t	es_nlink;
	uint32_t	es_uid;
	uint32_t	es_gid;
	uint32_t	es_rdev_major;
	uint32_t	es_rdev_minor;
	uint64_t	es_size;
	uint64_t	es_blocks;		/* 512-byte units */
	uint32_t	es_blksize;
	int64_t		es_atime;
	int64_t		es_mtime;
	int64_t		es_ctime;
	uint32_t	es_flags;		/* ext2 inode flags */
	uint32_t	es_gen;
};

struct ext2_statfs {
	uint32_t	sf_bsize;
	uint64_t	sf_blocks;
	uint64_t	sf_bfree;
	uint64_t	sf_bavail;
	uint64_t	sf_files;
	uint64_t	sf_ffree;
	uint32_t	sf_namelen;
	uint32_t	sf_flags;		/* EXT2_MOUNT_RDONLY if so */
};

/*
 * Called by ext2_readdir for each entry.  A non-zero return refuses the
 * entry (the caller's buffer is full, say) and stops the walk; the cookie
 * then points at that entry.  next_cookie resumes after this entry.
 */
typedef int (*ext2_filldir_fn)(void *arg, const char *name, size_t namelen,
    uint32_t ino, unsigned int file_type, uint64_t next_cookie);

/*
 * Mounting.  ext2_mount refuses an image it cannot serve safely (-EINVAL,
 * with the reason in *why): incompatible features such as extents, 64bit,
 * meta_bg or a journal needing recovery.  Unknown read-only-compatible
 * features (metadata_csum, huge_file, ...) mount read-only instead, and
 * ext2_mount_note says why.
 */
int	ext2_mount(const struct ext2_bdev *, const struct ext2_mountopts *,
	    struct ext2_fs **, const char **why);
int	ext2_sync(struct ext2_fs *);
int	ext2_unmount(struct ext2_fs *);	/* releases, syncs, marks clean */
int	ext2_statfs(struct ext2_fs *, struct ext2_statfs *);
uint32_t ext2_root(struct ext2_fs *);
const char *ext2_mount_note(struct ext2_fs *);	/* why read-only, or "" */

/* Names. */
int	ext2_lookup(struct ext2_fs *, uint32_t dir, const char *name,
	    uint32_t *ino);
int	ext2_create(struct ext2_fs *, uint32_t dir, const char *name,
	    uint32_t mode, uint32_t uid, uint32_t gid, uint32_t *ino);
int	ext2_mkdir(struct ext2_fs *, uint32_t dir, const char *name,
	    uint32_t mode, uint32_t uid, uint32_t gid, uint32_t *ino);
int	ext2_mknod(struct ext2_fs *, uint32_t dir, const char *name,
	    uint32_t mode, uint32_t major, uint32_t minor, uint32_t uid,
	    uint32_t gid, uint32_t *ino);
int	ext2_symlink(struct ext2_fs *, uint32_t dir, const char *name,
	    const char *target, uint32_t uid, uint32_t gid, uint32_t *ino);
int	ext2_readlink(struct ext2_fs *, uint32_t ino, char *buf, size_t size,
	    size_t *len);
int	ext2_link(struct ext2_fs *, uint32_t dir, const char *name,
	    uint32_t ino);
int	ext2_unlink(struct ext2_fs *, uint32_t dir, const char *name);
int	ext2_rmdir(struct ext2_fs *, uint32_t dir, const char *name);
int	ext2_rename(struct ext2_fs *, uint32_t odir, const char *oname,
	    uint32_t ndir, const char *nname);
int	ext2_readdir(struct ext2_fs *, uint32_t dir, uint64_t *cookie,
	    ext2_filldir_fn, void *arg);

/*
 * Open-node references.  A node whose last name is removed while held is
 * freed on the last ext2_release instead of at once.
 */
int	ext2_hold(struct ext2_fs *, uint32_t ino);
int	ext2_release(struct ext2_fs *, uint32_t ino);

/* Contents and attributes. */
int	ext2_read(struct ext2_fs *, uint32_t ino, uint64_t off, void *buf,
	    size_t len, size_t *done);
int	ext2_write(struct ext2_fs *, uint32_t ino, uint64_t off,
	    const void *buf, size_t len, size_t *done);
int	ext2_truncate(struct ext2_fs *, uint32_t ino, uint64_t size);
int	ext2_getattr(struct ext2_fs *, uint32_t ino, struct ext2_stat *);
int	ext2_chmod(struct ext2_fs *, uint32_t ino, uint32_t mode);
int	ext2_chown(struct ext2_fs *, uint32_t ino, uint32_t uid,
	    uint32_t gid);
int	ext2_utimes(struct ext2_fs *, uint32_t ino, int64_t atime,
	    int64_t mtime);

/*
 * Extended attributes, by full name ("user.x", "gnu.translator", ...).
 * get: with buf NULL only *len is set; -ERANGE if size is too small.
 * list: NUL-separated names, same size rules.  set flags: XATTR_*.
 */
#define EXT2_XATTR_CREATE	1
#define EXT2_XATTR_REPLACE	2
int	ext2_xattr_get(struct ext2_fs *, uint32_t ino, const char *name,
	    void *buf, size_t size, size_t *len);
int	ext2_xattr_set(struct ext2_fs *, uint32_t ino, const char *name,
	    const void *val, size_t len, int flags);
int	ext2_xattr_list(struct ext2_fs *, uint32_t ino, char *buf,
	    size_t size, size_t *len);
int	ext2_xattr_remove(struct ext2_fs *, uint32_t ino, const char *name);

#endif /* EXT2_H */
