/*
 * fs_trans.c -- translators on nodes, for the file-system layer (fs_layer.h):
 * an active translator's control port kept on the node (file_set_active
 * or the fsys_startup handshake), a passive record started on first
 * lookup (program loaded by srv_elf.c from this file system, until exec
 * does it), a lookup answered with the translator's root, and the fs
 * routines that read and set them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <mach/mach_traps.h>
#include <mach/mach.h>
#include <mach/mach_port.h>

#include "fs_layer.h"
#include "srv_elf.h"
#include "fs_S.h"
#include "fsys.h"
#include "fsys_S.h"

/* The bootstrap port a starting translator sends fsys_startup to. */
struct fs_boot {
	struct srv_port port;
	struct fs *fs;			/* [I] */
	struct fs_node *np;		/* [F] held; NULL once used */
};

const struct srv_class fs_boot_class = { "fs-bootstrap", NULL };

/* Has np a translator, active or passive?  fs->lock held. */
int
fs_trans_has(struct fs *fs, struct fs_node *np)
{
	char buf[8];
	size_t len = 0;
	int error;

	if (np->active != MACH_PORT_NULL)
		return 1;
	if (fs->ops->get_translator == NULL)
		return 0;
	error = fs->ops->get_translator(fs, np->ino, buf, sizeof(buf), &len);
	return (error == 0 || error == ENOSPC) && len != 0;
}

/* The node a path inside this file system names (no translators). */
static int
fs_trans_find(struct fs *fs, const char *path, uint64_t *inop)
{
	char name[FS_NAME_MAX + 1];
	uint64_t ino = fs->ops->root(fs);
	size_t len;
	int error = 0;

	while (error == 0 && *path != '\0') {
		while (*path == '/')
			path++;
		len = strcspn(path, "/");
		if (len == 0)
			break;
		if (len > FS_NAME_MAX)
			return ENAMETOOLONG;
		memcpy(name, path, len);
		name[len] = '\0';
		path += len;
		error = fs->ops->lookup(fs, ino, name, &ino);
	}
	*inop = ino;
	return error;
}

/* Read the program file path into fresh memory: *imagep, *sizep. */
static int
fs_trans_image(struct fs *fs, const char *path, void **imagep,
    size_t *sizep)
{
	struct io_statbuf st;
	vm_address_t a = 0;
	uint64_t ino;
	size_t done;
	int error;

	error = fs_trans_find(fs, path, &ino);
	if (error == 0)
		error = fs->ops->stat(fs, ino, &st);
	if (error == 0 && (!S_ISREG(st.st_mode) || (st.st_mode & 0111) == 0))
		error = EACCES;
	if (error == 0 && (st.st_size <= 0 || st.st_size > SRV_ELF_MAX_SIZE))
		error = ENOEXEC;
	if (error == 0 && vm_allocate(mach_task_self(), &a, st.st_size,
	    TRUE) != KERN_SUCCESS)
		error = ENOMEM;
	if (error == 0)
		error = fs->ops->read(fs, ino, 0, (void *)a, st.st_size,
		    &done);
	if (error == 0 && done != (size_t)st.st_size)
		error = EIO;
	if (error != 0 && a != 0)
		vm_deallocate(mach_task_self(), a, st.st_size);
	*imagep = (void *)a;
	*sizep = st.st_size;
	return error;
}

/* Wait (fs->lock held) until np's translator answers or time runs out. */
static void
fs_trans_wait(struct fs *fs, struct fs_node *np)
{
	struct timespec until;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += FS_STARTUP_MSEC / 1000;
	while (np->active == MACH_PORT_NULL &&
	    pthread_cond_timedwait(&fs->started, &fs->lock, &until) == 0)
		;
}

/* Load and run the program of np's passive record (argz in rec). */
static int
fs_trans_exec(struct fs *fs, struct fs_node *np, const char *rec,
    size_t len, mach_port_t *taskp)
{
	struct fs_boot *boot;
	mach_port_t send;
	void *image;
	size_t size;
	int error;

	error = fs_trans_image(fs, rec, &image, &size);
	if (error != 0)
		return error;
	error = srv_port_create(&fs->bucket, &fs_boot_class, sizeof(*boot),
	    &boot);
	if (error == 0) {
		boot->fs = fs;
		boot->np = np;
		fs_node_ref(np);
		error = srv_port_make_send(&boot->port, &send);
		if (error == 0) {
			error = srv_elf_start(image, size, rec, len, send,
			    taskp);
			mach_port_deallocate(mach_task_self(), send);
		}
		if (error == 0)
			fs_trans_wait(fs, np);
		if (boot->np != NULL)
			fs_node_put(fs, boot->np);
		boot->np = NULL;
		srv_port_destroy(&boot->port);
		srv_port_release(&boot->port);
	}
	vm_deallocate(mach_task_self(), (vm_address_t)image, size);
	return error;
}

