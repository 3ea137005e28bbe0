/*
 * pfinet_tcp.c -- stream sockets over lwIP's raw TCP API.  Called by
 * pfinet_sock.c for SOCK_STREAM sockets; lwIP calls the pfinet_tcp_*_cb
 * functions from inside pfinet_if_input and pfinet_poll.  Received data
 * waits in ps_rxq and the window is reopened only as the owner reads it,
 * so a slow reader throttles its peer instead of filling memory.
 */
#include <errno.h>
#include <poll.h>
#include <string.h>

#include "pfinet_internal.h"
#include "lwip/tcp.h"
#include "lwip/priv/tcp_priv.h"


#define PFINET_POLL_INTERVAL	2	/* lwIP slow ticks: 1 s */

static err_t	pfinet_tcp_recv_cb(void *, struct tcp_pcb *, struct pbuf *,
		    err_t);
static err_t	pfinet_tcp_sent_cb(void *, struct tcp_pcb *, u16_t);
static err_t	pfinet_tcp_poll_cb(void *, struct tcp_pcb *);
static void	pfinet_tcp_err_cb(void *, err_t);

static void
pfinet_tcp_hook(struct pfinet_sock *s, struct tcp_pcb *pcb)
{
	tcp_arg(pcb, s);
	tcp_recv(pcb, pfinet_tcp_recv_cb);
	tcp_sent(pcb, pfinet_tcp_sent_cb);
	tcp_err(pcb, pfinet_tcp_err_cb);
	tcp_poll(pcb, pfinet_tcp_poll_cb, PFINET_POLL_INTERVAL);
}

static void
pfinet_tcp_unhook(struct tcp_pcb *pcb)
{
	tcp_arg(pcb, NULL);
	if (pcb->state == LISTEN) {
		tcp_accept(pcb, NULL);
		return;
	}
	tcp_recv(pcb, NULL);
	tcp_sent(pcb, NULL);
	tcp_err(pcb, NULL);
	tcp_poll(pcb, NULL, 0);
}

/* Remember both ends' names while the pcb lives. */
static void
pfinet_tcp_names(struct pfinet_sock *s)
{
	struct tcp_pcb *pcb = s->ps_pcb.tcp;

	ip_addr_copy(s->ps_laddr, pcb->local_ip);
	s->ps_lport = pcb->local_port;
	if (pcb->state != LISTEN) {
		ip_addr_copy(s->ps_raddr, pcb->remote_ip);
		s->ps_rport = pcb->remote_port;
	}
}

int
pfinet_tcp_open(struct pfinet_sock *s)
{
	struct tcp_pcb *pcb;

	pcb = tcp_new_ip_type(s->ps_domain == AF_INET ? IPADDR_TYPE_V4 :
	    IPADDR_TYPE_V6);
	if (pcb == NULL)
		return ENOBUFS;
	s->ps_pcb.tcp = pcb;
	pfinet_tcp_hook(s, pcb);
	return 0;
}

int
pfinet_tcp_bind(struct pfinet_sock *s, const ip_addr_t *ip, uint16_t port)
{
	err_t err;

	if (s->ps_state != PS_NEW || s->ps_pcb.tcp == NULL ||
	    (s->ps_flags & PSF_BOUND))
		return EINVAL;
	err = tcp_bind(s->ps_pcb.tcp, ip, port);
	if (err != ERR_OK)
		return pfinet_err(err);
	s->ps_flags |= PSF_BOUND;
	pfinet_tcp_names(s);
	return 0;
}

/* Free a connection that was never accepted (listener closing). */
static void
pfinet_tcp_drop_child(struct pfinet_sock *c)
{
	if (c->ps_pcb.tcp != NULL) {
		tcp_backlog_accepted(c->ps_pcb.tcp);
		pfinet_tcp_unhook(c->ps_pcb.tcp);
		tcp_abort(c->ps_pcb.tcp);
	}
	if (c->ps_rxq != NULL)
		pbuf_free(c->ps_rxq);
	pfinet_sock_free(c);
}

/*
 * A connection finished its handshake on listener arg.  It counts
 * against the backlog until the owner accepts it; when the socket pool
 * is empty the connection is refused (lwIP resets it).
 */
