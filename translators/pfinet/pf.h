/*
 * pf.h -- what the pfinet translator's files share (pf_main.c: the
 * event loop and configuration; pf_sock.c: socket objects and the
 * socket protocol; pf_io.c: the io protocol on sockets; pf_nic.c: the
 * frame path to a NIC driver).  One thread runs everything: no locks.
 * See translators/pfinet/README.md ("The translator").
 */
#ifndef PF_H
#define PF_H

#include <stdint.h>
#include <mach/message.h>
#include <mach/port.h>

#include "srv.h"
#include "pfinet.h"

#define PF_OPS_MAX	8		/* deferred operations per socket */
#define PF_SEND_KEEP	(64 * 1024)	/* bytes a deferred send keeps */
#define PF_IO_MAX	(1024 * 1024)	/* the most one recv returns */
#define PF_OWNER_SOCKS	256		/* sockets per server port */
#define PF_OWNER_OPS	64		/* waiting operations per server port */

enum pf_op_kind {
	PF_OP_NONE = 0,
	PF_OP_ACCEPT,
	PF_OP_CONNECT,
	PF_OP_RECV,		/* socket_recv */
	PF_OP_READ,		/* io_read */
	PF_OP_SEND,		/* socket_send */
	PF_OP_WRITE,		/* io_write */
	PF_OP_SELECT
};

/* A deferred request: its reply port and what it asked. */
struct pf_op {
	enum pf_op_kind	 kind;
	struct srv_reply reply;
	int		 flags;		/* recv/send flags, select bits */
	size_t		 amount;	/* recv: most to return */
	char		*data;		/* send: the bytes kept */
	size_t		 len;
	char		 addr[128];	/* send: destination */
	socklen_t	 addrlen;
};

/*
 * A server port: one per client the boot script names (later, one per
 * open of /servers/socket/2).  Its sockets and their waiting operations
 * are counted against it: Mach does not say who sent a request, so the
 * port a client was given is what a client is.
 */
struct pf_owner {
	struct srv_port	 port;
	unsigned int	 nsocks;
	unsigned int	 nops;
};

/* A socket port: the engine's socket and what waits on it. */
struct pf_sock {
	struct srv_port	 port;
	struct pfinet_sock *ps;
	struct pf_owner	*owner;		/* referenced */
	int		 modes;		/* FS_O_NONBLOCK ... */
	struct linger	 linger;	/* SO_LINGER: kept, reported */
	int		 woken;		/* on pf_woken */
	struct pf_sock	*wnext;
	struct pf_op	 ops[PF_OPS_MAX];
	unsigned int	 nops;
};

extern struct srv_bucket pf_bucket;
extern const struct srv_class pf_sock_class;
extern const struct srv_class pf_server_class;
extern unsigned int pf_nsocks, pf_npending, pf_ntimer;

/* pf_sock.c */
struct pf_sock *pf_sock_of(struct srv_port *p);
int	pf_sock_new(struct pfinet_sock *ps, struct pf_owner *owner,
	    mach_port_t *namep);
int	pf_owner_new(mach_port_t *namep);
int	pf_op_defer(struct pf_sock *s, const struct pf_op *op);
void	pf_run_woken(void);
int	pf_woken_any(void);
int	pf_addr_check(const char *addr, size_t len);

/* pf_io.c */
int	pf_do_recv(struct pf_sock *s, int flags, size_t amount, char **data,
	    size_t *got, char *addr, socklen_t *addrlen, int *outflags);
int	pf_retry_io(struct pf_sock *s, struct pf_op *op);
int	pf_io_demux(mach_msg_header_t *in, mach_msg_header_t *out);

/* pf_main.c: the request being handled (for deferring its reply). */
extern mach_msg_header_t *pf_current;
int	pf_defer_current(struct srv_reply *r);
void	pf_free_in(const void *data, size_t size);
uint32_t pf_random_u32(void);

/* pf_nic.c */
int	pf_nic_attach(mach_port_t device, const char *name);
int	pf_nic_input(mach_msg_header_t *in);
struct pfinet_if *pf_nic_if(void);

#endif
