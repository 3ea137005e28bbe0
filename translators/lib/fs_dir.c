/*
 * fs_dir.c -- the fs protocol's directory routines for the file-system
 * layer (fs_layer.h), in fs.defs order after dir_lookup (fs_walk.c): each
 * checks the port's node is a directory the identity may change, the
 * name is one proper component, then calls the backend under fs->lock.
 * Errors are in docs/protocols.md.
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/stat.h>
#include <mach/mach_traps.h>
#include <mach/mach.h>
#include <mach/mach_port.h>

#include "fs_layer.h"
#include "fs_S.h"

extern const struct srv_class fs_protid_class;

#define FS_READDIR_MAX	(64 * 1024)

/* One component: ENAMETOOLONG, ENOENT (empty), EINVAL (a '/'). */
static int
fs_name_check(const char *name)
{
	size_t len = strnlen(name, FS_PATH_MAX);

	if (len == FS_PATH_MAX || len > FS_NAME_MAX)
		return ENAMETOOLONG;
	if (len == 0)
		return ENOENT;
	return strchr(name, '/') != NULL ? EINVAL : 0;
}

static int
fs_name_dots(const char *name)
{
	return strcmp(name, ".") == 0 || strcmp(name, "..") == 0;
}

/* May pr change its directory?  fs->lock held.  ENOTDIR EROFS EACCES */
static int
fs_dir_writable(struct fs_protid *pr)
{
	struct io_statbuf st;
	int error;

	error = fs_node_stat(pr->fs, pr->po->np, &st);
	if (error == 0 && !S_ISDIR(st.st_mode))
		error = ENOTDIR;
	if (error == 0 && pr->fs->rdonly)
		error = EROFS;
	if (error == 0)
		error = fs_access(&pr->id, &st, FS_ACC_WRITE | FS_ACC_EXEC);
	return error;
}

/* Is the node name names in dir carrying an active translator? */
static int
fs_dir_busy(struct fs *fs, uint64_t dir, const char *name)
{
	struct fs_node *np;
	uint64_t ino;

	if (fs->ops->lookup(fs, dir, name, &ino) != 0)
		return 0;
	for (np = fs->hash[ino % FS_HASH]; np != NULL; np = np->next)
		if (np->ino == ino)
			return np->active != MACH_PORT_NULL ||
			    ino == fs->ops->root(fs);
	return 0;
}

kern_return_t
S_dir_mkdir(srv_port_t directory, const_string_t name, uint32_t mode)
{
	struct fs_protid *pr = fs_protid_of(directory);
	struct io_statbuf st;
	uint64_t ino;
	int error;

	if (pr == NULL)
		return EOPNOTSUPP;
	if ((error = fs_name_check(name)) != 0)
		return error;
	pthread_mutex_lock(&pr->fs->lock);
	error = fs_dir_writable(pr);
	if (error == 0 && fs_name_dots(name))
		error = EEXIST;
	if (error == 0 && pr->id.nuids == 0)
		error = EACCES;
	if (error == 0)
		error = fs_node_stat(pr->fs, pr->po->np, &st);
	if (error == 0)
		error = pr->fs->ops->mkdir(pr->fs, pr->po->np->ino, name,
		    S_IFDIR | (mode & 07777), pr->id.uids[0],
		    (uint32_t)st.st_gid, &ino);
	pthread_mutex_unlock(&pr->fs->lock);
	return error;
}

/* rmdir (dir != 0) or unlink of name in pr's directory. */
static int
fs_dir_remove(struct srv_port *directory, const char *name, int dir)
{
	struct fs_protid *pr = fs_protid_of(directory);
	struct fs *fs;
	int error;

	if (pr == NULL)
		return EOPNOTSUPP;
	if ((error = fs_name_check(name)) != 0)
		return error;
	fs = pr->fs;
	pthread_mutex_lock(&fs->lock);
	error = fs_dir_writable(pr);
	if (error == 0 && fs_name_dots(name))
		error = dir ? (name[1] ? ENOTEMPTY : EINVAL) : EISDIR;
	if (error == 0 && fs_dir_busy(fs, pr->po->np->ino, name))
		error = EBUSY;
	if (error == 0)
		error = dir ? fs->ops->rmdir(fs, pr->po->np->ino, name) :
		    fs->ops->unlink(fs, pr->po->np->ino, name);
	pthread_mutex_unlock(&fs->lock);
	return error;
}

kern_return_t
S_dir_rmdir(srv_port_t directory, const_string_t name)
{
	return fs_dir_remove(directory, name, 1);
}

kern_return_t
S_dir_unlink(srv_port_t directory, const_string_t name)
{
	return fs_dir_remove(directory, name, 0);
}