static err_t
pfinet_tcp_accept_cb(void *arg, struct tcp_pcb *pcb, err_t err)
{
	struct pfinet_sock *l = arg, *c;

	if (l == NULL || pcb == NULL || err != ERR_OK)
		return ERR_VAL;
	c = pfinet_sock_alloc(l->ps_domain, SOCK_STREAM, l->ps_proto);
	if (c == NULL)
		return ERR_MEM;
	c->ps_state = PS_CONNECTED;
	c->ps_flags = PSF_BOUND;
	c->ps_pcb.tcp = pcb;
	c->ps_listener = l;
	c->ps_nodelay = l->ps_nodelay;
	c->ps_sndbuf = l->ps_sndbuf;
	c->ps_rcvbuf = l->ps_rcvbuf;
	if (c->ps_nodelay)
		tcp_nagle_disable(pcb);
	pfinet_tcp_names(c);
	pfinet_tcp_hook(c, pcb);
	tcp_backlog_delayed(pcb);
	if (l->ps_acq_tail != NULL)
		l->ps_acq_tail->ps_acq_next = c;
	else
		l->ps_acq_head = c;
	l->ps_acq_tail = c;
	pfinet_wake(l);
	return ERR_OK;
}

int
pfinet_tcp_listen(struct pfinet_sock *s, int backlog)
{
	struct tcp_pcb *lpcb;
	ip_addr_t any;
	err_t err;

	if (backlog < 1)
		backlog = 1;
	if (backlog > 255)
		backlog = 255;
	if (s->ps_state == PS_LISTEN) {
		((struct tcp_pcb_listen *)s->ps_pcb.tcp)->backlog =
		    (u8_t)backlog;
		return 0;
	}
	if (s->ps_state != PS_NEW || s->ps_pcb.tcp == NULL)
		return EINVAL;
	if ((s->ps_flags & PSF_BOUND) == 0) {
		ip_addr_set_any(s->ps_domain == AF_INET6, &any);
		if ((err = pfinet_tcp_bind(s, &any, 0)) != 0)
			return err;
	}
	pfinet_tcp_unhook(s->ps_pcb.tcp);
	lpcb = tcp_listen_with_backlog_and_err(s->ps_pcb.tcp, (u8_t)backlog,
	    &err);
	if (lpcb == NULL) {
		pfinet_tcp_hook(s, s->ps_pcb.tcp);
		return pfinet_err(err);
	}
	s->ps_pcb.tcp = lpcb;
	s->ps_state = PS_LISTEN;
	s->ps_backlog = backlog;
	tcp_arg(lpcb, s);
	tcp_accept(lpcb, pfinet_tcp_accept_cb);
	return 0;
}

int
pfinet_tcp_accept(struct pfinet_sock *s, struct pfinet_sock **cp)
{
	struct pfinet_sock *c;

	if (s->ps_state != PS_LISTEN)
		return EINVAL;
	if ((c = s->ps_acq_head) == NULL)
		return EAGAIN;
	s->ps_acq_head = c->ps_acq_next;
	if (s->ps_acq_head == NULL)
		s->ps_acq_tail = NULL;
	c->ps_acq_next = NULL;
	c->ps_listener = NULL;
	if (c->ps_pcb.tcp != NULL)
		tcp_backlog_accepted(c->ps_pcb.tcp);
	*cp = c;
	return 0;
}

static err_t
pfinet_tcp_connected_cb(void *arg, struct tcp_pcb *pcb, err_t err)
{
	struct pfinet_sock *s = arg;

	(void)err;
	if (s == NULL)
		return ERR_OK;
	s->ps_state = PS_CONNECTED;
	s->ps_flags |= PSF_BOUND;
	if (s->ps_nodelay)
		tcp_nagle_disable(pcb);
	pfinet_tcp_names(s);
	pfinet_wake(s);
	return ERR_OK;
}

int
pfinet_tcp_connect(struct pfinet_sock *s, const ip_addr_t *ip,
    uint16_t port)
{
	err_t err;

	switch (s->ps_state) {
	case PS_CONNECTING:
		return EALREADY;
	case PS_CONNECTED:
		return EISCONN;
	case PS_NEW:
		break;
	default:
		return EINVAL;
	}
	if (s->ps_pcb.tcp == NULL || port == 0 || ip_addr_isany(ip))
		return port == 0 ? EADDRNOTAVAIL : EINVAL;
	err = tcp_connect(s->ps_pcb.tcp, ip, port, pfinet_tcp_connected_cb);
	if (err != ERR_OK)
		return pfinet_err(err);
	s->ps_state = PS_CONNECTING;
	s->ps_flags |= PSF_BOUND;
	pfinet_tcp_names(s);
	return EINPROGRESS;
}

