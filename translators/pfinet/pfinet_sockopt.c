/*
 * pfinet_sockopt.c -- setsockopt/getsockopt for pfinet sockets and the
 * pfinet_api table.  Called by the translator's RPC handlers; options
 * that live in a TCP pcb are passed on to pfinet_tcp.c.
 */
#include <errno.h>
#include <string.h>

#include "pfinet_internal.h"
#include "lwip/ip.h"
#include "lwip/tcp.h"


/* The fields every lwIP pcb (tcp, listen, udp, raw) starts with. */
struct pfinet_ip_pcb {
	IP_PCB;
};

static int
pfinet_clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static int
pfinet_sockopt_set_sol(struct pfinet_sock *s, int name, int val)
{
	struct pfinet_ip_pcb *pcb = s->ps_pcb.any;

	switch (name) {
	case SO_REUSEADDR:
		if (pcb == NULL)
			return EINVAL;
		if (val)
			ip_set_option(pcb, SOF_REUSEADDR);
		else
			ip_reset_option(pcb, SOF_REUSEADDR);
		return 0;
	case SO_RCVBUF:
		s->ps_rcvbuf = pfinet_clamp(val, PFINET_BUF_MIN,
		    s->ps_type == SOCK_STREAM ? TCP_WND :
		    4 * PFINET_UDP_RCVBUF);
		return 0;
	case SO_SNDBUF:
		s->ps_sndbuf = pfinet_clamp(val, PFINET_BUF_MIN, TCP_SND_BUF);
		return 0;
	case SO_KEEPALIVE:
		if (s->ps_type != SOCK_STREAM)
			return ENOPROTOOPT;
		return pfinet_tcp_setopt(s, SOL_SOCKET, name, val);
	default:
		return ENOPROTOOPT;
	}
}

int
pfinet_setsockopt(struct pfinet_sock *s, int level, int name,
    const void *val, socklen_t len)
{
	int v, error;

	if (val == NULL || len < (socklen_t)sizeof(int))
		return EINVAL;
	memcpy(&v, val, sizeof(v));
	pfinet_enter();
	if (level == SOL_SOCKET)
		error = pfinet_sockopt_set_sol(s, name, v);
	else if (level == IPPROTO_TCP && s->ps_type == SOCK_STREAM)
		error = pfinet_tcp_setopt(s, level, name, v);
	else if (level == IPPROTO_IPV6 && name == IPV6_V6ONLY &&
	    s->ps_domain == AF_INET6)
		error = v ? 0 : EOPNOTSUPP;
	else
		error = ENOPROTOOPT;
	pfinet_leave();
	return error;
}

static int
pfinet_sockopt_get_sol(struct pfinet_sock *s, int name, int *v)
{
	struct pfinet_ip_pcb *pcb = s->ps_pcb.any;

	switch (name) {
	case SO_REUSEADDR:
		*v = pcb != NULL && ip_get_option(pcb, SOF_REUSEADDR) != 0;
		return 0;
	case SO_RCVBUF:
		*v = s->ps_rcvbuf;
		return 0;
	case SO_SNDBUF:
		*v = s->ps_sndbuf;
		return 0;
	case SO_ERROR:
		*v = s->ps_error;
		s->ps_error = 0;
		return 0;
	case SO_TYPE:
		*v = s->ps_type;
		return 0;
	case SO_ACCEPTCONN:
		*v = s->ps_state == PS_LISTEN;
		return 0;
	case SO_KEEPALIVE:
		if (s->ps_type != SOCK_STREAM)
			return ENOPROTOOPT;
		return pfinet_tcp_getopt(s, SOL_SOCKET, name, v);
	default:
		return ENOPROTOOPT;
	}
}

int
pfinet_getsockopt(struct pfinet_sock *s, int level, int name, void *val,
    socklen_t *len)
{
	int v = 0, error;

	if (val == NULL || len == NULL || *len < (socklen_t)sizeof(int))
		return EINVAL;
	if (level == SOL_SOCKET)
		error = pfinet_sockopt_get_sol(s, name, &v);
	else if (level == IPPROTO_TCP && s->ps_type == SOCK_STREAM)
		error = pfinet_tcp_getopt(s, level, name, &v);
	else if (level == IPPROTO_IPV6 && name == IPV6_V6ONLY &&
	    s->ps_domain == AF_INET6) {
		v = 1;
		error = 0;
	} else
		error = ENOPROTOOPT;
	if (error == 0) {
		memcpy(val, &v, sizeof(v));
		*len = sizeof(v);
	}
	return error;
}

const struct pfinet_api pfinet_api = {
	.init = pfinet_init,
	.poll = pfinet_poll,
	.poll_wait = pfinet_poll_wait,
	.if_add_ether = pfinet_if_add_ether,
	.if_input = pfinet_if_input,
	.if_set_ipv4 = pfinet_if_set_ipv4,
	.if_add_ipv6 = pfinet_if_add_ipv6,
	.if_set_default = pfinet_if_set_default,
	.if_get_ipv4 = pfinet_if_get_ipv4,
	.if_dhcp_start = pfinet_if_dhcp_start,
	.if_set_mtu = pfinet_if_set_mtu,
	.socket = pfinet_socket,
	.sock_notify = pfinet_sock_notify,
	.bind = pfinet_bind,
	.listen = pfinet_listen,
	.accept = pfinet_accept,
	.connect = pfinet_connect,
	.send = pfinet_send,
	.recv = pfinet_recv,
	.shutdown = pfinet_shutdown,
	.close = pfinet_close,
	.getsockname = pfinet_getsockname,
	.getpeername = pfinet_getpeername,
	.setsockopt = pfinet_setsockopt,
	.getsockopt = pfinet_getsockopt,
	.sock_events = pfinet_sock_events,
};