/* The open of port name if it is one of fs's (referenced), or NULL. */
static struct fs_protid *
fs_dir_same_fs(struct fs *fs, mach_port_t name)
{
	struct fs_protid *pr;

	pr = (struct fs_protid *)srv_port_lookup(name, &fs_protid_class);
	if (pr != NULL && pr->fs != fs) {
		srv_port_release(&pr->port);
		pr = NULL;
	}
	return pr;
}

/* Link fp's node as name in pr's directory (fs->lock held). */
static int
fs_dir_link_locked(struct fs_protid *pr, struct fs_protid *fp,
    const char *name, int excl)
{
	struct fs *fs = pr->fs;
	struct io_statbuf st;
	uint64_t ino;
	int error;

	error = fs_dir_writable(pr);
	if (error == 0)
		error = fs_node_stat(fs, fp->po->np, &st);
	if (error == 0 && S_ISDIR(st.st_mode))
		error = EPERM;
	if (error == 0 && fs_name_dots(name))
		error = EEXIST;
	if (error == 0 && fs->ops->lookup(fs, pr->po->np->ino, name,
	    &ino) == 0) {
		if (excl)
			return EEXIST;
		if (fs_dir_busy(fs, pr->po->np->ino, name))
			return EBUSY;
		error = fs->ops->unlink(fs, pr->po->np->ino, name);
	}
	if (error == 0)
		error = fs->ops->link(fs, pr->po->np->ino, name,
		    fp->po->np->ino);
	return error;
}

kern_return_t
S_dir_link(srv_port_t directory, mach_port_t file, const_string_t name,
    int32_t excl)
{
	struct fs_protid *pr = fs_protid_of(directory), *fp;
	int error;

	if (pr == NULL)
		return EOPNOTSUPP;
	if ((error = fs_name_check(name)) != 0)
		return error;
	if ((fp = fs_dir_same_fs(pr->fs, file)) == NULL)
		return EXDEV;
	pthread_mutex_lock(&pr->fs->lock);
	error = fs_dir_link_locked(pr, fp, name, excl);
	pthread_mutex_unlock(&pr->fs->lock);
	srv_port_release(&fp->port);
	if (error == 0)
		mach_port_deallocate(mach_task_self(), file);
	return error;
}

/* Rename under fs->lock, after the permission and busy checks. */
static int
fs_dir_rename_locked(struct fs_protid *opr, const char *oldname,
    struct fs_protid *npr, const char *newname, int excl)
{
	struct fs *fs = opr->fs;
	uint64_t odir = opr->po->np->ino, ndir = npr->po->np->ino, ino;
	int error;

	error = fs_dir_writable(opr);
	if (error == 0)
		error = fs_dir_writable(npr);
	if (error == 0)
		error = fs->ops->lookup(fs, odir, oldname, &ino);
	if (error == 0 && (fs_dir_busy(fs, odir, oldname) ||
	    fs_dir_busy(fs, ndir, newname)))
		error = EBUSY;
	if (error == 0 && excl && fs->ops->lookup(fs, ndir, newname,
	    &ino) == 0)
		error = EEXIST;
	if (error == 0)
		error = fs->ops->rename(fs, odir, oldname, ndir, newname);
	return error;
}

kern_return_t
S_dir_rename(srv_port_t olddirectory, const_string_t oldname,
    mach_port_t newdirectory, const_string_t newname, int32_t excl)
{
	struct fs_protid *pr = fs_protid_of(olddirectory), *npr;
	int error;

	if (pr == NULL)
		return EOPNOTSUPP;
	if ((error = fs_name_check(oldname)) != 0 ||
	    (error = fs_name_check(newname)) != 0)
		return error;
	if (fs_name_dots(oldname) || fs_name_dots(newname))
		return EINVAL;
	if ((npr = fs_dir_same_fs(pr->fs, newdirectory)) == NULL)
		return EXDEV;
	pthread_mutex_lock(&pr->fs->lock);
	error = fs_dir_rename_locked(pr, oldname, npr, newname, excl);
	pthread_mutex_unlock(&pr->fs->lock);
	srv_port_release(&npr->port);
	if (error == 0)
		mach_port_deallocate(mach_task_self(), newdirectory);
	return error;
}

/* Make a nameless file with the backend (fs->lock held): *npp held. */
static int
fs_dir_mkfile_locked(struct fs_protid *pr, uint32_t mode,
    struct fs_node **npp)
{
	struct fs *fs = pr->fs;
	struct io_statbuf st;
	uint64_t ino;
	int error;