/* Bytes the owner may queue now: the tighter of lwIP's and SO_SNDBUF. */
static size_t
pfinet_tcp_space(struct pfinet_sock *s)
{
	struct tcp_pcb *pcb = s->ps_pcb.tcp;
	size_t avail, queued;

	if (pcb == NULL || tcp_sndqueuelen(pcb) >= TCP_SND_QUEUELEN - 4)
		return 0;
	avail = tcp_sndbuf(pcb);
	queued = TCP_SND_BUF - avail;
	if (queued >= (size_t)s->ps_sndbuf)
		return 0;
	if (avail > (size_t)s->ps_sndbuf - queued)
		avail = (size_t)s->ps_sndbuf - queued;
	return avail;
}

/* Take a pending error (SO_ERROR semantics: reported once). */
static int
pfinet_tcp_take_error(struct pfinet_sock *s)
{
	int error = s->ps_error;

	s->ps_error = 0;
	return error;
}

int
pfinet_tcp_send(struct pfinet_sock *s, const void *buf, size_t len,
    int flags, size_t *sent)
{
	size_t n;
	err_t err;
	u8_t wflags;

	if (s->ps_error != 0)
		return pfinet_tcp_take_error(s);
	if (s->ps_state == PS_CONNECTING)
		return EAGAIN;
	if (s->ps_state != PS_CONNECTED && s->ps_state != PS_DEAD)
		return ENOTCONN;
	if ((s->ps_flags & PSF_WRSHUT) || s->ps_pcb.tcp == NULL)
		return EPIPE;
	n = pfinet_tcp_space(s);
	if (n > len)
		n = len;
	if (n > 0xffff)
		n = 0xffff;
	if (n == 0)
		return len == 0 ? 0 : EAGAIN;
	wflags = TCP_WRITE_FLAG_COPY;
	if ((flags & MSG_MORE) || n < len)
		wflags |= TCP_WRITE_FLAG_MORE;
	while ((err = tcp_write(s->ps_pcb.tcp, buf, (u16_t)n, wflags)) ==
	    ERR_MEM && n > TCP_MSS)
		n /= 2;
	if (err != ERR_OK)
		return err == ERR_MEM ? EAGAIN : pfinet_err(err);
	tcp_output(s->ps_pcb.tcp);
	*sent = n;
	return 0;
}

/*
 * Reopen the receive window for data the owner has taken, but never
 * beyond SO_RCVBUF: announced window plus buffered data stays within it.
 */
static void
pfinet_tcp_credit(struct pfinet_sock *s)
{
	struct tcp_pcb *pcb = s->ps_pcb.tcp;
	size_t limit, held;

	if (pcb == NULL)
		return;
	limit = (size_t)s->ps_rcvbuf < TCP_WND ? (size_t)s->ps_rcvbuf :
	    TCP_WND;
	held = (size_t)pcb->rcv_wnd + s->ps_rxlen;
	if (held < limit)
		tcp_recved(pcb, (u16_t)(limit - held));
}

int
pfinet_tcp_recv(struct pfinet_sock *s, void *buf, size_t len, int flags,
    size_t *got)
{
	size_t n;

	if (s->ps_rxlen == 0) {
		if (s->ps_error != 0)
			return pfinet_tcp_take_error(s);
		if (s->ps_state == PS_NEW || s->ps_state == PS_LISTEN)
			return ENOTCONN;
		if ((s->ps_flags & (PSF_EOF | PSF_RDSHUT)) ||
		    s->ps_state == PS_DEAD || len == 0) {
			*got = 0;
			return 0;
		}
		return EAGAIN;
	}
	n = len < s->ps_rxlen ? len : s->ps_rxlen;
	if (n > 0xffff)
		n = 0xffff;
	pbuf_copy_partial(s->ps_rxq, buf, (u16_t)n, 0);
	if ((flags & MSG_PEEK) == 0) {
		s->ps_rxq = pbuf_free_header(s->ps_rxq, (u16_t)n);
		s->ps_rxlen -= n;
		pfinet_tcp_credit(s);
	}
	*got = n;
	return 0;
}

/* Drop whatever the owner will never read, reopening the window. */
static void
pfinet_tcp_discard_rx(struct pfinet_sock *s)
{
	if (s->ps_rxq != NULL)
		pbuf_free(s->ps_rxq);
	s->ps_rxq = NULL;
	s->ps_rxlen = 0;
	pfinet_tcp_credit(s);
}

