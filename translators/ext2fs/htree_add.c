/*
 * htree_add.c -- indexed directories, the writing half: insertion that
 * splits full leaves, splits full index nodes and adds a second level, and
 * indexing a directory that outgrows its first block; the index stays
 * valid at every step.  Called by dir.c; EXT2_DX_FALLBACK (both levels
 * full) makes dir.c clear the index and go on linearly.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "htree.h"

#define DX_RETRIES	4
#define DX_AGAIN	2	/* room was made: probe again */

static void
dx_set_count(struct dx_frame *f, uint16_t count)
{
	f->count = count;
	memcpy(f->b->b_data + f->base + 2, &count, 2);
}

/* Append an empty block to the directory; pinned, zeroed. */
static int
dx_newblock(struct ext2_fs *fs, struct ext2_inode *ip, uint32_t *lblkp,
    struct ext2_buf **bp)
{
	uint32_t lblk = (uint32_t)(ext2_isize(ip) / fs->bsize);
	uint32_t blk = ip->i_d.i_block[0];
	int error;

	if (lblk >= 0x7fffffff / fs->bsize)
		return EXT2_DX_FALLBACK;
	if ((error = ext2_bmap(fs, ip, lblk, 1, &blk)) < 0)
		return error;
	if ((error = ext2_bget(fs, blk, bp)) != 0)
		return error;
	ext2_isetsize(fs, ip, ext2_isize(ip) + fs->bsize);
	*lblkp = lblk;
	return 0;
}

/* Insert index entry (hash, lblk) after entry f->at; f has room. */
static void
dx_insert_entry(struct ext2_fs *fs, struct dx_frame *f, uint32_t hash,
    uint32_t lblk)
{
	uint8_t *e = f->b->b_data + f->base + 8 * (f->at + 1);

	memmove(e + 8, e, 8 * (f->count - f->at - 1u));
	memcpy(e, &hash, 4);
	memcpy(e + 4, &lblk, 4);
	dx_set_count(f, f->count + 1);
	ext2_bdirty(fs, f->b);
}

/* The root is full and points at leaves: move its entries to a node. */
static int
dx_grow(struct ext2_fs *fs, struct ext2_inode *ip, struct dx_path *p)
{
	struct ext2_ddirent fake = { 0, (uint16_t)fs->bsize, 0, 0 };
	struct ext2_dx_countlimit cl;
	struct dx_frame *r = &p->f[0];
	struct ext2_buf *b;
	uint32_t lblk;
	int error;

	if ((error = dx_newblock(fs, ip, &lblk, &b)) != 0)
		return error;
	ext2_dirent_put(b->b_data, &fake);
	memcpy(b->b_data + DX_NODE_BASE, r->b->b_data + DX_ROOT_BASE,
	    8u * r->count);
	cl.limit = (uint16_t)((fs->bsize - DX_NODE_BASE) / 8);
	cl.count = r->count;
	memcpy(b->b_data + DX_NODE_BASE, &cl, sizeof(cl));
	ext2_bdirty(fs, b);
	ext2_brelse(fs, b);
	dx_set_count(r, 1);
	memcpy(r->b->b_data + DX_ROOT_BASE + 4, &lblk, 4);
	r->b->b_data[24 + 6] = 1;		/* indirect_levels */
	ext2_bdirty(fs, r->b);
	return 0;
}

/* The node is full, the root is not: move the node's upper half out. */
static int
dx_split_node(struct ext2_fs *fs, struct ext2_inode *ip, struct dx_path *p)
{
	struct ext2_ddirent fake = { 0, (uint16_t)fs->bsize, 0, 0 };
	struct dx_frame *n = &p->f[1];
	struct ext2_dx_countlimit cl;
	uint16_t half = n->count / 2;
	uint32_t lblk, hash = ext2_dx_hash_at(n, half);
	struct ext2_buf *b;
	int error;

	if ((error = dx_newblock(fs, ip, &lblk, &b)) != 0)
		return error;
	ext2_dirent_put(b->b_data, &fake);
	memcpy(b->b_data + DX_NODE_BASE, n->b->b_data + DX_NODE_BASE +
	    8 * half, 8u * (n->count - half));
	cl.limit = n->limit;
	cl.count = n->count - half;
	memcpy(b->b_data + DX_NODE_BASE, &cl, sizeof(cl));
	ext2_bdirty(fs, b);
	ext2_brelse(fs, b);
	dx_set_count(n, half);
	ext2_bdirty(fs, n->b);
	dx_insert_entry(fs, &p->f[0], hash, lblk);
	return 0;
}

