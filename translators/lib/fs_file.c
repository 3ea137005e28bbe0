/*
 * fs_file.c -- the fs protocol's attribute routines for the file-system
 * layer (fs_layer.h), in fs.defs order: chmod, chown, utimes, set_size,
 * statfs, sync.  Owner checks as POSIX: the owner or root changes
 * modes and times, root alone gives a file away, an owner may pick any
 * group it is in.  The translator routines are in fs_trans.c.
 */
#include <errno.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <mach/mach_traps.h>
#include <mach/mach.h>

#include "fs_layer.h"
#include "fs_S.h"

#define FS_PAGE		4096

/* Free the pages of an answer's buffer [a, a + all) past used bytes. */
void
fs_trim(vm_address_t a, size_t used, size_t all)
{
	size_t keep = (used + FS_PAGE - 1) & ~(size_t)(FS_PAGE - 1);

	if (all > keep)
		vm_deallocate(mach_task_self(), a + keep, all - keep);
}

/* Stat pr's node and check it may be changed (fs->lock held). */
static int
fs_file_begin(struct fs_protid *pr, struct io_statbuf *st)
{
	int error = fs_node_stat(pr->fs, pr->po->np, st);

	if (error == 0 && pr->fs->rdonly)
		error = EROFS;
	return error;
}

kern_return_t
S_file_chmod(srv_port_t file, uint32_t mode)
{
	struct fs_protid *pr = fs_protid_of(file);
	struct io_statbuf st;
	int error;

	if (pr == NULL)
		return EOPNOTSUPP;
	pthread_mutex_lock(&pr->fs->lock);
	error = fs_file_begin(pr, &st);
	if (error == 0 && !fs_is_owner(&pr->id, &st))
		error = EPERM;
	/* A non-root owner outside the file's group loses set-gid. */
	if (error == 0 && !fs_is_root(&pr->id) &&
	    !fs_in_group(&pr->id, st.st_gid))
		mode &= ~(uint32_t)S_ISGID;
	if (error == 0)
		error = pr->fs->ops->chmod(pr->fs, pr->po->np->ino,
		    mode & 07777);
	pthread_mutex_unlock(&pr->fs->lock);
	return error;
}

kern_return_t
S_file_chown(srv_port_t file, uint32_t uid, uint32_t gid)
{
	struct fs_protid *pr = fs_protid_of(file);
	struct io_statbuf st;
	int error;

	if (pr == NULL)
		return EOPNOTSUPP;
	pthread_mutex_lock(&pr->fs->lock);
	error = fs_file_begin(pr, &st);
	if (uid == (uint32_t)-1)
		uid = st.st_uid;
	if (gid == (uint32_t)-1)
		gid = st.st_gid;
	if (error == 0 && !fs_is_root(&pr->id) &&
	    (!fs_is_owner(&pr->id, &st) || uid != (uint32_t)st.st_uid ||
	    (gid != (uint32_t)st.st_gid && !fs_in_group(&pr->id, gid))))
		error = EPERM;
	if (error == 0)
		error = pr->fs->ops->chown(pr->fs, pr->po->np->ino, uid, gid);
	pthread_mutex_unlock(&pr->fs->lock);
	return error;
}

/* Resolve FS_UTIME_NOW and FS_UTIME_OMIT; EINVAL for a bad nsec. */
static int
fs_time(struct fs_timespec *t, int64_t old_sec, int64_t old_nsec,
    const struct timespec *now)
{
	if (t->tv_nsec == FS_UTIME_NOW) {
		t->tv_sec = now->tv_sec;
		t->tv_nsec = now->tv_nsec;
	} else if (t->tv_nsec == FS_UTIME_OMIT) {
		t->tv_sec = old_sec;
		t->tv_nsec = old_nsec;
	} else if (t->tv_nsec < 0 || t->tv_nsec >= 1000000000)
		return EINVAL;
	return 0;
}

/* The owner sets any times; a writer may set both to now. */
kern_return_t
S_file_utimes(srv_port_t file, timespec_t atime, timespec_t mtime)
{
	struct fs_protid *pr = fs_protid_of(file);
	struct io_statbuf st;
	struct timespec now;
	int error, both_now;

	if (pr == NULL)
		return EOPNOTSUPP;
	both_now = atime.tv_nsec == FS_UTIME_NOW &&
	    mtime.tv_nsec == FS_UTIME_NOW;
	clock_gettime(CLOCK_REALTIME, &now);
	pthread_mutex_lock(&pr->fs->lock);
	error = fs_file_begin(pr, &st);
	if (error == 0 && !fs_is_owner(&pr->id, &st))
		error = both_now ? fs_access(&pr->id, &st, FS_ACC_WRITE) :
		    EPERM;
	if (error == 0)
		error = fs_time(&atime, st.st_atime_sec, st.st_atime_nsec,
		    &now);
	if (error == 0)
		error = fs_time(&mtime, st.st_mtime_sec, st.st_mtime_nsec,
		    &now);
	if (error == 0)
		error = pr->fs->ops->utimes(pr->fs, pr->po->np->ino, &atime,
		    &mtime);
	pthread_mutex_unlock(&pr->fs->lock);
	return error;
}

kern_return_t
S_file_set_size(srv_port_t file, int64_t new_size)
{
	struct fs_protid *pr = fs_protid_of(file);
	struct io_statbuf st;
	int error;

	if (pr == NULL)
		return EOPNOTSUPP;
	if (new_size < 0)
		return EINVAL;
	if (!(pr->po->modes & FS_O_WRITE))
		return EBADF;
	pthread_mutex_lock(&pr->fs->lock);
	error = fs_file_begin(pr, &st);
	if (error == 0 && S_ISDIR(st.st_mode))
		error = EISDIR;
	else if (error == 0 && !S_ISREG(st.st_mode))
		error = EINVAL;
	if (error == 0)
		error = pr->fs->ops->truncate(pr->fs, pr->po->np->ino,
		    new_size);
	pthread_mutex_unlock(&pr->fs->lock);
	return error;
}

kern_return_t
S_file_statfs(srv_port_t file, fsys_statfsbuf_t *info)
{
	struct fs_protid *pr = fs_protid_of(file);
	int error;

	if (pr == NULL)
		return EOPNOTSUPP;
	memset(info, 0, sizeof(*info));
	pthread_mutex_lock(&pr->fs->lock);
	error = pr->fs->ops->statfs(pr->fs, info);
	pthread_mutex_unlock(&pr->fs->lock);
	info->f_fsid = pr->fs->control->name;
	return error;
}

/* Write everything back (the layer has no per-file granularity). */
static int
fs_file_sync(struct srv_port *file)
{
	struct fs_protid *pr = fs_protid_of(file);
	int error = 0;

	if (pr == NULL)
		return EOPNOTSUPP;
	pthread_mutex_lock(&pr->fs->lock);
	if (pr->fs->ops->sync != NULL && !pr->fs->rdonly)
		error = pr->fs->ops->sync(pr->fs);
	pthread_mutex_unlock(&pr->fs->lock);
	return error;
}

kern_return_t
S_file_sync(srv_port_t file, int32_t wait, int32_t omit_metadata)
{
	(void)wait, (void)omit_metadata;
	return fs_file_sync(file);
}

kern_return_t
S_file_syncfs(srv_port_t file, int32_t wait, int32_t do_children)
{
	(void)wait, (void)do_children;
	return fs_file_sync(file);
}
