/*
 * pfinet_udp.c -- datagram sockets: UDP over lwIP's udp_pcb, and echo
 * ("ping") sockets over a raw ICMP/ICMPv6 pcb.  Called by pfinet_sock.c;
 * lwIP calls the receive callbacks from inside pfinet_if_input.  Each
 * socket queues at most PFINET_DGRAM_QLEN datagrams and SO_RCVBUF bytes;
 * what does not fit is dropped, as UDP allows.
 */
#include <errno.h>
#include <poll.h>
#include <string.h>

#include "pfinet_internal.h"
#include "lwip/icmp.h"
#include "lwip/icmp6.h"
#include "lwip/inet_chksum.h"
#include "lwip/ip.h"
#include "lwip/prot/icmp6.h"
#include "lwip/raw.h"
#include "lwip/udp.h"


#define PFINET_DGRAM_MAX	65507

static int
pfinet_is_ping(const struct pfinet_sock *s)
{
	return s->ps_proto == IPPROTO_ICMP || s->ps_proto == IPPROTO_ICMPV6;
}

/* Queue one datagram, or drop it when the socket is full. */
static void
pfinet_dgram_queue(struct pfinet_sock *s, struct pbuf *p,
    const ip_addr_t *addr, uint16_t port)
{
	struct pfinet_dgram *d;

	if (s->ps_dq_count == PFINET_DGRAM_QLEN ||
	    s->ps_dq_bytes + p->tot_len > (size_t)s->ps_rcvbuf ||
	    (s->ps_flags & PSF_RDSHUT)) {
		pbuf_free(p);
		return;
	}
	d = &s->ps_dq[(s->ps_dq_head + s->ps_dq_count) % PFINET_DGRAM_QLEN];
	d->pd_p = p;
	ip_addr_copy(d->pd_addr, *addr);
	d->pd_port = port;
	s->ps_dq_count++;
	s->ps_dq_bytes += p->tot_len;
	pfinet_wake(s);
}

static void
pfinet_udp_recv_cb(void *arg, struct udp_pcb *pcb, struct pbuf *p,
    const ip_addr_t *addr, u16_t port)
{
	(void)pcb;
	pfinet_dgram_queue(arg, p, addr, port);
}

/*
 * ICMP for an echo socket: keep echo replies (without the IP header)
 * and leave everything else to lwIP's own ICMP code.
 */
static u8_t
pfinet_ping_recv_cb(void *arg, struct raw_pcb *pcb, struct pbuf *p,
    const ip_addr_t *addr)
{
	struct pfinet_sock *s = arg;
	u16_t hlen;
	u8_t type;

	(void)pcb;
	hlen = (u16_t)ip_current_header_tot_len();

	if (p->tot_len < hlen + 8 || pbuf_copy_partial(p, &type, 1, hlen) != 1)
		return 0;
	if (type != (s->ps_domain == AF_INET ? ICMP_ER : ICMP6_TYPE_EREP))
		return 0;
	if (pbuf_remove_header(p, hlen) != 0)
		return 0;
	pfinet_dgram_queue(s, p, addr, 0);
	return 1;
}

int
pfinet_dgram_open(struct pfinet_sock *s)
{
	u8_t type = s->ps_domain == AF_INET ? IPADDR_TYPE_V4 : IPADDR_TYPE_V6;

	if (!pfinet_is_ping(s)) {
		s->ps_pcb.udp = udp_new_ip_type(type);
		if (s->ps_pcb.udp == NULL)
			return ENOBUFS;
		udp_recv(s->ps_pcb.udp, pfinet_udp_recv_cb, s);
		return 0;
	}
	s->ps_pcb.raw = raw_new_ip_type(type, s->ps_domain == AF_INET ?
	    IP_PROTO_ICMP : IP6_NEXTH_ICMP6);
	if (s->ps_pcb.raw == NULL)
		return ENOBUFS;
	if (s->ps_domain == AF_INET6) {
		s->ps_pcb.raw->chksum_reqd = 1;
		s->ps_pcb.raw->chksum_offset = 2;
	}
	raw_recv(s->ps_pcb.raw, pfinet_ping_recv_cb, s);
	return 0;
}

int
pfinet_dgram_bind(struct pfinet_sock *s, const ip_addr_t *ip, uint16_t port)
{
	err_t err;

	if (s->ps_flags & PSF_BOUND)
		return EINVAL;
	if (pfinet_is_ping(s))
		err = raw_bind(s->ps_pcb.raw, ip);
	else
		err = udp_bind(s->ps_pcb.udp, ip, port);
	if (err != ERR_OK)
		return pfinet_err(err);
	s->ps_flags |= PSF_BOUND;
	ip_addr_copy(s->ps_laddr, *ip);
	s->ps_lport = pfinet_is_ping(s) ? 0 : s->ps_pcb.udp->local_port;
	return 0;
}

