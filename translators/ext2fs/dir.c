/*
 * dir.c -- linear directories: checking directory blocks, looking names
 * up, adding and removing entries, emptiness, and ext2_readdir.  Indexed
 * directories are routed to htree.c, which falls back here when it cannot
 * use the index.  Called by namei.c.
 */
#include <errno.h>
#include <string.h>

#include "ext2_int.h"

void
ext2_dirent_get(const uint8_t *p, struct ext2_ddirent *d)
{
	memcpy(d, p, sizeof(*d));
}

void
ext2_dirent_put(uint8_t *p, const struct ext2_ddirent *d)
{
	memcpy(p, d, sizeof(*d));
}

size_t
ext2_dirent_namelen(struct ext2_fs *fs, const struct ext2_ddirent *d)
{
	if (fs->filetype)
		return d->name_len;
	return d->name_len | ((size_t)d->file_type << 8);
}

unsigned int
ext2_dir_ftype(struct ext2_fs *fs, uint32_t mode)
{
	static const uint8_t ft[16] = {
		[EXT2_S_IFREG >> 12] = EXT2_FT_REG_FILE,
		[EXT2_S_IFDIR >> 12] = EXT2_FT_DIR,
		[EXT2_S_IFCHR >> 12] = EXT2_FT_CHRDEV,
		[EXT2_S_IFBLK >> 12] = EXT2_FT_BLKDEV,
		[EXT2_S_IFIFO >> 12] = EXT2_FT_FIFO,
		[EXT2_S_IFSOCK >> 12] = EXT2_FT_SOCK,
		[EXT2_S_IFLNK >> 12] = EXT2_FT_SYMLINK,
	};

	return fs->filetype ? ft[(mode & EXT2_S_IFMT) >> 12] : 0;
}

/* Check every entry of a directory block.  Returns 0 or -EIO. */
int
ext2_dir_check_block(struct ext2_fs *fs, const uint8_t *data)
{
	struct ext2_ddirent d;
	uint32_t off = 0;
	size_t nlen;

	while (off < fs->bsize) {
		if (fs->bsize - off < EXT2_DIRENT_HDR)
			return -EIO;
		ext2_dirent_get(data + off, &d);
		nlen = ext2_dirent_namelen(fs, &d);
		if (d.rec_len < EXT2_DIRENT_HDR || (d.rec_len & 3) != 0 ||
		    d.rec_len > fs->bsize - off || nlen > EXT2_NAME_LEN ||
		    nlen + EXT2_DIRENT_HDR > d.rec_len ||
		    d.inode > fs->sb.s_inodes_count)
			return -EIO;
		off += d.rec_len;
	}
	return 0;
}

/* Read and check directory block lblk of ip (pinned on success). */
int
ext2_dir_block(struct ext2_fs *fs, struct ext2_inode *ip, uint32_t lblk,
    struct ext2_buf **bp)
{
	uint32_t blk;
	int error;

	if ((error = ext2_bmap(fs, ip, lblk, 0, &blk)) != 0)
		return error;
	if (blk == 0 || ext2_block_is_meta(fs, blk))
		return -EIO;		/* no holes; never group metadata */
	if ((error = ext2_bread(fs, blk, bp)) != 0)
		return error;
	if ((error = ext2_dir_check_block(fs, (*bp)->b_data)) != 0)
		ext2_brelse(fs, *bp);
	return error;
}

/* Find name in a checked block; 1 and *loc (but l_lblk) if found. */
int
ext2_dir_find_in_block(struct ext2_fs *fs, const uint8_t *data,
    const char *name, size_t len, struct ext2_dirloc *loc)
{
	struct ext2_ddirent d;
	uint32_t off = 0, prev = 0;

	for (; off < fs->bsize; prev = off, off += d.rec_len) {
		ext2_dirent_get(data + off, &d);
		if (d.inode == 0 || ext2_dirent_namelen(fs, &d) != len ||
		    memcmp(data + off + EXT2_DIRENT_HDR, name, len) != 0)
			continue;
		loc->l_off = off;
		loc->l_prev = prev;
		loc->l_ino = d.inode;
		return 1;
	}
	return 0;
}

