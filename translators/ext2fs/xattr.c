/*
 * xattr.c -- extended attributes (the ext_attr feature): read from the
 * inode's extra space and from the attribute block, and rewritten whole on
 * every change, inode space first, then a block of its own (shared blocks
 * are copied on write).  Whorl keeps passive translators in
 * "gnu.translator".  Public entry points for the translator.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ext2_int.h"

#define XATTR_HDR	sizeof(struct ext2_xattr_header)
#define XATTR_MAX	256		/* attributes per inode */

static const struct {
	uint8_t		index;
	const char	*prefix;
} xattr_prefixes[] = {
	{ 2, "system.posix_acl_access" }, { 3, "system.posix_acl_default" },
	{ 1, "user." }, { 4, "trusted." }, { 6, "security." },
	{ 10, "gnu." }, { 7, "system." },
};
#define NPREFIX	(sizeof(xattr_prefixes) / sizeof(xattr_prefixes[0]))

struct xattr {
	uint8_t		 index;
	uint8_t		 nlen;
	char		 name[EXT2_NAME_LEN + 1];
	uint32_t	 vlen;
	const uint8_t	*value;		/* into a buffer kept by the caller */
};

struct xattr_set {
	struct xattr	 x[XATTR_MAX];
	int		 n;
	uint8_t		*blk;		/* copy of the attribute block */
	uint8_t		*ibody;		/* copy of the in-inode area */
	uint32_t	 isize;		/* its size, 0 if none */
};

static const char *
xattr_prefix(uint8_t index)
{
	size_t i;

	for (i = 0; i < NPREFIX; i++)
		if (xattr_prefixes[i].index == index)
			return xattr_prefixes[i].prefix;
	return "";
}

/* Split a full name into index and stored suffix. */
static int
xattr_encode(const char *name, struct xattr *x)
{
	size_t i, plen, len;

	if (name == NULL || name[0] == '\0')
		return -EINVAL;
	x->index = 0;
	for (i = 0; i < NPREFIX; i++) {
		plen = strlen(xattr_prefixes[i].prefix);
		if (strncmp(name, xattr_prefixes[i].prefix, plen) == 0) {
			x->index = xattr_prefixes[i].index;
			name += plen;
			break;
		}
	}
	if ((x->index == 2 || x->index == 3) && name[0] != '\0')
		return -EOPNOTSUPP;
	if ((len = strlen(name)) > EXT2_NAME_LEN)
		return -ERANGE;
	if (len == 0 && x->index != 2 && x->index != 3)
		return -EINVAL;
	x->nlen = (uint8_t)len;
	memcpy(x->name, name, len + 1);
	return 0;
}

static uint32_t
xattr_hash(const struct xattr *x)
{
	uint32_t h = 0, w, i;

	for (i = 0; i < x->nlen; i++)
		h = (h << 5) ^ (h >> 27) ^ (uint8_t)x->name[i];
	for (i = 0; i < x->vlen; i += 4) {
		w = 0;
		memcpy(&w, x->value + i, x->vlen - i < 4 ? x->vlen - i : 4);
		h = (h << 16) ^ (h >> 16) ^ w;
	}
	return h;
}

/*
 * Parse the entries of one area: entries from first, value offsets
 * relative to vbase, all inside [0, size).  Appends to s.  0 or -EIO.
 */
