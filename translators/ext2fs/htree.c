/*
 * htree.c -- indexed directories (dir_index), the reading half: checking
 * the index, walking from the root to a leaf, lookup through the hash, and
 * readdir in hash order.  Called by dir.c for directories with
 * EXT2_INDEX_FL; a damaged or unsupported index returns EXT2_DX_FALLBACK
 * and dir.c treats the directory as linear, which is always correct.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "htree.h"

uint32_t
ext2_dx_hash_at(const struct dx_frame *f, unsigned int i)
{
	uint32_t h = 0;

	if (i > 0)
		memcpy(&h, f->b->b_data + f->base + 8 * i, 4);
	return h;
}

uint32_t
ext2_dx_block_at(const struct dx_frame *f, unsigned int i)
{
	uint32_t blk;

	memcpy(&blk, f->b->b_data + f->base + 8 * i + 4, 4);
	return blk;
}

void
ext2_dx_release(struct ext2_fs *fs, struct dx_path *p)
{
	ext2_brelse(fs, p->f[0].b);
	ext2_brelse(fs, p->f[1].b);
	p->f[0].b = p->f[1].b = NULL;
}

/*
 * Check an index block's count, limit, hash order and block numbers, and
 * choose the entry for *hash (the first if hash is NULL).
 * EXT2_DX_FALLBACK if anything is wrong.
 */
static int
dx_frame_check(struct ext2_fs *fs, struct ext2_inode *ip, struct dx_frame *f,
    const uint32_t *hash)
{
	uint32_t nblocks = (uint32_t)(ext2_isize(ip) / fs->bsize), i, blk;
	struct ext2_dx_countlimit cl;

	memcpy(&cl, f->b->b_data + f->base, sizeof(cl));
	if (cl.limit != (fs->bsize - f->base) / 8 || cl.count == 0 ||
	    cl.count > cl.limit)
		return EXT2_DX_FALLBACK;
	f->count = cl.count;
	f->limit = cl.limit;
	f->at = 0;
	for (i = 0; i < f->count; i++) {
		blk = ext2_dx_block_at(f, i);
		if (blk == 0 || blk >= nblocks || (i > 1 &&
		    ext2_dx_hash_at(f, i) < ext2_dx_hash_at(f, i - 1)))
			return EXT2_DX_FALLBACK;
		if (i > 0 && hash != NULL && ext2_dx_hash_at(f, i) <= *hash)
			f->at = (uint16_t)i;
	}
	return 0;
}

/* Read and check the root: ".", "..", the info block. */
static int
dx_root(struct ext2_fs *fs, struct ext2_inode *ip, struct dx_path *p)
{
	struct ext2_dx_root_info info;
	struct ext2_ddirent dot, dotdot;
	uint8_t *d;
	int error;

	if ((error = ext2_dir_block(fs, ip, 0, &p->f[0].b)) != 0)
		return error;
	d = p->f[0].b->b_data;
	ext2_dirent_get(d, &dot);
	ext2_dirent_get(d + 12, &dotdot);
	memcpy(&info, d + 24, sizeof(info));
	if (dot.rec_len != 12 || dotdot.rec_len != fs->bsize - 12 ||
	    info.reserved_zero != 0 || info.info_length != 8 ||
	    info.hash_version > EXT2_HASH_TEA || info.indirect_levels > 1)
		return EXT2_DX_FALLBACK;
	p->levels = info.indirect_levels;
	p->hv = info.hash_version;
	if (fs->sb.s_flags & EXT2_FLAGS_UNSIGNED_HASH)
		p->hv += EXT2_HASH_LEGACY_UNSIGNED;
	p->f[0].lblk = 0;
	p->f[0].base = DX_ROOT_BASE;
	return 0;
}

/* Read the root: the start of every walk.  0, FALLBACK or -E*. */
static int
dx_open(struct ext2_fs *fs, struct ext2_inode *ip, struct dx_path *p)
{
	memset(p, 0, sizeof(*p));
	if (!(fs->sb.s_feature_compat & EXT2_FEATURE_COMPAT_DIR_INDEX))
		return EXT2_DX_FALLBACK;
	return dx_root(fs, ip, p);
}

/* Read and check the node under the root's chosen entry. */
static int
dx_node(struct ext2_fs *fs, struct ext2_inode *ip, struct dx_path *p,
    const uint32_t *hash)
{
	struct dx_frame *f = &p->f[1];
	struct ext2_ddirent fake;
	unsigned int i;
	int error;

	ext2_brelse(fs, f->b);
	f->b = NULL;
	f->lblk = ext2_dx_block_at(&p->f[0], p->f[0].at);
	f->base = DX_NODE_BASE;
	if ((error = ext2_dir_block(fs, ip, f->lblk, &f->b)) != 0)
		return error;
	ext2_dirent_get(f->b->b_data, &fake);
	if (fake.inode != 0 || fake.rec_len != fs->bsize)
		return EXT2_DX_FALLBACK;
	if ((error = dx_frame_check(fs, ip, f, hash)) != 0)
		return error;
	/* A leaf that is an index node would be written over: refuse. */
	for (i = 0; i < p->f[0].count; i++)
		if (ext2_dx_block_at(&p->f[0], i) == ext2_dx_block_at(f, f->at))
			return EXT2_DX_FALLBACK;
	return 0;
}

