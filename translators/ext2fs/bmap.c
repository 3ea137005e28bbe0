/*
 * bmap.c -- the block map of an inode: logical to physical block through
 * the direct, indirect, double- and triple-indirect pointers, allocating on
 * demand, and truncation that frees whole or partial subtrees.  Called by
 * file.c, dir.c and namei.c.  Every pointer read from disk is range-checked.
 */
#include <errno.h>
#include <string.h>

#include "ext2_int.h"

/* Add n blocks (may be negative) to i_blocks, in 512-byte units. */
int
ext2_iblocks_add(struct ext2_fs *fs, struct ext2_inode *ip, int n)
{
	int64_t v = (int64_t)ip->i_d.i_blocks + (int64_t)n * (fs->bsize / 512);

	if (v < 0 || v > UINT32_MAX)
		return -EFBIG;
	ip->i_d.i_blocks = (uint32_t)v;
	return 0;
}

/* Split lblk into the pointer indexes at each level; returns the depth. */
static int
bmap_path(struct ext2_fs *fs, uint64_t lblk, uint32_t off[4])
{
	uint64_t apb = fs->apb;

	if (lblk < EXT2_NDIR_BLOCKS) {
		off[0] = (uint32_t)lblk;
		return 1;
	}
	lblk -= EXT2_NDIR_BLOCKS;
	if (lblk < apb) {
		off[0] = EXT2_IND_BLOCK;
		off[1] = (uint32_t)lblk;
		return 2;
	}
	lblk -= apb;
	if (lblk < apb * apb) {
		off[0] = EXT2_DIND_BLOCK;
		off[1] = (uint32_t)(lblk / apb);
		off[2] = (uint32_t)(lblk % apb);
		return 3;
	}
	lblk -= apb * apb;
	if (lblk >= apb * apb * apb)
		return -EFBIG;
	off[0] = EXT2_TIND_BLOCK;
	off[1] = (uint32_t)(lblk / (apb * apb));
	off[2] = (uint32_t)(lblk / apb % apb);
	off[3] = (uint32_t)(lblk % apb);
	return 4;
}

/* Allocate a block for the map near *goal; zero it if it is an index. */
static int
bmap_new(struct ext2_fs *fs, struct ext2_inode *ip, int index,
    uint32_t *goal, uint32_t *blkp)
{
	struct ext2_buf *b;
	int error;

	if ((error = ext2_iblocks_add(fs, ip, 1)) != 0)
		return error;
	if ((error = ext2_balloc(fs, *goal, blkp)) != 0) {
		ext2_iblocks_add(fs, ip, -1);
		return error;
	}
	*goal = *blkp + 1;
	if (index) {
		if ((error = ext2_bget(fs, *blkp, &b)) != 0)
			return error;
		ext2_bdirty(fs, b);
		ext2_brelse(fs, b);
	}
	return 0;
}

/*
 * Map logical block lblk of ip to *pblk (0 for a hole).  With alloc, holes
 * are filled: *pblk holds a goal on entry, and the result is 1 when the data
 * block is new (its contents are garbage).  ip is changed in memory only.
 * Returns 0, 1, -EFBIG, -ENOSPC or -EIO.
 */
int
ext2_bmap(struct ext2_fs *fs, struct ext2_inode *ip, uint32_t lblk,
    int alloc, uint32_t *pblk)
{
	uint32_t off[4], blk, goal = alloc ? *pblk : 0;
	struct ext2_buf *b;
	int depth, i, error, isnew = 0;

	if ((depth = bmap_path(fs, lblk, off)) < 0)
		return depth;
	blk = ip->i_d.i_block[off[0]];
	if (blk == 0 && alloc) {
		if ((error = bmap_new(fs, ip, depth > 1, &goal, &blk)) != 0)
			return error;
		ip->i_d.i_block[off[0]] = blk;
		isnew = 1;
	}
	for (i = 1; i < depth && blk != 0; i++) {
		if (!ext2_block_valid(fs, blk) ||
		    (alloc && ext2_block_is_meta(fs, blk)))
			return -EIO;
		if ((error = ext2_bread(fs, blk, &b)) != 0)
			return error;
		memcpy(&blk, b->b_data + 4 * off[i], 4);
		isnew = 0;
		if (blk == 0 && alloc) {
			error = bmap_new(fs, ip, i < depth - 1, &goal, &blk);
			if (error != 0) {
				ext2_brelse(fs, b);
				return error;
			}
			memcpy(b->b_data + 4 * off[i], &blk, 4);
			ext2_bdirty(fs, b);
			isnew = 1;
		}
		ext2_brelse(fs, b);
	}
	if (blk != 0 && !ext2_block_valid(fs, blk))
		return -EIO;
	*pblk = blk;
	return isnew;
}