static int
xattr_parse(struct xattr_set *s, const uint8_t *area, uint32_t size,
    uint32_t first, uint32_t vbase)
{
	struct ext2_xattr_entry e;
	uint32_t off = first, end;
	struct xattr *x;

	for (;;) {
		if (size - off < 4)
			return -EIO;
		if (memcmp(area + off, "\0\0\0\0", 4) == 0)
			return 0;
		if (size - off < sizeof(e) || s->n >= XATTR_MAX)
			return -EIO;
		memcpy(&e, area + off, sizeof(e));
		if (EXT2_XATTR_ENTRY_LEN(e.e_name_len) > size - off ||
		    e.e_value_inum != 0 || e.e_value_size > size)
			return -EIO;
		end = vbase + e.e_value_offs;
		if (e.e_value_size != 0 && (end < off || end > size ||
		    e.e_value_size > size - end))
			return -EIO;
		x = &s->x[s->n++];
		x->index = e.e_name_index;
		x->nlen = e.e_name_len;
		memcpy(x->name, area + off + sizeof(e), e.e_name_len);
		x->name[e.e_name_len] = '\0';
		x->vlen = e.e_value_size;
		x->value = e.e_value_size != 0 ? area + end : area;
		off += EXT2_XATTR_ENTRY_LEN(e.e_name_len);
	}
}

/* The in-inode area of ino: its offset in the slot and size, or 0. */
static uint32_t
xattr_ibody_size(struct ext2_fs *fs, const uint8_t *slot)
{
	uint16_t extra;

	if (fs->inode_size <= EXT2_GOOD_OLD_INODE_SIZE)
		return 0;
	memcpy(&extra, slot + EXT2_EXTRA_ISIZE_OFF, 2);
	if ((extra & 3) != 0 || extra < 4 ||
	    extra + 128u + 8 > fs->inode_size)
		return 0;
	return fs->inode_size - 128 - extra;
}

static int
xattr_load_ibody(struct ext2_fs *fs, struct ext2_inode *ip,
    struct xattr_set *s)
{
	struct ext2_buf *b;
	uint32_t off, magic;
	int error;

	if ((error = ext2_islot(fs, ip->i_ino, &b, &off)) != 0)
		return error;
	s->isize = xattr_ibody_size(fs, b->b_data + off);
	if (s->isize != 0 && (s->ibody = malloc(s->isize)) == NULL)
		error = -ENOMEM;
	else if (s->isize != 0)
		memcpy(s->ibody, b->b_data + off + fs->inode_size - s->isize,
		    s->isize);
	ext2_brelse(fs, b);
	if (error != 0 || s->isize == 0)
		return error;
	memcpy(&magic, s->ibody, 4);
	if (magic != EXT2_XATTR_MAGIC)
		return 0;
	return xattr_parse(s, s->ibody, s->isize, 4, 4);
}

/*
 * The inode's attribute block, its number checked first; *bp is NULL
 * (and 0 returned) when the inode has none.
 */
static int
xattr_bread(struct ext2_fs *fs, struct ext2_inode *ip, struct ext2_buf **bp)
{
	*bp = NULL;
	if (ip->i_d.i_file_acl == 0)
		return 0;
	if (!ext2_block_valid(fs, ip->i_d.i_file_acl))
		return -EIO;
	return ext2_bread(fs, ip->i_d.i_file_acl, bp);
}

/* Read and check the attribute block, keeping a copy. */
static int
xattr_load_block(struct ext2_fs *fs, struct ext2_inode *ip,
    struct xattr_set *s)
{
	struct ext2_xattr_header h;
	struct ext2_buf *b;
	int error;

	if ((error = xattr_bread(fs, ip, &b)) != 0 || b == NULL)
		return error;
	if ((s->blk = malloc(fs->bsize)) != NULL)
		memcpy(s->blk, b->b_data, fs->bsize);
	ext2_brelse(fs, b);
	if (s->blk == NULL)
		return -ENOMEM;
	memcpy(&h, s->blk, sizeof(h));
	if (h.h_magic != EXT2_XATTR_MAGIC || h.h_blocks != 1 ||
	    h.h_refcount == 0)
		return -EIO;
	return xattr_parse(s, s->blk, fs->bsize, XATTR_HDR, 0);
}

static void
xattr_free(struct xattr_set *s)
{
	free(s->blk);
	free(s->ibody);
}

/* Load every attribute of ino; the caller frees s with xattr_free. */
static int
xattr_load(struct ext2_fs *fs, uint32_t ino, struct ext2_inode *ip,
    struct xattr_set *s)
{
	int error;

