/*
 * pfinet_internal.h -- what the engine's own files share: the socket
 * structure, the deferred-notification queue and address conversions.
 * Included only by pfinet_*.c; callers use pfinet.h.
 */
#ifndef PFINET_INTERNAL_H
#define PFINET_INTERNAL_H

#include <netinet/tcp.h>
/* The C library's TCP_MSS (a default) is not lwIP's (lwipopts.h). */
#undef TCP_MSS

#include "pfinet.h"
#include "lwip/ip_addr.h"
#include "lwip/pbuf.h"

#define PFINET_DGRAM_QLEN	64	/* datagrams queued per socket */
#define PFINET_BUF_MIN		2048	/* smallest SO_RCVBUF/SO_SNDBUF */
#define PFINET_UDP_RCVBUF	(256 * 1024)

enum pfinet_state {
	PS_FREE = 0,
	PS_NEW,			/* created, maybe bound */
	PS_LISTEN,
	PS_CONNECTING,
	PS_CONNECTED,		/* includes half-closed */
	PS_DEAD			/* TCP: connection gone (reset, closed) */
};

#define PSF_RDSHUT	0x01	/* shutdown(SHUT_RD) by the user */
#define PSF_WRSHUT	0x02	/* shutdown(SHUT_WR): FIN queued */
#define PSF_EOF		0x04	/* FIN received */
#define PSF_QUEUED	0x08	/* on the notify queue */
#define PSF_DETACH	0x10	/* both ways closed: hand the pcb to lwIP */
#define PSF_BOUND	0x20

struct pfinet_dgram {
	struct pbuf	*pd_p;
	ip_addr_t	 pd_addr;
	uint16_t	 pd_port;
};

struct pfinet_sock {
	enum pfinet_state	 ps_state;
	int			 ps_domain;
	int			 ps_type;
	int			 ps_proto;
	unsigned int		 ps_flags;
	int			 ps_error;	/* pending SO_ERROR */
	union {
		struct tcp_pcb	*tcp;
		struct udp_pcb	*udp;
		struct raw_pcb	*raw;
		void		*any;
	}			 ps_pcb;
	/* TCP stream input: one pbuf chain, ps_rxlen bytes. */
	struct pbuf		*ps_rxq;
	size_t			 ps_rxlen;
	/* Datagram input: a ring. */
	struct pfinet_dgram	 ps_dq[PFINET_DGRAM_QLEN];
	unsigned int		 ps_dq_head;
	unsigned int		 ps_dq_count;
	size_t			 ps_dq_bytes;
	/* Listener: established connections not yet accepted. */
	struct pfinet_sock	*ps_acq_head;
	struct pfinet_sock	*ps_acq_tail;
	struct pfinet_sock	*ps_acq_next;
	struct pfinet_sock	*ps_listener;
	int			 ps_backlog;
	/* Options. */
	int			 ps_sndbuf;
	int			 ps_rcvbuf;
	int			 ps_nodelay;
	/* Names, kept after the pcb is gone. */
	ip_addr_t		 ps_laddr;
	ip_addr_t		 ps_raddr;
	uint16_t		 ps_lport;
	uint16_t		 ps_rport;
	/* Readiness notification. */
	void			(*ps_notify)(void *, struct pfinet_sock *);
	void			*ps_notify_arg;
	struct pfinet_sock	*ps_qnext;
};

/* pfinet_engine.c */
void	pfinet_cyclic_start(void);
void	pfinet_cyclic_stop(void);
void	pfinet_enter(void);
void	pfinet_leave(void);
void	pfinet_wake(struct pfinet_sock *);
void	pfinet_unqueue(struct pfinet_sock *);
struct pfinet_sock *pfinet_sock_alloc(int, int, int);
void	pfinet_sock_free(struct pfinet_sock *);

/* pfinet_addr.c */
int	pfinet_addr_from(int, const struct sockaddr *, socklen_t,
	    ip_addr_t *, uint16_t *);
int	pfinet_addr_to(int, const ip_addr_t *, uint16_t, struct sockaddr *,
	    socklen_t *);
int	pfinet_addr_is_local(const ip_addr_t *);
int	pfinet_err(int);

/* pfinet_tcp.c */
int	pfinet_tcp_open(struct pfinet_sock *);
int	pfinet_tcp_bind(struct pfinet_sock *, const ip_addr_t *, uint16_t);
int	pfinet_tcp_listen(struct pfinet_sock *, int);
int	pfinet_tcp_accept(struct pfinet_sock *, struct pfinet_sock **);
int	pfinet_tcp_connect(struct pfinet_sock *, const ip_addr_t *, uint16_t);
int	pfinet_tcp_send(struct pfinet_sock *, const void *, size_t, int,
	    size_t *);
int	pfinet_tcp_recv(struct pfinet_sock *, void *, size_t, int, size_t *);
int	pfinet_tcp_shutdown(struct pfinet_sock *, int);
void	pfinet_tcp_close(struct pfinet_sock *);
void	pfinet_tcp_detach(struct pfinet_sock *);
unsigned int pfinet_tcp_events(struct pfinet_sock *);
int	pfinet_tcp_setopt(struct pfinet_sock *, int, int, int);
int	pfinet_tcp_getopt(struct pfinet_sock *, int, int, int *);

/* pfinet_udp.c: UDP and echo (ping) datagram sockets */
int	pfinet_dgram_open(struct pfinet_sock *);
int	pfinet_dgram_bind(struct pfinet_sock *, const ip_addr_t *, uint16_t);
int	pfinet_dgram_connect(struct pfinet_sock *, const ip_addr_t *,
	    uint16_t);
int	pfinet_dgram_send(struct pfinet_sock *, const void *, size_t,
	    const ip_addr_t *, uint16_t);
int	pfinet_dgram_recv(struct pfinet_sock *, void *, size_t, int,
	    size_t *, int *, ip_addr_t *, uint16_t *);
void	pfinet_dgram_close(struct pfinet_sock *);
unsigned int pfinet_dgram_events(struct pfinet_sock *);

#endif /* PFINET_INTERNAL_H */