/* From the root, choose the entries down to the leaf for hash. */
static int
dx_descend(struct ext2_fs *fs, struct ext2_inode *ip, struct dx_path *p,
    uint32_t hash)
{
	int error;

	p->hash = hash;
	if ((error = dx_frame_check(fs, ip, &p->f[0], &hash)) != 0 ||
	    p->levels == 0)
		return error;
	return dx_node(fs, ip, p, &hash);
}

/* Walk from the root to the leaf for name.  0, FALLBACK or -E*. */
int
ext2_dx_probe(struct ext2_fs *fs, struct ext2_inode *ip, const char *name,
    size_t len, struct dx_path *p)
{
	int error;

	if ((error = dx_open(fs, ip, p)) != 0)
		return error;
	return dx_descend(fs, ip, p, ext2_dx_hash(name, len, p->hv,
	    fs->sb.s_hash_seed));
}

/*
 * Look name up through the index, following hash-collision chains within
 * the last index block.  0 with *loc, -ENOENT, FALLBACK or -EIO.
 */
int
ext2_dx_lookup(struct ext2_fs *fs, struct ext2_inode *ip, const char *name,
    size_t len, struct ext2_dirloc *loc)
{
	struct dx_path p;
	struct dx_frame *f;
	struct ext2_buf *b;
	int error, found;

	/* "." and ".." live in the root block, outside the index. */
	if (name[0] == '.' && (len == 1 || (len == 2 && name[1] == '.')))
		return EXT2_DX_FALLBACK;
	if ((error = ext2_dx_probe(fs, ip, name, len, &p)) != 0)
		goto out;
	f = &p.f[p.levels];
	for (;;) {
		loc->l_lblk = ext2_dx_block_at(f, f->at);
		if ((error = ext2_dir_block(fs, ip, loc->l_lblk, &b)) != 0)
			break;
		found = ext2_dir_find_in_block(fs, b->b_data, name, len, loc);
		ext2_brelse(fs, b);
		error = found ? 0 : -ENOENT;
		if (found || f->at + 1 >= f->count ||
		    (ext2_dx_hash_at(f, f->at + 1) & ~1u) != p.hash)
			break;
		f->at++;
	}
	/* A collision chain that crosses index nodes: search linearly. */
	if (error == -ENOENT && p.levels > 0 && f->at + 1 >= f->count &&
	    p.f[0].at + 1 < p.f[0].count &&
	    (ext2_dx_hash_at(&p.f[0], p.f[0].at + 1) & ~1u) == p.hash)
		error = EXT2_DX_FALLBACK;
out:
	ext2_dx_release(fs, &p);
	return error;
}

static int
dx_map_cmp(const void *a, const void *b)
{
	const struct dx_map *x = a, *y = b;

	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return x->off < y->off ? -1 : x->off > y->off;
}

/* List a leaf's live entries with their hashes, sorted by hash. */
int
ext2_dx_map_leaf(struct ext2_fs *fs, const uint8_t *data, int hv,
    struct dx_map *map)
{
	struct ext2_ddirent d;
	uint32_t off;
	size_t nlen;
	int n = 0;

	for (off = 0; off < fs->bsize; off += d.rec_len) {
		ext2_dirent_get(data + off, &d);
		if (d.inode == 0)
			continue;
		nlen = ext2_dirent_namelen(fs, &d);
		map[n].hash = ext2_dx_hash((const char *)data + off +
		    EXT2_DIRENT_HDR, nlen, hv, fs->sb.s_hash_seed);
		map[n].off = (uint16_t)off;
		map[n].len = (uint16_t)EXT2_DIRENT_LEN(nlen);
		n++;
	}
	qsort(map, n, sizeof(*map), dx_map_cmp);
	return n;
}

/*
 * Hash-order readdir.  Cookies: 0 and 1 for "." and "..", then
 * EXT2_DX_COOKIE + (hash << 16 | n): the n-th entry (by name) among those
 * with that hash.  Entries keep their cookie when leaves split, so a
 * listing never shows an entry twice.
 */
struct dx_rd {
	ext2_filldir_fn	 fn;
	void		*arg;
	uint32_t	 hash;		/* current collision group */
	uint32_t	 n;		/* entries of it seen so far */
	uint64_t	*cookie;
};

static uint64_t
dx_cookie(uint32_t hash, uint32_t n)
{
	return EXT2_DX_COOKIE + ((uint64_t)hash << 16) + (n > 0xffff ? 0xffff :
	    n);
}

/* Compare the names of two entries of a checked block. */
static int
dx_namecmp(struct ext2_fs *fs, const uint8_t *data, const struct dx_map *a,
    const struct dx_map *b)
{
	struct ext2_ddirent da, db;
	size_t la, lb;
	int c;

	ext2_dirent_get(data + a->off, &da);
	ext2_dirent_get(data + b->off, &db);
	la = ext2_dirent_namelen(fs, &da);
	lb = ext2_dirent_namelen(fs, &db);
	c = memcmp(data + a->off + EXT2_DIRENT_HDR,
	    data + b->off + EXT2_DIRENT_HDR, la < lb ? la : lb);
	return c != 0 ? c : (la > lb) - (la < lb);
}

