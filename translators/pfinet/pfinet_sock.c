/*
 * pfinet_sock.c -- the socket calls of pfinet.h: argument checks, then
 * dispatch to pfinet_tcp.c (streams) or pfinet_udp.c (datagrams).
 * Called by the translator's RPC handlers and the tests.  Each call runs
 * inside pfinet_enter/pfinet_leave so notifications it causes are
 * delivered when it returns.
 */
#include <errno.h>
#include <poll.h>
#include <string.h>

#include "pfinet_internal.h"
#include "lwip/tcp.h"
#include "lwip/udp.h"


static int
pfinet_is_stream(const struct pfinet_sock *s)
{
	return s->ps_type == SOCK_STREAM;
}

int
pfinet_socket(int domain, int type, int proto, struct pfinet_sock **sp)
{
	struct pfinet_sock *s;
	int error;

	if (sp == NULL)
		return EINVAL;
	if (domain != AF_INET && domain != AF_INET6)
		return EAFNOSUPPORT;
	if (type == SOCK_STREAM && proto != 0 && proto != IPPROTO_TCP)
		return EPROTONOSUPPORT;
	if (type == SOCK_DGRAM && proto != 0 && proto != IPPROTO_UDP &&
	    proto != (domain == AF_INET ? IPPROTO_ICMP : IPPROTO_ICMPV6))
		return EPROTONOSUPPORT;
	if (type != SOCK_STREAM && type != SOCK_DGRAM)
		return EPROTOTYPE;
	pfinet_enter();
	if ((s = pfinet_sock_alloc(domain, type, proto)) == NULL) {
		error = ENFILE;
		goto out;
	}
	error = type == SOCK_STREAM ? pfinet_tcp_open(s) :
	    pfinet_dgram_open(s);
	if (error != 0) {
		pfinet_sock_free(s);
		goto out;
	}
	*sp = s;
out:
	pfinet_leave();
	return error;
}

void
pfinet_sock_notify(struct pfinet_sock *s,
    void (*fn)(void *, struct pfinet_sock *), void *arg)
{
	s->ps_notify = fn;
	s->ps_notify_arg = arg;
}

int
pfinet_bind(struct pfinet_sock *s, const struct sockaddr *sa, socklen_t len)
{
	ip_addr_t ip;
	uint16_t port;
	int error;

	if ((error = pfinet_addr_from(s->ps_domain, sa, len, &ip, &port)) != 0)
		return error;
	if (!pfinet_addr_is_local(&ip))
		return EADDRNOTAVAIL;
	pfinet_enter();
	error = pfinet_is_stream(s) ? pfinet_tcp_bind(s, &ip, port) :
	    pfinet_dgram_bind(s, &ip, port);
	pfinet_leave();
	return error;
}

int
pfinet_listen(struct pfinet_sock *s, int backlog)
{
	int error;

	if (!pfinet_is_stream(s))
		return EOPNOTSUPP;
	pfinet_enter();
	error = pfinet_tcp_listen(s, backlog);
	pfinet_leave();
	return error;
}

int
pfinet_accept(struct pfinet_sock *s, struct pfinet_sock **cp,
    struct sockaddr *sa, socklen_t *len)
{
	struct pfinet_sock *c;
	int error;

	if (cp == NULL)
		return EINVAL;
	if (!pfinet_is_stream(s))
		return EOPNOTSUPP;
	pfinet_enter();
	error = pfinet_tcp_accept(s, &c);
	if (error == 0) {
		*cp = c;
		if (sa != NULL && len != NULL)
			pfinet_addr_to(c->ps_domain, &c->ps_raddr,
			    c->ps_rport, sa, len);
	}
	pfinet_leave();
	return error;
}

int
pfinet_connect(struct pfinet_sock *s, const struct sockaddr *sa,
    socklen_t len)
{
	ip_addr_t ip;
	uint16_t port;
	int error;

	if (!pfinet_is_stream(s) && sa != NULL &&
	    len >= (socklen_t)sizeof(sa_family_t) &&
	    sa->sa_family == AF_UNSPEC) {
		pfinet_enter();
		error = pfinet_dgram_connect(s, NULL, 0);
		pfinet_leave();
		return error;
	}
	if ((error = pfinet_addr_from(s->ps_domain, sa, len, &ip, &port)) != 0)
		return error;
	pfinet_enter();
	error = pfinet_is_stream(s) ? pfinet_tcp_connect(s, &ip, port) :
	    pfinet_dgram_connect(s, &ip, port);
	pfinet_leave();
	return error;
}

