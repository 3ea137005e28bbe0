/*
 * fs_main.c -- the file-system layer's set-up (fs_layer.h) and the fsys
 * protocol on its control port: fs_init makes the port set and control
 * port, fs_start meets the parent (fsys_startup) or the client task the
 * boot script names, fsys_getroot opens the root for an identity.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <mach/mach_traps.h>
#include <mach/mach.h>
#include <mach/mach_port.h>
#include <mach/mig_errors.h>
#include <mach/task_special_ports.h>

#include "fs_layer.h"
#include "fsys.h"
#include "fsys_S.h"

int	io_server(mach_msg_header_t *, mach_msg_header_t *);
int	fs_server(mach_msg_header_t *, mach_msg_header_t *);
int	fsys_server(mach_msg_header_t *, mach_msg_header_t *);

struct fs_control {
	struct srv_port port;
	struct fs *fs;			/* [I] */
};

static const struct srv_class fs_control_class = { "fs-control", NULL };

int
fs_demux(mach_msg_header_t *in, mach_msg_header_t *out)
{
	return io_server(in, out) || fs_server(in, out) ||
	    fsys_server(in, out) || srv_test_demux(in, out);
}

/* Set fs up to serve with ops (priv is the backend's).  EINVAL ENOMEM */
int
fs_init(struct fs *fs, const struct fs_ops *ops, void *priv)
{
	struct fs_control *c;
	int error;

	if (ops == NULL || ops->root == NULL || ops->lookup == NULL ||
	    ops->stat == NULL || ops->read == NULL || ops->readdir == NULL)
		return EINVAL;
	memset(fs, 0, sizeof(*fs));
	fs->ops = ops;
	fs->priv = priv;
	pthread_mutex_init(&fs->lock, NULL);
	pthread_cond_init(&fs->started, NULL);
	error = srv_bucket_init(&fs->bucket, fs_demux, FS_MAX_WORKERS);
	if (error == 0)
		error = srv_port_create(&fs->bucket, &fs_control_class,
		    sizeof(*c), &c);
	if (error == 0) {
		c->fs = fs;
		fs->control = &c->port;
	}
	return error;
}

/* Start serving (srv_fsys_start); the node we were started on, if any,
 * is kept in fs->underlying.  Then run fs->bucket. */
int
fs_start(struct fs *fs, mach_port_t client_task)
{
	return srv_fsys_start(fs->control, client_task, &fs->underlying);
}

static struct fs *
fs_of_control(struct srv_port *p)
{
	return p != NULL && p->class == &fs_control_class ?
	    ((struct fs_control *)p)->fs : NULL;
}

/* Open the root for id with flags (fs->lock held); dotdot is `..'. */
static int
fs_open_root(struct fs *fs, const struct fs_identity *id, int flags,
    mach_port_t dotdot, mach_port_t *file)
{
	struct io_statbuf st;
	struct fs_node *np;
	int want = 0, error;

	error = fs_node_get(fs, fs->ops->root(fs), &np);
	if (error != 0)
		return error;
	error = fs_node_stat(fs, np, &st);
	if (error == 0 && (flags & FS_O_DIRECTORY) && !S_ISDIR(st.st_mode))
		error = ENOTDIR;
	if (error == 0 && (flags & (FS_O_CREAT | FS_O_EXCL)) ==
	    (FS_O_CREAT | FS_O_EXCL))
		error = EEXIST;
	if (error == 0 && S_ISDIR(st.st_mode) && (flags & FS_O_WRITE))
		error = EISDIR;
	want |= (flags & FS_O_READ) ? FS_ACC_READ : 0;
	want |= (flags & FS_O_WRITE) ? FS_ACC_WRITE : 0;
	want |= (flags & FS_O_EXEC) ? FS_ACC_EXEC : 0;
	if (error == 0)
		error = fs_access(id, &st, want);
	if (error == 0)
		error = fs_open_node(fs, np, flags, id, dotdot, file);
	fs_node_put(fs, np);
	return error;
}