	memset(s, 0, sizeof(*s));
	if ((error = ext2_iget(fs, ino, ip)) != 0)
		return error;
	if ((error = xattr_load_ibody(fs, ip, s)) != 0)
		return error;
	return xattr_load_block(fs, ip, s);
}

static int
xattr_find(struct xattr_set *s, const struct xattr *key)
{
	int i;

	for (i = 0; i < s->n; i++)
		if (s->x[i].index == key->index && s->x[i].nlen == key->nlen &&
		    memcmp(s->x[i].name, key->name, key->nlen) == 0)
			return i;
	return -1;
}

/* Pack attributes x[0..n) into an area; returns how many fitted. */
static int
xattr_pack(uint8_t *area, uint32_t size, uint32_t first, uint32_t vbase,
    const struct xattr *x, int n)
{
	struct ext2_xattr_entry e;
	uint32_t off = first, vend = size, elen, vpad;
	int i;

	memset(area + first, 0, size - first);
	for (i = 0; i < n; i++) {
		elen = EXT2_XATTR_ENTRY_LEN(x[i].nlen);
		vpad = EXT2_XATTR_PAD(x[i].vlen);
		if (vpad > vend || off + elen + 4 > vend - vpad)
			break;
		vend -= vpad;
		memcpy(area + vend, x[i].value, x[i].vlen);
		e.e_name_len = x[i].nlen;
		e.e_name_index = x[i].index;
		e.e_value_offs = (uint16_t)(x[i].vlen ? vend - vbase : 0);
		e.e_value_inum = 0;
		e.e_value_size = x[i].vlen;
		e.e_hash = xattr_hash(&x[i]);
		memcpy(area + off, &e, sizeof(e));
		memcpy(area + off + sizeof(e), x[i].name, x[i].nlen);
		off += elen;
	}
	return i;
}

/* Fill in an attribute block's header, with the hash over its entries. */
static void
xattr_block_header(uint8_t *blk, int n)
{
	struct ext2_xattr_header h;
	struct ext2_xattr_entry e;
	uint32_t off = XATTR_HDR, hash = 0;
	int i;

	for (i = 0; i < n; i++) {
		memcpy(&e, blk + off, sizeof(e));
		hash = (hash << 16) ^ (hash >> 16) ^ e.e_hash;
		off += EXT2_XATTR_ENTRY_LEN(e.e_name_len);
	}
	memset(&h, 0, sizeof(h));
	h.h_magic = EXT2_XATTR_MAGIC;
	h.h_refcount = 1;
	h.h_blocks = 1;
	h.h_hash = hash;
	memcpy(blk, &h, sizeof(h));
}

/* Let go of the inode's block: one reference less, freed at the last. */
static int
xattr_release_block(struct ext2_fs *fs, struct ext2_inode *ip,
    uint32_t refcount)
{
	uint32_t blk = ip->i_d.i_file_acl;
	struct ext2_buf *b;
	int error;

	if (refcount > 1) {
		if ((error = ext2_bread(fs, blk, &b)) != 0)
			return error;
		refcount--;
		memcpy(b->b_data + 4, &refcount, 4);
		ext2_bdirty(fs, b);
		ext2_brelse(fs, b);
	} else if ((error = ext2_bfree(fs, blk)) != 0)
		return error;
	ip->i_d.i_file_acl = 0;
	return ext2_iblocks_add(fs, ip, -1);
}

/* Put the new block contents (or none) in place of the old block. */
static int
xattr_commit_block(struct ext2_fs *fs, struct ext2_inode *ip,
    struct xattr_set *s, const uint8_t *oblk)
{
	uint32_t refcount = 0, blk, goal;
	struct ext2_buf *b;
	int error = 0;