int
pfinet_send(struct pfinet_sock *s, const void *buf, size_t len, int flags,
    const struct sockaddr *to, socklen_t tolen, size_t *sent)
{
	ip_addr_t ip;
	uint16_t port = 0;
	int error;

	if (sent == NULL || (buf == NULL && len > 0))
		return EINVAL;
	*sent = 0;
	if (!pfinet_is_stream(s) && to != NULL &&
	    (error = pfinet_addr_from(s->ps_domain, to, tolen, &ip, &port)))
		return error;
	pfinet_enter();
	if (pfinet_is_stream(s))
		error = pfinet_tcp_send(s, buf, len, flags, sent);
	else {
		error = pfinet_dgram_send(s, buf, len, to ? &ip : NULL, port);
		if (error == 0)
			*sent = len;
	}
	pfinet_leave();
	return error;
}

int
pfinet_recv(struct pfinet_sock *s, void *buf, size_t len, int flags,
    struct sockaddr *from, socklen_t *fromlen, size_t *got, int *outflags)
{
	ip_addr_t ip;
	uint16_t port;
	int error, oflags = 0;

	if (got == NULL || (buf == NULL && len > 0))
		return EINVAL;
	*got = 0;
	pfinet_enter();
	if (pfinet_is_stream(s)) {
		error = pfinet_tcp_recv(s, buf, len, flags, got);
		ip_addr_copy(ip, s->ps_raddr);
		port = s->ps_rport;
	} else
		error = pfinet_dgram_recv(s, buf, len, flags, got, &oflags,
		    &ip, &port);
	if (error == 0 && from != NULL && fromlen != NULL)
		pfinet_addr_to(s->ps_domain, &ip, port, from, fromlen);
	if (outflags != NULL)
		*outflags = oflags;
	pfinet_leave();
	return error;
}

int
pfinet_shutdown(struct pfinet_sock *s, int how)
{
	int error = 0;

	if (how != SHUT_RD && how != SHUT_WR && how != SHUT_RDWR)
		return EINVAL;
	pfinet_enter();
	if (pfinet_is_stream(s))
		error = pfinet_tcp_shutdown(s, how);
	else {
		if (how != SHUT_WR)
			s->ps_flags |= PSF_RDSHUT;
		if (how != SHUT_RD)
			s->ps_flags |= PSF_WRSHUT;
		pfinet_wake(s);
	}
	pfinet_leave();
	return error;
}

/* close(2): the handle is gone on return, whatever lwIP still sends. */
int
pfinet_close(struct pfinet_sock *s)
{
	pfinet_enter();
	if (pfinet_is_stream(s))
		pfinet_tcp_close(s);
	else
		pfinet_dgram_close(s);
	pfinet_sock_free(s);
	pfinet_leave();
	return 0;
}

int
pfinet_getsockname(struct pfinet_sock *s, struct sockaddr *sa,
    socklen_t *len)
{
	return pfinet_addr_to(s->ps_domain, &s->ps_laddr, s->ps_lport, sa,
	    len);
}

int
pfinet_getpeername(struct pfinet_sock *s, struct sockaddr *sa,
    socklen_t *len)
{
	if (s->ps_state != PS_CONNECTED &&
	    !(pfinet_is_stream(s) && s->ps_state == PS_DEAD &&
	    s->ps_rport != 0))
		return ENOTCONN;
	return pfinet_addr_to(s->ps_domain, &s->ps_raddr, s->ps_rport, sa,
	    len);
}

unsigned int
pfinet_sock_events(struct pfinet_sock *s)
{
	return pfinet_is_stream(s) ? pfinet_tcp_events(s) :
	    pfinet_dgram_events(s);
}

/* Bytes a recv could return now: the stream's, or the next datagram's. */
size_t
pfinet_sock_nread(struct pfinet_sock *s)
{
	if (pfinet_is_stream(s))
		return s->ps_rxlen;
	if (s->ps_dq_count == 0)
		return 0;
	return s->ps_dq[s->ps_dq_head].pd_p->tot_len;
}