/* Free an index block and everything below it; stop at the first error. */
static int
trunc_tree(struct ext2_fs *fs, struct ext2_inode *ip, uint32_t blk,
    int level)
{
	struct ext2_buf *b;
	uint32_t i, child;
	int error = 0;

	if (!ext2_block_valid(fs, blk))
		return -EIO;
	if (level > 0) {
		if ((error = ext2_bread(fs, blk, &b)) != 0)
			return error;
		for (i = 0; i < fs->apb && error == 0; i++) {
			memcpy(&child, b->b_data + 4 * i, 4);
			if (child != 0)
				error = trunc_tree(fs, ip, child, level - 1);
		}
		ext2_brelse(fs, b);
		if (error != 0)
			return error;
	}
	if ((error = ext2_bfree(fs, blk)) != 0)
		return error;
	return ext2_iblocks_add(fs, ip, -1);
}

/*
 * Free, below the index block in *slot (covering logical blocks from base,
 * at the given level), every block at or after logical block first.
 */
static int
trunc_slot(struct ext2_fs *fs, struct ext2_inode *ip, uint32_t *slot,
    int level, uint64_t base, uint64_t first)
{
	uint64_t span = 1, cspan;
	struct ext2_buf *b;
	uint32_t i, child;
	int error = 0, l;

	for (l = 0; l < level; l++)
		span *= fs->apb;
	if (*slot == 0 || first >= base + span)
		return 0;
	if (first <= base) {
		if ((error = trunc_tree(fs, ip, *slot, level)) == 0)
			*slot = 0;
		return error;
	}
	if (!ext2_block_valid(fs, *slot))
		return -EIO;
	if ((error = ext2_bread(fs, *slot, &b)) != 0)
		return error;
	cspan = span / fs->apb;
	for (i = 0; i < fs->apb && error == 0; i++) {
		if (base + (i + 1) * cspan <= first)
			continue;
		memcpy(&child, b->b_data + 4 * i, 4);
		error = trunc_slot(fs, ip, &child, level - 1, base + i * cspan,
		    first);
		memcpy(b->b_data + 4 * i, &child, 4);
		ext2_bdirty(fs, b);
	}
	ext2_brelse(fs, b);
	return error;
}

/* Zero the bytes of the last block past size, for a later extension. */
static int
trunc_tail(struct ext2_fs *fs, struct ext2_inode *ip, uint64_t size)
{
	uint32_t blk, part = (uint32_t)(size % fs->bsize);
	struct ext2_buf *b;
	int error;

	if (part == 0)
		return 0;
	if ((error = ext2_bmap(fs, ip, (uint32_t)(size / fs->bsize), 0, &blk)))
		return error;
	if (blk == 0)
		return 0;
	if ((error = ext2_bread(fs, blk, &b)) != 0)
		return error;
	memset(b->b_data + part, 0, fs->bsize - part);
	ext2_bdirty(fs, b);
	ext2_brelse(fs, b);
	return 0;
}

/*
 * Cut ip's data to size bytes, freeing blocks past it, and set the size.
 * ip is changed in memory; the caller writes it.  Returns 0 or -EIO.
 */
int
ext2_itrunc(struct ext2_fs *fs, struct ext2_inode *ip, uint64_t size)
{
	uint64_t first = (size + fs->bsize - 1) / fs->bsize, base, span;
	uint32_t *blocks = ip->i_d.i_block;
	int error = 0, i, level;

	if (!ext2_ihasdata(fs, ip)) {
		ext2_isetsize(fs, ip, size);
		return 0;
	}
	for (i = (int)(first < EXT2_NDIR_BLOCKS ? first : EXT2_NDIR_BLOCKS);
	    i < EXT2_NDIR_BLOCKS && error == 0; i++)
		if (blocks[i] != 0 && (error = trunc_tree(fs, ip, blocks[i],
		    0)) == 0)
			blocks[i] = 0;
	base = EXT2_NDIR_BLOCKS;
	span = fs->apb;
	for (level = 1; level <= 3 && error == 0; level++) {
		error = trunc_slot(fs, ip, &blocks[EXT2_NDIR_BLOCKS + level -
		    1], level, base, first);
		base += span;
		span *= fs->apb;
	}
	if (error == 0 && size < ext2_isize(ip))
		error = trunc_tail(fs, ip, size);
	if (error == 0)
		ext2_isetsize(fs, ip, size);
	return error;
}