/* Write entries map[0..n) of src into dst, packed, the last one padded. */
static void
dx_pack(struct ext2_fs *fs, uint8_t *dst, const uint8_t *src,
    const struct dx_map *map, int n)
{
	struct ext2_ddirent d;
	uint32_t off = 0;
	int i;

	memset(dst, 0, fs->bsize);
	for (i = 0; i < n; i++) {
		memcpy(dst + off, src + map[i].off, map[i].len);
		ext2_dirent_get(dst + off, &d);
		d.rec_len = (uint16_t)(i == n - 1 ? fs->bsize - off :
		    map[i].len);
		ext2_dirent_put(dst + off, &d);
		off += map[i].len;
	}
}

/*
 * Split the full leaf under the last frame in two by hash, the upper half
 * going to a new block entered in the index after the leaf.
 */
static int
dx_split_leaf(struct ext2_fs *fs, struct ext2_inode *ip, struct dx_path *p,
    struct ext2_buf *leaf)
{
	struct dx_frame *f = &p->f[p->levels];
	struct dx_map *map = NULL;
	uint8_t *copy = NULL;
	struct ext2_buf *b;
	uint32_t lblk, hash;
	int n, half, error = -ENOMEM;

	map = malloc(sizeof(*map) * (fs->bsize / 12 + 1));
	copy = malloc(fs->bsize);
	if (map == NULL || copy == NULL)
		goto out;
	memcpy(copy, leaf->b_data, fs->bsize);
	n = ext2_dx_map_leaf(fs, copy, p->hv, map);
	error = EXT2_DX_FALLBACK;
	if (n < 2)
		goto out;
	half = n / 2;
	hash = map[half].hash;
	if (hash == map[half - 1].hash)
		hash |= 1;	/* the collision chain goes on */
	if ((error = dx_newblock(fs, ip, &lblk, &b)) != 0)
		goto out;
	dx_pack(fs, b->b_data, copy, map + half, n - half);
	ext2_bdirty(fs, b);
	ext2_brelse(fs, b);
	dx_pack(fs, leaf->b_data, copy, map, half);
	ext2_bdirty(fs, leaf);
	dx_insert_entry(fs, f, hash, lblk);
out:
	free(map);
	free(copy);
	return error;
}

/* One attempt: insert into the leaf, or make room (then try again). */
static int
dx_try_add(struct ext2_fs *fs, struct ext2_inode *ip, struct dx_path *p,
    const char *name, size_t len, uint32_t ino, unsigned int ftype)
{
	struct dx_frame *f = &p->f[p->levels];
	struct ext2_buf *leaf;
	int error;

	error = ext2_dir_block(fs, ip, ext2_dx_block_at(f, f->at), &leaf);
	if (error != 0)
		return error;
	if (ext2_dir_insert(fs, leaf->b_data, name, len, ino, ftype)) {
		ext2_bdirty(fs, leaf);
		ext2_brelse(fs, leaf);
		return 0;
	}
	if (f->count < f->limit)
		error = dx_split_leaf(fs, ip, p, leaf);
	else if (p->levels == 0)
		error = dx_grow(fs, ip, p);
	else if (p->f[0].count < p->f[0].limit)
		error = dx_split_node(fs, ip, p);
	else
		error = EXT2_DX_FALLBACK;	/* both levels full */
	ext2_brelse(fs, leaf);
	return error == 0 ? DX_AGAIN : error;
}

/*
 * Add an entry to an indexed directory (the caller knows the name is new),
 * splitting blocks as needed.  ip changes in memory as the directory
 * grows.  0, FALLBACK (the index is left valid), -ENOSPC or -EIO.
 */
