/*
 * fs_layer.h -- the generic file-system layer of translators/lib (the Hurd's
 * libdiskfs/libnetfs idea, smaller): a backend (tmpfs, ext2fs) gives a
 * table of operations over nodes named by number; the layer answers the
 * io, fs and fsys protocols once: node cache, opens and their ports, the
 * client's identity and access checks, the path walk of dir_lookup with
 * symlinks, `..' and retries, translators on nodes.  docs/servers.md.
 *
 * Locking: one mutex per file system (fs->lock) serialises every backend
 * call and protects the node cache, the opens and the translator fields
 * [F].  It is dropped only around RPCs to other servers (a translator's
 * fsys_getroot) and while a passive translator starts.
 */
#ifndef FS_LAYER_H
#define FS_LAYER_H

#include <stddef.h>
#include <stdint.h>
#include <pthread.h>

#include "srv.h"
#include "fs_types.h"

struct fs;

/* Symlinks one dir_lookup follows before ELOOP (Hurd 8, Linux 40). */
#define FS_SYMLOOP_MAX		32
#define FS_NAME_MAX		255
#define FS_PATH_MAX		1024	/* string_t */
#define FS_IDS_MAX		16
#define FS_IO_MAX		(1024 * 1024)	/* one read or write */
#define FS_MAX_WORKERS		16
#define FS_TRANS_MAX		1024	/* a passive record */
#define FS_SYMLINK_TRANS	"/hurd/symlink"	/* the Hurd's shortcut */
#define FS_STARTUP_MSEC		10000	/* a translator has this to start */

/* Who a port speaks for: its uids and gids (uids[0] owns new files). */
struct fs_identity {
	uint32_t nuids, ngids;
	uint32_t uids[FS_IDS_MAX];
	uint32_t gids[FS_IDS_MAX];
};

/* Called by readdir per entry; non-zero refuses it and stops. */
typedef int (*fs_filldir_fn)(void *arg, const char *name, size_t namelen,
    uint64_t ino, unsigned int dtype);

/*
 * What a backend supplies.  Each returns 0 or a positive errno; called
 * with fs->lock held.  The backend checks structure (ENOENT, EEXIST,
 * ENOTDIR, ENOTEMPTY, a directory moved into itself: EINVAL, ENOSPC);
 * the layer checks permission and the open modes.  `mode' carries the
 * S_IF* type.  Optional operations may be NULL (then EOPNOTSUPP).
 */
struct fs_ops {
	uint64_t (*root)(struct fs *);
	int (*lookup)(struct fs *, uint64_t dir, const char *name,
	    uint64_t *ino);
	int (*create)(struct fs *, uint64_t dir, const char *name,
	    uint32_t mode, uint32_t uid, uint32_t gid, uint64_t *ino);
	int (*mkdir)(struct fs *, uint64_t dir, const char *name,
	    uint32_t mode, uint32_t uid, uint32_t gid, uint64_t *ino);
	/* A file with no name yet (dir_mkfile); freed unless held. */
	int (*mkfile)(struct fs *, uint32_t mode, uint32_t uid, uint32_t gid,
	    uint64_t *ino);
	/* Make the empty regular file ino a symlink to target. */
	int (*symlink)(struct fs *, uint64_t ino, const char *target);
	int (*readlink)(struct fs *, uint64_t ino, char *buf, size_t size,
	    size_t *len);
	int (*unlink)(struct fs *, uint64_t dir, const char *name);
	int (*rmdir)(struct fs *, uint64_t dir, const char *name);
	int (*link)(struct fs *, uint64_t dir, const char *name,
	    uint64_t ino);
	/* Atomic; replaces an existing target of the same kind. */
	int (*rename)(struct fs *, uint64_t odir, const char *oname,
	    uint64_t ndir, const char *nname);
	/* Every entry, "." and ".." first. */
	int (*readdir)(struct fs *, uint64_t dir, fs_filldir_fn, void *arg);
	int (*read)(struct fs *, uint64_t ino, uint64_t off, void *buf,
	    size_t len, size_t *done);
	int (*write)(struct fs *, uint64_t ino, uint64_t off,
	    const void *buf, size_t len, size_t *done);
	int (*truncate)(struct fs *, uint64_t ino, uint64_t size);
	/* Fill everything but st_dev. */
	int (*stat)(struct fs *, uint64_t ino, struct io_statbuf *);
	int (*chmod)(struct fs *, uint64_t ino, uint32_t mode);
	int (*chown)(struct fs *, uint64_t ino, uint32_t uid, uint32_t gid);
	int (*utimes)(struct fs *, uint64_t ino, const struct fs_timespec *a,
	    const struct fs_timespec *m);
	int (*statfs)(struct fs *, struct fsys_statfsbuf *);
	int (*sync)(struct fs *);
	/* Write back and release for good (fsys_goaway).  Default: sync. */
	int (*goaway)(struct fs *);
	/* The passive record (argz); ENOENT when there is none. */
	int (*get_translator)(struct fs *, uint64_t ino, char *buf,
	    size_t size, size_t *len);
	/* Set (len > 0) or remove (len == 0) the passive record. */
	int (*set_translator)(struct fs *, uint64_t ino, const char *argz,
	    size_t len);
	/* A node enters and leaves the cache (an open's hold on it). */
	int (*hold)(struct fs *, uint64_t ino);
	void (*release)(struct fs *, uint64_t ino);
	int (*get_options)(struct fs *, char *buf, size_t size, size_t *len);
};

