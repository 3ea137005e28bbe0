/*
 * fsport.c -- the process's root and current directory, and path
 * lookup over them.  The root is found on first use: the task's
 * bootstrap port, if it answers fsys_getroot (as the control port a
 * server hands its client does), gives the root directory, opened for
 * reading as uid 0 until auth exists; the current directory starts
 * there.  Without one, no name exists (ENOENT).  docs/libc.md, "Files".
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <mach/mach.h>
#include <mach/mach_port.h>
#include <mach/mach_traps.h>
#include <mach/mig_errors.h>
#include <mach/task_special_ports.h>
#include "files.h"
#include "fs_types.h"
#include "fs.h"
#include "fsys.h"

static pthread_mutex_t fs_lock = PTHREAD_MUTEX_INITIALIZER;
static struct fd_file *fs_root;		/* [fs_lock] */
static struct fd_file *fs_cwd;		/* [fs_lock] */
static int fs_ready;			/* [fs_lock] fs_init ran */
static uint32_t fs_umask = 022;		/* atomic */

int
fs_errno(kern_return_t kr)
{
	if (kr == KERN_SUCCESS)
		return 0;
	if ((kr & ~0x3fff) == 0x40000000)
		return kr;		/* an errno (docs/errno.md) */
	switch (kr) {
	case MACH_SEND_INVALID_DEST:	/* the server is gone */
	case MACH_SEND_INVALID_RIGHT:
	case MIG_SERVER_DIED:
		return EIO;
	case MIG_BAD_ID:		/* the port does not speak it */
		return EOPNOTSUPP;
	case KERN_RESOURCE_SHORTAGE:
	case MACH_SEND_NO_BUFFER:
	case MACH_RCV_TOO_LARGE:
		return ENOMEM;
	case MACH_SEND_INTERRUPTED:
	case MACH_RCV_INTERRUPTED:
		return EINTR;
	default:			/* a malformed or foreign answer */
		return EIO;
	}
}

int
fs_fail(int error)
{
	if (error == 0)
		return 0;
	errno = error;
	return -1;
}

void
fd_port_release(mach_port_t port)
{
	mach_port_deallocate(mach_task_self(), port);
}

static int
fs_rpc_lookup(void *ctx, mach_port_t dir, const char *name, int flags,
    uint32_t mode, int *retry, char retry_name[LOOKUP_PATH_MAX],
    mach_port_t *result)
{
	(void)ctx;
	return fs_errno(dir_lookup(dir, name, flags, mode, retry, retry_name,
	    result));
}

/* No auth server yet: the port goes on carrying no identity. */
static int
fs_rpc_reauth(void *ctx, mach_port_t *port)
{
	(void)ctx, (void)port;
	return 0;
}

static void
fs_rpc_release(void *ctx, mach_port_t port)
{
	(void)ctx;
	mach_port_deallocate(mach_task_self(), port);
}

static const struct lookup_ops fs_ops = {
	fs_rpc_lookup, fs_rpc_reauth, fs_rpc_release
};

/* The root through fsys_getroot on boot, opened with flags; or errno. */
static int
fs_getroot(mach_port_t boot, int flags, mach_port_t *root)
{
	uint32_t ids[1] = { 0 };
	char rname[LOOKUP_PATH_MAX];
	mach_port_t port = MACH_PORT_NULL;
	int retry = 0, error;

	rname[0] = '\0';
	error = fs_errno(fsys_getroot(boot, MACH_PORT_NULL,
	    MACH_MSG_TYPE_COPY_SEND, ids, 1, ids, 1, flags, &retry, rname,
	    &port));
	if (error == 0 && !MACH_PORT_VALID(port))
		error = EIO;
	if (error != 0)
		return error;
	rname[LOOKUP_PATH_MAX - 1] = '\0';
	if (retry == FS_RETRY_NORMAL && rname[0] == '\0') {
		*root = port;
		return 0;
	}
	/* The root lies further on: follow the retry from there. */
	error = rname[0] == '\0' ? EIO : lookup_path(&fs_ops, NULL,
	    MACH_PORT_NULL, port, rname, flags, 0, root);
	mach_port_deallocate(mach_task_self(), port);
	return error;
}

/* Find the root and current directory once.  Locked. */
static void
fs_init(void)
{
	mach_port_t boot = MACH_PORT_NULL, root;

	if (fs_ready)
		return;
	fs_ready = 1;
	if (task_get_special_port(mach_task_self(), TASK_BOOTSTRAP_PORT,
	    &boot) != KERN_SUCCESS || !MACH_PORT_VALID(boot))
		return;
	if (fs_getroot(boot, FS_O_READ, &root) == 0 ||
	    fs_getroot(boot, 0, &root) == 0) {
		fs_root = fd_file_new(FD_PORT, root, O_RDONLY);
		if (fs_root == NULL)
			mach_port_deallocate(mach_task_self(), root);
		else {
			fd_ref(fs_root);
			fs_cwd = fs_root;
		}
	}
	mach_port_deallocate(mach_task_self(), boot);
}

