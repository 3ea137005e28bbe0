/*
 * tmpfs.h -- the tmpfs translator: files, directories and symlinks in
 * memory, served by translators/lib's file-system layer (fs_layer.h).  The
 * nodes (tmpfs_node.c) are plain C under the layer's lock; tmpfs.c is
 * the backend table and main.
 */
#ifndef TMPFS_H
#define TMPFS_H

#include <stddef.h>
#include <stdint.h>

/* A directory entry. */
struct tmp_dirent {
	struct tmp_dirent *next;
	uint64_t ino;
	char name[];
};

/* A node: [F] under the layer's fs->lock, like everything here. */
struct tmp_node {
	uint64_t ino;
	uint32_t mode, uid, gid, nlink;
	unsigned int holds;		/* the layer's cache references */
	int64_t atime[2], mtime[2], ctime[2];
	char *data;			/* file contents or symlink target */
	size_t size, cap;
	struct tmp_dirent *entries;	/* a directory's */
	uint64_t parent;		/* a directory's `..' */
	char *trans;			/* passive translator record */
	size_t translen;
};

struct tmpfs {
	struct tmp_node **nodes;	/* by number; [0] unused */
	uint64_t nnodes, next_free;
	uint64_t used, limit;		/* bytes charged, and the cap */
};

#define TMPFS_ROOT		1
#define TMPFS_NODE_COST		256	/* bytes charged per node */
#define TMPFS_MAX_NODES		(1u << 20)

int	tmpfs_init(struct tmpfs *t, uint64_t limit);
struct tmp_node *tmpfs_node(struct tmpfs *t, uint64_t ino);
int	tmpfs_lookup(struct tmpfs *t, uint64_t dir, const char *name,
	    uint64_t *ino);
int	tmpfs_make(struct tmpfs *t, uint64_t dir, const char *name,
	    uint32_t mode, uint32_t uid, uint32_t gid, const char *target,
	    uint64_t *ino);
int	tmpfs_mkfile(struct tmpfs *t, uint32_t mode, uint32_t uid,
	    uint32_t gid, uint64_t *ino);
int	tmpfs_symlink(struct tmpfs *t, uint64_t ino, const char *target);
int	tmpfs_link(struct tmpfs *t, uint64_t dir, const char *name,
	    uint64_t ino);
int	tmpfs_remove(struct tmpfs *t, uint64_t dir, const char *name,
	    int isdir);
int	tmpfs_rename(struct tmpfs *t, uint64_t odir, const char *oname,
	    uint64_t ndir, const char *nname);
int	tmpfs_read(struct tmpfs *t, uint64_t ino, uint64_t off, void *buf,
	    size_t len, size_t *done);
int	tmpfs_write(struct tmpfs *t, uint64_t ino, uint64_t off,
	    const void *buf, size_t len, size_t *done);
int	tmpfs_truncate(struct tmpfs *t, uint64_t ino, uint64_t size);
void	tmpfs_hold(struct tmpfs *t, uint64_t ino);
void	tmpfs_release(struct tmpfs *t, uint64_t ino);
void	tmpfs_touch(struct tmp_node *n, int m, int c);

#endif
