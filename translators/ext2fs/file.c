/*
 * file.c -- reading and writing file contents at any offset, through the
 * block map and the cache; holes read as zeros and are filled on write.
 * Called by ops.c (ext2_read, ext2_write) and namei.c (slow symlinks).
 */
#include <errno.h>
#include <string.h>

#include "ext2_int.h"

/*
 * Read up to len bytes at off into buf; *done is what was read (short at
 * end of file).  Returns 0 or -EIO.
 */
int
ext2_file_read(struct ext2_fs *fs, struct ext2_inode *ip, uint64_t off,
    void *buf, size_t len, size_t *done)
{
	uint64_t size = ext2_isize(ip);
	uint8_t *p = buf;
	uint32_t blk, boff, n;
	struct ext2_buf *b;
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
		if (blk == 0)
			memset(p, 0, n);
		else {
			if ((error = ext2_bread(fs, blk, &b)) != 0)
				break;
			memcpy(p, b->b_data + boff, n);
			ext2_brelse(fs, b);
		}
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
 * Write len bytes from buf at off, extending the file as needed; *done is
 * what was written (short on -ENOSPC).  ip is updated in memory; the caller
 * writes it.  Returns 0, -EFBIG, -ENOSPC or -EIO.
 */
int
ext2_file_write(struct ext2_fs *fs, struct ext2_inode *ip, uint64_t off,
    const void *buf, size_t len, size_t *done)
{
	const uint8_t *p = buf;
	uint32_t n, goal;
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
		if ((error = write_block(fs, ip, off, p, n, &goal)) != 0)
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
