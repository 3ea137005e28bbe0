/*
 * fd.c -- the file descriptor table (fd.h).  A growing array of slots,
 * each naming a shared struct fd_file, under one mutex.  A call using a
 * fd takes a reference to its file, so a close() by another thread
 * never releases a port an RPC is still using: the last reference does.
 * Slots 0, 1 and 2 start on the kernel console.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "fd.h"

struct fd_slot {
	struct fd_file *file;	/* NULL: the fd is free */
	int cloexec;
};

static pthread_mutex_t fd_lock = PTHREAD_MUTEX_INITIALIZER;
static struct fd_slot *fd_table;	/* [fd_lock] */
static int fd_size;			/* [fd_lock] slots in fd_table */
static int fd_ready;			/* [fd_lock] 0..2 made */

struct fd_file *
fd_file_new(enum fd_kind kind, mach_port_t port, int accmode)
{
	struct fd_file *f = calloc(1, sizeof(*f));

	if (f == NULL)
		return NULL;
	f->kind = kind;
	f->port = port;
	f->accmode = accmode;
	f->refs = 1;
	return f;
}

/* Grow the table to hold fd (< FD_LIMIT); 0 or ENOMEM.  Locked. */
static int
fd_grow(int fd)
{
	struct fd_slot *t;
	int n = fd_size > 0 ? fd_size : 16;

	while (n <= fd)
		n *= 2;
	if (n > FD_LIMIT)
		n = FD_LIMIT;
	if (n <= fd_size)
		return 0;
	t = realloc(fd_table, (size_t)n * sizeof(*t));
	if (t == NULL)
		return ENOMEM;
	memset(t + fd_size, 0, (size_t)(n - fd_size) * sizeof(*t));
	fd_table = t;
	fd_size = n;
	return 0;
}

/* The table with fds 0..2 on the console, made on first use.  Locked. */
static int
fd_init(void)
{
	int i;

	if (fd_ready)
		return 0;
	if (fd_grow(2) != 0)
		return ENOMEM;
	for (i = 0; i < 3; i++) {
		fd_table[i].file = fd_file_new(FD_CONSOLE, MACH_PORT_NULL, 2);
		if (fd_table[i].file == NULL)
			return ENOMEM;	/* the next call tries again */
	}
	fd_ready = 1;
	return 0;
}

/* The slot of an open fd, or NULL.  Locked. */
static struct fd_slot *
fd_slot(int fd)
{
	if (fd < 0 || fd_init() != 0 || fd >= fd_size ||
	    fd_table[fd].file == NULL)
		return NULL;
	return &fd_table[fd];
}

struct fd_file *
fd_get(int fd, int *error)
{
	struct fd_slot *s;
	struct fd_file *f = NULL;

	pthread_mutex_lock(&fd_lock);
	if ((s = fd_slot(fd)) != NULL) {
		f = s->file;
		f->refs++;
	}
	pthread_mutex_unlock(&fd_lock);
	if (f == NULL)
		*error = EBADF;
	return f;
}

void
fd_ref(struct fd_file *f)
{
	pthread_mutex_lock(&fd_lock);
	f->refs++;
	pthread_mutex_unlock(&fd_lock);
}

void
fd_put(struct fd_file *f)
{
	unsigned int left;

	if (f == NULL)
		return;
	pthread_mutex_lock(&fd_lock);
	left = --f->refs;
	pthread_mutex_unlock(&fd_lock);
	if (left != 0)
		return;
	if (f->kind == FD_PORT && MACH_PORT_VALID(f->port))
		fd_port_release(f->port);
	free(f);
}

int
fd_install(struct fd_file *f, int min, int cloexec, int *error)
{
	int fd = -1, i;

	if (min < 0 || min >= FD_LIMIT) {
		*error = EINVAL;
		return -1;
	}
	pthread_mutex_lock(&fd_lock);
	*error = fd_init();
	for (i = min; *error == 0 && i < FD_LIMIT; i++) {
		if (i >= fd_size && (*error = fd_grow(i)) != 0)
			break;
		if (fd_table[i].file == NULL) {
			fd_table[i].file = f;
			fd_table[i].cloexec = cloexec != 0;
			fd = i;
			break;
		}
	}
	if (fd < 0 && *error == 0)
		*error = EMFILE;
	pthread_mutex_unlock(&fd_lock);
	return fd;
}

int
fd_install_at(int fd, struct fd_file *f, int cloexec)
{
	struct fd_file *old = NULL;
	int error;

	if (fd < 0 || fd >= FD_LIMIT)
		return EBADF;
	pthread_mutex_lock(&fd_lock);
	error = fd_init();
	if (error == 0 && fd >= fd_size)
		error = fd_grow(fd);
	if (error == 0) {
		old = fd_table[fd].file;
		fd_table[fd].file = f;
		fd_table[fd].cloexec = cloexec != 0;
	}
	pthread_mutex_unlock(&fd_lock);
	fd_put(old);
	return error;
}

int
fd_close(int fd)
{
	struct fd_slot *s;
	struct fd_file *f = NULL;

	pthread_mutex_lock(&fd_lock);
	if ((s = fd_slot(fd)) != NULL) {
		f = s->file;
		s->file = NULL;
		s->cloexec = 0;
	}
	pthread_mutex_unlock(&fd_lock);
	if (f == NULL)
		return EBADF;
	fd_put(f);
	return 0;
}

int
fd_cloexec(int fd, int set, int value, int *error)
{
	struct fd_slot *s;
	int r = -1;

	pthread_mutex_lock(&fd_lock);
	if ((s = fd_slot(fd)) != NULL) {
		if (set)
			s->cloexec = value != 0;
		r = s->cloexec;
	}
	pthread_mutex_unlock(&fd_lock);
	if (r < 0)
		*error = EBADF;
	return r;
}