static uint32_t
dir_nblocks(struct ext2_fs *fs, struct ext2_inode *ip)
{
	return (uint32_t)(ext2_isize(ip) / fs->bsize);
}

/* Look name up in directory ip.  Returns 0 with *loc, -ENOENT or -EIO. */
int
ext2_dir_lookup(struct ext2_fs *fs, struct ext2_inode *ip, const char *name,
    size_t len, struct ext2_dirloc *loc)
{
	struct ext2_buf *b;
	uint32_t lblk;
	int error, found;

	if (ip->i_d.i_flags & EXT2_INDEX_FL) {
		error = ext2_dx_lookup(fs, ip, name, len, loc);
		if (error != EXT2_DX_FALLBACK)
			return error;
	}
	for (lblk = 0; lblk < dir_nblocks(fs, ip); lblk++) {
		if ((error = ext2_dir_block(fs, ip, lblk, &b)) != 0)
			return error;
		found = ext2_dir_find_in_block(fs, b->b_data, name, len, loc);
		ext2_brelse(fs, b);
		if (found) {
			loc->l_lblk = lblk;
			return 0;
		}
	}
	return -ENOENT;
}

/* Put an entry in a checked block if it has room; 1 if it did. */
int
ext2_dir_insert(struct ext2_fs *fs, uint8_t *data, const char *name,
    size_t len, uint32_t ino, unsigned int ftype)
{
	uint32_t need = EXT2_DIRENT_LEN(len), off, used;
	struct ext2_ddirent d, n;

	for (off = 0; off < fs->bsize; off += d.rec_len) {
		ext2_dirent_get(data + off, &d);
		used = d.inode ? EXT2_DIRENT_LEN(ext2_dirent_namelen(fs, &d)) :
		    0;
		if (d.rec_len - used < need)
			continue;
		n.inode = ino;
		n.rec_len = d.rec_len - used;
		n.name_len = (uint8_t)len;
		n.file_type = (uint8_t)ftype;
		if (used != 0) {
			d.rec_len = used;
			ext2_dirent_put(data + off, &d);
		}
		ext2_dirent_put(data + off + used, &n);
		memcpy(data + off + used + EXT2_DIRENT_HDR, name, len);
		return 1;
	}
	return 0;
}

/* Append a block holding just this entry. */
static int
dir_append(struct ext2_fs *fs, struct ext2_inode *ip, const char *name,
    size_t len, uint32_t ino, unsigned int ftype)
{
	uint32_t lblk = dir_nblocks(fs, ip), blk;
	struct ext2_ddirent d;
	struct ext2_buf *b;
	int error;

	blk = lblk > 0 ? ip->i_d.i_block[0] : 0;
	if ((error = ext2_bmap(fs, ip, lblk, 1, &blk)) < 0)
		return error;
	if ((error = ext2_bget(fs, blk, &b)) != 0)
		return error;
	memset(b->b_data, 0, fs->bsize);
	d.inode = ino;
	d.rec_len = (uint16_t)fs->bsize;
	d.name_len = (uint8_t)len;
	d.file_type = (uint8_t)ftype;
	ext2_dirent_put(b->b_data, &d);
	memcpy(b->b_data + EXT2_DIRENT_HDR, name, len);
	ext2_bdirty(fs, b);
	ext2_brelse(fs, b);
	ext2_isetsize(fs, ip, ext2_isize(ip) + fs->bsize);
	return 0;
}

/* Put the entry in the first block with room: 1 if done, 0 if none. */
static int
dir_add_inplace(struct ext2_fs *fs, struct ext2_inode *ip, const char *name,
    size_t len, uint32_t ino, unsigned int ftype)
{
	struct ext2_buf *b;
	uint32_t lblk;
	int error, done;

	for (lblk = 0; lblk < dir_nblocks(fs, ip); lblk++) {
		if ((error = ext2_dir_block(fs, ip, lblk, &b)) != 0)
			return error;
		done = ext2_dir_insert(fs, b->b_data, name, len, ino, ftype);
		if (done)
			ext2_bdirty(fs, b);
		ext2_brelse(fs, b);
		if (done)
			return 1;
	}
	return 0;
}

