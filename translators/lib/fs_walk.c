/*
 * fs_walk.c -- dir_lookup for the file-system layer (fs_layer.h): walks any
 * number of components in one request, with `.', `..', relative
 * symlinks followed in place (FS_SYMLOOP_MAX, then ELOOP), absolute ones
 * and `..' above the root answered with retries, translators on nodes
 * answered with their root, and the final open's O_CREAT, O_EXCL,
 * O_TRUNC, O_DIRECTORY and O_NOLINK.  docs/protocols.md has the errors.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <mach/mach_traps.h>
#include <mach/mach.h>
#include <mach/mach_port.h>

#include "fs_layer.h"
#include "fs_S.h"

#define FS_LOOKUP_FLAGS	(FS_O_READ | FS_O_WRITE | FS_O_EXEC | \
	FS_O_NOLINK | FS_O_NOTRANS | FS_O_CREAT | FS_O_EXCL | FS_O_TRUNC | \
	FS_O_DIRECTORY | FS_O_SETTABLE)

/* One walk's state; dir and np are held nodes (or NULL). */
struct fs_walk {
	struct fs *fs;
	struct fs_protid *pr;
	int flags;
	uint32_t mode;
	int links;			/* symlinks followed */
	int created;			/* the last component was made */
	struct fs_node *dir, *np;
	char path[FS_PATH_MAX];		/* what is left to walk */
	retry_type *do_retry;
	char *retry_name;
	mach_port_t *result;
};

/* A copy of a send right we hold, for MOVE_SEND.  NULL stays NULL. */
static mach_port_t
fs_send_copy(mach_port_t p)
{
	if (MACH_PORT_VALID(p))
		mach_port_mod_refs(mach_task_self(), p, MACH_PORT_RIGHT_SEND,
		    1);
	return p;
}

/* out = head [+ "/" + rest] (rest may lie in out); ENAMETOOLONG. */
static int
fs_join(char *out, const char *head, const char *rest)
{
	size_t h = strlen(head), r = strlen(rest);
	size_t slash = h != 0 && r != 0;

	if (h + slash + r >= FS_PATH_MAX)
		return ENAMETOOLONG;
	memmove(out + h + slash, rest, r + 1);
	memcpy(out, head, h);
	if (slash)
		out[h] = '/';
	return 0;
}

/* Make the missing last component name in w->dir (O_CREAT). */
static int
fs_walk_create(struct fs_walk *w, const char *name)
{
	struct io_statbuf st;
	uint64_t ino;
	int error;

	if (w->fs->rdonly)
		return EROFS;
	if (w->pr->id.nuids == 0)
		return EACCES;
	error = fs_node_stat(w->fs, w->dir, &st);
	if (error == 0)
		error = fs_access(&w->pr->id, &st, FS_ACC_WRITE | FS_ACC_EXEC);
	if (error == 0)
		error = w->fs->ops->create(w->fs, w->dir->ino, name,
		    S_IFREG | (w->mode & 07777), w->pr->id.uids[0],
		    (uint32_t)st.st_gid, &ino);
	if (error == 0)
		error = fs_node_get(w->fs, ino, &w->np);
	if (error == 0)
		w->created = 1;
	return error;
}

/* w->np = the node name names in w->dir (searchable, checked). */
static int
fs_walk_step(struct fs_walk *w, const char *name, int last)
{
	struct fs *fs = w->fs;
	uint64_t ino;
	int error;

	if (strcmp(name, ".") == 0) {
		fs_node_ref(w->dir);
		w->np = w->dir;
		return 0;
	}
	error = fs->ops->lookup(fs, w->dir->ino, name, &ino);
	if (error == ENOENT && last && (w->flags & FS_O_CREAT))
		return fs_walk_create(w, name);
	if (error != 0)
		return error;
	if (last && (w->flags & (FS_O_CREAT | FS_O_EXCL)) ==
	    (FS_O_CREAT | FS_O_EXCL))
		return EEXIST;
	return fs_node_get(fs, ino, &w->np);
}