/*
 * Start np's passive translator and wait for its fsys_startup.
 * fs->lock held; others asking meanwhile wait for the same start.
 * ENOENT (no record), EACCES/ENOEXEC (program), ETIMEDOUT.
 */
static int
fs_trans_start(struct fs *fs, struct fs_node *np)
{
	char rec[FS_TRANS_MAX];
	mach_port_t task = MACH_PORT_NULL;
	size_t len = 0;
	int error;

	error = fs->ops->get_translator(fs, np->ino, rec, sizeof(rec), &len);
	if (error == 0 && (len == 0 || rec[len - 1] != '\0'))
		error = ENOENT;
	if (error != 0)
		return error;
	np->starting = 1;
	error = fs_trans_exec(fs, np, rec, len, &task);
	np->starting = 0;
	pthread_cond_broadcast(&fs->started);
	if (error == 0 && np->active == MACH_PORT_NULL)
		error = ETIMEDOUT;
	if (error != 0)
		fprintf(stderr, "fs: cannot start translator %s: %s\n", rec,
		    strerror(error));
	if (error != 0 && task != MACH_PORT_NULL)
		task_terminate(task);
	if (task != MACH_PORT_NULL)
		mach_port_deallocate(mach_task_self(), task);
	return error;
}

/* np's translator's control port (a copy), starting it if need be. */
static int
fs_trans_control(struct fs *fs, struct fs_node *np, mach_port_t *cp)
{
	int error = 0;

	while (np->starting)	/* the starter's wait is bounded */
		pthread_cond_wait(&fs->started, &fs->lock);
	if (np->active == MACH_PORT_NULL)
		error = fs_trans_start(fs, np);
	if (error != 0)
		return error;
	*cp = np->active;
	mach_port_mod_refs(mach_task_self(), *cp, MACH_PORT_RIGHT_SEND, 1);
	return 0;
}

/*
 * np's active translator becomes c (a send right we take, or NULL).  An
 * active translator holds its node in the cache.
 */
static void
fs_trans_set(struct fs *fs, struct fs_node *np, mach_port_t c)
{
	mach_port_t old = np->active;

	if (c != MACH_PORT_NULL)
		fs_node_ref(np);
	np->active = c;
	if (old != MACH_PORT_NULL) {
		mach_port_deallocate(mach_task_self(), old);
		fs_node_put(fs, np);
	}
}

/* Has the translator behind control gone (its port a dead name)? */
static int
fs_trans_dead(mach_port_t control)
{
	mach_port_type_t type;

	return mach_port_type(mach_task_self(), control, &type) ==
	    KERN_SUCCESS && (type & MACH_PORT_TYPE_DEAD_NAME) != 0;
}

/*
 * A port to the root of the translator on np, for id, opened with
 * flags; its `..' is dir.  fs->lock held on entry and exit, dropped
 * for the RPC.  A dead translator is forgotten and, if passive,
 * started once more.  Errors are the translator's or the start's.
 */
int
fs_trans_root(struct fs *fs, struct fs_node *np, struct fs_node *dir,
    const struct fs_identity *id, int flags, mach_port_t *rootp)
{
	mach_port_t control, dotdot;
	retry_type retry;
	string_t rest;
	int error, tries = 0;
again:
	if ((error = fs_trans_control(fs, np, &control)) != 0)
		return error;
	error = fs_open_node(fs, dir, 0, id, MACH_PORT_NULL, &dotdot);
	if (error != 0) {
		mach_port_deallocate(mach_task_self(), control);
		return error;
	}
	pthread_mutex_unlock(&fs->lock);
	error = fsys_getroot(control, dotdot, MACH_MSG_TYPE_MOVE_SEND,
	    (uint32_t *)id->uids, id->nuids, (uint32_t *)id->gids, id->ngids,
	    flags, &retry, rest, rootp);
	if (error == MACH_SEND_INVALID_DEST)
		mach_port_deallocate(mach_task_self(), dotdot);
	if (error != 0 && fs_trans_dead(control))
		error = MACH_SEND_INVALID_DEST;
	pthread_mutex_lock(&fs->lock);
	if (error == MACH_SEND_INVALID_DEST && np->active == control)
		fs_trans_set(fs, np, MACH_PORT_NULL);
	mach_port_deallocate(mach_task_self(), control);
	if (error == MACH_SEND_INVALID_DEST && tries++ == 0 &&
	    fs_trans_has(fs, np))
		goto again;
	if (error == 0 && (retry != FS_RETRY_NORMAL || rest[0] != '\0')) {
		mach_port_deallocate(mach_task_self(), *rootp);
		error = EIO;	/* a root that is itself elsewhere */
	}
	return error == MACH_SEND_INVALID_DEST ? ENXIO : error;
}

