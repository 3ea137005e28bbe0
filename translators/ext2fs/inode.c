/*
 * inode.c -- reading, checking and writing inodes in the inode tables, and
 * the small accessors every operation uses (size, timestamps).  Called by
 * ops.c, namei.c, dir.c, file.c and xattr.c.
 */
#include <errno.h>
#include <string.h>

#include "ext2_int.h"

/* Find inode ino's table block (pinned) and its offset inside it. */
int
ext2_islot(struct ext2_fs *fs, uint32_t ino, struct ext2_buf **bp,
    uint32_t *offp)
{
	uint32_t g, idx, blk;

	if (ino == 0 || ino > fs->sb.s_inodes_count)
		return -EIO;
	g = (ino - 1) / fs->sb.s_inodes_per_group;
	idx = (ino - 1) % fs->sb.s_inodes_per_group;
	blk = fs->groups[g].bg_inode_table + idx / fs->inodes_per_block;
	*offp = (idx % fs->inodes_per_block) * fs->inode_size;
	return ext2_bread(fs, blk, bp);
}

/*
 * Check what every later use of an inode trusts: a known file type, no
 * extents or inline data, block pointers in range, a sane size.
 */
static int
inode_check(struct ext2_fs *fs, const struct ext2_inode *ip)
{
	const struct ext2_dinode *d = &ip->i_d;
	uint64_t size = ext2_isize(ip);
	int i;

	switch (d->i_mode & EXT2_S_IFMT) {
	case EXT2_S_IFREG: case EXT2_S_IFDIR: case EXT2_S_IFLNK:
	case EXT2_S_IFCHR: case EXT2_S_IFBLK: case EXT2_S_IFIFO:
	case EXT2_S_IFSOCK:
		break;
	default:
		return -EIO;
	}
	if (d->i_flags & (EXT2_EXTENTS_FL | EXT2_INLINE_DATA_FL |
	    EXT2_HUGE_FILE_FL))
		return -EIO;
	if (size > fs->maxbytes)
		return -EIO;
	if (EXT2_ISDIR(d->i_mode) && (size % fs->bsize != 0 ||
	    size > ((uint64_t)1 << 31)))
		return -EIO;
	if (!ext2_ihasdata(fs, ip))
		return 0;
	for (i = 0; i < EXT2_N_BLOCKS; i++)
		if (d->i_block[i] != 0 && !ext2_block_valid(fs, d->i_block[i]))
			return -EIO;
	return 0;
}

/*
 * Read inode ino into *ip and check it.  An inode without links reads as
 * -ENOENT unless it is held.  Returns 0, -ENOENT or -EIO.
 */
int
ext2_iget(struct ext2_fs *fs, uint32_t ino, struct ext2_inode *ip)
{
	struct ext2_buf *b;
	uint32_t off;
	int error;

	if (ino != EXT2_ROOT_INO && ino < fs->first_ino)
		return -ENOENT;
	if ((error = ext2_islot(fs, ino, &b, &off)) != 0)
		return error;
	memcpy(&ip->i_d, b->b_data + off, sizeof(ip->i_d));
	ext2_brelse(fs, b);
	ip->i_ino = ino;
	/* No links: free, unless held open after its last unlink. */
	if (ip->i_d.i_links_count == 0 && !ext2_held(fs, ino))
		return -ENOENT;
	return inode_check(fs, ip);
}

/* Write *ip back to its table slot.  Returns 0, -EROFS or -EIO. */
int
ext2_iput(struct ext2_fs *fs, struct ext2_inode *ip)
{
	struct ext2_buf *b;
	uint32_t off;
	int error;

	if (fs->flags & EXT2_MOUNT_RDONLY)
		return -EROFS;
	if ((error = ext2_islot(fs, ip->i_ino, &b, &off)) != 0)
		return error;
	memcpy(b->b_data + off, &ip->i_d, sizeof(ip->i_d));
	ext2_bdirty(fs, b);
	ext2_brelse(fs, b);
	return 0;
}

/*
 * Start a freshly allocated inode: clear the whole slot, set mode and
 * times, and in large inodes the extra-space size the kernel expects.
 */
int
ext2_iinit(struct ext2_fs *fs, struct ext2_inode *ip, uint32_t ino)
{
	struct ext2_buf *b;
	uint32_t off, gen;
	uint16_t extra = EXT2_WANT_EXTRA_ISIZE;
	int error;

	if ((error = ext2_islot(fs, ino, &b, &off)) != 0)
		return error;
	memcpy(&gen, b->b_data + off + 100, sizeof(gen));
	memset(b->b_data + off, 0, fs->inode_size);
	if (fs->inode_size > EXT2_GOOD_OLD_INODE_SIZE) {
		if (fs->sb.s_want_extra_isize >= 4 &&
		    fs->sb.s_want_extra_isize <= fs->inode_size - 128 &&
		    (fs->sb.s_want_extra_isize & 3) == 0)
			extra = fs->sb.s_want_extra_isize;
		if (extra > fs->inode_size - 128)
			extra = 0;
		memcpy(b->b_data + off + EXT2_EXTRA_ISIZE_OFF, &extra, 2);
	}
	ext2_bdirty(fs, b);
	ext2_brelse(fs, b);
	memset(ip, 0, sizeof(*ip));
	ip->i_ino = ino;
	ip->i_d.i_generation = gen + 1;
	ext2_itouch(fs, ip, EXT2_TOUCH_A | EXT2_TOUCH_M | EXT2_TOUCH_C);
	return 0;
}

uint64_t
ext2_isize(const struct ext2_inode *ip)
{
	uint64_t size = ip->i_d.i_size;

	if (EXT2_ISREG(ip->i_d.i_mode))
		size |= (uint64_t)ip->i_d.i_size_high << 32;
	return size;
}

/* Set the size, raising the large_file feature for files over 2 GiB. */
void
ext2_isetsize(struct ext2_fs *fs, struct ext2_inode *ip, uint64_t size)
{
	ip->i_d.i_size = (uint32_t)size;
	if (EXT2_ISREG(ip->i_d.i_mode))
		ip->i_d.i_size_high = (uint32_t)(size >> 32);
	if (size >= ((uint64_t)1 << 31) && fs->sb.s_rev_level >= 1 &&
	    !(fs->sb.s_feature_ro_compat & EXT2_FEATURE_RO_COMPAT_LARGE_FILE)) {
		fs->sb.s_feature_ro_compat |= EXT2_FEATURE_RO_COMPAT_LARGE_FILE;
		fs->sb_dirty = 1;
	}
}

/* Does i_block hold block pointers (not a fast symlink or device)? */
int
ext2_ihasdata(struct ext2_fs *fs, const struct ext2_inode *ip)
{
	const struct ext2_dinode *d = &ip->i_d;
	uint32_t xblocks = d->i_file_acl != 0 ? fs->bsize / 512 : 0;

	switch (d->i_mode & EXT2_S_IFMT) {
	case EXT2_S_IFREG: case EXT2_S_IFDIR:
		return 1;
	case EXT2_S_IFLNK:
		return d->i_blocks > xblocks;
	default:
		return 0;
	}
}

void
ext2_itouch(struct ext2_fs *fs, struct ext2_inode *ip, int what)
{
	uint32_t now = (uint32_t)ext2_now(fs);

	if (what & EXT2_TOUCH_A)
		ip->i_d.i_atime = now;
	if (what & EXT2_TOUCH_M)
		ip->i_d.i_mtime = now;
	if (what & EXT2_TOUCH_C)
		ip->i_d.i_ctime = now;
}
