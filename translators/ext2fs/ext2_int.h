/*
 * ext2_int.h -- the engine's internal interface: the mounted file system,
 * the block cache, allocation, inodes, directories and extended attributes.
 * Included by the engine's .c files only; the translator uses ext2.h.
 */
#ifndef EXT2_INT_H
#define EXT2_INT_H

#include <stddef.h>
#include <stdint.h>

#include "disk.h"
#include "ext2.h"

/* A cached block.  Pinned while refs > 0; written back when dirty. */
struct ext2_buf {
	uint32_t	 b_blk;
	uint32_t	 b_refs;
	int		 b_dirty;
	uint8_t		*b_data;
	struct ext2_buf	*b_hnext;		/* hash chain */
	struct ext2_buf	*b_prev, *b_next;	/* LRU, most recent first */
};

struct ext2_bcache {
	struct ext2_buf	**c_hash;
	size_t		  c_hmask;
	size_t		  c_count;
	size_t		  c_max;
	struct ext2_buf	  c_lru;		/* list head */
	size_t		  c_ndirty;
};

/* A node held open by the caller: freed on last release if unlinked. */
struct ext2_held {
	uint32_t	 h_ino;
	uint32_t	 h_refs;
	struct ext2_held *h_next;
};

struct ext2_fs {
	struct ext2_bdev	 dev;
	struct ext2_bcache	 cache;
	struct ext2_dsuper	 sb;
	struct ext2_dgroup	*groups;
	uint32_t		 ngroups;
	uint32_t		 gdt_blocks;
	uint32_t		 bsize;
	uint32_t		 apb;		/* block pointers per block */
	uint32_t		 inode_size;
	uint32_t		 first_ino;
	uint32_t		 inodes_per_block;
	uint32_t		 itable_blocks;	/* per group */
	uint64_t		 maxbytes;
	unsigned int		 flags;		/* EXT2_MOUNT_* */
	int			 sb_dirty;
	int			 gd_dirty;
	int			 filetype;	/* FILETYPE feature */
	int			 was_clean;	/* VALID_FS at mount */
	const char		*note;
	struct ext2_held	*held;
};

/* An inode read into memory: the first 128 bytes, written back as such. */
struct ext2_inode {
	uint32_t		i_ino;
	struct ext2_dinode	i_d;
};

/* A directory entry's place, for removal and replacement. */
struct ext2_dirloc {
	uint32_t	l_lblk;		/* logical block in the directory */
	uint32_t	l_off;		/* entry offset */
	uint32_t	l_prev;		/* previous entry offset, or l_off */
	uint32_t	l_ino;
};

#define EXT2_ISDIR(m)	(((m) & EXT2_S_IFMT) == EXT2_S_IFDIR)
#define EXT2_ISREG(m)	(((m) & EXT2_S_IFMT) == EXT2_S_IFREG)
#define EXT2_ISLNK(m)	(((m) & EXT2_S_IFMT) == EXT2_S_IFLNK)

/* bcache.c */
int	ext2_bcache_init(struct ext2_fs *, size_t);
void	ext2_bcache_fini(struct ext2_fs *);
int	ext2_bread(struct ext2_fs *, uint32_t, struct ext2_buf **);
int	ext2_bget(struct ext2_fs *, uint32_t, struct ext2_buf **);
void	ext2_bdirty(struct ext2_fs *, struct ext2_buf *);
void	ext2_brelse(struct ext2_fs *, struct ext2_buf *);
void	ext2_bforget(struct ext2_fs *, uint32_t);
int	ext2_bcache_sync(struct ext2_fs *);
int	ext2_bread_direct(struct ext2_fs *, uint32_t, uint32_t, void *);
int	ext2_bwrite_direct(struct ext2_fs *, uint32_t, uint32_t,
	    const void *);

/* super.c */
int	ext2_super_load(struct ext2_fs *);
int	ext2_super_store(struct ext2_fs *);
int	ext2_block_valid(struct ext2_fs *, uint32_t);
int	ext2_block_is_meta(struct ext2_fs *, uint32_t);
int64_t	ext2_now(struct ext2_fs *);
void	ext2_group_dirty(struct ext2_fs *);

/* bitmap.c */
int	ext2_balloc(struct ext2_fs *, uint32_t, uint32_t *);
int	ext2_bfree(struct ext2_fs *, uint32_t);
int	ext2_ialloc(struct ext2_fs *, uint32_t, int, uint32_t *);
int	ext2_ifree(struct ext2_fs *, uint32_t, int);