int
pfinet_tcp_shutdown(struct pfinet_sock *s, int how)
{
	err_t err;

	if (s->ps_state != PS_CONNECTED && s->ps_state != PS_DEAD)
		return ENOTCONN;
	if (how == SHUT_RD || how == SHUT_RDWR) {
		s->ps_flags |= PSF_RDSHUT;
		pfinet_tcp_discard_rx(s);
	}
	if ((how == SHUT_WR || how == SHUT_RDWR) &&
	    (s->ps_flags & PSF_WRSHUT) == 0) {
		if (s->ps_pcb.tcp != NULL) {
			err = tcp_shutdown(s->ps_pcb.tcp, 0, 1);
			if (err != ERR_OK)
				return pfinet_err(err);
			tcp_output(s->ps_pcb.tcp);
		}
		s->ps_flags |= PSF_WRSHUT;
		if (s->ps_flags & PSF_EOF)
			s->ps_flags |= PSF_DETACH;
	}
	pfinet_wake(s);
	return 0;
}

/*
 * Both directions are closed: give the pcb to lwIP, which finishes the
 * handshake (and TIME_WAIT) on its own.  Called from pfinet_leave.
 */
void
pfinet_tcp_detach(struct pfinet_sock *s)
{
	struct tcp_pcb *pcb = s->ps_pcb.tcp;

	s->ps_flags &= ~PSF_DETACH;
	if (pcb == NULL)
		return;
	s->ps_pcb.tcp = NULL;
	pfinet_tcp_unhook(pcb);
	if (tcp_close(pcb) != ERR_OK)
		tcp_abort(pcb);
}

/*
 * close(2): a listener resets the connections it has not handed out;
 * a connection with unread data is reset (as Linux does), otherwise its
 * queued data and FIN go out after the socket is gone.
 */
void
pfinet_tcp_close(struct pfinet_sock *s)
{
	struct tcp_pcb *pcb = s->ps_pcb.tcp;
	struct pfinet_sock *c;

	while ((c = s->ps_acq_head) != NULL) {
		s->ps_acq_head = c->ps_acq_next;
		pfinet_tcp_drop_child(c);
	}
	s->ps_acq_tail = NULL;
	s->ps_pcb.tcp = NULL;
	if (pcb != NULL) {
		pfinet_tcp_unhook(pcb);
		if (s->ps_rxlen > 0 || s->ps_state == PS_CONNECTING)
			tcp_abort(pcb);
		else if (tcp_close(pcb) != ERR_OK)
			tcp_abort(pcb);
	}
	if (s->ps_rxq != NULL)
		pbuf_free(s->ps_rxq);
	s->ps_rxq = NULL;
	s->ps_rxlen = 0;
}

unsigned int
pfinet_tcp_events(struct pfinet_sock *s)
{
	unsigned int ev = 0;

	if (s->ps_error != 0)
		ev |= POLLERR;
	switch (s->ps_state) {
	case PS_LISTEN:
		if (s->ps_acq_head != NULL)
			ev |= POLLIN | POLLRDNORM;
		return ev;
	case PS_NEW:
		return ev | POLLOUT | POLLHUP;
	case PS_CONNECTING:
		return ev;
	default:
		break;
	}
	if (s->ps_rxlen > 0 || (s->ps_flags & (PSF_EOF | PSF_RDSHUT)) ||
	    s->ps_pcb.tcp == NULL)
		ev |= POLLIN | POLLRDNORM;
#ifdef POLLRDHUP
	if (s->ps_flags & PSF_EOF)
		ev |= POLLRDHUP;
#endif
	if (s->ps_pcb.tcp == NULL || (s->ps_flags & PSF_WRSHUT) ||
	    pfinet_tcp_space(s) >= TCP_MSS ||
	    pfinet_tcp_space(s) >= (size_t)s->ps_sndbuf / 2)
		ev |= POLLOUT | POLLWRNORM;
	if (s->ps_state == PS_DEAD || ((s->ps_flags & PSF_EOF) &&
	    (s->ps_flags & PSF_WRSHUT)))
		ev |= POLLHUP;
	return ev;
}

static err_t
pfinet_tcp_recv_cb(void *arg, struct tcp_pcb *pcb, struct pbuf *p,
    err_t err)
{
	struct pfinet_sock *s = arg;

	(void)err;
	if (s == NULL) {
		if (p != NULL) {
			tcp_recved(pcb, p->tot_len);
			pbuf_free(p);
		}
		return ERR_OK;
	}
	if (p == NULL) {
		s->ps_flags |= PSF_EOF;
		if (s->ps_flags & PSF_WRSHUT)
			s->ps_flags |= PSF_DETACH;
	} else if ((s->ps_flags & PSF_RDSHUT) ||
	    s->ps_rxlen + p->tot_len > 0xffff) {
		tcp_recved(pcb, p->tot_len);
		pbuf_free(p);
	} else {
		if (s->ps_rxq == NULL)
			s->ps_rxq = p;
		else
			pbuf_cat(s->ps_rxq, p);
		s->ps_rxlen += p->tot_len;
	}
	pfinet_wake(s);
	return ERR_OK;
}

