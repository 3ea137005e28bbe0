/*
 * dir.c -- directory streams over dir_readdir: each refill asks the
 * server for a batch of entries (at most DIR_BATCH bytes) from the next
 * entry number on, and readdir hands them out one by one after checking
 * each record lies inside the batch.  docs/libc.md, "Files".
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <mach/mach.h>
#include <mach/mach_traps.h>
#include <mach/mach_port.h>
#include "files.h"
#include "fs_types.h"
#include "fs.h"

#define DIR_BATCH	8192

struct __whorl_dir {
	int fd;
	pthread_mutex_t lock;
	int32_t next;		/* the entry number the next batch starts at */
	int32_t left;		/* entries the batch still holds */
	char *batch;		/* the batch (ours, or the server's pages) */
	size_t len, pos;	/* its bytes, and where the next entry is */
	int ool;		/* batch came out of line: vm_deallocate */
	struct dirent ent;
	char buf[DIR_BATCH];
};

static void
dir_drop(DIR *d)
{
	if (d->ool)
		vm_deallocate(mach_task_self(), (vm_address_t)d->batch, d->len);
	d->batch = d->buf;
	d->len = d->pos = 0;
	d->left = 0;
	d->ool = 0;
}

/* The next batch from d->next on; 0 with d->left 0 at the end. */
static int
dir_fill(DIR *d, mach_port_t port)
{
	mach_msg_type_number_t n = sizeof(d->buf);
	char *data = d->buf;
	int32_t amount = 0;
	int error;

	dir_drop(d);
	error = fs_errno(dir_readdir(port, &data, &n, d->next, -1,
	    DIR_BATCH, &amount));
	if (error != 0)
		return error;
	d->batch = data;
	d->ool = data != d->buf;
	d->len = n;
	if (amount < 0 || (amount > 0 && n == 0))
		return EIO;
	d->left = amount;
	return 0;
}

/* Copy the record at d->pos into d->ent; EIO if it is malformed. */
static int
dir_take(DIR *d)
{
	const struct fs_dirent *e;
	size_t room = d->len - d->pos, hdr = offsetof(struct fs_dirent, d_name);

	if (d->pos % 8 != 0 || room < hdr)
		return EIO;
	e = (const struct fs_dirent *)(d->batch + d->pos);
	if (e->d_reclen < hdr + e->d_namlen + 1u || e->d_reclen > room ||
	    e->d_name[e->d_namlen] != '\0' || e->d_namlen == 0 ||
	    memchr(e->d_name, '\0', e->d_namlen) != NULL)
		return EIO;
	d->ent.d_ino = (ino_t)e->d_ino;
	d->ent.d_type = e->d_type;
	d->ent.d_namlen = e->d_namlen;
	d->ent.d_reclen = sizeof(d->ent);
	memcpy(d->ent.d_name, e->d_name, e->d_namlen + 1u);
	d->pos += (e->d_reclen + 7u) & ~7u;
	d->left--;
	d->next++;
	d->ent.d_off = d->next;
	return 0;
}

DIR *
fdopendir(int fd)
{
	struct stat st;
	DIR *d;

	if (fstat(fd, &st) != 0)
		return NULL;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return NULL;
	}
	if ((d = calloc(1, sizeof(*d))) == NULL) {
		errno = ENOMEM;
		return NULL;
	}
	d->fd = fd;
	d->batch = d->buf;
	pthread_mutex_init(&d->lock, NULL);
	return d;
}

DIR *
opendir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC), e;
	DIR *d;

	if (fd < 0)
		return NULL;
	if ((d = fdopendir(fd)) == NULL) {
		e = errno;
		close(fd);
		errno = e;
	}
	return d;
}

struct dirent *
readdir(DIR *d)
{
	struct fd_file *f = NULL;
	struct dirent *r = NULL;
	int error = 0;

	pthread_mutex_lock(&d->lock);
	if (d->left == 0) {
		error = fs_fd_port(d->fd, &f);
		if (error == EOPNOTSUPP)
			error = ENOTDIR;
		if (error == 0)
			error = dir_fill(d, f->port);
		fd_put(f);
	}
	if (error == 0 && d->left > 0 && (error = dir_take(d)) == 0)
		r = &d->ent;
	if (error != 0)
		dir_drop(d);
	pthread_mutex_unlock(&d->lock);
	if (error != 0)
		errno = error;
	return r;	/* NULL with errno unchanged: the end */
}

void
rewinddir(DIR *d)
{
	seekdir(d, 0);
}

long
telldir(DIR *d)
{
	long r;

	pthread_mutex_lock(&d->lock);
	r = d->next;
	pthread_mutex_unlock(&d->lock);
	return r;
}

void
seekdir(DIR *d, long loc)
{
	pthread_mutex_lock(&d->lock);
	dir_drop(d);
	d->next = loc >= 0 && loc <= INT32_MAX ? (int32_t)loc : 0;
	pthread_mutex_unlock(&d->lock);
}

int
dirfd(DIR *d)
{
	return d->fd;
}

int
closedir(DIR *d)
{
	int r;

	if (d == NULL) {
		errno = EBADF;
		return -1;
	}
	dir_drop(d);
	r = close(d->fd);
	pthread_mutex_destroy(&d->lock);
	free(d);
	return r;
}