/*
 * The bootstrap object fsys_startup came to (referenced), or NULL.  Its
 * port is a plain argument to MIG (file_arg_t), which under a protected
 * payload holds the payload, not a name: ask the request itself.
 */
static struct fs_boot *
fs_boot_of_request(mach_port_t name)
{
	const mach_msg_header_t *in = srv_request();
	struct srv_port *p;

	if (in != NULL && MACH_MSGH_BITS_LOCAL(in->msgh_bits) ==
	    MACH_MSG_TYPE_PROTECTED_PAYLOAD)
		p = srv_port_payload(in->msgh_protected_payload);
	else
		p = srv_port_intran(name);
	if (p != NULL && p->class != &fs_boot_class) {
		srv_port_release(p);
		p = NULL;
	}
	return (struct fs_boot *)p;
}

/*
 * The handshake: a translator we started sends its control port to the
 * bootstrap port we gave it; it becomes np's active translator and gets
 * np, opened with openflags for the node's owner.  EOPNOTSUPP (not a
 * live bootstrap port), EINVAL (no control port).
 */
kern_return_t
S_fsys_startup(mach_port_t bootstrap, int32_t openflags,
    mach_port_t control_port, mach_port_t *realnode,
    mach_msg_type_name_t *realnodePoly)
{
	struct fs_boot *boot;
	struct io_statbuf st;
	struct fs_identity id;
	uint32_t uid, gid;
	struct fs *fs;
	int error;

	boot = fs_boot_of_request(bootstrap);
	if (boot == NULL)
		return EOPNOTSUPP;
	fs = boot->fs;
	memset(&st, 0, sizeof(st));
	error = MACH_PORT_VALID(control_port) ? 0 : EINVAL;
	if (openflags & ~(FS_O_READ | FS_O_WRITE | FS_O_EXEC))
		error = EINVAL;
	pthread_mutex_lock(&fs->lock);
	if (error == 0 && boot->np == NULL)
		error = EOPNOTSUPP;
	if (error == 0)
		error = fs_node_stat(fs, boot->np, &st);
	uid = st.st_uid;
	gid = st.st_gid;
	if (error == 0)
		error = fs_identity_set(&id, &uid, 1, &gid, 1);
	if (error == 0)
		error = fs_open_node(fs, boot->np, openflags, &id,
		    MACH_PORT_NULL, realnode);
	if (error == 0) {
		fs_trans_set(fs, boot->np, control_port);
		fs_node_put(fs, boot->np);
		boot->np = NULL;
		pthread_cond_broadcast(&fs->started);
	}
	pthread_mutex_unlock(&fs->lock);
	srv_port_release(&boot->port);
	*realnodePoly = MACH_MSG_TYPE_MOVE_SEND;
	return error;
}

/* pr's node, if pr may change its translators (owner or root). */
static int
fs_trans_owner(struct fs_protid *pr, struct io_statbuf *st)
{
	int error = fs_node_stat(pr->fs, pr->po->np, st);

	if (error == 0 && !fs_is_owner(&pr->id, st))
		error = EPERM;
	return error;
}

