/*
 * pair_test.c -- two pfinet engines over an in-memory Ethernet link
 * (sim.c): bulk TCP with loss, duplication and reordering, many
 * connections, backlog overflow, UDP, half-close, resets, time-outs,
 * IPv6, options, loopback, echo and bounded memory.  Run by `make check`;
 * PFINET_BULK_MB sets the size of the bulk transfer (default 100).
 */
#include <errno.h>
#include <libgen.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <arpa/inet.h>
#include <netinet/tcp.h>

#include "sim.h"

#define A(sim)		((sim)->eng[0].api)
#define B(sim)		((sim)->eng[1].api)
#define CHECK(c)	do { if (!(c)) { printf("  check failed: %s " \
			    "(line %d)\n", #c, __LINE__); return 1; } } \
			    while (0)

#define PFINET_TEST_MAXSOCK	512	/* PFINET_MAX_SOCKETS */

static struct sim	 sim;
static const char	*libdir;
static int		 notified;

static void
count_notify(void *arg, struct pfinet_sock *s)
{
	(void)arg;
	(void)s;
	notified++;
}

struct pair {
	const struct pfinet_api	*capi, *sapi;
	struct pfinet_sock	*l, *c, *s;
};

static int
pair_ready(void *arg)
{
	struct pair *p = arg;

	if (p->s == NULL)
		p->sapi->accept(p->l, &p->s, NULL, NULL);
	return p->s != NULL &&
	    (p->capi->sock_events(p->c) & (POLLOUT | POLLERR));
}

static void
sa_of(int dom, int eng, int port, struct sockaddr_storage *ss,
    socklen_t *len)
{
	char a[32];

	if (dom == AF_INET) {
		snprintf(a, sizeof(a), "10.0.0.%d", eng + 1);
		sim_sa4((struct sockaddr_in *)ss, a, port);
		*len = sizeof(struct sockaddr_in);
	} else {
		snprintf(a, sizeof(a), "fd00::%d", eng + 1);
		sim_sa6((struct sockaddr_in6 *)ss, a, port);
		*len = sizeof(struct sockaddr_in6);
	}
}

/* A connected TCP pair: client on engine A, server on engine B. */
static int
pair_open(struct pair *p, int dom, int port)
{
	struct sockaddr_storage ss;
	socklen_t len;

	memset(p, 0, sizeof(*p));
	p->capi = A(&sim);
	p->sapi = B(&sim);
	sa_of(dom, 1, port, &ss, &len);
	if (p->sapi->socket(dom, SOCK_STREAM, 0, &p->l) != 0 ||
	    p->sapi->bind(p->l, (struct sockaddr *)&ss, len) != 0 ||
	    p->sapi->listen(p->l, 8) != 0 ||
	    p->capi->socket(dom, SOCK_STREAM, 0, &p->c) != 0)
		return 1;
	if (p->capi->connect(p->c, (struct sockaddr *)&ss, len) != EINPROGRESS)
		return 1;
	if (!sim_run_until(&sim, pair_ready, p, 60000))
		return 1;
	return (p->capi->sock_events(p->c) & POLLERR) != 0;
}

static void
pair_close(struct pair *p)
{
	if (p->c != NULL)
		p->capi->close(p->c);
	if (p->s != NULL)
		p->sapi->close(p->s);
	if (p->l != NULL)
		p->sapi->close(p->l);
	memset(p, 0, sizeof(*p));
}

static uint32_t
fnv(uint32_t h, const uint8_t *b, size_t n)
{
	while (n-- > 0)
		h = (h ^ *b++) * 16777619u;
	return h;
}

/*
 * Move total bytes from p->c to p->s, generated from a seed, and compare
 * checksums of what was sent and received.
 */
static int
transfer(struct pair *p, uint64_t total, uint64_t maxms)
{
	static uint8_t buf[65536], rbuf[65536];
	uint64_t sent = 0, recvd = 0, end = sim.now + maxms;
	uint32_t hs = 2166136261u, hr = 2166136261u, x = 12345;
	size_t n, i, want, off = 0, fill = 0;
	int e;

	while (recvd < total && sim.now < end) {
		if (fill == 0 && sent < total) {
			want = total - sent < sizeof(buf) ? total - sent :
			    sizeof(buf);
			for (i = 0; i < want; i++) {
				x = x * 1103515245u + 12345u;
				buf[i] = (uint8_t)(x >> 16);
			}
			fill = want;
			off = 0;
		}
		while (fill > 0 && p->capi->send(p->c, buf + off, fill, 0,
		    NULL, 0, &n) == 0 && n > 0) {
			hs = fnv(hs, buf + off, n);
			off += n;
			fill -= n;
			sent += n;
		}
		while ((e = p->sapi->recv(p->s, rbuf, sizeof(rbuf), 0, NULL,
		    NULL, &n, NULL)) == 0 && n > 0) {
			hr = fnv(hr, rbuf, n);
			recvd += n;
		}
		if (e != 0 && e != EAGAIN)
			return 1;
		sim_step(&sim);
	}
	return !(recvd == total && hs == hr);
}

