/*
 * srv_node.h -- the single-node translator helper of translators/lib: a
 * server that is one file (null, zero, a device) gives a table of
 * operations and gets the io, fs and fsys protocols answered for it,
 * open ports, file pointers and modes kept, its control port handed to
 * whoever starts it.  docs/servers.md is the guide.
 */
#ifndef SRV_NODE_H
#define SRV_NODE_H

#include "srv.h"
#include "fs_types.h"

struct srv_node;
struct srv_open;

/*
 * What the server supplies.  Every operation returns 0 or an errno;
 * NULL means the default named beside it.  The helper has already
 * checked the open modes, offsets and sizes.
 */
struct srv_node_ops {
	/* Read at most amount (>0) bytes at offset into buf; *got.  EIO */
	int (*read)(struct srv_node *, struct srv_open *, int64_t offset,
	    char *buf, size_t amount, size_t *got);
	/* Take len bytes at offset; *taken.  Default: EOPNOTSUPP. */
	int (*write)(struct srv_node *, struct srv_open *, int64_t offset,
	    const char *data, size_t len, size_t *taken);
	/* Bytes readable without waiting.  Default: 0. */
	int (*readable)(struct srv_node *, struct srv_open *, uint64_t *);
	/*
	 * Narrow *types to those ready now.  Default: all ready.  May keep
	 * the reply (srv_reply_defer) and return MIG_NO_REPLY.
	 */
	int (*select)(struct srv_node *, struct srv_open *, int *types);
	/* Adjust the stat record the helper filled (type, size, rdev). */
	void (*stat)(struct srv_node *, struct io_statbuf *);
	/* The options as an argz in buf (size bytes); *len.  ENOSPC */
	int (*get_options)(struct srv_node *, char *buf, size_t size,
	    size_t *len);
	/* Apply an argz of options.  Default: EOPNOTSUPP. */
	int (*set_options)(struct srv_node *, const char *argz, size_t len);
};

/* The file.  [I] set before srv_node_start, [N] under lock. */
struct srv_node {
	const struct srv_node_ops *ops;	/* [I] */
	void *priv;			/* [I] the server's own data */
	uint32_t mode;			/* [I] S_IF* type and permissions */
	uint32_t uid, gid;		/* [I] owner */
	int64_t rdev;			/* [I] device number, or 0 */
	struct srv_bucket bucket;	/* [I] its ports' pool */
	struct srv_port *control;	/* [I] fsys port */
	mach_port_t underlying;		/* [I] from fsys_startup, or NULL */
	int64_t start_sec;		/* [I] times the stat record gives */
	pthread_mutex_t lock;
	unsigned int opens;		/* [N] open ports */
};

/* An open of the file, shared by its io_duplicate'd ports. */
struct srv_open {
	struct srv_node *node;		/* [I] */
	unsigned int refs;		/* [N] ports sharing it */
	int64_t offset;			/* [N] the file pointer */
	int modes;			/* [N] FS_O_* */
};

/* A port to an open: what io and fs requests arrive on. */
struct srv_protid {
	struct srv_port port;
	struct srv_open *open;		/* [I] holds a reference */
};

/* Reads and writes larger than this are shortened (a cap per request). */
#define SRV_NODE_IO_MAX		(1024 * 1024)
#define SRV_NODE_MAX_WORKERS	8

int	srv_node_init(struct srv_node *n, const struct srv_node_ops *ops,
	    uint32_t mode, unsigned int max_workers);
int	srv_node_start(struct srv_node *n, mach_port_t client_task);
int	srv_node_demux(mach_msg_header_t *in, mach_msg_header_t *out);

#endif
