/*
 * srv_node.c -- the single-node translator helper (srv_node.h): start-up
 * (the fsys_startup handshake, or a client task handed the control
 * port), opens and their ports, and the fsys protocol on the control
 * port.  The io and fs handlers are in srv_node_io.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <mach/mach_traps.h>
#include <mach/mach.h>
#include <mach/mach_port.h>
#include <mach/mig_errors.h>

#include "srv_node.h"
#include "srv_node_int.h"
#include "fsys.h"
#include "fsys_S.h"
#include "io_S.h"
#include "fs_S.h"

static void srv_protid_clean(struct srv_port *);

const struct srv_class srv_node_control_class = { "control", NULL };
const struct srv_class srv_protid_class = { "protid", srv_protid_clean };

static struct srv_node *srv_the_node;	/* [I] the one node served */

/* The chain of every protocol the helper answers. */
int
srv_node_demux(mach_msg_header_t *in, mach_msg_header_t *out)
{
	return io_server(in, out) || fs_server(in, out) ||
	    fsys_server(in, out) || srv_test_demux(in, out);
}

int
srv_node_init(struct srv_node *n, const struct srv_node_ops *ops,
    uint32_t mode, unsigned int max_workers)
{
	struct timespec ts;
	int error;

	if (ops == NULL || ops->read == NULL || srv_the_node != NULL)
		return EINVAL;
	memset(n, 0, sizeof(*n));
	n->ops = ops;
	n->mode = mode;
	clock_gettime(CLOCK_REALTIME, &ts);
	n->start_sec = ts.tv_sec;
	pthread_mutex_init(&n->lock, NULL);
	error = srv_bucket_init(&n->bucket, srv_node_demux, max_workers);
	if (error == 0)
		error = srv_port_create(&n->bucket, &srv_node_control_class,
		    sizeof(struct srv_port), &n->control);
	if (error == 0)
		srv_the_node = n;
	return error;
}

/* Start serving (srv_fsys_start); the caller then runs the pool
 * (srv_bucket_run). */
int
srv_node_start(struct srv_node *n, mach_port_t client_task)
{
	return srv_fsys_start(n->control, client_task, &n->underlying);
}

/* A new port on open o (taking a reference to it); *namep to MOVE_SEND. */
int
srv_protid_create(struct srv_open *o, mach_port_t *namep)
{
	struct srv_node *n = o->node;
	struct srv_protid *pr;
	int error;

	error = srv_port_create(&n->bucket, &srv_protid_class, sizeof(*pr),
	    &pr);
	if (error != 0)
		return error;
	pthread_mutex_lock(&n->lock);
	o->refs++;
	n->opens++;
	pthread_mutex_unlock(&n->lock);
	pr->open = o;
	error = srv_port_make_send(&pr->port, namep);
	if (error != 0)
		srv_port_destroy(&pr->port);
	srv_port_release(&pr->port);
	return error;
}

static void
srv_protid_clean(struct srv_port *p)
{
	struct srv_protid *pr = (struct srv_protid *)p;
	struct srv_node *n;
	int last;

	if (pr->open == NULL)
		return;
	n = pr->open->node;
	pthread_mutex_lock(&n->lock);
	last = --pr->open->refs == 0;
	n->opens--;
	pthread_mutex_unlock(&n->lock);
	if (last)
		free(pr->open);
}

/* Whether uids may open n with modes (FS_O_READ/WRITE/EXEC): EACCES. */
static int
srv_node_access(struct srv_node *n, const uint32_t *uids, size_t nuids,
    int modes)
{
	uint32_t want = 0, bits = n->mode & 07;
	size_t i;

	want |= (modes & FS_O_READ) ? 4 : 0;
	want |= (modes & FS_O_WRITE) ? 2 : 0;
	want |= (modes & FS_O_EXEC) ? 1 : 0;
	for (i = 0; i < nuids; i++) {
		if (uids[i] == 0)
			return 0;
		if (uids[i] == n->uid)
			bits |= (n->mode >> 6) & 07;
	}
	return (want & ~bits) == 0 ? 0 : EACCES;
}

/*
 * Open n with flags for uids: a new open and its port in *namep.
 * ENOTDIR (FS_O_DIRECTORY), EEXIST (FS_O_CREAT|FS_O_EXCL), EINVAL
 * (unknown bits), EACCES, ENOMEM.
 */