kern_return_t
S_fsys_getroot(srv_port_t fsys, mach_port_t dotdot, const_idarray_t uids,
    mach_msg_type_number_t uidsCnt, const_idarray_t gids,
    mach_msg_type_number_t gidsCnt, int32_t flags, retry_type *do_retry,
    string_t retry_name, mach_port_t *file, mach_msg_type_name_t *filePoly)
{
	struct fs *fs = fs_of_control(fsys);
	struct fs_identity id;
	int error;

	if (fs == NULL)
		return EOPNOTSUPP;
	if (flags & ~(FS_O_READ | FS_O_WRITE | FS_O_EXEC | FS_O_NOLINK |
	    FS_O_NOTRANS | FS_O_CREAT | FS_O_EXCL | FS_O_TRUNC |
	    FS_O_DIRECTORY | FS_O_SETTABLE))
		return EINVAL;
	error = fs_identity_set(&id, uids, uidsCnt, gids, gidsCnt);
	if (error != 0)
		return error;
	pthread_mutex_lock(&fs->lock);
	error = fs_open_root(fs, &id, flags,
	    MACH_PORT_VALID(dotdot) ? dotdot : MACH_PORT_NULL, file);
	pthread_mutex_unlock(&fs->lock);
	if (error != 0)
		return error;
	*filePoly = MACH_MSG_TYPE_MOVE_SEND;
	*do_retry = FS_RETRY_NORMAL;
	retry_name[0] = '\0';
	srv_free_in_data(uids, uidsCnt * sizeof(*uids));
	srv_free_in_data(gids, gidsCnt * sizeof(*gids));
	return 0;
}

/* Open ports on any node (fs->lock held). */
static unsigned int
fs_opens(struct fs *fs)
{
	struct fs_node *np;
	unsigned int i, n = 0;

	for (i = 0; i < FS_HASH; i++)
		for (np = fs->hash[i]; np != NULL; np = np->next)
			n += np->opens;
	return n;
}

kern_return_t
S_fsys_goaway(srv_port_t fsys, int32_t flags)
{
	struct fs *fs = fs_of_control(fsys);
	struct srv_reply r;
	int error = 0;

	if (fs == NULL)
		return EOPNOTSUPP;
	if (flags & ~(FSYS_GOAWAY_NOWAIT | FSYS_GOAWAY_NOSYNC |
	    FSYS_GOAWAY_FORCE))
		return EINVAL;
	pthread_mutex_lock(&fs->lock);
	if (fs_opens(fs) != 0 && !(flags & FSYS_GOAWAY_FORCE))
		error = EBUSY;
	if (error == 0 && fs->ops->goaway != NULL &&
	    !(flags & FSYS_GOAWAY_NOSYNC)) {
		/* Past the backend's goaway there is no going back. */
		error = fs->ops->goaway(fs);
		if (srv_reply_defer(&r) == 0)
			srv_reply_now(&r, error);
		exit(error != 0);
	}
	if (error == 0 && !(flags & FSYS_GOAWAY_NOSYNC) && !fs->rdonly &&
	    fs->ops->sync != NULL)
		error = fs->ops->sync(fs);
	if (error != 0) {
		pthread_mutex_unlock(&fs->lock);
		return error;
	}
	/* Keep the lock: nothing else may change the disk now. */
	if (srv_reply_defer(&r) == 0)
		srv_reply_now(&r, 0);
	exit(0);
}

kern_return_t
S_fsys_syncfs(srv_port_t fsys, int32_t wait, int32_t do_children)
{
	struct fs *fs = fs_of_control(fsys);
	int error = 0;

	(void)wait, (void)do_children;
	if (fs == NULL)
		return EOPNOTSUPP;
	pthread_mutex_lock(&fs->lock);
	if (fs->ops->sync != NULL && !fs->rdonly)
		error = fs->ops->sync(fs);
	pthread_mutex_unlock(&fs->lock);
	return error;
}

kern_return_t
S_fsys_get_options(srv_port_t fsys, data_t *options,
    mach_msg_type_number_t *optionsCnt)
{
	struct fs *fs = fs_of_control(fsys);
	size_t len = 0;
	int error = 0;

	if (fs == NULL)
		return EOPNOTSUPP;
	pthread_mutex_lock(&fs->lock);
	if (fs->ops->get_options != NULL)
		error = fs->ops->get_options(fs, *options, *optionsCnt, &len);
	pthread_mutex_unlock(&fs->lock);
	if (error == 0)
		*optionsCnt = len;
	return error;
}

kern_return_t
S_fsys_set_options(srv_port_t fsys, const_data_t options,
    mach_msg_type_number_t optionsCnt, int32_t do_children)
{
	(void)fsys, (void)options, (void)optionsCnt, (void)do_children;
	return EOPNOTSUPP;	/* no option changes at run time yet */
}
