/*
 * super.c -- the superblock and group descriptors: mount-time validation of
 * every field the engine relies on, feature policy (refuse, read-only or
 * read-write), and write-back at sync.  Called by ops.c (mount, sync,
 * statfs) and by the allocators for block-range checks.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ext2_int.h"

/* The time for timestamps; without a clock, the last superblock write. */
int64_t
ext2_now(struct ext2_fs *fs)
{
	return fs->dev.now != NULL ? fs->dev.now(fs->dev.ctx) :
	    fs->sb.s_wtime;
}

void
ext2_group_dirty(struct ext2_fs *fs)
{
	fs->gd_dirty = 1;
	fs->sb_dirty = 1;
}

/* A block number that may hold file data or an indirect/xattr block. */
int
ext2_block_valid(struct ext2_fs *fs, uint32_t blk)
{
	return blk > fs->sb.s_first_data_block && blk < fs->sb.s_blocks_count;
}

static int
super_has_backup(struct ext2_fs *fs, uint32_t g)
{
	uint32_t p;

	if (g <= 1 || !(fs->sb.s_feature_ro_compat &
	    EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER))
		return 1;
	if ((g & 1) == 0)
		return 0;
	for (p = 3; p <= g; p *= 3)
		if (p == g)
			return 1;
	for (p = 5; p <= g; p *= 5)
		if (p == g)
			return 1;
	for (p = 7; p <= g; p *= 7)
		if (p == g)
			return 1;
	return 0;
}

/*
 * Is blk a block the allocator must never hand out: a superblock or
 * descriptor copy, or any group's bitmaps or inode table?  Guards against
 * bitmaps corrupted to show metadata as free.
 */
int
ext2_block_is_meta(struct ext2_fs *fs, uint32_t blk)
{
	uint32_t g, last, start;
	uint32_t gd = fs->gdt_blocks + fs->sb.s_reserved_gdt_blocks;
	struct ext2_dgroup *d;

	if (!ext2_block_valid(fs, blk))
		return 1;
	g = (blk - fs->sb.s_first_data_block) / fs->sb.s_blocks_per_group;
	start = fs->sb.s_first_data_block + g * fs->sb.s_blocks_per_group;
	if (super_has_backup(fs, g) && blk <= start + gd)
		return 1;
	/* Without flex_bg a group's metadata lies in the group itself. */
	last = g;
	if (fs->sb.s_feature_incompat & EXT2_FEATURE_INCOMPAT_FLEX_BG)
		g = 0, last = fs->ngroups - 1;
	for (; g <= last; g++) {
		d = &fs->groups[g];
		if (blk == d->bg_block_bitmap || blk == d->bg_inode_bitmap ||
		    (blk >= d->bg_inode_table &&
		    blk - d->bg_inode_table < fs->itable_blocks))
			return 1;
	}
	return 0;
}

/* Check magic, revision, block and inode sizes. */
static int
super_check_sizes(struct ext2_fs *fs)
{
	struct ext2_dsuper *s = &fs->sb;

	fs->note = "not an ext2 file system";
	if (s->s_magic != EXT2_SUPER_MAGIC)
		return -EINVAL;
	fs->note = "unsupported block size (1, 2 or 4 KiB only)";
	if (s->s_log_block_size > 2)
		return -EINVAL;
	fs->note = "inconsistent superblock";
	fs->bsize = 1024u << s->s_log_block_size;
	fs->apb = fs->bsize / 4;
	if (s->s_rev_level == 0) {
		fs->inode_size = EXT2_GOOD_OLD_INODE_SIZE;
		fs->first_ino = EXT2_GOOD_OLD_FIRST_INO;
	} else if (s->s_rev_level == 1) {
		fs->inode_size = s->s_inode_size;
		fs->first_ino = s->s_first_ino;
	} else
		return -EINVAL;
	if (fs->inode_size < 128 || fs->inode_size > fs->bsize ||
	    (fs->inode_size & (fs->inode_size - 1)) != 0)
		return -EINVAL;
	fs->inodes_per_block = fs->bsize / fs->inode_size;
	return 0;
}