	if (s->blk != NULL)
		memcpy(&refcount, s->blk + 4, 4);
	if (oblk == NULL)
		return refcount ? xattr_release_block(fs, ip, refcount) : 0;
	blk = ip->i_d.i_file_acl;
	if (refcount != 1) {
		goal = fs->groups[(ip->i_ino - 1) /
		    fs->sb.s_inodes_per_group].bg_inode_table;
		if ((error = ext2_balloc(fs, goal, &blk)) != 0)
			return error;
		if (refcount > 1)
			error = xattr_release_block(fs, ip, refcount);
		if (error == 0)
			error = ext2_iblocks_add(fs, ip, 1);
		if (error != 0) {
			ext2_bfree(fs, blk);
			return error;
		}
	}
	if ((error = ext2_bget(fs, blk, &b)) != 0)
		return error;
	memcpy(b->b_data, oblk, fs->bsize);
	ext2_bdirty(fs, b);
	ext2_brelse(fs, b);
	ip->i_d.i_file_acl = blk;
	return 0;
}

static int
xattr_commit_ibody(struct ext2_fs *fs, struct ext2_inode *ip,
    struct xattr_set *s, const uint8_t *obody)
{
	struct ext2_buf *b;
	uint32_t off;
	int error;

	if (s->isize == 0)
		return 0;
	if ((error = ext2_islot(fs, ip->i_ino, &b, &off)) != 0)
		return error;
	memcpy(b->b_data + off + fs->inode_size - s->isize, obody, s->isize);
	ext2_bdirty(fs, b);
	ext2_brelse(fs, b);
	return 0;
}

/*
 * Write the set back: as many attributes as fit in the inode, the rest in
 * a block.  Everything is laid out before the first write.  0, -ENOSPC,
 * -EIO or -ENOMEM; ip changes in memory (the caller writes it).
 */
static int
xattr_store(struct ext2_fs *fs, struct ext2_inode *ip, struct xattr_set *s)
{
	uint8_t *obody = NULL, *oblk = NULL;
	uint32_t magic = EXT2_XATTR_MAGIC;
	int ni = 0, error = -ENOMEM;

	if (s->isize != 0) {
		if ((obody = calloc(1, s->isize)) == NULL)
			goto out;
		ni = xattr_pack(obody, s->isize, 4, 4, s->x, s->n);
		if (ni > 0)
			memcpy(obody, &magic, 4);
	}
	if (ni < s->n) {
		if ((oblk = calloc(1, fs->bsize)) == NULL)
			goto out;
		error = -ENOSPC;
		if (xattr_pack(oblk, fs->bsize, XATTR_HDR, 0, s->x + ni,
		    s->n - ni) != s->n - ni)
			goto out;
		xattr_block_header(oblk, s->n - ni);
	}
	if ((error = xattr_commit_block(fs, ip, s, oblk)) == 0)
		error = xattr_commit_ibody(fs, ip, s, obody);
out:
	free(obody);
	free(oblk);
	return error;
}

int
ext2_xattr_get(struct ext2_fs *fs, uint32_t ino, const char *name,
    void *buf, size_t size, size_t *len)
{
	struct xattr_set *s;
	struct ext2_inode ip;
	struct xattr key;
	int i, error;

	if ((error = xattr_encode(name, &key)) != 0)
		return error;
	if ((s = malloc(sizeof(*s))) == NULL)
		return -ENOMEM;
	if ((error = xattr_load(fs, ino, &ip, s)) != 0)
		goto out;
	error = -ENODATA;
	if ((i = xattr_find(s, &key)) < 0)
		goto out;
	*len = s->x[i].vlen;
	error = 0;
	if (buf != NULL && size < s->x[i].vlen)
		error = -ERANGE;
	else if (buf != NULL)
		memcpy(buf, s->x[i].value, s->x[i].vlen);
out:
	xattr_free(s);
	free(s);
	return error;
}