/* The answer "go on at port with rest" (port is ours to move). */
static int
fs_walk_retry(struct fs_walk *w, int kind, mach_port_t port,
    const char *head, const char *rest)
{
	int error = fs_join(w->retry_name, head, rest);

	if (error != 0) {
		if (MACH_PORT_VALID(port))
			mach_port_deallocate(mach_task_self(), port);
		return error;
	}
	*w->do_retry = kind;
	*w->result = port;
	return 0;
}

/* Follow the symlink w->np: 1 if the walk goes on at w->path. */
static int
fs_walk_symlink(struct fs_walk *w, const char *rest, int *done)
{
	char target[FS_PATH_MAX];
	size_t len;
	int error;

	if (++w->links > FS_SYMLOOP_MAX)
		return ELOOP;
	error = w->fs->ops->readlink(w->fs, w->np->ino, target,
	    sizeof(target) - 1, &len);
	if (error != 0)
		return error;
	target[len] = '\0';
	if (len == 0)
		return ENOENT;
	fs_node_put(w->fs, w->np);
	w->np = NULL;
	if (target[0] == '/') {
		*done = 1;	/* only the client knows its root */
		return fs_walk_retry(w, FS_RETRY_MAGICAL, MACH_PORT_NULL,
		    target, rest);
	}
	return fs_join(w->path, target, rest);
}

/* `..' of w->dir: its parent, or above this server's root a retry. */
static int
fs_walk_dotdot(struct fs_walk *w, const char *rest, int *done)
{
	struct fs *fs = w->fs;
	uint64_t ino;
	int error;

	if (w->dir->ino != fs->ops->root(fs)) {
		error = fs->ops->lookup(fs, w->dir->ino, "..", &ino);
		return error != 0 ? error : fs_node_get(fs, ino, &w->np);
	}
	if (!MACH_PORT_VALID(w->pr->po->root_parent)) {
		fs_node_ref(w->dir);	/* `..' of a top root is itself */
		w->np = w->dir;
		return 0;
	}
	*done = 1;
	return fs_walk_retry(w, FS_RETRY_REAUTH,
	    fs_send_copy(w->pr->po->root_parent), "..", rest);
}

/* A translator sits on w->np: answer with its root. */
static int
fs_walk_trans(struct fs_walk *w, const char *rest, int last)
{
	mach_port_t root;
	int error;

	error = fs_trans_root(w->fs, w->np, w->dir, &w->pr->id,
	    last ? w->flags & ~(FS_O_CREAT | FS_O_EXCL) : 0, &root);
	if (error != 0)
		return error;
	return fs_walk_retry(w, FS_RETRY_NORMAL, root, "", rest);
}

/* Open the walk's end, w->np, as the flags say. */
static int
fs_walk_open(struct fs_walk *w)
{
	struct fs *fs = w->fs;
	struct io_statbuf st;
	int want = 0, error;

	error = fs_node_stat(fs, w->np, &st);
	if (error != 0)
		return error;
	if ((w->flags & FS_O_DIRECTORY) && !S_ISDIR(st.st_mode))
		return ENOTDIR;
	if (S_ISDIR(st.st_mode) && (w->flags & FS_O_WRITE))
		return EISDIR;
	want |= (w->flags & FS_O_READ) ? FS_ACC_READ : 0;
	want |= (w->flags & FS_O_WRITE) ? FS_ACC_WRITE : 0;
	want |= (w->flags & FS_O_EXEC) ? FS_ACC_EXEC : 0;
	if (!w->created && (error = fs_access(&w->pr->id, &st, want)) != 0)
		return error;
	if ((w->flags & FS_O_WRITE) && fs->rdonly)
		return EROFS;
	if ((w->flags & (FS_O_TRUNC | FS_O_WRITE)) ==
	    (FS_O_TRUNC | FS_O_WRITE) && S_ISREG(st.st_mode) &&
	    st.st_size != 0 && (error = fs->ops->truncate(fs, w->np->ino,
	    0)) != 0)
		return error;
	error = fs_open_node(fs, w->np, w->flags, &w->pr->id,
	    fs_send_copy(w->pr->po->root_parent), w->result);
	if (error != 0 && MACH_PORT_VALID(w->pr->po->root_parent))
		mach_port_deallocate(mach_task_self(),
		    w->pr->po->root_parent);
	*w->do_retry = FS_RETRY_NORMAL;
	w->retry_name[0] = '\0';
	return error;
}

