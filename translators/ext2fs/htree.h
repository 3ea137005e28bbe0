/*
 * htree.h -- what the two halves of the dir_index code share: the path
 * from the root to a leaf, and a leaf's entries listed by hash.  Included
 * by htree.c (lookup, readdir) and htree_add.c (insertion) only.
 */
#ifndef EXT2_HTREE_H
#define EXT2_HTREE_H

#include "ext2_int.h"

#define DX_ROOT_BASE	32	/* count/limit after ".", ".." and info */
#define DX_NODE_BASE	8	/* count/limit after an empty dirent */

/* One index block on the way from the root to a leaf. */
struct dx_frame {
	struct ext2_buf	*b;
	uint32_t	 lblk;
	uint32_t	 base;		/* offset of count/limit */
	uint16_t	 count;
	uint16_t	 limit;
	uint16_t	 at;		/* entry followed */
};

/* The walk from the root: the root frame, and a node if levels is 1. */
struct dx_path {
	int		 levels;	/* 0: root points at leaves */
	int		 hv;		/* hash version in use */
	uint32_t	 hash;
	struct dx_frame	 f[2];
};

/* A leaf entry: its hash, where it is, how much room it needs. */
struct dx_map {
	uint32_t	hash;
	uint16_t	off;
	uint16_t	len;		/* bytes the entry needs */
};

uint32_t ext2_dx_hash_at(const struct dx_frame *, unsigned int);
uint32_t ext2_dx_block_at(const struct dx_frame *, unsigned int);
void	ext2_dx_release(struct ext2_fs *, struct dx_path *);
int	ext2_dx_probe(struct ext2_fs *, struct ext2_inode *, const char *,
	    size_t, struct dx_path *);
int	ext2_dx_map_leaf(struct ext2_fs *, const uint8_t *, int,
	    struct dx_map *);

#endif /* EXT2_HTREE_H */