/* Check the group geometry; everything later trusts it. */
static int
super_check_geometry(struct ext2_fs *fs)
{
	struct ext2_dsuper *s = &fs->sb;
	uint64_t groups;

	if (s->s_first_data_block != (fs->bsize == 1024 ? 1u : 0u) ||
	    s->s_blocks_per_group == 0 ||
	    s->s_blocks_per_group > 8 * fs->bsize ||
	    s->s_inodes_per_group == 0 ||
	    s->s_inodes_per_group > 8 * fs->bsize ||
	    s->s_inodes_per_group % fs->inodes_per_block != 0 ||
	    s->s_blocks_count <= s->s_first_data_block + 1)
		return -EINVAL;
	groups = (s->s_blocks_count - s->s_first_data_block +
	    s->s_blocks_per_group - 1) / s->s_blocks_per_group;
	if (groups * s->s_inodes_per_group != s->s_inodes_count ||
	    fs->first_ino < EXT2_GOOD_OLD_FIRST_INO ||
	    fs->first_ino >= s->s_inodes_count)
		return -EINVAL;
	fs->ngroups = (uint32_t)groups;
	fs->itable_blocks = s->s_inodes_per_group / fs->inodes_per_block;
	fs->gdt_blocks = (fs->ngroups * sizeof(struct ext2_dgroup) +
	    fs->bsize - 1) / fs->bsize;
	if (s->s_reserved_gdt_blocks > fs->apb ||
	    fs->gdt_blocks + s->s_reserved_gdt_blocks + 2 >=
	    s->s_blocks_per_group)
		return -EINVAL;
	fs->note = "device smaller than the file system";
	if ((uint64_t)s->s_blocks_count * fs->bsize > fs->dev.size)
		return -EINVAL;
	return 0;
}

/*
 * Decide what the features allow: -EINVAL for incompatible features,
 * read-only (with a note) for unknown read-only-compatible ones.
 */
static int
super_check_features(struct ext2_fs *fs)
{
	struct ext2_dsuper *s = &fs->sb;

	fs->note = "";
	if (s->s_rev_level == 0) {
		s->s_feature_compat = 0;
		s->s_feature_incompat = 0;
		s->s_feature_ro_compat = 0;
	}
	if (s->s_feature_incompat & EXT2_FEATURE_INCOMPAT_RECOVER) {
		fs->note = "journal needs recovery";
		return -EINVAL;
	}
	if (s->s_feature_incompat & ~EXT2_INCOMPAT_SUPP) {
		fs->note = "unsupported incompatible feature";
		return -EINVAL;
	}
	if (s->s_feature_ro_compat & ~EXT2_RO_COMPAT_SUPP) {
		fs->note = "unsupported read-only feature: mounted read-only";
		fs->flags |= EXT2_MOUNT_RDONLY;
	}
	fs->filetype = (s->s_feature_incompat &
	    EXT2_FEATURE_INCOMPAT_FILETYPE) != 0;
	fs->maxbytes = ((uint64_t)EXT2_NDIR_BLOCKS + fs->apb +
	    (uint64_t)fs->apb * fs->apb +
	    (uint64_t)fs->apb * fs->apb * fs->apb) * fs->bsize;
	/* Revision 0 has no large_file feature to raise. */
	if (s->s_rev_level == 0 && fs->maxbytes > 0x7fffffff)
		fs->maxbytes = 0x7fffffff;
	/* i_blocks counts 512-byte sectors in 32 bits. */
	if (fs->maxbytes > ((uint64_t)1 << 41) - (uint64_t)fs->bsize * 4096)
		fs->maxbytes = ((uint64_t)1 << 41) - (uint64_t)fs->bsize * 4096;
	return 0;
}