/* Check w->dir may be searched. */
static int
fs_walk_search(struct fs_walk *w)
{
	struct io_statbuf st;
	int error;

	error = fs_node_stat(w->fs, w->dir, &st);
	if (error == 0 && !S_ISDIR(st.st_mode))
		error = ENOTDIR;
	if (error == 0)
		error = fs_access(&w->pr->id, &st, FS_ACC_EXEC);
	return error;
}

/* Take the next component of w->path into name; *next after it. */
static int
fs_walk_next(struct fs_walk *w, char *name, char **next)
{
	char *p = w->path;
	size_t len;

	while (*p == '/')
		p++;
	len = strcspn(p, "/");
	if (len > FS_NAME_MAX)
		return ENAMETOOLONG;
	memcpy(name, p, len);
	name[len] = '\0';
	p += len;
	while (*p == '/')
		p++;
	*next = p;
	return 0;
}

/*
 * Walk w->path from w->dir.  Ends with the final open, or a retry
 * (*w->do_retry), or an error.  fs->lock held (dropped and taken again
 * inside when a translator is asked for its root).
 */
static int
fs_walk_run(struct fs_walk *w)
{
	char name[FS_NAME_MAX + 1], *next;
	struct io_statbuf st;
	int last, done = 0, error;

	while ((error = fs_walk_next(w, name, &next)) == 0 && name[0]) {
		last = *next == '\0';
		if ((error = fs_walk_search(w)) != 0)
			return error;
		if (strcmp(name, "..") == 0)
			error = fs_walk_dotdot(w, next, &done);
		else
			error = fs_walk_step(w, name, last);
		if (error != 0 || done)
			return error;
		if (!(last && (w->flags & FS_O_NOTRANS)) &&
		    fs_trans_has(w->fs, w->np))
			return fs_walk_trans(w, next, last);
		if ((error = fs_node_stat(w->fs, w->np, &st)) != 0)
			return error;
		if (S_ISLNK(st.st_mode) &&
		    (!last || !(w->flags & FS_O_NOLINK))) {
			error = fs_walk_symlink(w, next, &done);
			if (error != 0 || done)
				return error;
			continue;	/* w->path now starts with the target */
		}
		fs_node_put(w->fs, w->dir);
		w->dir = w->np;
		w->np = NULL;
		memmove(w->path, next, strlen(next) + 1);
	}
	if (error != 0)
		return error;
	w->np = w->dir;		/* the walk ended at a directory or "" */
	w->dir = NULL;
	return fs_walk_open(w);
}

kern_return_t
S_dir_lookup(srv_port_t start_dir, const_string_t file_name, int32_t flags,
    uint32_t mode, retry_type *do_retry, string_t retry_name,
    mach_port_t *result, mach_msg_type_name_t *resultPoly)
{
	struct fs_protid *pr = fs_protid_of(start_dir);
	struct fs_walk w;
	int error;

	if (pr == NULL)
		return EOPNOTSUPP;
	if (strnlen(file_name, FS_PATH_MAX) == FS_PATH_MAX)
		return ENAMETOOLONG;
	if (flags & ~FS_LOOKUP_FLAGS)
		return EINVAL;
	memset(&w, 0, sizeof(w));
	w.fs = pr->fs;
	w.pr = pr;
	w.flags = flags;
	w.mode = mode;
	w.do_retry = do_retry;
	w.retry_name = retry_name;
	w.result = result;
	strcpy(w.path, file_name);
	pthread_mutex_lock(&w.fs->lock);
	w.dir = pr->po->np;
	fs_node_ref(w.dir);
	error = fs_walk_run(&w);
	if (w.np != NULL)
		fs_node_put(w.fs, w.np);
	if (w.dir != NULL)
		fs_node_put(w.fs, w.dir);
	pthread_mutex_unlock(&w.fs->lock);
	if (error == 0)
		*resultPoly = MACH_MSG_TYPE_MOVE_SEND;
	return error;
}