	error = fs_dir_writable(pr);
	if (error == 0 && fs->ops->mkfile == NULL)
		error = EOPNOTSUPP;
	if (error == 0 && pr->id.nuids == 0)
		error = EACCES;
	if (error == 0)
		error = fs_node_stat(fs, pr->po->np, &st);
	if (error == 0)
		error = fs->ops->mkfile(fs, S_IFREG | (mode & 07777),
		    pr->id.uids[0], (uint32_t)st.st_gid, &ino);
	if (error == 0)
		error = fs_node_get(fs, ino, npp);
	return error;
}

/*
 * A new file with no name, opened with flags: dir_link names it (the
 * way to create a file, or a symlink, under a temporary identity).
 */
kern_return_t
S_dir_mkfile(srv_port_t directory, int32_t flags, uint32_t mode,
    mach_port_t *newnode, mach_msg_type_name_t *newnodePoly)
{
	struct fs_protid *pr = fs_protid_of(directory);
	struct fs_node *np;
	int error;

	if (pr == NULL)
		return EOPNOTSUPP;
	if (flags & ~(FS_O_READ | FS_O_WRITE | FS_O_EXEC | FS_O_SETTABLE))
		return EINVAL;
	pthread_mutex_lock(&pr->fs->lock);
	error = fs_dir_mkfile_locked(pr, mode, &np);
	if (error == 0) {
		error = fs_open_node(pr->fs, np, flags, &pr->id,
		    MACH_PORT_NULL, newnode);
		fs_node_put(pr->fs, np);
	}
	pthread_mutex_unlock(&pr->fs->lock);
	*newnodePoly = MACH_MSG_TYPE_MOVE_SEND;
	return error;
}

/* A batch of dir_readdir being filled. */
struct fs_batch {
	char *buf;
	size_t size, used;
	int skip, max, count;
};

static int
fs_batch_fill(void *arg, const char *name, size_t namelen, uint64_t ino,
    unsigned int dtype)
{
	struct fs_batch *b = arg;
	struct fs_dirent *d;
	size_t rec;

	if (b->skip > 0) {
		b->skip--;
		return 0;
	}
	rec = (offsetof(struct fs_dirent, d_name) + namelen + 1 + 7) &
	    ~(size_t)7;
	if ((b->max >= 0 && b->count >= b->max) || namelen > FS_NAME_MAX ||
	    rec > b->size - b->used)
		return 1;
	d = (struct fs_dirent *)(b->buf + b->used);
	memset(d, 0, rec);
	d->d_ino = ino;
	d->d_reclen = rec;
	d->d_type = dtype;
	d->d_namlen = namelen;
	memcpy(d->d_name, name, namelen);
	b->used += rec;
	b->count++;
	return 0;
}

kern_return_t
S_dir_readdir(srv_port_t dir, data_t *data, mach_msg_type_number_t *dataCnt,
    int32_t entry, int32_t nentries, uint64_t bufsiz, int32_t *amount)
{
	struct fs_protid *pr = fs_protid_of(dir);
	struct fs_batch b = { .skip = entry, .max = nentries };
	struct io_statbuf st;
	vm_address_t a = 0;
	int error;

	if (pr == NULL)
		return EOPNOTSUPP;
	if (entry < 0)
		return EINVAL;
	if (!(pr->po->modes & FS_O_READ))
		return EACCES;
	b.size = bufsiz == 0 || bufsiz > FS_READDIR_MAX ? FS_READDIR_MAX :
	    bufsiz;
	b.buf = *data;
	if (b.size > *dataCnt) {
		if (vm_allocate(mach_task_self(), &a, FS_READDIR_MAX, TRUE) !=
		    KERN_SUCCESS)
			return ENOMEM;
		b.buf = (char *)a;
	}
	pthread_mutex_lock(&pr->fs->lock);
	error = fs_node_stat(pr->fs, pr->po->np, &st);
	if (error == 0 && !S_ISDIR(st.st_mode))
		error = ENOTDIR;
	if (error == 0)
		error = pr->fs->ops->readdir(pr->fs, pr->po->np->ino,
		    fs_batch_fill, &b);
	pthread_mutex_unlock(&pr->fs->lock);
	if (a != 0 && (error != 0 || b.used <= *dataCnt)) {
		if (error == 0)
			memcpy(*data, b.buf, b.used);
		vm_deallocate(mach_task_self(), a, FS_READDIR_MAX);
	} else if (a != 0) {
		fs_trim(a, b.used, FS_READDIR_MAX);
		*data = b.buf;
	}
	if (error == 0) {
		*dataCnt = b.used;
		*amount = b.count;
	}
	return error;
}