/* inode.c */
int	ext2_iget(struct ext2_fs *, uint32_t, struct ext2_inode *);
int	ext2_iput(struct ext2_fs *, struct ext2_inode *);
int	ext2_iinit(struct ext2_fs *, struct ext2_inode *, uint32_t);
uint64_t ext2_isize(const struct ext2_inode *);
void	ext2_isetsize(struct ext2_fs *, struct ext2_inode *, uint64_t);
int	ext2_ihasdata(struct ext2_fs *, const struct ext2_inode *);
void	ext2_itouch(struct ext2_fs *, struct ext2_inode *, int);
int	ext2_islot(struct ext2_fs *, uint32_t, struct ext2_buf **, uint32_t *);
#define EXT2_TOUCH_A	1
#define EXT2_TOUCH_M	2
#define EXT2_TOUCH_C	4

/* bmap.c */
int	ext2_bmap(struct ext2_fs *, struct ext2_inode *, uint32_t, int,
	    uint32_t *);
int	ext2_itrunc(struct ext2_fs *, struct ext2_inode *, uint64_t);
int	ext2_iblocks_add(struct ext2_fs *, struct ext2_inode *, int);

/* file.c */
int	ext2_file_read(struct ext2_fs *, struct ext2_inode *, uint64_t,
	    void *, size_t, size_t *);
int	ext2_file_write(struct ext2_fs *, struct ext2_inode *, uint64_t,
	    const void *, size_t, size_t *);

/* dir.c */
int	ext2_dir_lookup(struct ext2_fs *, struct ext2_inode *, const char *,
	    size_t, struct ext2_dirloc *);
int	ext2_dir_add(struct ext2_fs *, struct ext2_inode *, const char *,
	    size_t, uint32_t, unsigned int);
int	ext2_dir_remove(struct ext2_fs *, struct ext2_inode *,
	    const struct ext2_dirloc *);
int	ext2_dir_retarget(struct ext2_fs *, struct ext2_inode *,
	    const struct ext2_dirloc *, uint32_t, unsigned int);
int	ext2_dir_empty(struct ext2_fs *, struct ext2_inode *);
int	ext2_dir_init(struct ext2_fs *, struct ext2_inode *, uint32_t);
int	ext2_dir_check_block(struct ext2_fs *, const uint8_t *);
int	ext2_dir_block(struct ext2_fs *, struct ext2_inode *, uint32_t,
	    struct ext2_buf **);
int	ext2_dir_insert(struct ext2_fs *, uint8_t *, const char *, size_t,
	    uint32_t, unsigned int);
int	ext2_dir_find_in_block(struct ext2_fs *, const uint8_t *,
	    const char *, size_t, struct ext2_dirloc *);
unsigned int ext2_dir_ftype(struct ext2_fs *, uint32_t);
void	ext2_dirent_get(const uint8_t *, struct ext2_ddirent *);
void	ext2_dirent_put(uint8_t *, const struct ext2_ddirent *);
size_t	ext2_dirent_namelen(struct ext2_fs *, const struct ext2_ddirent *);

/* htree.c */
uint32_t ext2_dx_hash(const char *, size_t, int, const uint32_t *);
int	ext2_dx_lookup(struct ext2_fs *, struct ext2_inode *, const char *,
	    size_t, struct ext2_dirloc *);
int	ext2_dx_add(struct ext2_fs *, struct ext2_inode *, const char *,
	    size_t, uint32_t, unsigned int);
int	ext2_dx_make(struct ext2_fs *, struct ext2_inode *);
int	ext2_dx_readdir(struct ext2_fs *, struct ext2_inode *, uint64_t *,
	    ext2_filldir_fn, void *);
#define EXT2_DX_COOKIE	((uint64_t)1 << 62)	/* hash-order cookies */
#define EXT2_DX_EOF	UINT64_MAX
#define EXT2_DX_FALLBACK	1	/* use the linear path instead */

/* xattr.c */
int	ext2_xattr_drop(struct ext2_fs *, struct ext2_inode *);

/* namei.c */
int	ext2_name_check(const char *, size_t *);
int	ext2_name_check_new(const char *, size_t *);
int	ext2_get_dir(struct ext2_fs *, uint32_t, struct ext2_inode *);
int	ext2_inode_drop(struct ext2_fs *, struct ext2_inode *);
int	ext2_inode_unref(struct ext2_fs *, struct ext2_inode *);
int	ext2_held(struct ext2_fs *, uint32_t);

#endif /* EXT2_INT_H */