/* Check that every group's bitmaps and table lie inside the device. */
static int
super_check_groups(struct ext2_fs *fs)
{
	struct ext2_dsuper *s = &fs->sb;
	uint64_t fb = 0, fi = 0;
	struct ext2_dgroup *d;
	uint32_t g;

	for (g = 0; g < fs->ngroups; g++) {
		d = &fs->groups[g];
		if (!ext2_block_valid(fs, d->bg_block_bitmap) ||
		    !ext2_block_valid(fs, d->bg_inode_bitmap) ||
		    !ext2_block_valid(fs, d->bg_inode_table) ||
		    (uint64_t)d->bg_inode_table + fs->itable_blocks >
		    s->s_blocks_count ||
		    d->bg_free_blocks_count > s->s_blocks_per_group ||
		    d->bg_free_inodes_count > s->s_inodes_per_group ||
		    d->bg_used_dirs_count > s->s_inodes_per_group) {
			fs->note = "inconsistent group descriptors";
			return -EIO;
		}
		fb += d->bg_free_blocks_count;
		fi += d->bg_free_inodes_count;
	}
	s->s_free_blocks_count = fb;
	s->s_free_inodes_count = fi;
	return 0;
}

static int
super_read_groups(struct ext2_fs *fs)
{
	struct ext2_buf *b;
	size_t n = fs->ngroups * sizeof(struct ext2_dgroup), off, len;
	uint32_t i;
	int error;

	fs->groups = malloc(fs->gdt_blocks * fs->bsize);
	if (fs->groups == NULL)
		return -ENOMEM;
	for (i = 0; i < fs->gdt_blocks; i++) {
		error = ext2_bread(fs, fs->sb.s_first_data_block + 1 + i, &b);
		if (error != 0)
			return error;
		off = (size_t)i * fs->bsize;
		len = n - off < fs->bsize ? n - off : fs->bsize;
		memcpy((uint8_t *)fs->groups + off, b->b_data, len);
		ext2_brelse(fs, b);
	}
	return super_check_groups(fs);
}

/*
 * Read and validate the superblock and group descriptors into fs.
 * Returns 0, -EINVAL (not ext2 or unsupported), -EIO or -ENOMEM.
 */
int
ext2_super_load(struct ext2_fs *fs)
{
	int error;

	fs->note = "device too small";
	if (fs->dev.size < 2048)
		return -EINVAL;
	error = fs->dev.read(fs->dev.ctx, EXT2_SUPER_OFFSET, &fs->sb,
	    sizeof(fs->sb));
	if (error != 0)
		return error;
	if ((error = super_check_sizes(fs)) != 0 ||
	    (error = super_check_geometry(fs)) != 0)
		return error;
	if ((error = super_check_features(fs)) != 0)
		return error;
	if ((error = ext2_bcache_init(fs, fs->cache.c_max)) != 0)
		return error;
	return super_read_groups(fs);
}

/* Copy the superblock and changed descriptors into the cache as dirty. */
int
ext2_super_store(struct ext2_fs *fs)
{
	size_t n = fs->ngroups * sizeof(struct ext2_dgroup), off, len;
	uint32_t sblk = fs->bsize == 1024 ? 1 : 0, i;
	struct ext2_buf *b;
	int error;

	if (fs->flags & EXT2_MOUNT_RDONLY)
		return 0;
	for (i = 0; fs->gd_dirty && i < fs->gdt_blocks; i++) {
		if ((error = ext2_bread(fs, sblk + 1 + i, &b)) != 0)
			return error;
		off = (size_t)i * fs->bsize;
		len = n - off < fs->bsize ? n - off : fs->bsize;
		memcpy(b->b_data, (uint8_t *)fs->groups + off, len);
		ext2_bdirty(fs, b);
		ext2_brelse(fs, b);
	}
	fs->gd_dirty = 0;
	if (!fs->sb_dirty)
		return 0;
	if ((error = ext2_bread(fs, sblk, &b)) != 0)
		return error;
	fs->sb.s_wtime = (uint32_t)ext2_now(fs);
	memcpy(b->b_data + (EXT2_SUPER_OFFSET - sblk * fs->bsize), &fs->sb,
	    sizeof(fs->sb));
	ext2_bdirty(fs, b);
	ext2_brelse(fs, b);
	fs->sb_dirty = 0;
	return 0;
}