int
ext2_dx_add(struct ext2_fs *fs, struct ext2_inode *ip, const char *name,
    size_t len, uint32_t ino, unsigned int ftype)
{
	struct dx_path p;
	int error, tries;

	for (tries = 0; tries < DX_RETRIES; tries++) {
		error = ext2_dx_probe(fs, ip, name, len, &p);
		if (error == 0)
			error = dx_try_add(fs, ip, &p, name, len, ino, ftype);
		ext2_dx_release(fs, &p);
		if (error != DX_AGAIN)
			return error;
	}
	return EXT2_DX_FALLBACK;
}

/* Check that a block starts with "." then ".." at offset 12. */
static int
dx_dots(struct ext2_fs *fs, const uint8_t *d)
{
	struct ext2_ddirent dot, dotdot;

	ext2_dirent_get(d, &dot);
	ext2_dirent_get(d + 12, &dotdot);
	return dot.rec_len == 12 && ext2_dirent_namelen(fs, &dot) == 1 &&
	    d[8] == '.' && ext2_dirent_namelen(fs, &dotdot) == 2 &&
	    d[20] == '.' && d[21] == '.';
}

/* Rewrite block 0 as an index root pointing at leaf block 1. */
static void
dx_root_init(struct ext2_fs *fs, uint8_t *d, int hv)
{
	struct ext2_dx_root_info info = { 0, (uint8_t)hv, 8, 0, 0 };
	struct ext2_dx_countlimit cl;
	struct ext2_ddirent dotdot;
	uint32_t leaf = 1;

	ext2_dirent_get(d + 12, &dotdot);
	dotdot.rec_len = (uint16_t)(fs->bsize - 12);
	ext2_dirent_put(d + 12, &dotdot);
	memset(d + 24, 0, fs->bsize - 24);
	memcpy(d + 24, &info, sizeof(info));
	cl.limit = (uint16_t)((fs->bsize - DX_ROOT_BASE) / 8);
	cl.count = 1;
	memcpy(d + DX_ROOT_BASE, &cl, sizeof(cl));
	memcpy(d + DX_ROOT_BASE + 4, &leaf, 4);
}

/*
 * Index a full one-block directory: its entries but "." and ".." move to a
 * new leaf, and block 0 becomes the root.  0, FALLBACK or -E*.
 */
int
ext2_dx_make(struct ext2_fs *fs, struct ext2_inode *ip)
{
	int hv = fs->sb.s_def_hash_version, n, error = -ENOMEM;
	struct ext2_buf *root = NULL, *leaf;
	struct dx_map *map = NULL;
	uint8_t *copy = NULL;
	uint32_t lblk;

	if (!(fs->sb.s_feature_compat & EXT2_FEATURE_COMPAT_DIR_INDEX) ||
	    hv > EXT2_HASH_TEA)
		return EXT2_DX_FALLBACK;
	map = malloc(sizeof(*map) * (fs->bsize / 12 + 1));
	copy = malloc(fs->bsize);
	if (map == NULL || copy == NULL ||
	    (error = ext2_dir_block(fs, ip, 0, &root)) != 0)
		goto out;
	memcpy(copy, root->b_data, fs->bsize);
	error = EXT2_DX_FALLBACK;
	if (!dx_dots(fs, copy))
		goto out;
	/* Drop "." and ".." from the list: their offsets are 0 and 12. */
	memset(copy, 0, 4);
	memset(copy + 12, 0, 4);
	if (fs->sb.s_flags & EXT2_FLAGS_UNSIGNED_HASH)
		hv += EXT2_HASH_LEGACY_UNSIGNED;
	if ((n = ext2_dx_map_leaf(fs, copy, hv, map)) == 0)
		goto out;
	if ((error = dx_newblock(fs, ip, &lblk, &leaf)) != 0)
		goto out;
	dx_pack(fs, leaf->b_data, copy, map, n);
	ext2_bdirty(fs, leaf);
	ext2_brelse(fs, leaf);
	dx_root_init(fs, root->b_data, fs->sb.s_def_hash_version);
	ext2_bdirty(fs, root);
	ip->i_d.i_flags |= EXT2_INDEX_FL;
out:
	ext2_brelse(fs, root);
	free(map);
	free(copy);
	return error;
}