/* connect(2) on a datagram socket: fix the peer; AF_UNSPEC undoes it. */
int
pfinet_dgram_connect(struct pfinet_sock *s, const ip_addr_t *ip,
    uint16_t port)
{
	err_t err;

	if (ip == NULL) {
		if (pfinet_is_ping(s))
			raw_disconnect(s->ps_pcb.raw);
		else
			udp_disconnect(s->ps_pcb.udp);
		s->ps_state = PS_NEW;
		return 0;
	}
	if (pfinet_is_ping(s))
		err = raw_connect(s->ps_pcb.raw, ip);
	else
		err = udp_connect(s->ps_pcb.udp, ip, port);
	if (err != ERR_OK)
		return pfinet_err(err);
	s->ps_state = PS_CONNECTED;
	s->ps_flags |= PSF_BOUND;
	ip_addr_copy(s->ps_raddr, *ip);
	s->ps_rport = port;
	if (!pfinet_is_ping(s)) {
		ip_addr_copy(s->ps_laddr, s->ps_pcb.udp->local_ip);
		s->ps_lport = s->ps_pcb.udp->local_port;
	}
	return 0;
}

/*
 * Clear the checksum field; an IPv4 echo request gets its checksum here,
 * an ICMPv6 one from lwIP (it needs the pseudo-header).
 */
static void
pfinet_ping_checksum(struct pfinet_sock *s, struct pbuf *p)
{
	u16_t zero = 0, sum;

	pbuf_take_at(p, &zero, 2, 2);
	if (s->ps_domain != AF_INET)
		return;
	sum = inet_chksum_pbuf(p);
	pbuf_take_at(p, &sum, 2, 2);
}

int
pfinet_dgram_send(struct pfinet_sock *s, const void *buf, size_t len,
    const ip_addr_t *to, uint16_t port)
{
	struct pbuf *p;
	err_t err;

	if (s->ps_flags & PSF_WRSHUT)
		return EPIPE;
	if (len > PFINET_DGRAM_MAX)
		return EMSGSIZE;
	if (to == NULL && s->ps_state != PS_CONNECTED)
		return EDESTADDRREQ;
	if (to == NULL) {
		to = &s->ps_raddr;
		port = s->ps_rport;
	}
	if (pfinet_is_ping(s) && len < 8)
		return EINVAL;
	p = pbuf_alloc(pfinet_is_ping(s) ? PBUF_IP : PBUF_TRANSPORT,
	    (u16_t)len, PBUF_RAM);
	if (p == NULL)
		return ENOBUFS;
	pbuf_take(p, buf, (u16_t)len);
	if (pfinet_is_ping(s)) {
		pfinet_ping_checksum(s, p);
		err = raw_sendto(s->ps_pcb.raw, p, to);
	} else
		err = udp_sendto(s->ps_pcb.udp, p, to, port);
	pbuf_free(p);
	if (err == ERR_OK && !pfinet_is_ping(s) &&
	    (s->ps_flags & PSF_BOUND) == 0) {
		s->ps_flags |= PSF_BOUND;
		s->ps_lport = s->ps_pcb.udp->local_port;
	}
	return pfinet_err(err);
}

/*
 * Take the oldest datagram.  A datagram longer than len is cut and
 * MSG_TRUNC reported; with MSG_TRUNC in flags *got is its full length.
 */
int
pfinet_dgram_recv(struct pfinet_sock *s, void *buf, size_t len, int flags,
    size_t *got, int *outflags, ip_addr_t *from, uint16_t *port)
{
	struct pfinet_dgram *d;
	size_t n, full;

	if (s->ps_dq_count == 0)
		return (s->ps_flags & PSF_RDSHUT) ? (*got = 0, 0) : EAGAIN;
	d = &s->ps_dq[s->ps_dq_head];
	full = d->pd_p->tot_len;
	n = len < full ? len : full;
	pbuf_copy_partial(d->pd_p, buf, (u16_t)n, 0);
	ip_addr_copy(*from, d->pd_addr);
	*port = d->pd_port;
	*got = (flags & MSG_TRUNC) ? full : n;
	*outflags = n < full ? MSG_TRUNC : 0;
	if (flags & MSG_PEEK)
		return 0;
	pbuf_free(d->pd_p);
	d->pd_p = NULL;
	s->ps_dq_head = (s->ps_dq_head + 1) % PFINET_DGRAM_QLEN;
	s->ps_dq_count--;
	s->ps_dq_bytes -= full;
	return 0;
}

void
pfinet_dgram_close(struct pfinet_sock *s)
{
	while (s->ps_dq_count > 0) {
		pbuf_free(s->ps_dq[s->ps_dq_head].pd_p);
		s->ps_dq_head = (s->ps_dq_head + 1) % PFINET_DGRAM_QLEN;
		s->ps_dq_count--;
	}
	if (s->ps_pcb.any == NULL)
		return;
	if (pfinet_is_ping(s))
		raw_remove(s->ps_pcb.raw);
	else
		udp_remove(s->ps_pcb.udp);
	s->ps_pcb.any = NULL;
}

unsigned int
pfinet_dgram_events(struct pfinet_sock *s)
{
	unsigned int ev = POLLOUT | POLLWRNORM;

	if (s->ps_dq_count > 0 || (s->ps_flags & PSF_RDSHUT))
		ev |= POLLIN | POLLRDNORM;
	if (s->ps_error != 0)
		ev |= POLLERR;
	return ev;
}
