/*
 * pfinet.h -- the public interface of Whorl's TCP/IP engine (lwIP inside).
 * Called by the pfinet translator's RPC handlers, by NIC drivers' glue and
 * by the host tests.  Plain C, one thread: the caller's event loop owns
 * the engine and must not re-enter it from an output or notify callback
 * except through the socket calls allowed there (see pfinet_sock_notify).
 *
 * Every function returns 0 or a positive errno value.  No call blocks:
 * an operation that cannot finish now returns EAGAIN (or EINPROGRESS for
 * connect), and the socket's notify callback fires when its readiness
 * (pfinet_sock_events) may have changed, so that a deferred reply can be
 * retried then.
 */
#ifndef PFINET_H
#define PFINET_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <netinet/in.h>

/*
 * What the engine needs from its host: a millisecond clock that only
 * goes forward (it may be virtual) and random numbers (ports, sequence
 * numbers, DHCP transaction ids).  log may be NULL.
 */
struct pfinet_platform {
	uint32_t	(*now_ms)(void *arg);
	uint32_t	(*random)(void *arg);
	void		(*log)(void *arg, const char *msg);
	void		 *arg;
};

/* Engine: start once, then call pfinet_poll when pfinet_poll_wait says. */
int		pfinet_init(const struct pfinet_platform *);
void		pfinet_poll(void);
uint32_t	pfinet_poll_wait(void);		/* ms; UINT32_MAX: no timer */

/*
 * Interfaces.  An Ethernet interface hands each outgoing frame to
 * output (which must copy it before returning and must not call back
 * into the engine); the driver feeds received frames to pfinet_if_input.
 * Loopback (127.0.0.1, ::1) exists from pfinet_init on.
 */
struct pfinet_if;
struct pfinet_if_ether {
	uint8_t		  mac[6];
	unsigned int	  mtu;			/* 576..9000; 0 means 1500 */
	void		(*output)(void *arg, const void *frame, size_t len);
	void		 *arg;
};

int	pfinet_if_add_ether(const struct pfinet_if_ether *,
	    struct pfinet_if **);
int	pfinet_if_input(struct pfinet_if *, const void *frame, size_t len);
int	pfinet_if_set_ipv4(struct pfinet_if *, const struct in_addr *addr,
	    const struct in_addr *mask, const struct in_addr *gw);
int	pfinet_if_get_ipv4(struct pfinet_if *, struct in_addr *addr,
	    struct in_addr *mask, struct in_addr *gw);
int	pfinet_if_add_ipv6(struct pfinet_if *, const struct in6_addr *);
int	pfinet_if_get_ipv6(struct pfinet_if *, int index, struct in6_addr *);
int	pfinet_if_set_default(struct pfinet_if *);
int	pfinet_if_set_mtu(struct pfinet_if *, unsigned int mtu);
int	pfinet_if_set_link(struct pfinet_if *, int up);
int	pfinet_if_dhcp_start(struct pfinet_if *);
int	pfinet_if_dhcp_stop(struct pfinet_if *);

/*
 * Sockets: AF_INET and AF_INET6 (v6-only); SOCK_STREAM (TCP),
 * SOCK_DGRAM (UDP) and SOCK_DGRAM with IPPROTO_ICMP or IPPROTO_ICMPV6
 * (echo "ping" sockets: send an echo request header and payload, receive
 * echo replies without the IP header).
 */
struct pfinet_sock;

int	pfinet_socket(int domain, int type, int protocol,
	    struct pfinet_sock **);
void	pfinet_sock_notify(struct pfinet_sock *,
	    void (*fn)(void *arg, struct pfinet_sock *), void *arg);
int	pfinet_bind(struct pfinet_sock *, const struct sockaddr *, socklen_t);
int	pfinet_listen(struct pfinet_sock *, int backlog);
int	pfinet_accept(struct pfinet_sock *, struct pfinet_sock **,
	    struct sockaddr *, socklen_t *);
int	pfinet_connect(struct pfinet_sock *, const struct sockaddr *,
	    socklen_t);
int	pfinet_send(struct pfinet_sock *, const void *, size_t, int flags,
	    const struct sockaddr *to, socklen_t tolen, size_t *sent);
int	pfinet_recv(struct pfinet_sock *, void *, size_t, int flags,
	    struct sockaddr *from, socklen_t *fromlen, size_t *got,
	    int *outflags);
int	pfinet_shutdown(struct pfinet_sock *, int how);
int	pfinet_close(struct pfinet_sock *);
int	pfinet_getsockname(struct pfinet_sock *, struct sockaddr *,
	    socklen_t *);
int	pfinet_getpeername(struct pfinet_sock *, struct sockaddr *,
	    socklen_t *);
int	pfinet_setsockopt(struct pfinet_sock *, int level, int name,
	    const void *, socklen_t);
int	pfinet_getsockopt(struct pfinet_sock *, int level, int name,
	    void *, socklen_t *);
unsigned int pfinet_sock_events(struct pfinet_sock *);	/* POLL* bits */
size_t	pfinet_sock_nread(struct pfinet_sock *);	/* FIONREAD */

/*
 * For programs that load two engines into one process (the in-memory
 * tests): every entry point above, in one table named "pfinet_api".
 */
struct pfinet_api {
	int	(*init)(const struct pfinet_platform *);
	void	(*poll)(void);
	uint32_t (*poll_wait)(void);
	int	(*if_add_ether)(const struct pfinet_if_ether *,
		    struct pfinet_if **);
	int	(*if_input)(struct pfinet_if *, const void *, size_t);
	int	(*if_set_ipv4)(struct pfinet_if *, const struct in_addr *,
		    const struct in_addr *, const struct in_addr *);
	int	(*if_add_ipv6)(struct pfinet_if *, const struct in6_addr *);
	int	(*if_set_default)(struct pfinet_if *);
	int	(*if_get_ipv4)(struct pfinet_if *, struct in_addr *,
		    struct in_addr *, struct in_addr *);
	int	(*if_dhcp_start)(struct pfinet_if *);
	int	(*if_set_mtu)(struct pfinet_if *, unsigned int);
	int	(*socket)(int, int, int, struct pfinet_sock **);
	void	(*sock_notify)(struct pfinet_sock *,
		    void (*)(void *, struct pfinet_sock *), void *);
	int	(*bind)(struct pfinet_sock *, const struct sockaddr *,
		    socklen_t);
	int	(*listen)(struct pfinet_sock *, int);
	int	(*accept)(struct pfinet_sock *, struct pfinet_sock **,
		    struct sockaddr *, socklen_t *);
	int	(*connect)(struct pfinet_sock *, const struct sockaddr *,
		    socklen_t);
	int	(*send)(struct pfinet_sock *, const void *, size_t, int,
		    const struct sockaddr *, socklen_t, size_t *);
	int	(*recv)(struct pfinet_sock *, void *, size_t, int,
		    struct sockaddr *, socklen_t *, size_t *, int *);
	int	(*shutdown)(struct pfinet_sock *, int);
	int	(*close)(struct pfinet_sock *);
	int	(*getsockname)(struct pfinet_sock *, struct sockaddr *,
		    socklen_t *);
	int	(*getpeername)(struct pfinet_sock *, struct sockaddr *,
		    socklen_t *);
	int	(*setsockopt)(struct pfinet_sock *, int, int, const void *,
		    socklen_t);
	int	(*getsockopt)(struct pfinet_sock *, int, int, void *,
		    socklen_t *);
	unsigned int (*sock_events)(struct pfinet_sock *);
};
extern const struct pfinet_api pfinet_api;

#endif /* PFINET_H */