int
srv_node_open(struct srv_node *n, int flags, const uint32_t *uids,
    size_t nuids, mach_port_t *namep)
{
	struct srv_open *o;
	int error, last;

	if (flags & ~(FS_O_READ | FS_O_WRITE | FS_O_EXEC | FS_O_NOLINK |
	    FS_O_NOTRANS | FS_O_CREAT | FS_O_EXCL | FS_O_TRUNC |
	    FS_O_DIRECTORY | FS_O_SETTABLE))
		return EINVAL;
	if (flags & FS_O_DIRECTORY)
		return ENOTDIR;
	if ((flags & (FS_O_CREAT | FS_O_EXCL)) == (FS_O_CREAT | FS_O_EXCL))
		return EEXIST;
	error = srv_node_access(n, uids, nuids, flags);
	if (error != 0)
		return error;
	o = calloc(1, sizeof(*o));
	if (o == NULL)
		return ENOMEM;
	o->node = n;
	o->refs = 1;		/* ours, until the port holds it */
	o->modes = flags & (FS_O_READ | FS_O_WRITE | FS_O_EXEC |
	    FS_O_SETTABLE);
	error = srv_protid_create(o, namep);
	pthread_mutex_lock(&n->lock);
	last = --o->refs == 0;
	pthread_mutex_unlock(&n->lock);
	if (last)
		free(o);
	return error;
}

/* The node of a control port, or NULL. */
static struct srv_node *
srv_control_node(struct srv_port *p)
{
	return p != NULL && p->class == &srv_node_control_class ?
	    srv_the_node : NULL;
}

kern_return_t
S_fsys_startup(mach_port_t bootstrap, int32_t openflags,
    mach_port_t control_port, mach_port_t *realnode,
    mach_msg_type_name_t *realnodePoly)
{
	(void)bootstrap, (void)openflags, (void)control_port;
	(void)realnode, (void)realnodePoly;
	return EOPNOTSUPP;	/* we start no translator of our own */
}

kern_return_t
S_fsys_getroot(srv_port_t fsys, mach_port_t dotdot, const_idarray_t uids,
    mach_msg_type_number_t uidsCnt, const_idarray_t gids,
    mach_msg_type_number_t gidsCnt, int32_t flags, retry_type *do_retry,
    string_t retry_name, mach_port_t *file, mach_msg_type_name_t *filePoly)
{
	struct srv_node *n = srv_control_node(fsys);
	int error;

	if (n == NULL)
		return EOPNOTSUPP;
	error = srv_node_open(n, flags, uids, uidsCnt, file);
	if (error != 0)
		return error;
	*filePoly = MACH_MSG_TYPE_MOVE_SEND;
	*do_retry = FS_RETRY_NORMAL;
	retry_name[0] = '\0';
	if (MACH_PORT_VALID(dotdot))
		mach_port_deallocate(mach_task_self(), dotdot);
	srv_free_in_data(uids, uidsCnt * sizeof(*uids));
	srv_free_in_data(gids, gidsCnt * sizeof(*gids));
	return 0;
}

kern_return_t
S_fsys_goaway(srv_port_t fsys, int32_t flags)
{
	struct srv_node *n = srv_control_node(fsys);
	struct srv_reply r;
	unsigned int opens;

	if (n == NULL)
		return EOPNOTSUPP;
	if (flags & ~(FSYS_GOAWAY_NOWAIT | FSYS_GOAWAY_NOSYNC |
	    FSYS_GOAWAY_FORCE))
		return EINVAL;
	pthread_mutex_lock(&n->lock);
	opens = n->opens;
	pthread_mutex_unlock(&n->lock);
	if (opens != 0 && !(flags & FSYS_GOAWAY_FORCE))
		return EBUSY;
	if (srv_reply_defer(&r) == 0)
		srv_reply_now(&r, 0);
	exit(0);
}

kern_return_t
S_fsys_syncfs(srv_port_t fsys, int32_t wait, int32_t do_children)
{
	(void)wait, (void)do_children;
	return srv_control_node(fsys) == NULL ? EOPNOTSUPP : 0;
}

kern_return_t
S_fsys_get_options(srv_port_t fsys, data_t *options,
    mach_msg_type_number_t *optionsCnt)
{
	struct srv_node *n = srv_control_node(fsys);
	size_t len = 0;
	int error;

	if (n == NULL)
		return EOPNOTSUPP;
	if (n->ops->get_options == NULL) {
		*optionsCnt = 0;
		return 0;
	}
	error = n->ops->get_options(n, *options, *optionsCnt, &len);
	if (error == 0)
		*optionsCnt = len;
	return error;
}

kern_return_t
S_fsys_set_options(srv_port_t fsys, const_data_t options,
    mach_msg_type_number_t optionsCnt, int32_t do_children)
{
	struct srv_node *n = srv_control_node(fsys);
	int error;

	(void)do_children;
	if (n == NULL)
		return EOPNOTSUPP;
	if (n->ops->set_options == NULL)
		return EOPNOTSUPP;
	error = n->ops->set_options(n, options, optionsCnt);
	if (error == 0)
		srv_free_in_data(options, optionsCnt);
	return error;
}