/*
 * Add an entry (the caller knows the name is new).  A linear directory
 * outgrowing its first block is indexed when the file system allows.  ip
 * changes in memory as the directory grows.  Returns 0, -ENOSPC, -EIO.
 */
int
ext2_dir_add(struct ext2_fs *fs, struct ext2_inode *ip, const char *name,
    size_t len, uint32_t ino, unsigned int ftype)
{
	int error;

	if (!(ip->i_d.i_flags & EXT2_INDEX_FL)) {
		error = dir_add_inplace(fs, ip, name, len, ino, ftype);
		if (error != 0)
			return error < 0 ? error : 0;
		if (dir_nblocks(fs, ip) != 1 || ext2_dx_make(fs, ip) != 0)
			return dir_append(fs, ip, name, len, ino, ftype);
	}
	error = ext2_dx_add(fs, ip, name, len, ino, ftype);
	if (error != EXT2_DX_FALLBACK)
		return error;
	/* The index cannot take it: the directory becomes linear. */
	ip->i_d.i_flags &= ~EXT2_INDEX_FL;
	error = dir_add_inplace(fs, ip, name, len, ino, ftype);
	if (error != 0)
		return error < 0 ? error : 0;
	return dir_append(fs, ip, name, len, ino, ftype);
}

/* Remove the entry at loc, or point it at another inode. */
static int
dir_edit(struct ext2_fs *fs, struct ext2_inode *ip,
    const struct ext2_dirloc *loc, uint32_t ino, unsigned int ftype,
    int remove)
{
	struct ext2_ddirent d, p;
	struct ext2_buf *b;
	int error;

	if ((error = ext2_dir_block(fs, ip, loc->l_lblk, &b)) != 0)
		return error;
	ext2_dirent_get(b->b_data + loc->l_off, &d);
	if (d.inode != loc->l_ino) {
		ext2_brelse(fs, b);
		return -EIO;
	}
	if (remove && loc->l_prev != loc->l_off) {
		ext2_dirent_get(b->b_data + loc->l_prev, &p);
		p.rec_len += d.rec_len;
		ext2_dirent_put(b->b_data + loc->l_prev, &p);
	} else {
		d.inode = ino;
		if (fs->filetype)
			d.file_type = (uint8_t)ftype;
		ext2_dirent_put(b->b_data + loc->l_off, &d);
	}
	ext2_bdirty(fs, b);
	ext2_brelse(fs, b);
	return 0;
}

/* Remove the entry found at loc.  Returns 0 or -EIO. */
int
ext2_dir_remove(struct ext2_fs *fs, struct ext2_inode *ip,
    const struct ext2_dirloc *loc)
{
	return dir_edit(fs, ip, loc, 0, 0, 1);
}

/* Point the entry at loc to another inode (rename over, or ".."). */
int
ext2_dir_retarget(struct ext2_fs *fs, struct ext2_inode *ip,
    const struct ext2_dirloc *loc, uint32_t ino, unsigned int ftype)
{
	return dir_edit(fs, ip, loc, ino, ftype, 0);
}

static int
dir_dotname(const uint8_t *name, size_t len)
{
	return (len == 1 && name[0] == '.') ||
	    (len == 2 && name[0] == '.' && name[1] == '.');
}

/* 1 if the directory holds only "." and "..", 0 if not, or -EIO. */
int
ext2_dir_empty(struct ext2_fs *fs, struct ext2_inode *ip)
{
	struct ext2_ddirent d;
	struct ext2_buf *b;
	uint32_t lblk, off;
	int error, empty = 1;

	for (lblk = 0; lblk < dir_nblocks(fs, ip) && empty; lblk++) {
		if ((error = ext2_dir_block(fs, ip, lblk, &b)) != 0)
			return error;
		for (off = 0; off < fs->bsize; off += d.rec_len) {
			ext2_dirent_get(b->b_data + off, &d);
			if (d.inode != 0 && !dir_dotname(b->b_data + off +
			    EXT2_DIRENT_HDR, ext2_dirent_namelen(fs, &d)))
				empty = 0;
		}
		ext2_brelse(fs, b);
	}
	return empty;
}

