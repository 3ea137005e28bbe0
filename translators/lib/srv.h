/*
 * srv.h -- translators/lib, the server library every Whorl translator is
 * built on: objects reached through ports (srv_port.c), the request loop
 * with its bounded worker pool and deferred replies (srv_loop.c), and
 * the single-node translator helper (srv_node.c, srv_node.h).
 * docs/servers.md says how to use it.
 *
 * Locking: one library lock protects the object table and every
 * refcount; a server's own objects are protected by the server.
 */
#ifndef SRV_H
#define SRV_H

#include <stddef.h>
#include <stdint.h>
#include <pthread.h>
#include <mach/message.h>
#include <mach/port.h>

#include "srv_msg_check.h"

struct srv_port;

/* A kind of object: what to do when its last reference goes. */
struct srv_class {
	const char *name;
	void (*clean)(struct srv_port *);	/* may be NULL */
};

/*
 * The head of every object that has a port; a server embeds it first
 * in its own struct.  [I] set at creation, [L] under the library lock.
 */
struct srv_port {
	const struct srv_class *class;	/* [I] */
	struct srv_bucket *bucket;	/* [I] */
	mach_port_t name;		/* [I] the receive right */
	uint64_t handle;		/* [I] protected payload */
	unsigned int refs;		/* [L] the receive right holds one */
	int ns_armed;			/* [L] a no-senders request is set */
	int dead;			/* [L] receive right destroyed */
};

/* MIG's translated type for io_t, file_t, fsys_t (fs_types.defs). */
typedef struct srv_port *srv_port_t;

/* A demultiplexer: MIG's <subsystem>_server, or a chain of them. */
typedef int (*srv_demux_t)(mach_msg_header_t *in, mach_msg_header_t *out);

/*
 * A bucket: a port set whose requests a pool of at most max_workers
 * threads serves (srv_bucket_run).  [L] under the bucket's lock.
 */
struct srv_bucket {
	mach_port_t set;		/* [I] */
	srv_demux_t demux;		/* [I] */
	unsigned int max_workers;	/* [I] */
	pthread_mutex_t lock;
	unsigned int workers;		/* [L] threads in the loop */
	unsigned int idle;		/* [L] of which waiting to receive */
	unsigned int peak;		/* [L] most workers ever at once */
};

/* A reply kept for later (a deferred reply). */
struct srv_reply {
	mach_port_t port;		/* MACH_PORT_NULL: none */
	mach_msg_type_name_t poly;	/* its disposition, MOVE_SEND(_ONCE) */
	mach_msg_id_t id;		/* the reply's id: the request's + 100 */
};

/* The largest request and reply the loop receives and sends. */
#define SRV_MSG_MAX		8192
/* At most this many objects in one server (a cap on any client). */
#define SRV_OBJECTS_MAX		65536

/* srv_port.c */
int	srv_bucket_init(struct srv_bucket *b, srv_demux_t demux,
	    unsigned int max_workers);
int	srv_port_create(struct srv_bucket *b, const struct srv_class *cls,
	    size_t size, void *objp);
int	srv_port_make_send(struct srv_port *p, mach_port_t *namep);
void	srv_port_ref(struct srv_port *p);
void	srv_port_release(struct srv_port *p);
void	srv_port_destroy(struct srv_port *p);
struct srv_port	*srv_port_intran(mach_port_t name);
struct srv_port	*srv_port_payload(unsigned long payload);
struct srv_port	*srv_port_lookup(mach_port_t name,
	    const struct srv_class *cls);
int	srv_port_count(void);
int	srv_port_notify(mach_msg_header_t *in);

/* srv_loop.c */
void	srv_bucket_run(struct srv_bucket *b);
int	srv_bucket_start(struct srv_bucket *b);
int	srv_reply_defer(struct srv_reply *r);
int	srv_reply_now(struct srv_reply *r, kern_return_t code);
const mach_msg_header_t *srv_request(void);
void	srv_free_in_data(const void *data, size_t size);
void	srv_msg_destroy(mach_msg_header_t *msg);

/* srv_start.c: start serving on control: fsys_startup to the parent (the
 * underlying node in *underlying) if we have a bootstrap port, else hand
 * client_task (if valid) the control port and resume it.  EINVAL ESRCH */
int	srv_fsys_start(struct srv_port *control, mach_port_t client_task,
	    mach_port_t *underlying);

/* srv_test.c: the test-only routines (translators/defs/srvtest.defs). */
void	srv_test_enable(void);
int	srv_test_demux(mach_msg_header_t *in, mach_msg_header_t *out);

#endif
