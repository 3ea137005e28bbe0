/*
 * bitmap.c -- block and inode allocation through the on-disk bitmaps, with
 * the group and superblock free counts kept in step.  Called by bmap.c
 * (data and indirect blocks), xattr.c (attribute blocks) and namei.c
 * (inodes).  A bitmap that contradicts the metadata yields -EIO.
 */
#include <errno.h>
#include <string.h>

#include "ext2_int.h"

static uint32_t
group_nblocks(struct ext2_fs *fs, uint32_t g)
{
	uint32_t start = fs->sb.s_first_data_block +
	    g * fs->sb.s_blocks_per_group;
	uint32_t n = fs->sb.s_blocks_count - start;

	return n < fs->sb.s_blocks_per_group ? n : fs->sb.s_blocks_per_group;
}

/* The first clear bit in [from, n) of a bitmap, or n. */
static uint32_t
bitmap_find(const uint8_t *map, uint32_t from, uint32_t n)
{
	uint32_t i = from;

	while (i < n && (i & 7) != 0) {
		if (!(map[i >> 3] & (1u << (i & 7))))
			return i;
		i++;
	}
	while (i + 8 <= n && map[i >> 3] == 0xff)
		i += 8;
	for (; i < n; i++)
		if (!(map[i >> 3] & (1u << (i & 7))))
			return i;
	return n;
}

/* Take a free block in group g at or after bit from; -ENOSPC if none. */
static int
balloc_group(struct ext2_fs *fs, uint32_t g, uint32_t from, uint32_t *blkp)
{
	struct ext2_dgroup *d = &fs->groups[g];
	uint32_t n = group_nblocks(fs, g), i, blk;
	struct ext2_buf *b;
	int error;

	if (d->bg_free_blocks_count == 0)
		return -ENOSPC;
	if ((error = ext2_bread(fs, d->bg_block_bitmap, &b)) != 0)
		return error;
	for (i = bitmap_find(b->b_data, from, n); i < n;
	    i = bitmap_find(b->b_data, i + 1, n)) {
		blk = fs->sb.s_first_data_block +
		    g * fs->sb.s_blocks_per_group + i;
		if (!ext2_block_is_meta(fs, blk))
			break;
	}
	if (i >= n) {
		ext2_brelse(fs, b);
		return from == 0 ? -ENOSPC : balloc_group(fs, g, 0, blkp);
	}
	b->b_data[i >> 3] |= 1u << (i & 7);
	ext2_bdirty(fs, b);
	ext2_brelse(fs, b);
	d->bg_free_blocks_count--;
	fs->sb.s_free_blocks_count--;
	ext2_group_dirty(fs);
	*blkp = blk;
	return 0;
}

/*
 * Allocate one block, as near after goal as possible.  Keeps the reserved
 * blocks back.  Returns 0, -ENOSPC, -EROFS or -EIO.
 */
int
ext2_balloc(struct ext2_fs *fs, uint32_t goal, uint32_t *blkp)
{
	uint32_t g, i, from;
	int error;

	if (fs->flags & EXT2_MOUNT_RDONLY)
		return -EROFS;
	if (fs->sb.s_free_blocks_count <= fs->sb.s_r_blocks_count)
		return -ENOSPC;
	if (!ext2_block_valid(fs, goal))
		goal = fs->sb.s_first_data_block + 1;
	g = (goal - fs->sb.s_first_data_block) / fs->sb.s_blocks_per_group;
	from = (goal - fs->sb.s_first_data_block) % fs->sb.s_blocks_per_group;
	for (i = 0; i < fs->ngroups; i++) {
		error = balloc_group(fs, (g + i) % fs->ngroups,
		    i == 0 ? from : 0, blkp);
		if (error != -ENOSPC)
			return error;
	}
	return -ENOSPC;
}

/* Flip one bit in a bitmap block; -EIO if it already had the new value. */
static int
bitmap_clear(struct ext2_fs *fs, uint32_t mapblk, uint32_t bit)
{
	struct ext2_buf *b;
	int error;

	if ((error = ext2_bread(fs, mapblk, &b)) != 0)
		return error;
	if (!(b->b_data[bit >> 3] & (1u << (bit & 7)))) {
		ext2_brelse(fs, b);
		return -EIO;
	}
	b->b_data[bit >> 3] &= ~(1u << (bit & 7));
	ext2_bdirty(fs, b);
	ext2_brelse(fs, b);
	return 0;
}