kern_return_t
S_file_get_translator(srv_port_t file, data_t *translator,
    mach_msg_type_number_t *translatorCnt)
{
	struct fs_protid *pr = fs_protid_of(file);
	char rec[FS_TRANS_MAX];
	size_t len = 0;
	int error;

	if (pr == NULL)
		return EOPNOTSUPP;
	if (pr->fs->ops->get_translator == NULL)
		return EINVAL;
	pthread_mutex_lock(&pr->fs->lock);
	error = pr->fs->ops->get_translator(pr->fs, pr->po->np->ino, rec,
	    sizeof(rec), &len);
	pthread_mutex_unlock(&pr->fs->lock);
	if (error == ENOENT || (error == 0 && len == 0))
		return EINVAL;
	if (error == 0 && len > *translatorCnt)
		error = ENOMEM;		/* FS_TRANS_MAX fits inline */
	if (error != 0)
		return error;
	memcpy(*translator, rec, len);
	*translatorCnt = len;
	return 0;
}

/*
 * The Hurd's shortcut: a record "/hurd/symlink\0TARGET\0" makes the node
 * a symlink (how a client creates one: dir_lookup with O_CREAT|O_EXCL,
 * then this), not a translator.
 */
static int
fs_trans_is_symlink(const char *argz, size_t len)
{
	size_t head = sizeof(FS_SYMLINK_TRANS);

	return len > head + 1 && memcmp(argz, FS_SYMLINK_TRANS, head) == 0 &&
	    memchr(argz + head, '\0', len - head) == argz + len - 1;
}

kern_return_t
S_file_set_translator(srv_port_t file, int32_t passive_flags,
    const_data_t passive, mach_msg_type_number_t passiveCnt)
{
	struct fs_protid *pr = fs_protid_of(file);
	struct io_statbuf st;
	int error;

	(void)passive_flags;
	if (pr == NULL)
		return EOPNOTSUPP;
	if (pr->fs->ops->set_translator == NULL)
		return EOPNOTSUPP;
	if (passiveCnt > FS_TRANS_MAX || (passiveCnt != 0 &&
	    passive[passiveCnt - 1] != '\0'))
		return EINVAL;
	pthread_mutex_lock(&pr->fs->lock);
	error = fs_trans_owner(pr, &st);
	if (error == 0 && pr->fs->rdonly)
		error = EROFS;
	if (error == 0 && fs_trans_is_symlink(passive, passiveCnt))
		error = pr->fs->ops->symlink == NULL ? EOPNOTSUPP :
		    pr->fs->ops->symlink(pr->fs, pr->po->np->ino,
		    passive + sizeof(FS_SYMLINK_TRANS));
	else if (error == 0)
		error = pr->fs->ops->set_translator(pr->fs, pr->po->np->ino,
		    passive, passiveCnt);
	pthread_mutex_unlock(&pr->fs->lock);
	if (error == 0)
		srv_free_in_data(passive, passiveCnt);
	return error;
}

/* flags & FS_TRANS_REPLACE: replace an attached translator. */
kern_return_t
S_file_set_active(srv_port_t file, int32_t flags, mach_port_t active)
{
	struct fs_protid *pr = fs_protid_of(file);
	struct io_statbuf st;
	struct fs_node *np;
	int error;

	if (pr == NULL)
		return EOPNOTSUPP;
	if (flags & ~FS_TRANS_REPLACE)
		return EINVAL;
	np = pr->po->np;
	pthread_mutex_lock(&pr->fs->lock);
	error = fs_trans_owner(pr, &st);
	if (error == 0 && MACH_PORT_VALID(active) &&
	    np->active != MACH_PORT_NULL && !(flags & FS_TRANS_REPLACE))
		error = EBUSY;
	if (error == 0)
		fs_trans_set(pr->fs, np, MACH_PORT_VALID(active) ? active :
		    MACH_PORT_NULL);
	pthread_mutex_unlock(&pr->fs->lock);
	return error;
}

kern_return_t
S_file_get_translator_cntl(srv_port_t file, mach_port_t *cntl,
    mach_msg_type_name_t *cntlPoly)
{
	struct fs_protid *pr = fs_protid_of(file);
	struct io_statbuf st;
	int error;

	if (pr == NULL)
		return EOPNOTSUPP;
	pthread_mutex_lock(&pr->fs->lock);
	error = fs_trans_owner(pr, &st);
	if (error == 0 && pr->po->np->active == MACH_PORT_NULL)
		error = ENXIO;
	if (error == 0) {
		*cntl = pr->po->np->active;
		mach_port_mod_refs(mach_task_self(), *cntl,
		    MACH_PORT_RIGHT_SEND, 1);
	}
	pthread_mutex_unlock(&pr->fs->lock);
	*cntlPoly = MACH_MSG_TYPE_MOVE_SEND;
	return error;
}
