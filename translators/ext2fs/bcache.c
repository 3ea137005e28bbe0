/*
 * bcache.c -- the engine's write-back block cache: a hash of fixed-size
 * blocks with an LRU list, bounded in count, written back on eviction and on
 * ext2_bcache_sync.  Every other engine file reads and writes disk through
 * ext2_bread/ext2_bget/ext2_bdirty/ext2_brelse; only this file calls the
 * block device.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ext2_int.h"

static size_t
bcache_slot(struct ext2_bcache *c, uint32_t blk)
{
	return (blk * 2654435761u) & c->c_hmask;
}

static void
lru_unlink(struct ext2_buf *b)
{
	b->b_prev->b_next = b->b_next;
	b->b_next->b_prev = b->b_prev;
}

static void
lru_front(struct ext2_bcache *c, struct ext2_buf *b)
{
	b->b_next = c->c_lru.b_next;
	b->b_prev = &c->c_lru;
	c->c_lru.b_next->b_prev = b;
	c->c_lru.b_next = b;
}

int
ext2_bcache_init(struct ext2_fs *fs, size_t max)
{
	struct ext2_bcache *c = &fs->cache;
	size_t n;

	if (max < 16)
		max = 16;
	for (n = 64; n < max; n <<= 1)
		;
	c->c_hash = calloc(n, sizeof(*c->c_hash));
	if (c->c_hash == NULL)
		return -ENOMEM;
	c->c_hmask = n - 1;
	c->c_count = 0;
	c->c_max = max;
	c->c_ndirty = 0;
	c->c_lru.b_next = c->c_lru.b_prev = &c->c_lru;
	return 0;
}

static struct ext2_buf *
bcache_find(struct ext2_bcache *c, uint32_t blk)
{
	struct ext2_buf *b;

	for (b = c->c_hash[bcache_slot(c, blk)]; b != NULL; b = b->b_hnext)
		if (b->b_blk == blk)
			return b;
	return NULL;
}

static void
bcache_unhash(struct ext2_bcache *c, struct ext2_buf *b)
{
	struct ext2_buf **pp;

	for (pp = &c->c_hash[bcache_slot(c, b->b_blk)]; *pp != b;
	    pp = &(*pp)->b_hnext)
		;
	*pp = b->b_hnext;
}

static int
bcache_write(struct ext2_fs *fs, struct ext2_buf *b)
{
	int error;

	error = fs->dev.write(fs->dev.ctx, (uint64_t)b->b_blk * fs->bsize,
	    b->b_data, fs->bsize);
	if (error == 0) {
		b->b_dirty = 0;
		fs->cache.c_ndirty--;
	}
	return error;
}

/*
 * Find a buffer to hold a new block: a fresh one while under the bound,
 * else the least recently used unpinned one, written back first if dirty.
 */
static int
bcache_victim(struct ext2_fs *fs, struct ext2_buf **bp)
{
	struct ext2_bcache *c = &fs->cache;
	struct ext2_buf *b;
	int error;

	if (c->c_count < c->c_max) {
		b = calloc(1, sizeof(*b));
		if (b != NULL && (b->b_data = malloc(fs->bsize)) != NULL) {
			c->c_count++;
			*bp = b;
			return 0;
		}
		free(b);
	}
	for (b = c->c_lru.b_prev; b != &c->c_lru; b = b->b_prev)
		if (b->b_refs == 0)
			break;
	if (b == &c->c_lru)
		return -ENOMEM;
	if (b->b_dirty && (error = bcache_write(fs, b)) != 0)
		return error;
	lru_unlink(b);
	bcache_unhash(c, b);
	*bp = b;
	return 0;
}

/* Pin block blk; fill it from disk if doread, else zero it when new. */
static int
bcache_get(struct ext2_fs *fs, uint32_t blk, int doread, struct ext2_buf **bp)
{
	struct ext2_bcache *c = &fs->cache;
	struct ext2_buf *b;
	int error;

	if (blk >= fs->sb.s_blocks_count)
		return -EIO;
	if ((b = bcache_find(c, blk)) != NULL) {
		lru_unlink(b);
		if (!doread)
			memset(b->b_data, 0, fs->bsize);
		goto found;
	}
	if ((error = bcache_victim(fs, &b)) != 0)
		return error;
	if (doread) {
		error = fs->dev.read(fs->dev.ctx, (uint64_t)blk * fs->bsize,
		    b->b_data, fs->bsize);
		if (error != 0) {
			free(b->b_data);
			free(b);
			c->c_count--;
			return error;
		}
	} else
		memset(b->b_data, 0, fs->bsize);
	b->b_blk = blk;
	b->b_dirty = 0;
	b->b_refs = 0;
	b->b_hnext = c->c_hash[bcache_slot(c, blk)];
	c->c_hash[bcache_slot(c, blk)] = b;
found:
	lru_front(c, b);
	b->b_refs++;
	*bp = b;
	return 0;
}