/* Free block blk.  Returns 0 or -EIO (out of range, or already free). */
int
ext2_bfree(struct ext2_fs *fs, uint32_t blk)
{
	uint32_t g, bit;
	int error;

	if (ext2_block_is_meta(fs, blk))
		return -EIO;
	g = (blk - fs->sb.s_first_data_block) / fs->sb.s_blocks_per_group;
	bit = (blk - fs->sb.s_first_data_block) % fs->sb.s_blocks_per_group;
	if ((error = bitmap_clear(fs, fs->groups[g].bg_block_bitmap, bit)))
		return error;
	ext2_bforget(fs, blk);
	fs->groups[g].bg_free_blocks_count++;
	fs->sb.s_free_blocks_count++;
	ext2_group_dirty(fs);
	return 0;
}

static int
ialloc_group(struct ext2_fs *fs, uint32_t g, int isdir, uint32_t *inop)
{
	struct ext2_dgroup *d = &fs->groups[g];
	uint32_t ipg = fs->sb.s_inodes_per_group, i, from = 0;
	struct ext2_buf *b;
	int error;

	if (d->bg_free_inodes_count == 0)
		return -ENOSPC;
	if ((error = ext2_bread(fs, d->bg_inode_bitmap, &b)) != 0)
		return error;
	if (g == 0)
		from = fs->first_ino - 1;
	i = bitmap_find(b->b_data, from, ipg);
	if (i >= ipg) {
		ext2_brelse(fs, b);
		return -EIO;		/* the count said otherwise */
	}
	b->b_data[i >> 3] |= 1u << (i & 7);
	ext2_bdirty(fs, b);
	ext2_brelse(fs, b);
	d->bg_free_inodes_count--;
	if (isdir)
		d->bg_used_dirs_count++;
	fs->sb.s_free_inodes_count--;
	ext2_group_dirty(fs);
	*inop = g * ipg + i + 1;
	return 0;
}

/*
 * Allocate an inode: files near their parent, directories in the group
 * with the most free inodes, to spread them.  Returns 0, -ENOSPC, -EIO.
 */
int
ext2_ialloc(struct ext2_fs *fs, uint32_t parent, int isdir, uint32_t *inop)
{
	uint32_t g, i, best = 0;
	int error;

	if (fs->flags & EXT2_MOUNT_RDONLY)
		return -EROFS;
	if (fs->sb.s_free_inodes_count == 0)
		return -ENOSPC;
	g = (parent - 1) / fs->sb.s_inodes_per_group;
	if (isdir) {
		for (i = 0; i < fs->ngroups; i++)
			if (fs->groups[i].bg_free_inodes_count >
			    fs->groups[best].bg_free_inodes_count)
				best = i;
		g = best;
	}
	for (i = 0; i < fs->ngroups; i++) {
		error = ialloc_group(fs, (g + i) % fs->ngroups, isdir, inop);
		if (error != -ENOSPC)
			return error;
	}
	return -ENOSPC;
}

/* Free inode ino (its blocks are already gone).  Returns 0 or -EIO. */
int
ext2_ifree(struct ext2_fs *fs, uint32_t ino, int isdir)
{
	uint32_t g, bit;
	int error;

	if (ino < fs->first_ino || ino > fs->sb.s_inodes_count)
		return -EIO;
	g = (ino - 1) / fs->sb.s_inodes_per_group;
	bit = (ino - 1) % fs->sb.s_inodes_per_group;
	if ((error = bitmap_clear(fs, fs->groups[g].bg_inode_bitmap, bit)))
		return error;
	fs->groups[g].bg_free_inodes_count++;
	if (isdir && fs->groups[g].bg_used_dirs_count > 0)
		fs->groups[g].bg_used_dirs_count--;
	fs->sb.s_free_inodes_count++;
	ext2_group_dirty(fs);
	return 0;
}
