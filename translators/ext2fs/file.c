/*
 * file.c -- reading and writing file contents at any offset, through the
 * block map; holes read as zeros and are filled on write.  Runs of whole
 * blocks that lie together on disk move in one device transfer, past the
 * cache (which stays coherent); partial blocks go through the cache.
 * Called by ops.c (ext2_read, ext2_write) and namei.c (slow symlinks).
 */
#include <errno.h>
#include <string.h>

#include "ext2_int.h"

#define FILE_RUN_MAX	256		/* blocks per direct transfer */

/* Read part of one block (or a hole) through the cache. */
static int
read_block(struct ext2_fs *fs, uint32_t blk, uint32_t boff, uint8_t *p,
    uint32_t n)
{
	struct ext2_buf *b;
	int error;

	if (blk == 0) {
		memset(p, 0, n);
		return 0;
	}
	if ((error = ext2_bread(fs, blk, &b)) != 0)
		return error;
	memcpy(p, b->b_data + boff, n);
	ext2_brelse(fs, b);
	return 0;
}

/* How many of the max blocks from lblk follow blk on disk (at least 1). */
static int
read_run(struct ext2_fs *fs, struct ext2_inode *ip, uint32_t lblk,
    uint32_t blk, uint32_t max, uint32_t *np)
{
	uint32_t n, next;
	int error;

	for (n = 1; n < max; n++) {
		if ((error = ext2_bmap(fs, ip, lblk + n, 0, &next)) != 0)
			return error;
		if (next != blk + n)
			break;
	}
	*np = n;
	return 0;
}

/*
 * Read up to len bytes at off into buf; *done is what was read (short at
 * end of file).  Returns 0 or -EIO.
 */
int
ext2_file_read(struct ext2_fs *fs, struct ext2_inode *ip, uint64_t off,
    void *buf, size_t len, size_t *done)
{
	uint64_t size = ext2_isize(ip);
	uint32_t blk, boff, n, run;
	uint8_t *p = buf;
	int error = 0;

	*done = 0;
	if (off >= size)
		return 0;
	if (len > size - off)
		len = (size_t)(size - off);
	while (*done < len) {
		boff = (uint32_t)(off % fs->bsize);
		n = fs->bsize - boff;
		if (n > len - *done)
			n = (uint32_t)(len - *done);
		error = ext2_bmap(fs, ip, (uint32_t)(off / fs->bsize), 0, &blk);
		if (error != 0)
			break;
		run = (uint32_t)((len - *done) / fs->bsize);
		if (boff == 0 && blk != 0 && run > 1) {
			error = read_run(fs, ip, (uint32_t)(off / fs->bsize),
			    blk, run < FILE_RUN_MAX ? run : FILE_RUN_MAX, &run);
			if (error == 0)
				error = ext2_bread_direct(fs, blk, run, p);
			n = run * fs->bsize;
		} else
			error = read_block(fs, blk, boff, p, n);
		if (error != 0)
			break;
		p += n;
		off += n;
		*done += n;
	}
	return *done > 0 ? 0 : error;
}

/* Write part of one block: find or allocate it, then copy in. */
static int
write_block(struct ext2_fs *fs, struct ext2_inode *ip, uint64_t off,
    const uint8_t *p, uint32_t n, uint32_t *goal)
{
	uint32_t boff = (uint32_t)(off % fs->bsize), blk = *goal;
	struct ext2_buf *b;
	int error, isnew;

	isnew = ext2_bmap(fs, ip, (uint32_t)(off / fs->bsize), 1, &blk);
	if (isnew < 0)
		return isnew;
	if (ext2_block_is_meta(fs, blk))
		return -EIO;		/* a corrupt map: never overwrite */
	if (isnew || n == fs->bsize)
		error = ext2_bget(fs, blk, &b);
	else
		error = ext2_bread(fs, blk, &b);
	if (error != 0)
		return error;
	memcpy(b->b_data + boff, p, n);
	ext2_bdirty(fs, b);
	ext2_brelse(fs, b);
	*goal = blk + 1;
	return 0;
}

/*
 * Write up to max whole blocks from lblk, as many as end up together on
 * disk (allocating as needed), in one transfer; *np is how many.
 */
static int
write_run(struct ext2_fs *fs, struct ext2_inode *ip, uint32_t lblk,
    const uint8_t *p, uint32_t max, uint32_t *goal, uint32_t *np)
{
	uint32_t n, first = 0, blk;
	int error = 0;

	for (n = 0; n < max; n++) {
		blk = *goal;
		if ((error = ext2_bmap(fs, ip, lblk + n, 1, &blk)) < 0)
			break;
		if (ext2_block_is_meta(fs, blk)) {
			error = -EIO;	/* a corrupt map: never overwrite */
			break;
		}
		if (n == 0)
			first = blk;
		else if (blk != first + n)
			break;
		*goal = blk + 1;
	}
	if (n == 0)
		return error;
	*np = n;
	return ext2_bwrite_direct(fs, first, n, p);
}

/*
 * Write len bytes from buf at off, extending the file as needed; *done is
 * what was written (short on -ENOSPC).  ip is updated in memory; the caller
 * writes it.  Returns 0, -EFBIG, -ENOSPC or -EIO.
 */
int
ext2_file_write(struct ext2_fs *fs, struct ext2_inode *ip, uint64_t off,
    const void *buf, size_t len, size_t *done)
{
	const uint8_t *p = buf;
	uint32_t n, run, goal;
	int error = 0;

	*done = 0;
	if (off > fs->maxbytes || len > fs->maxbytes - off)
		return -EFBIG;
	goal = ip->i_d.i_block[0] != 0 ? ip->i_d.i_block[0] :
	    fs->groups[(ip->i_ino - 1) / fs->sb.s_inodes_per_group].
	    bg_inode_table;
	while (*done < len) {
		n = fs->bsize - (uint32_t)(off % fs->bsize);
		if (n > len - *done)
			n = (uint32_t)(len - *done);
		run = (uint32_t)((len - *done) / fs->bsize);
		if (run > FILE_RUN_MAX)
			run = FILE_RUN_MAX;
		if (n == fs->bsize && run > 1) {
			error = write_run(fs, ip, (uint32_t)(off / fs->bsize),
			    p, run, &goal, &run);
			n = run * fs->bsize;
		} else
			error = write_block(fs, ip, off, p, n, &goal);
		if (error != 0)
			break;
		p += n;
		off += n;
		*done += n;
		if (off > ext2_isize(ip))
			ext2_isetsize(fs, ip, off);
	}
	if (*done > 0)
		ext2_itouch(fs, ip, EXT2_TOUCH_M | EXT2_TOUCH_C);
	return *done > 0 ? 0 : error;
}