int
ext2_xattr_list(struct ext2_fs *fs, uint32_t ino, char *buf, size_t size,
    size_t *len)
{
	struct xattr_set *s;
	struct ext2_inode ip;
	size_t total = 0, plen;
	int i, error;

	if ((s = malloc(sizeof(*s))) == NULL)
		return -ENOMEM;
	if ((error = xattr_load(fs, ino, &ip, s)) != 0)
		goto out;
	for (i = 0; i < s->n; i++) {
		plen = strlen(xattr_prefix(s->x[i].index));
		if (buf != NULL && total + plen + s->x[i].nlen + 1 <= size) {
			memcpy(buf + total, xattr_prefix(s->x[i].index), plen);
			memcpy(buf + total + plen, s->x[i].name,
			    s->x[i].nlen + 1u);
		}
		total += plen + s->x[i].nlen + 1;
	}
	*len = total;
	if (buf != NULL && total > size)
		error = -ERANGE;
out:
	xattr_free(s);
	free(s);
	return error;
}

/* Change the set as asked: val NULL removes.  Then store it. */
static int
xattr_change(struct ext2_fs *fs, uint32_t ino, const struct xattr *key,
    int flags, int remove)
{
	struct xattr_set *s;
	struct ext2_inode ip;
	int i, error;

	if ((s = malloc(sizeof(*s))) == NULL)
		return -ENOMEM;
	if ((error = xattr_load(fs, ino, &ip, s)) != 0)
		goto out;
	i = xattr_find(s, key);
	error = -ENODATA;
	if (i < 0 && (remove || (flags & EXT2_XATTR_REPLACE)))
		goto out;
	error = -EEXIST;
	if (i >= 0 && !remove && (flags & EXT2_XATTR_CREATE))
		goto out;
	error = -ENOSPC;
	if (i < 0 && (i = s->n++) >= XATTR_MAX)
		goto out;
	if (remove)
		s->x[i] = s->x[--s->n];
	else
		s->x[i] = *key;
	/* Even a failed store may have changed the inode's block. */
	if ((error = xattr_store(fs, &ip, s)) == 0)
		ext2_itouch(fs, &ip, EXT2_TOUCH_C);
	if ((i = ext2_iput(fs, &ip)) != 0 && error == 0)
		error = i;
out:
	xattr_free(s);
	free(s);
	return error;
}

int
ext2_xattr_set(struct ext2_fs *fs, uint32_t ino, const char *name,
    const void *val, size_t len, int flags)
{
	struct xattr key;
	int error;

	if (fs->flags & EXT2_MOUNT_RDONLY)
		return -EROFS;
	if (fs->sb.s_rev_level == 0)
		return -EOPNOTSUPP;
	if ((error = xattr_encode(name, &key)) != 0)
		return error;
	if (len > fs->bsize - XATTR_HDR - EXT2_XATTR_ENTRY_LEN(key.nlen) - 4 ||
	    (val == NULL && len != 0))
		return -ENOSPC;
	key.value = val;
	key.vlen = (uint32_t)len;
	if (!(fs->sb.s_feature_compat & EXT2_FEATURE_COMPAT_EXT_ATTR)) {
		fs->sb.s_feature_compat |= EXT2_FEATURE_COMPAT_EXT_ATTR;
		fs->sb_dirty = 1;
	}
	return xattr_change(fs, ino, &key, flags, 0);
}

int
ext2_xattr_remove(struct ext2_fs *fs, uint32_t ino, const char *name)
{
	struct xattr key;
	int error;

	if (fs->flags & EXT2_MOUNT_RDONLY)
		return -EROFS;
	if ((error = xattr_encode(name, &key)) != 0)
		return error;
	return xattr_change(fs, ino, &key, 0, 1);
}

/* The inode is being freed: let go of its attribute block. */
int
ext2_xattr_drop(struct ext2_fs *fs, struct ext2_inode *ip)
{
	struct ext2_xattr_header h;
	struct ext2_buf *b;
	int error;

	if ((error = xattr_bread(fs, ip, &b)) != 0 || b == NULL)
		return error;
	memcpy(&h, b->b_data, sizeof(h));
	ext2_brelse(fs, b);
	if (h.h_magic != EXT2_XATTR_MAGIC || h.h_refcount == 0)
		return -EIO;
	return xattr_release_block(fs, ip, h.h_refcount);
}