static err_t
pfinet_tcp_sent_cb(void *arg, struct tcp_pcb *pcb, u16_t len)
{
	(void)pcb;
	(void)len;
	if (arg != NULL)
		pfinet_wake(arg);
	return ERR_OK;
}

/* Every second: a chance to report space freed by other sockets. */
static err_t
pfinet_tcp_poll_cb(void *arg, struct tcp_pcb *pcb)
{
	(void)pcb;
	if (arg != NULL)
		pfinet_wake(arg);
	return ERR_OK;
}

/*
 * lwIP has freed the pcb: a reset (refused while connecting), a timeout
 * (lwIP reports ERR_ABRT for its own aborts), or the normal end of a
 * connection whose FIN we sent with shutdown (ERR_CLSD).
 */
static void
pfinet_tcp_err_cb(void *arg, err_t err)
{
	struct pfinet_sock *s = arg;

	if (s == NULL)
		return;
	s->ps_pcb.tcp = NULL;
	if (err == ERR_RST)
		s->ps_error = s->ps_state == PS_CONNECTING ? ECONNREFUSED :
		    ECONNRESET;
	else if (err == ERR_ABRT)
		s->ps_error = ETIMEDOUT;
	else if (err != ERR_CLSD)
		s->ps_error = pfinet_err(err);
	s->ps_state = PS_DEAD;
	s->ps_flags &= ~PSF_DETACH;
	pfinet_wake(s);
}

/*
 * Options that belong to TCP (level IPPROTO_TCP) and the SOL_SOCKET
 * ones that reach into the pcb.  val is already read as an int.
 */
int
pfinet_tcp_setopt(struct pfinet_sock *s, int level, int name, int val)
{
	struct tcp_pcb *pcb = s->ps_state == PS_LISTEN ? NULL :
	    s->ps_pcb.tcp;

	if (level == SOL_SOCKET && name == SO_KEEPALIVE) {
		if (pcb == NULL)
			return s->ps_state == PS_LISTEN ? 0 : EINVAL;
		if (val)
			ip_set_option(pcb, SOF_KEEPALIVE);
		else
			ip_reset_option(pcb, SOF_KEEPALIVE);
		return 0;
	}
	if (level != IPPROTO_TCP)
		return ENOPROTOOPT;
	if (name == TCP_NODELAY) {
		s->ps_nodelay = val != 0;
		if (pcb != NULL && val)
			tcp_nagle_disable(pcb);
		else if (pcb != NULL)
			tcp_nagle_enable(pcb);
		return 0;
	}
	if (pcb == NULL)
		return EINVAL;
	if (val <= 0 || val > 86400)
		return EINVAL;
	switch (name) {
	case TCP_KEEPIDLE:
		pcb->keep_idle = (u32_t)val * 1000;
		return 0;
	case TCP_KEEPINTVL:
		pcb->keep_intvl = (u32_t)val * 1000;
		return 0;
	case TCP_KEEPCNT:
		pcb->keep_cnt = (u32_t)val;
		return 0;
	default:
		return ENOPROTOOPT;
	}
}

int
pfinet_tcp_getopt(struct pfinet_sock *s, int level, int name, int *val)
{
	struct tcp_pcb *pcb = s->ps_state == PS_LISTEN ? NULL :
	    s->ps_pcb.tcp;

	if (level == SOL_SOCKET && name == SO_KEEPALIVE) {
		*val = pcb != NULL && ip_get_option(pcb, SOF_KEEPALIVE) != 0;
		return 0;
	}
	if (level != IPPROTO_TCP)
		return ENOPROTOOPT;
	if (name == TCP_NODELAY) {
		*val = s->ps_nodelay;
		return 0;
	}
	if (pcb == NULL)
		return EINVAL;
	switch (name) {
	case TCP_KEEPIDLE:
		*val = (int)(pcb->keep_idle / 1000);
		return 0;
	case TCP_KEEPINTVL:
		*val = (int)(pcb->keep_intvl / 1000);
		return 0;
	case TCP_KEEPCNT:
		*val = (int)pcb->keep_cnt;
		return 0;
	default:
		return ENOPROTOOPT;
	}
}