static int
test_tcp_bulk(void)
{
	struct pair p;
	uint64_t mb = 100;
	struct timespec t0, t1;
	double secs;
	const char *env = getenv("PFINET_BULK_MB");

	if (env != NULL)
		mb = strtoull(env, NULL, 10);
	sim.loss_ppm = 10000;
	sim.dup_ppm = 5000;
	sim.reorder_ppm = 10000;
	sim.delay_ms = 1;
	CHECK(pair_open(&p, AF_INET, 5001) == 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK(transfer(&p, mb << 20, 3600 * 1000) == 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("  %llu MB in %.1f s wall; frames %llu, dropped %llu, "
	    "duplicated %llu, reordered %llu\n", (unsigned long long)mb, secs,
	    (unsigned long long)sim.frames, (unsigned long long)sim.dropped,
	    (unsigned long long)sim.duplicated,
	    (unsigned long long)sim.reordered);
	pair_close(&p);
	return 0;
}

#define MANY	200
#define MANY_BYTES 20000

struct many {
	struct pfinet_sock	*l;
	struct pfinet_sock	*c[MANY], *s[MANY];
	size_t			 csent[MANY], crecv[MANY], secho[MANY];
	uint8_t			 pend[MANY][8192];	/* echo backlog */
	size_t			 plen[MANY];
	int			 nacc, done, bad;
};

/* Each server socket echoes; each client sends MANY_BYTES, reads them. */
static int
many_server(struct many *m, int j)
{
	uint8_t *pend = m->pend[j];
	size_t n, *plen = &m->plen[j];

	for (;;) {
		if (*plen > 0) {
			if (B(&sim)->send(m->s[j], pend, *plen, 0, NULL, 0,
			    &n) != 0)
				return 0;
			memmove(pend, pend + n, *plen - n);
			*plen -= n;
			if (*plen > 0)
				return 0;
		}
		if (B(&sim)->recv(m->s[j], pend, sizeof(m->pend[j]), 0, NULL,
		    NULL, plen, NULL) != 0 || *plen == 0)
			return 0;
	}
}

static void
many_client(struct many *m, int j)
{
	uint8_t buf[8192];
	size_t n, i, want;

	want = MANY_BYTES - m->csent[j];
	if (want > sizeof(buf))
		want = sizeof(buf);
	for (i = 0; i < want; i++)
		buf[i] = (uint8_t)(j * 7 + m->csent[j] + i);
	if (want > 0 &&
	    A(&sim)->send(m->c[j], buf, want, 0, NULL, 0, &n) == 0)
		m->csent[j] += n;
	while (A(&sim)->recv(m->c[j], buf, sizeof(buf), 0, NULL, NULL, &n,
	    NULL) == 0 && n > 0) {
		for (i = 0; i < n; i++)
			if (buf[i] != (uint8_t)(j * 7 + m->crecv[j] + i))
				m->bad++;
		m->crecv[j] += n;
	}
	if (m->crecv[j] == MANY_BYTES)
		m->done++;
}

static int
many_work(void *arg)
{
	struct many *m = arg;
	struct pfinet_sock *ns;
	int j;

	while (m->nacc < MANY && B(&sim)->accept(m->l, &ns, NULL, NULL) == 0)
		m->s[m->nacc++] = ns;
	for (j = 0; j < m->nacc; j++)
		many_server(m, j);
	m->done = 0;
	for (j = 0; j < MANY; j++)
		many_client(m, j);
	return m->done == MANY || m->bad;
}

static int
test_tcp_many(void)
{
	static struct many m;
	struct sockaddr_in sin;
	int j;

	memset(&m, 0, sizeof(m));
	sim.loss_ppm = 5000;
	sim.dup_ppm = 2000;
	sim.reorder_ppm = 5000;
	sim_sa4(&sin, "10.0.0.2", 5002);
	CHECK(B(&sim)->socket(AF_INET, SOCK_STREAM, 0, &m.l) == 0);
	CHECK(B(&sim)->bind(m.l, (struct sockaddr *)&sin, sizeof(sin)) == 0);
	CHECK(B(&sim)->listen(m.l, 128) == 0);
	for (j = 0; j < MANY; j++) {
		CHECK(A(&sim)->socket(AF_INET, SOCK_STREAM, 0, &m.c[j]) == 0);
		CHECK(A(&sim)->connect(m.c[j], (struct sockaddr *)&sin,
		    sizeof(sin)) == EINPROGRESS);
	}
	CHECK(sim_run_until(&sim, many_work, &m, 600 * 1000));
	CHECK(m.bad == 0);
	printf("  %d connections echoed %d bytes each\n", MANY, MANY_BYTES);
	for (j = 0; j < MANY; j++) {
		A(&sim)->close(m.c[j]);
		B(&sim)->close(m.s[j]);
	}
	B(&sim)->close(m.l);
	sim.loss_ppm = sim.dup_ppm = sim.reorder_ppm = 0;
	return 0;
}

#define NBACK	8

static struct pfinet_sock *back_c[NBACK];

static int
back_connected(void *arg)
{
	int j, n = 0;

	(void)arg;
	for (j = 0; j < NBACK; j++)
		if (A(&sim)->sock_events(back_c[j]) & POLLOUT)
			n++;
	return n == NBACK;
}

/*
 * Backlog 2, eight clients, nobody accepting: only two connections
 * complete; the other SYNs are dropped and retried, and get in once the
 * owner accepts.
 */
static int
test_backlog(void)
{
	struct pfinet_sock *l, *s[NBACK];
	struct sockaddr_in sin;
	int j, n = 0, nacc = 0;
	uint64_t end;

	sim_sa4(&sin, "10.0.0.2", 5003);
	CHECK(B(&sim)->socket(AF_INET, SOCK_STREAM, 0, &l) == 0);
	CHECK(B(&sim)->bind(l, (struct sockaddr *)&sin, sizeof(sin)) == 0);
	CHECK(B(&sim)->listen(l, 2) == 0);
	for (j = 0; j < NBACK; j++) {
		CHECK(A(&sim)->socket(AF_INET, SOCK_STREAM, 0, &back_c[j]) ==
		    0);
		CHECK(A(&sim)->connect(back_c[j], (struct sockaddr *)&sin,
		    sizeof(sin)) == EINPROGRESS);
	}
	sim_run_until(&sim, back_connected, NULL, 2000);
	for (j = 0; j < NBACK; j++)
		if (A(&sim)->sock_events(back_c[j]) & POLLOUT)
			n++;
	printf("  backlog 2: %d of %d connected before accept\n", n, NBACK);
	CHECK(n == 2);
	CHECK(B(&sim)->sock_events(l) & POLLIN);
	end = sim.now + 200000;
	while (nacc < NBACK) {
		while (nacc < NBACK && B(&sim)->accept(l, &s[nacc], NULL,
		    NULL) == 0)
			nacc++;
		if (nacc < NBACK && sim.now > end)
			break;
		sim_step(&sim);
	}
	CHECK(nacc == NBACK);
	CHECK(sim_run_until(&sim, back_connected, NULL, 60000));
	for (j = 0; j < NBACK; j++) {
		A(&sim)->close(back_c[j]);
		B(&sim)->close(s[j]);
	}
	B(&sim)->close(l);
	return 0;
}

static int
udp_one(int dom)
{
	struct pfinet_sock *a, *b;
	struct sockaddr_storage sa, sb, from;
	socklen_t la, lb, fl;
	char buf[2048], big[1400];
	size_t n;
	int i, got = 0, fl2;

	sa_of(dom, 0, 6000, &sa, &la);
	sa_of(dom, 1, 6001, &sb, &lb);
	CHECK(A(&sim)->socket(dom, SOCK_DGRAM, 0, &a) == 0);
	CHECK(B(&sim)->socket(dom, SOCK_DGRAM, 0, &b) == 0);
	CHECK(A(&sim)->bind(a, (struct sockaddr *)&sa, la) == 0);
	CHECK(B(&sim)->bind(b, (struct sockaddr *)&sb, lb) == 0);
	CHECK(B(&sim)->recv(b, buf, sizeof(buf), 0, NULL, NULL, &n, NULL) ==
	    EAGAIN);
	CHECK(A(&sim)->send(a, "hello", 5, 0, (struct sockaddr *)&sb, lb,
	    &n) == 0 && n == 5);
	for (i = 0; i < 200 && !(B(&sim)->sock_events(b) & POLLIN); i++)
		sim_step(&sim);
	fl = sizeof(from);
	CHECK(B(&sim)->recv(b, buf, sizeof(buf), 0, (struct sockaddr *)&from,
	    &fl, &n, NULL) == 0 && n == 5 && memcmp(buf, "hello", 5) == 0);
	CHECK(fl == la && memcmp(&from, &sa, la) == 0);
	/* Connected reply, then truncation. */
	CHECK(B(&sim)->connect(b, (struct sockaddr *)&sa, la) == 0);
	memset(big, 'x', sizeof(big));
	CHECK(B(&sim)->send(b, big, sizeof(big), 0, NULL, 0, &n) == 0);
	for (i = 0; i < 200 && !(A(&sim)->sock_events(a) & POLLIN); i++)
		sim_step(&sim);
	CHECK(A(&sim)->recv(a, buf, 100, 0, NULL, NULL, &n, &fl2) == 0 &&
	    n == 100 && fl2 == MSG_TRUNC);
	/* A reader that does not read: the queue is bounded, not grown. */
	for (i = 0; i < 300; i++) {
		A(&sim)->send(a, big, sizeof(big), 0, (struct sockaddr *)&sb,
		    lb, &n);
		sim_step(&sim);
	}
	for (i = 0; i < 100; i++)
		sim_step(&sim);
	while (B(&sim)->recv(b, buf, sizeof(buf), 0, NULL, NULL, &n, NULL) ==
	    0)
		got++;
	printf("  udp %s: 300 sent unread, %d queued\n",
	    dom == AF_INET ? "v4" : "v6", got);
	CHECK(got > 0 && got <= 64);
	A(&sim)->close(a);
	B(&sim)->close(b);
	return 0;
}

static int
test_udp(void)
{
	sim.loss_ppm = sim.dup_ppm = sim.reorder_ppm = 0;
	return udp_one(AF_INET) || udp_one(AF_INET6);
}

static int
test_half_close(void)
{
	struct pair p;
	char buf[64];
	size_t n;
	int i;

	CHECK(pair_open(&p, AF_INET, 5004) == 0);
	CHECK(p.capi->send(p.c, "request", 7, 0, NULL, 0, &n) == 0 && n == 7);
	CHECK(p.capi->shutdown(p.c, SHUT_WR) == 0);
	CHECK(p.capi->send(p.c, "x", 1, 0, NULL, 0, &n) == EPIPE);
	for (i = 0; i < 500 && !(p.sapi->sock_events(p.s) & POLLRDHUP); i++)
		sim_step(&sim);
	CHECK(p.sapi->recv(p.s, buf, sizeof(buf), 0, NULL, NULL, &n, NULL) ==
	    0 && n == 7);
	CHECK(p.sapi->recv(p.s, buf, sizeof(buf), 0, NULL, NULL, &n, NULL) ==
	    0 && n == 0);
	/* The other direction still works after the client's FIN. */
	CHECK(p.sapi->send(p.s, "reply", 5, 0, NULL, 0, &n) == 0 && n == 5);
	CHECK(p.sapi->shutdown(p.s, SHUT_WR) == 0);
	for (i = 0; i < 500 && !(p.capi->sock_events(p.c) & POLLHUP); i++)
		sim_step(&sim);
	CHECK(p.capi->recv(p.c, buf, sizeof(buf), 0, NULL, NULL, &n, NULL) ==
	    0 && n == 5 && memcmp(buf, "reply", 5) == 0);
	CHECK(p.capi->recv(p.c, buf, sizeof(buf), 0, NULL, NULL, &n, NULL) ==
	    0 && n == 0);
	CHECK(p.capi->sock_events(p.c) & POLLHUP);
	CHECK(p.sapi->sock_events(p.s) & POLLHUP);
	pair_close(&p);
	return 0;
}

static int
sock_err(const struct pfinet_api *api, struct pfinet_sock *s)
{
	int v = -1;
	socklen_t len = sizeof(v);

	if (api->getsockopt(s, SOL_SOCKET, SO_ERROR, &v, &len) != 0)
		return -1;
	return v;
}

struct waiter {
	const struct pfinet_api	*api;
	struct pfinet_sock	*s;
	unsigned int		 ev;
};

static int
wait_ev(void *arg)
{
	struct waiter *w = arg;

	return (w->api->sock_events(w->s) & w->ev) != 0;
}

static int
wait_for(const struct pfinet_api *api, struct pfinet_sock *s,
    unsigned int ev, uint64_t ms)
{
	struct waiter w = { api, s, ev };

	return sim_run_until(&sim, wait_ev, &w, ms);
}

/*
 * Refused connect; reset by a peer closing with unread data; graceful
 * close with data still queued; a dead link ends in ETIMEDOUT.
 */
static int
test_reset(void)
{
	struct pfinet_sock *c;
	struct sockaddr_in sin;
	struct pair p;
	static char buf[65536];
	size_t n, total = 0, got = 0;
	int e;

	sim_sa4(&sin, "10.0.0.2", 5999);
	CHECK(A(&sim)->socket(AF_INET, SOCK_STREAM, 0, &c) == 0);
	A(&sim)->sock_notify(c, count_notify, NULL);
	notified = 0;
	CHECK(A(&sim)->connect(c, (struct sockaddr *)&sin, sizeof(sin)) ==
	    EINPROGRESS);
	CHECK(A(&sim)->connect(c, (struct sockaddr *)&sin, sizeof(sin)) ==
	    EALREADY);
	CHECK(wait_for(A(&sim), c, POLLERR, 10000));
	CHECK(notified > 0);
	CHECK(sock_err(A(&sim), c) == ECONNREFUSED);
	A(&sim)->close(c);

	CHECK(pair_open(&p, AF_INET, 5005) == 0);
	CHECK(p.capi->send(p.c, "unread", 6, 0, NULL, 0, &n) == 0);
	CHECK(wait_for(p.sapi, p.s, POLLIN, 5000));
	p.sapi->close(p.s);
	p.s = NULL;
	CHECK(wait_for(p.capi, p.c, POLLERR, 5000));
	CHECK(p.capi->recv(p.c, buf, 10, 0, NULL, NULL, &n, NULL) ==
	    ECONNRESET);
	CHECK(p.capi->send(p.c, "x", 1, 0, NULL, 0, &n) == EPIPE);
	pair_close(&p);

	CHECK(pair_open(&p, AF_INET, 5006) == 0);
	memset(buf, 'q', sizeof(buf));
	while (p.capi->send(p.c, buf, sizeof(buf), 0, NULL, 0, &n) == 0)
		total += n;
	p.capi->close(p.c);
	p.c = NULL;
	while ((e = p.sapi->recv(p.s, buf, sizeof(buf), 0, NULL, NULL, &n,
	    NULL)) == EAGAIN || (e == 0 && n > 0)) {
		got += n;
		n = 0;
		if (e == EAGAIN)
			sim_step(&sim);
	}
	printf("  close with %zu bytes queued: %zu delivered, then EOF\n",
	    total, got);
	CHECK(e == 0 && got == total && total > 0);
	pair_close(&p);

	CHECK(pair_open(&p, AF_INET, 5007) == 0);
	sim.blackhole = 1;
	CHECK(p.capi->send(p.c, "lost", 4, 0, NULL, 0, &n) == 0);
	CHECK(wait_for(p.capi, p.c, POLLERR, 3600 * 1000));
	CHECK(sock_err(p.capi, p.c) == ETIMEDOUT);
	sim.blackhole = 0;
	pair_close(&p);
	return 0;
}

/* Keep-alive probes find a peer that vanished silently. */
static int
test_keepalive(void)
{
	struct pair p;
	int one = 1, idle = 10, intvl = 2, cnt = 3;
	uint64_t t0;

	CHECK(pair_open(&p, AF_INET, 5008) == 0);
	CHECK(p.capi->setsockopt(p.c, SOL_SOCKET, SO_KEEPALIVE, &one,
	    sizeof(one)) == 0);
	CHECK(p.capi->setsockopt(p.c, IPPROTO_TCP, TCP_KEEPIDLE, &idle,
	    sizeof(idle)) == 0);
	CHECK(p.capi->setsockopt(p.c, IPPROTO_TCP, TCP_KEEPINTVL, &intvl,
	    sizeof(intvl)) == 0);
	CHECK(p.capi->setsockopt(p.c, IPPROTO_TCP, TCP_KEEPCNT, &cnt,
	    sizeof(cnt)) == 0);
	sim.blackhole = 1;
	t0 = sim.now;
	CHECK(wait_for(p.capi, p.c, POLLERR, 120000));
	CHECK(sock_err(p.capi, p.c) == ETIMEDOUT);
	printf("  keep-alive gave up after %llu s of silence\n",
	    (unsigned long long)(sim.now - t0) / 1000);
	sim.blackhole = 0;
	pair_close(&p);
	return 0;
}

static int
test_ipv6(void)
{
	struct pair p;
	struct sockaddr_in6 sn, pn;
	socklen_t len;

	sim.loss_ppm = 10000;
	sim.reorder_ppm = 10000;
	sim.dup_ppm = 5000;
	CHECK(pair_open(&p, AF_INET6, 5009) == 0);
	len = sizeof(sn);
	CHECK(p.capi->getsockname(p.c, (struct sockaddr *)&sn, &len) == 0);
	len = sizeof(pn);
	CHECK(p.sapi->getpeername(p.s, (struct sockaddr *)&pn, &len) == 0);
	CHECK(sn.sin6_family == AF_INET6 && pn.sin6_family == AF_INET6);
	CHECK(memcmp(&sn.sin6_addr, &pn.sin6_addr, 16) == 0 &&
	    sn.sin6_port == pn.sin6_port && sn.sin6_addr.s6_addr[15] == 1);
	CHECK(transfer(&p, 8 << 20, 600 * 1000) == 0);
	printf("  8 MB over IPv6 with loss, duplication and reordering\n");
	pair_close(&p);
	sim.loss_ppm = sim.dup_ppm = sim.reorder_ppm = 0;
	return 0;
}

static int
test_options(void)
{
	struct pfinet_sock *l1, *l2;
	struct sockaddr_in sin;
	struct pair p;
	int one = 1, v;
	socklen_t len;

	sim_sa4(&sin, "10.0.0.2", 5010);
	CHECK(B(&sim)->socket(AF_INET, SOCK_STREAM, 0, &l1) == 0);
	CHECK(B(&sim)->socket(AF_INET, SOCK_STREAM, 0, &l2) == 0);
	CHECK(B(&sim)->bind(l1, (struct sockaddr *)&sin, sizeof(sin)) == 0);
	CHECK(B(&sim)->listen(l1, 4) == 0);
	CHECK(B(&sim)->bind(l2, (struct sockaddr *)&sin, sizeof(sin)) ==
	    EADDRINUSE);
	sim_sa4(&sin, "10.0.0.9", 5010);
	CHECK(B(&sim)->bind(l2, (struct sockaddr *)&sin, sizeof(sin)) ==
	    EADDRNOTAVAIL);
	B(&sim)->close(l1);
	B(&sim)->close(l2);

	/* The server closes first: its port sits in TIME_WAIT. */
	CHECK(pair_open(&p, AF_INET, 5011) == 0);
	p.sapi->close(p.s);
	p.s = NULL;
	p.sapi->close(p.l);
	p.l = NULL;
	CHECK(wait_for(p.capi, p.c, POLLRDHUP, 5000));
	p.capi->close(p.c);
	p.c = NULL;
	for (v = 0; v < 50; v++)
		sim_step(&sim);
	sim_sa4(&sin, "10.0.0.2", 5011);
	CHECK(B(&sim)->socket(AF_INET, SOCK_STREAM, 0, &l1) == 0);
	CHECK(B(&sim)->bind(l1, (struct sockaddr *)&sin, sizeof(sin)) ==
	    EADDRINUSE);
	CHECK(B(&sim)->setsockopt(l1, SOL_SOCKET, SO_REUSEADDR, &one,
	    sizeof(one)) == 0);
	CHECK(B(&sim)->bind(l1, (struct sockaddr *)&sin, sizeof(sin)) == 0);
	len = sizeof(v);
	CHECK(B(&sim)->getsockopt(l1, SOL_SOCKET, SO_REUSEADDR, &v, &len) ==
	    0 && v == 1);
	B(&sim)->close(l1);

	CHECK(pair_open(&p, AF_INET, 5012) == 0);
	v = 4096;
	CHECK(p.capi->setsockopt(p.c, SOL_SOCKET, SO_SNDBUF, &v,
	    sizeof(v)) == 0);
	CHECK(p.sapi->setsockopt(p.s, SOL_SOCKET, SO_RCVBUF, &v,
	    sizeof(v)) == 0);
	len = sizeof(v);
	CHECK(p.capi->getsockopt(p.c, SOL_SOCKET, SO_SNDBUF, &v, &len) == 0 &&
	    v == 4096);
	CHECK(p.capi->setsockopt(p.c, IPPROTO_TCP, TCP_NODELAY, &one,
	    sizeof(one)) == 0);
	len = sizeof(v);
	CHECK(p.capi->getsockopt(p.c, IPPROTO_TCP, TCP_NODELAY, &v, &len) ==
	    0 && v == 1);
	CHECK(transfer(&p, 1 << 20, 600 * 1000) == 0);
	pair_close(&p);
	return 0;
}

/* Within one engine: 127.0.0.1 and ::1. */
static int
loop_one(int dom)
{
	const struct pfinet_api *api = A(&sim);
	struct pfinet_sock *l, *c, *s = NULL;
	struct sockaddr_storage ss;
	socklen_t len;
	char buf[16];
	size_t n;
	int i;

	memset(&ss, 0, sizeof(ss));
	if (dom == AF_INET) {
		sim_sa4((struct sockaddr_in *)&ss, "127.0.0.1", 7000);
		len = sizeof(struct sockaddr_in);
	} else {
		sim_sa6((struct sockaddr_in6 *)&ss, "::1", 7000);
		len = sizeof(struct sockaddr_in6);
	}
	CHECK(api->socket(dom, SOCK_STREAM, 0, &l) == 0);
	CHECK(api->bind(l, (struct sockaddr *)&ss, len) == 0);
	CHECK(api->listen(l, 4) == 0);
	CHECK(api->socket(dom, SOCK_STREAM, 0, &c) == 0);
	CHECK(api->connect(c, (struct sockaddr *)&ss, len) == EINPROGRESS);
	for (i = 0; i < 100 && s == NULL; i++) {
		sim_step(&sim);
		api->accept(l, &s, NULL, NULL);
	}
	CHECK(s != NULL);
	CHECK(wait_for(api, c, POLLOUT, 1000));
	CHECK(api->send(c, "loop", 4, 0, NULL, 0, &n) == 0 && n == 4);
	CHECK(wait_for(api, s, POLLIN, 1000));
	CHECK(api->recv(s, buf, sizeof(buf), 0, NULL, NULL, &n, NULL) == 0 &&
	    n == 4 && memcmp(buf, "loop", 4) == 0);
	api->close(c);
	api->close(s);
	api->close(l);
	return 0;
}

static int
test_loopback(void)
{
	return loop_one(AF_INET) || loop_one(AF_INET6);
}

/* Echo sockets: A pings B, over IPv4 and IPv6. */
static int
ping_one(int dom)
{
	struct pfinet_sock *s;
	struct sockaddr_storage ss;
	socklen_t len;
	uint8_t req[64], rep[128];
	size_t n;

	sa_of(dom, 1, 0, &ss, &len);
	memset(req, 0xa5, sizeof(req));
	req[0] = dom == AF_INET ? 8 : 128;	/* echo request */
	req[1] = 0;
	req[4] = 0x12;				/* identifier */
	req[6] = 0;				/* sequence */
	CHECK(A(&sim)->socket(dom, SOCK_DGRAM, dom == AF_INET ? IPPROTO_ICMP :
	    IPPROTO_ICMPV6, &s) == 0);
	CHECK(A(&sim)->send(s, req, sizeof(req), 0, (struct sockaddr *)&ss,
	    len, &n) == 0);
	CHECK(wait_for(A(&sim), s, POLLIN, 5000));
	CHECK(A(&sim)->recv(s, rep, sizeof(rep), 0, NULL, NULL, &n, NULL) ==
	    0 && n == sizeof(req));
	CHECK(rep[0] == (dom == AF_INET ? 0 : 129) && rep[4] == 0x12 &&
	    memcmp(rep + 8, req + 8, sizeof(req) - 8) == 0);
	A(&sim)->close(s);
	return 0;
}

static int
test_ping(void)
{
	return ping_one(AF_INET) || ping_one(AF_INET6);
}

/*
 * Bounds: the socket pool ends in ENFILE, not in growth; a peer that
 * never reads stops the sender at its buffers (EAGAIN), not at memory.
 */
static int
test_bounds(void)
{
	static struct pfinet_sock *s[PFINET_TEST_MAXSOCK + 1];
	struct pair p;
	static char buf[65536];
	size_t n, queued = 0;
	int i, e = 0, k;

	for (i = 0; i <= PFINET_TEST_MAXSOCK; i++)
		if ((e = A(&sim)->socket(AF_INET, SOCK_STREAM, 0, &s[i])) != 0)
			break;
	k = i;
	printf("  %d sockets, then %s\n", k, e == ENFILE ? "ENFILE" :
	    e == ENOBUFS ? "ENOBUFS" : "?");
	CHECK(e == ENFILE || e == ENOBUFS);
	for (i = 0; i < k; i++)
		A(&sim)->close(s[i]);

	CHECK(pair_open(&p, AF_INET, 5013) == 0);
	for (i = 0; i < 2000; i++) {
		while (p.capi->send(p.c, buf, sizeof(buf), 0, NULL, 0, &n) ==
		    0)
			queued += n;
		sim_step(&sim);
	}
	printf("  unread peer: sender stopped after %zu bytes\n", queued);
	CHECK(queued <= 2 * 65536 + 8192);
	CHECK(!(p.capi->sock_events(p.c) & POLLOUT));
	pair_close(&p);
	return 0;
}

/*
 * A connection flood bigger than the server's socket pool: the excess is
 * refused (reset), nothing grows, and the server works again afterwards.
 */
static int
test_flood(void)
{
	static struct pfinet_sock *c[PFINET_TEST_MAXSOCK];
	static struct pfinet_sock *s[PFINET_TEST_MAXSOCK], *busy[100];
	struct pfinet_sock *l, *ns;
	struct sockaddr_in sin;
	struct pair p;
	int i, nc, nacc = 0, failed = 0, j;

	/* The server has spent 100 sockets on other work already. */
	for (j = 0; j < 100; j++)
		CHECK(B(&sim)->socket(AF_INET, SOCK_STREAM, 0, &busy[j]) == 0);
	sim_sa4(&sin, "10.0.0.2", 5016);
	CHECK(B(&sim)->socket(AF_INET, SOCK_STREAM, 0, &l) == 0);
	CHECK(B(&sim)->bind(l, (struct sockaddr *)&sin, sizeof(sin)) == 0);
	CHECK(B(&sim)->listen(l, 255) == 0);
	for (nc = 0; nc < PFINET_TEST_MAXSOCK; nc++)
		if (A(&sim)->socket(AF_INET, SOCK_STREAM, 0, &c[nc]) != 0 ||
		    A(&sim)->connect(c[nc], (struct sockaddr *)&sin,
		    sizeof(sin)) != EINPROGRESS)
			break;
	for (i = 0; i < 3000; i++) {
		while (B(&sim)->accept(l, &ns, NULL, NULL) == 0)
			s[nacc++] = ns;
		sim_step(&sim);
	}
	for (j = 0; j < nc; j++)
		if (A(&sim)->sock_events(c[j]) & POLLERR)
			failed++;
	printf("  %d connection attempts: %d accepted, %d refused\n", nc, nacc,
	    failed);
	CHECK(nacc < nc && failed > 0 && nacc + failed <= nc);
	for (j = 0; j < nc; j++)
		A(&sim)->close(c[j]);
	for (j = 0; j < nacc; j++)
		B(&sim)->close(s[j]);
	B(&sim)->close(l);
	for (j = 0; j < 100; j++)
		B(&sim)->close(busy[j]);
	for (i = 0; i < 200; i++)
		sim_step(&sim);
	CHECK(pair_open(&p, AF_INET, 5017) == 0);
	CHECK(transfer(&p, 1 << 20, 60000) == 0);
	pair_close(&p);
	return 0;
}

/* MTU 576: TCP segments shrink, a 4000-byte datagram is fragmented. */
static int
test_mtu(void)
{
	struct pfinet_sock *a, *b;
	struct sockaddr_in sa, sb;
	static uint8_t big[4000], got[4100];
	struct pair p;
	size_t n;
	int i;

	CHECK(A(&sim)->if_set_mtu(sim.eng[0].ifp, 100) == EINVAL);
	CHECK(A(&sim)->if_set_mtu(sim.eng[0].ifp, 576) == 0);
	CHECK(B(&sim)->if_set_mtu(sim.eng[1].ifp, 576) == 0);
	sim.max_frame = 0;
	CHECK(pair_open(&p, AF_INET, 5015) == 0);
	CHECK(transfer(&p, 256 << 10, 60000) == 0);
	pair_close(&p);
	sim_sa4(&sa, "10.0.0.1", 6010);
	sim_sa4(&sb, "10.0.0.2", 6011);
	CHECK(A(&sim)->socket(AF_INET, SOCK_DGRAM, 0, &a) == 0);
	CHECK(B(&sim)->socket(AF_INET, SOCK_DGRAM, 0, &b) == 0);
	CHECK(B(&sim)->bind(b, (struct sockaddr *)&sb, sizeof(sb)) == 0);
	for (i = 0; i < (int)sizeof(big); i++)
		big[i] = (uint8_t)(i * 13);
	CHECK(A(&sim)->send(a, big, sizeof(big), 0, (struct sockaddr *)&sb,
	    sizeof(sb), &n) == 0);
	CHECK(wait_for(B(&sim), b, POLLIN, 5000));
	CHECK(B(&sim)->recv(b, got, sizeof(got), 0, NULL, NULL, &n, NULL) ==
	    0 && n == sizeof(big) && memcmp(got, big, n) == 0);
	printf("  largest frame on the link: %zu bytes\n", sim.max_frame);
	CHECK(sim.max_frame <= 576 + 14);
	A(&sim)->close(a);
	B(&sim)->close(b);
	A(&sim)->if_set_mtu(sim.eng[0].ifp, 1500);
	B(&sim)->if_set_mtu(sim.eng[1].ifp, 1500);
	return 0;
}

/*
 * A DHCP server on engine B, written on the socket layer (UDP :67 and
 * broadcast replies), answers engine A's DHCP client.
 */
static int
dhcp_serve(struct pfinet_sock *u)
{
	uint8_t m[548], type = 0;
	struct sockaddr_in to;
	size_t n, i;

	if (B(&sim)->recv(u, m, sizeof(m), 0, NULL, NULL, &n, NULL) != 0 ||
	    n < 244 || m[0] != 1)
		return 0;
	for (i = 240; i + 2 < n && m[i] != 255; i += 2 + m[i + 1])
		if (m[i] == 53)
			type = m[i + 2];
	if (type != 1 && type != 3)
		return 0;
	m[0] = 2;				/* BOOTREPLY */
	memcpy(m + 16, "\12\0\0\115", 4);	/* yiaddr 10.0.0.77 */
	memcpy(m + 240, "\65\1\2\66\4\12\0\0\2\63\4\0\0\16\20"
	    "\1\4\377\377\377\0\3\4\12\0\0\2\377", 28);
	m[242] = type == 1 ? 2 : 5;		/* OFFER or ACK */
	sim_sa4(&to, "255.255.255.255", 68);
	B(&sim)->send(u, m, 268, 0, (struct sockaddr *)&to, sizeof(to), &n);
	return type == 3;
}

static int
test_dhcp(void)
{
	struct pfinet_sock *u;
	struct sockaddr_in sin, peer;
	struct in_addr a, m, g, zero = { 0 };
	struct pair p;
	socklen_t len = sizeof(peer);
	int i, acked = 0;

	sim_sa4(&sin, "0.0.0.0", 67);
	CHECK(B(&sim)->socket(AF_INET, SOCK_DGRAM, 0, &u) == 0);
	CHECK(B(&sim)->bind(u, (struct sockaddr *)&sin, sizeof(sin)) == 0);
	CHECK(A(&sim)->if_set_ipv4(sim.eng[0].ifp, &zero, &zero, NULL) == 0);
	CHECK(A(&sim)->if_get_ipv4(sim.eng[0].ifp, &a, &m, &g) == EAGAIN);
	CHECK(A(&sim)->if_dhcp_start(sim.eng[0].ifp) == 0);
	for (i = 0; i < 20000 && A(&sim)->if_get_ipv4(sim.eng[0].ifp, &a, &m,
	    &g) != 0; i++) {
		acked += dhcp_serve(u);
		sim_step(&sim);
	}
	CHECK(acked > 0);
	CHECK(A(&sim)->if_get_ipv4(sim.eng[0].ifp, &a, &m, &g) == 0);
	CHECK(a.s_addr == htonl(0x0a00004d) && m.s_addr == htonl(0xffffff00) &&
	    g.s_addr == htonl(0x0a000002));
	printf("  DHCP lease 10.0.0.77/24 via 10.0.0.2 after %d steps\n", i);
	CHECK(pair_open(&p, AF_INET, 5014) == 0);
	CHECK(p.sapi->getpeername(p.s, (struct sockaddr *)&peer, &len) == 0);
	CHECK(peer.sin_addr.s_addr == a.s_addr);
	pair_close(&p);
	B(&sim)->close(u);
	return 0;
}

static const struct {
	const char	*name;
	int		(*fn)(void);
} tests[] = {
	{ "loopback", test_loopback },
	{ "ping", test_ping },
	{ "udp", test_udp },
	{ "half_close", test_half_close },
	{ "reset", test_reset },
	{ "keepalive", test_keepalive },
	{ "options", test_options },
	{ "backlog", test_backlog },
	{ "bounds", test_bounds },
	{ "ipv6", test_ipv6 },
	{ "tcp_many", test_tcp_many },
	{ "tcp_bulk", test_tcp_bulk },
	{ "flood", test_flood },
	{ "mtu", test_mtu },
	{ "dhcp", test_dhcp },		/* last: changes engine A's address */
};

int
main(int argc, char *argv[])
{
	char *dir = strdup(argv[0]);
	size_t i;
	int failed = 0, ran = 0, r;

	libdir = argc > 1 ? argv[1] : dirname(dirname(dir));
	sim_init(&sim, libdir);
	for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		if (getenv("PFINET_TEST") != NULL &&
		    strcmp(getenv("PFINET_TEST"), tests[i].name) != 0)
			continue;
		printf("%s:\n", tests[i].name);
		fflush(stdout);
		r = tests[i].fn();
		ran++;
		printf("%s: %s (virtual clock %llu s)\n", r ? "FAIL" : "PASS",
		    tests[i].name, (unsigned long long)sim.now / 1000);
		fflush(stdout);
		failed += r;
	}
	printf("%d passed, %d failed\n", ran - failed, failed);
	return failed != 0;
}