/* Give new directory ip its first block with "." and "..". */
int
ext2_dir_init(struct ext2_fs *fs, struct ext2_inode *ip, uint32_t parent)
{
	unsigned int ft = ext2_dir_ftype(fs, EXT2_S_IFDIR);
	struct ext2_ddirent d;
	struct ext2_buf *b;
	uint32_t blk = fs->groups[(ip->i_ino - 1) /
	    fs->sb.s_inodes_per_group].bg_inode_table;
	int error;

	if ((error = ext2_bmap(fs, ip, 0, 1, &blk)) < 0)
		return error;
	if ((error = ext2_bget(fs, blk, &b)) != 0)
		return error;
	memset(b->b_data, 0, fs->bsize);
	d = (struct ext2_ddirent){ ip->i_ino, 12, 1, (uint8_t)ft };
	ext2_dirent_put(b->b_data, &d);
	b->b_data[8] = '.';
	d = (struct ext2_ddirent){ parent, (uint16_t)(fs->bsize - 12), 2,
	    (uint8_t)ft };
	ext2_dirent_put(b->b_data + 12, &d);
	memcpy(b->b_data + 20, "..", 2);
	ext2_bdirty(fs, b);
	ext2_brelse(fs, b);
	ext2_isetsize(fs, ip, fs->bsize);
	return 0;
}

/* Hand the entries of one block, from offset start, to fn. */
static int
readdir_block(struct ext2_fs *fs, const uint8_t *data, uint64_t base,
    uint32_t start, ext2_filldir_fn fn, void *arg, uint64_t *cookie)
{
	struct ext2_ddirent d;
	uint32_t off;

	for (off = 0; off < fs->bsize; off += d.rec_len) {
		ext2_dirent_get(data + off, &d);
		if (off < start || d.inode == 0)
			continue;
		if (fn(arg, (const char *)data + off + EXT2_DIRENT_HDR,
		    ext2_dirent_namelen(fs, &d), d.inode,
		    fs->filetype ? d.file_type : 0,
		    base + off + d.rec_len) != 0) {
			*cookie = base + off;	/* refused: offer it again */
			return 1;
		}
	}
	*cookie = base + fs->bsize;
	return 0;
}

/*
 * Call fn for each entry from *cookie on, until it refuses one by
 * returning non-zero; *cookie then points at that entry, else past the
 * end.  Linear directories use byte offsets as cookies, indexed ones hash
 * order, so entries keep their cookie when the index splits a leaf.
 */
int
ext2_readdir(struct ext2_fs *fs, uint32_t dir, uint64_t *cookie,
    ext2_filldir_fn fn, void *arg)
{
	struct ext2_inode ip;
	struct ext2_buf *b;
	uint32_t lblk;
	int error, stop = 0;

	if ((error = ext2_iget(fs, dir, &ip)) != 0)
		return error;
	if (!EXT2_ISDIR(ip.i_d.i_mode))
		return -ENOTDIR;
	if (ip.i_d.i_flags & EXT2_INDEX_FL) {
		error = ext2_dx_readdir(fs, &ip, cookie, fn, arg);
		if (error != EXT2_DX_FALLBACK)
			return error;
	}
	if (*cookie >= ext2_isize(&ip))
		return 0;
	for (lblk = (uint32_t)(*cookie / fs->bsize);
	    lblk < dir_nblocks(fs, &ip) && !stop; lblk++) {
		if ((error = ext2_dir_block(fs, &ip, lblk, &b)) != 0)
			return error;
		stop = readdir_block(fs, b->b_data, (uint64_t)lblk * fs->bsize,
		    (uint32_t)(*cookie % fs->bsize), fn, arg, cookie);
		ext2_brelse(fs, b);
	}
	return 0;
}