/* A referenced handle on *which, or NULL. */
static struct fd_file *
fs_get(struct fd_file **which)
{
	struct fd_file *f;

	pthread_mutex_lock(&fs_lock);
	fs_init();
	f = *which;
	if (f != NULL)
		fd_ref(f);
	pthread_mutex_unlock(&fs_lock);
	return f;
}

struct fd_file *
fs_root_get(void)
{
	return fs_get(&fs_root);
}

struct fd_file *
fs_cwd_get(void)
{
	return fs_get(&fs_cwd);
}

int
fs_cwd_set(mach_port_t port)
{
	struct fd_file *f = fd_file_new(FD_PORT, port, O_RDONLY), *old;

	if (f == NULL) {
		mach_port_deallocate(mach_task_self(), port);
		return ENOMEM;
	}
	pthread_mutex_lock(&fs_lock);
	fs_init();
	old = fs_cwd;
	fs_cwd = f;
	pthread_mutex_unlock(&fs_lock);
	fd_put(old);
	return 0;
}

uint32_t
fs_umask_get(void)
{
	return __atomic_load_n(&fs_umask, __ATOMIC_RELAXED);
}

mode_t
umask(mode_t mask)
{
	return (mode_t)__atomic_exchange_n(&fs_umask, (uint32_t)mask & 0777,
	    __ATOMIC_RELAXED);
}

int
fs_oflags(int o)
{
	int f = 0, acc = o & O_ACCMODE;

	f |= acc == O_RDONLY || acc == O_RDWR ? FS_O_READ : 0;
	f |= acc == O_WRONLY || acc == O_RDWR ? FS_O_WRITE : 0;
	f |= o & O_APPEND ? FS_O_APPEND : 0;
	f |= o & O_NONBLOCK ? FS_O_NONBLOCK : 0;
	f |= o & O_SYNC ? FS_O_FSYNC : 0;
	return f;
}

int
fs_omodes(int m)
{
	int o;

	if ((m & (FS_O_READ | FS_O_WRITE)) == (FS_O_READ | FS_O_WRITE))
		o = O_RDWR;
	else
		o = m & FS_O_WRITE ? O_WRONLY : O_RDONLY;
	o |= m & FS_O_APPEND ? O_APPEND : 0;
	o |= m & FS_O_NONBLOCK ? O_NONBLOCK : 0;
	o |= m & FS_O_FSYNC ? O_SYNC : 0;
	return o;
}

int
fs_fd_port(int fd, struct fd_file **f)
{
	int error = 0;

	*f = fd_get(fd, &error);
	if (*f == NULL)
		return error;
	if ((*f)->kind != FD_PORT) {
		fd_put(*f);
		*f = NULL;
		return EOPNOTSUPP;	/* the console has no fs protocol */
	}
	return 0;
}

/* The directory dirfd stands for (referenced); or an errno. */
static int
fs_start(int dirfd, const char *path, struct fd_file **start)
{
	int error;

	*start = NULL;
	if (path != NULL && path[0] == '/')
		return 0;
	if (dirfd == AT_FDCWD) {
		*start = fs_cwd_get();
		return 0;
	}
	error = fs_fd_port(dirfd, start);
	return error == EOPNOTSUPP ? ENOTDIR : error;
}

int
fs_lookup(int dirfd, const char *path, int flags, uint32_t mode,
    mach_port_t *port)
{
	struct fd_file *root, *start;
	int error = lookup_check(path);

	if (error == 0)
		error = fs_start(dirfd, path, &start);
	if (error != 0)
		return error;
	root = fs_root_get();
	error = lookup_path(&fs_ops, NULL, root ? root->port : MACH_PORT_NULL,
	    start ? start->port : MACH_PORT_NULL, path, flags, mode, port);
	fd_put(root);
	fd_put(start);
	return error;
}

int
fs_lookup_dir(int dirfd, const char *path, mach_port_t *dir,
    char last[LOOKUP_NAME_MAX + 1], int *slash)
{
	char dname[LOOKUP_PATH_MAX];
	struct fd_file *start;
	int error = lookup_split(path, dname, last, slash);

	if (error != 0)
		return error;
	if (dname[0] != '\0')
		return fs_lookup(dirfd, dname, FS_O_DIRECTORY, 0, dir);
	/* A name in the start directory: no lookup, one more right. */
	if ((error = fs_start(dirfd, path, &start)) != 0)
		return error;
	if (start == NULL)
		error = ENOENT;
	else if (mach_port_mod_refs(mach_task_self(), start->port,
	    MACH_PORT_RIGHT_SEND, 1) != KERN_SUCCESS)
		error = EIO;	/* a dead name: the server is gone */
	else
		*dir = start->port;
	fd_put(start);
	return error;
}