/* Read block blk and pin it.  Returns 0, -EIO or -ENOMEM. */
int
ext2_bread(struct ext2_fs *fs, uint32_t blk, struct ext2_buf **bp)
{
	return bcache_get(fs, blk, 1, bp);
}

/* Pin block blk zero-filled, without reading it: for new blocks. */
int
ext2_bget(struct ext2_fs *fs, uint32_t blk, struct ext2_buf **bp)
{
	return bcache_get(fs, blk, 0, bp);
}

void
ext2_bdirty(struct ext2_fs *fs, struct ext2_buf *b)
{
	if (!b->b_dirty) {
		b->b_dirty = 1;
		fs->cache.c_ndirty++;
	}
}

void
ext2_brelse(struct ext2_fs *fs, struct ext2_buf *b)
{
	(void)fs;
	if (b != NULL && b->b_refs > 0)
		b->b_refs--;
}

/* Block blk was freed: its contents need never reach the disk. */
void
ext2_bforget(struct ext2_fs *fs, uint32_t blk)
{
	struct ext2_buf *b;

	b = bcache_find(&fs->cache, blk);
	if (b != NULL && b->b_dirty && b->b_refs == 0) {
		b->b_dirty = 0;
		fs->cache.c_ndirty--;
	}
}

/*
 * Read n blocks from blk straight into buf, bypassing the cache; blocks
 * the cache holds are taken from it, so the result is always current.
 */
int
ext2_bread_direct(struct ext2_fs *fs, uint32_t blk, uint32_t n, void *buf)
{
	struct ext2_buf *b;
	uint32_t i;
	int error;

	if (blk >= fs->sb.s_blocks_count || n > fs->sb.s_blocks_count - blk)
		return -EIO;
	error = fs->dev.read(fs->dev.ctx, (uint64_t)blk * fs->bsize, buf,
	    (size_t)n * fs->bsize);
	for (i = 0; i < n && error == 0; i++)
		if ((b = bcache_find(&fs->cache, blk + i)) != NULL)
			memcpy((uint8_t *)buf + (size_t)i * fs->bsize,
			    b->b_data, fs->bsize);
	return error;
}

/*
 * Write n whole blocks from buf straight to the device; cached copies are
 * updated and marked clean, so the cache stays coherent.
 */
int
ext2_bwrite_direct(struct ext2_fs *fs, uint32_t blk, uint32_t n,
    const void *buf)
{
	struct ext2_buf *b;
	uint32_t i;
	int error;

	if (blk >= fs->sb.s_blocks_count || n > fs->sb.s_blocks_count - blk)
		return -EIO;
	error = fs->dev.write(fs->dev.ctx, (uint64_t)blk * fs->bsize, buf,
	    (size_t)n * fs->bsize);
	for (i = 0; i < n && error == 0; i++) {
		if ((b = bcache_find(&fs->cache, blk + i)) == NULL)
			continue;
		memcpy(b->b_data, (const uint8_t *)buf + (size_t)i * fs->bsize,
		    fs->bsize);
		if (b->b_dirty) {
			b->b_dirty = 0;
			fs->cache.c_ndirty--;
		}
	}
	return error;
}

static int
blk_cmp(const void *a, const void *b)
{
	uint32_t x = (*(struct ext2_buf *const *)a)->b_blk;
	uint32_t y = (*(struct ext2_buf *const *)b)->b_blk;

	return x < y ? -1 : x > y;
}

/* Write every dirty block, in block order, then flush the device. */
int
ext2_bcache_sync(struct ext2_fs *fs)
{
	struct ext2_bcache *c = &fs->cache;
	struct ext2_buf **v, *b;
	size_t n = 0, i;
	int error = 0;

	if (c->c_ndirty == 0)
		return fs->dev.flush != NULL ? fs->dev.flush(fs->dev.ctx) : 0;
	v = malloc(c->c_ndirty * sizeof(*v));
	if (v == NULL)
		return -ENOMEM;
	for (b = c->c_lru.b_next; b != &c->c_lru; b = b->b_next)
		if (b->b_dirty && n < c->c_ndirty)
			v[n++] = b;
	qsort(v, n, sizeof(*v), blk_cmp);
	for (i = 0; i < n && error == 0; i++)
		error = bcache_write(fs, v[i]);
	free(v);
	if (error == 0 && fs->dev.flush != NULL)
		error = fs->dev.flush(fs->dev.ctx);
	return error;
}

/* Free every buffer; dirty contents are lost (call sync first). */
void
ext2_bcache_fini(struct ext2_fs *fs)
{
	struct ext2_bcache *c = &fs->cache;
	struct ext2_buf *b, *next;

	if (c->c_hash == NULL)
		return;
	for (b = c->c_lru.b_next; b != &c->c_lru; b = next) {
		next = b->b_next;
		free(b->b_data);
		free(b);
	}
	free(c->c_hash);
	c->c_hash = NULL;
}