/* A node in the cache: held while an open or a walk uses it. [F] */
struct fs_node {
	struct fs_node *next;		/* hash chain */
	uint64_t ino;
	unsigned int refs;
	unsigned int opens;		/* open ports (goaway's EBUSY) */
	mach_port_t active;		/* an active translator's control */
	int starting;			/* a passive one is being started */
};

/* An open: shared by a port's io_duplicates. [F] */
struct fs_peropen {
	struct fs_node *np;
	unsigned int refs;
	int64_t offset;
	int modes;			/* FS_O_READ/WRITE/EXEC|SETTABLE */
	mach_port_t root_parent;	/* `..' above the root, or NULL */
};

/* A port to an open, with the identity it speaks for. */
struct fs_protid {
	struct srv_port port;
	struct fs *fs;			/* [I] */
	struct fs_peropen *po;		/* [I] holds a reference */
	struct fs_identity id;		/* [I] */
};

#define FS_HASH		256

/* One file system served by the layer. */
struct fs {
	const struct fs_ops *ops;	/* [I] */
	void *priv;			/* [I] the backend's own */
	int rdonly;			/* [F] EROFS for every change */
	struct srv_bucket bucket;	/* [I] */
	struct srv_port *control;	/* [I] the fsys port */
	mach_port_t underlying;		/* [I] from fsys_startup, or NULL */
	pthread_mutex_t lock;
	pthread_cond_t started;		/* a passive translator answered */
	struct fs_node *hash[FS_HASH];	/* [F] */
	unsigned int nodes;		/* [F] cached */
};

/* fs_main.c: set-up and start. */
int	fs_init(struct fs *fs, const struct fs_ops *ops, void *priv);
int	fs_start(struct fs *fs, mach_port_t client_task);
int	fs_demux(mach_msg_header_t *in, mach_msg_header_t *out);

/* fs_node.c: the node cache (fs->lock held). */
int	fs_node_get(struct fs *fs, uint64_t ino, struct fs_node **npp);
void	fs_node_ref(struct fs_node *np);
void	fs_node_put(struct fs *fs, struct fs_node *np);
int	fs_node_stat(struct fs *fs, struct fs_node *np, struct io_statbuf *);
int	fs_open_node(struct fs *fs, struct fs_node *np, int modes,
	    const struct fs_identity *id, mach_port_t root_parent,
	    mach_port_t *namep);
struct fs_protid *fs_protid_of(struct srv_port *p);

/* fs_file.c: free the pages of [a, a + all) past the first used bytes. */
void	fs_trim(vm_address_t a, size_t used, size_t all);

/* fs_access.c: who may do what. */
#define FS_ACC_READ	4
#define FS_ACC_WRITE	2
#define FS_ACC_EXEC	1
int	fs_access(const struct fs_identity *id, const struct io_statbuf *st,
	    int want);
int	fs_is_owner(const struct fs_identity *id, const struct io_statbuf *st);
int	fs_is_root(const struct fs_identity *id);
int	fs_in_group(const struct fs_identity *id, uint32_t gid);
int	fs_identity_set(struct fs_identity *id, const uint32_t *uids,
	    size_t nuids, const uint32_t *gids, size_t ngids);

/* fs_trans.c: translators on nodes (fs->lock held, dropped inside). */
int	fs_trans_root(struct fs *fs, struct fs_node *np, struct fs_node *dir,
	    const struct fs_identity *id, int flags, mach_port_t *rootp);
int	fs_trans_has(struct fs *fs, struct fs_node *np);

/* srv_elf.c: load a static ELF64 into a new task (until exec exists). */
int	srv_elf_start(const void *image, size_t size, const char *argz,
	    size_t argzlen, mach_port_t bootstrap, mach_port_t *taskp);

#endif
