/*
 * fd.h -- libc's private file descriptor table (fd.c): each fd names a
 * shared open file (struct fd_file: the kernel console or an io port)
 * and carries its own FD_CLOEXEC.  dup'd fds share one fd_file, as
 * POSIX's open file descriptions: the port is the same, so the server
 * keeps one file pointer and one set of modes for them.  Pure logic,
 * also built for the host (libc/test-fd.c).  docs/libc.md, "Files".
 */
#ifndef LIBC_FD_H
#define LIBC_FD_H

#include <mach/port.h>

/* The most fds a process may hold (getdtablesize, EMFILE past it). */
#define FD_LIMIT	1024

enum fd_kind {
	FD_CONSOLE = 1,		/* the kernel console (console.c) */
	FD_PORT = 2,		/* an io port we hold a send right to */
};

struct fd_file {
	enum fd_kind kind;
	mach_port_t port;	/* FD_PORT: our send right */
	int accmode;		/* O_RDONLY, O_WRONLY or O_RDWR as opened */
	unsigned int refs;	/* fds naming it + calls using it (fd lock) */
};

/* A new fd_file holding port (owned from now on); NULL if no memory. */
struct fd_file	*fd_file_new(enum fd_kind kind, mach_port_t port,
		    int accmode);
/* The file of fd with a reference for the caller; NULL and *error. */
struct fd_file	*fd_get(int fd, int *error);
/* Take one more reference to a file the caller holds. */
void		 fd_ref(struct fd_file *f);
/* Drop a reference; the last one releases the port and frees f. */
void		 fd_put(struct fd_file *f);
/* The lowest free fd >= min for f (its reference goes to the fd). */
int		 fd_install(struct fd_file *f, int min, int cloexec,
		    int *error);
/* Make fd name f, closing what it named; f's reference goes to it. */
int		 fd_install_at(int fd, struct fd_file *f, int cloexec);
int		 fd_close(int fd);
/* FD_CLOEXEC of fd, or -1 and *error. */
int		 fd_cloexec(int fd, int set, int value, int *error);

/* Supplied by the user of fd.c: give back a port's send right. */
void		 fd_port_release(mach_port_t port);

#endif