/* Order a leaf's map (sorted by hash) by name within each hash. */
static void
dx_sort_names(struct ext2_fs *fs, const uint8_t *data, struct dx_map *map,
    int n)
{
	struct dx_map t;
	int i, j;

	for (i = 1; i < n; i++)
		for (j = i; j > 0 && map[j].hash == map[j - 1].hash &&
		    dx_namecmp(fs, data, &map[j], &map[j - 1]) < 0; j--) {
			t = map[j];
			map[j] = map[j - 1];
			map[j - 1] = t;
		}
}

/* Hand one leaf's entries from the cookie on to fn; 1 if it stopped. */
static int
dx_readdir_leaf(struct ext2_fs *fs, const uint8_t *data, struct dx_map *map,
    int hv, struct dx_rd *rd)
{
	uint64_t start = *rd->cookie, next;
	struct ext2_ddirent d;
	int i, n;

	n = ext2_dx_map_leaf(fs, data, hv, map);
	dx_sort_names(fs, data, map, n);
	for (i = 0; i < n; i++) {
		if (map[i].hash != rd->hash) {
			rd->hash = map[i].hash;
			rd->n = 0;
		}
		if (dx_cookie(rd->hash, rd->n) < start) {
			rd->n++;
			continue;
		}
		next = dx_cookie(rd->hash, rd->n + 1);
		ext2_dirent_get(data + map[i].off, &d);
		if (rd->fn(rd->arg, (const char *)data + map[i].off +
		    EXT2_DIRENT_HDR, ext2_dirent_namelen(fs, &d), d.inode,
		    fs->filetype ? d.file_type : 0, next) != 0) {
			*rd->cookie = dx_cookie(rd->hash, rd->n);
			return 1;
		}
		rd->n++;
		*rd->cookie = next;
	}
	return 0;
}

/* "." and "..", from the root block, for cookies 0 and 1. */
static int
dx_readdir_dots(struct ext2_fs *fs, struct dx_path *p, struct dx_rd *rd)
{
	struct ext2_ddirent d;
	uint64_t c;

	for (c = *rd->cookie; c < 2; c++) {
		ext2_dirent_get(p->f[0].b->b_data + 12 * c, &d);
		if (rd->fn(rd->arg, "..", (size_t)c + 1, d.inode,
		    ext2_dir_ftype(fs, EXT2_S_IFDIR), c == 0 ? 1 :
		    EXT2_DX_COOKIE) != 0) {
			*rd->cookie = c;
			return 1;
		}
		*rd->cookie = c == 0 ? 1 : EXT2_DX_COOKIE;
	}
	return 0;
}

/*
 * Call fn for the entries from *cookie on, in hash order, until it returns
 * non-zero.  0, FALLBACK (use the linear walk) or -E*.
 */
int
ext2_dx_readdir(struct ext2_fs *fs, struct ext2_inode *ip, uint64_t *cookie,
    ext2_filldir_fn fn, void *arg)
{
	struct dx_rd rd = { fn, arg, ~0u, 0, cookie };
	struct dx_map *map = NULL;
	struct dx_frame *f;
	struct ext2_buf *b;
	struct dx_path p;
	int error, stop;

	if (*cookie == EXT2_DX_EOF)
		return 0;
	if ((error = dx_open(fs, ip, &p)) != 0 ||
	    (stop = dx_readdir_dots(fs, &p, &rd)) != 0)
		goto out;
	if (*cookie < EXT2_DX_COOKIE)
		*cookie = EXT2_DX_COOKIE;
	error = -ENOMEM;
	if ((map = malloc(sizeof(*map) * (fs->bsize / 12 + 1))) == NULL ||
	    (error = dx_descend(fs, ip, &p, (uint32_t)((*cookie -
	    EXT2_DX_COOKIE) >> 16))) != 0) {
		/* A bad index, just after the dots: go on linearly. */
		if (error == EXT2_DX_FALLBACK && *cookie == EXT2_DX_COOKIE)
			*cookie = fs->bsize;
		goto out;
	}
	f = &p.f[p.levels];
	for (stop = 0; !stop && error == 0;) {
		if ((error = ext2_dir_block(fs, ip, ext2_dx_block_at(f, f->at),
		    &b)) != 0)
			break;
		stop = dx_readdir_leaf(fs, b->b_data, map, p.hv, &rd);
		ext2_brelse(fs, b);
		if (stop || ++f->at < f->count)
			continue;
		if (p.levels == 0 || ++p.f[0].at >= p.f[0].count)
			break;
		error = dx_node(fs, ip, &p, NULL);
	}
	if (!stop && error == 0)
		*cookie = EXT2_DX_EOF;
out:
	free(map);
	ext2_dx_release(fs, &p);
	return error;
}
