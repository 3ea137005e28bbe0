/*
 * tap_node.c -- one pfinet engine on a Linux TAP device, in real time:
 * the host side of tap_test.sh and bench.sh.  Modes:
 *   tap_node DEV serve SECONDS         TCP echo :7, discard :9, HTTP :80,
 *                                      UDP echo :7, until SECONDS pass
 *   tap_node DEV client ADDR PORT N    send N bytes to a host echo server
 *                                      and check that they come back
 *   tap_node DEV ping ADDR             echo requests to ADDR (v4 or v6)
 * The engine is 10.77.0.2/24 and fd77::2 on DEV, inside the test's own
 * network namespace.
 */
#include <arpa/inet.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "pfinet.h"

#define MAXC	256

static int		 tapfd;
static struct pfinet_if	*ifp;

static uint32_t
tn_now(void *arg)
{
	struct timespec ts;

	(void)arg;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint32_t)(ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

static uint32_t
tn_random(void *arg)
{
	(void)arg;
	return (uint32_t)random();
}

static void
tn_log(void *arg, const char *msg)
{
	(void)arg;
	fputs(msg, stderr);
}

static void
tn_output(void *arg, const void *frame, size_t len)
{
	(void)arg;
	if (write(tapfd, frame, len) < 0 && errno != EAGAIN)
		warn("tap write");
}

static void
tn_open(const char *dev)
{
	struct pfinet_platform plat = { tn_now, tn_random, tn_log, NULL };
	struct pfinet_if_ether e = { { 2, 0x77, 0, 0, 0, 2 }, 1500,
	    tn_output, NULL };
	struct ifreq ifr;
	struct in_addr a, m, g;
	struct in6_addr a6;

	if ((tapfd = open("/dev/net/tun", O_RDWR | O_NONBLOCK)) < 0)
		err(1, "/dev/net/tun");
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", dev);
	if (ioctl(tapfd, TUNSETIFF, &ifr) < 0)
		err(1, "TUNSETIFF %s", dev);
	srandom((unsigned int)getpid());
	if (pfinet_init(&plat) != 0 || pfinet_if_add_ether(&e, &ifp) != 0)
		errx(1, "engine start");
	inet_pton(AF_INET, "10.77.0.2", &a);
	inet_pton(AF_INET, "255.255.255.0", &m);
	inet_pton(AF_INET, "10.77.0.1", &g);
	inet_pton(AF_INET6, "fd77::2", &a6);
	if (pfinet_if_set_ipv4(ifp, &a, &m, &g) != 0 ||
	    pfinet_if_add_ipv6(ifp, &a6) != 0 ||
	    pfinet_if_set_default(ifp) != 0)
		errx(1, "engine addresses");
}

/* One turn of the event loop: frames in, timers, at most wait ms. */
static void
tn_turn(int wait)
{
	struct pollfd pfd = { tapfd, POLLIN, 0 };
	static uint8_t frame[2048];
	uint32_t w = pfinet_poll_wait();
	ssize_t n;

	if ((uint32_t)wait > w)
		wait = (int)w;
	poll(&pfd, 1, wait);
	while ((n = read(tapfd, frame, sizeof(frame))) > 0)
		pfinet_if_input(ifp, frame, (size_t)n);
	pfinet_poll();
}

static struct pfinet_sock *
tn_listen(int dom, int type, int port)
{
	struct sockaddr_in6 sin6;
	struct sockaddr_in sin;
	struct pfinet_sock *s;
	int one = 1;

	memset(&sin, 0, sizeof(sin));
	memset(&sin6, 0, sizeof(sin6));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)port);
	sin6.sin6_family = AF_INET6;
	sin6.sin6_port = htons((uint16_t)port);
	if (pfinet_socket(dom, type, 0, &s) != 0)
		errx(1, "socket");
	pfinet_setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (pfinet_bind(s, dom == AF_INET ? (struct sockaddr *)&sin :
	    (struct sockaddr *)&sin6, dom == AF_INET ? sizeof(sin) :
	    sizeof(sin6)) != 0)
		errx(1, "bind port %d", port);
	if (type == SOCK_STREAM && pfinet_listen(s, 64) != 0)
		errx(1, "listen port %d", port);
	return s;
}

enum { ECHO, DISCARD, HTTP };

struct conn {
	struct pfinet_sock	*s;
	int			 kind;
	size_t			 plen;		/* echo: bytes to send back */
	size_t			 off;
	char			 buf[16384];
};

static struct conn	conns[MAXC];
static const char	http_body[] = "hello from pfinet\n";

/* HTTP/1.0: read the request head, answer, close when it is all sent. */
static int
tn_http(struct conn *c)
{
	size_t n;
	int e;

	if (c->off == 0) {
		e = pfinet_recv(c->s, c->buf + c->plen,
		    sizeof(c->buf) - 1 - c->plen, 0, NULL, NULL, &n, NULL);
		if (e == EAGAIN)
			return 0;
		if (e != 0 || n == 0)
			return 1;
		c->plen += n;
		c->buf[c->plen] = '\0';
		if (strstr(c->buf, "\r\n\r\n") == NULL)
			return c->plen == sizeof(c->buf) - 1;
		c->plen = (size_t)snprintf(c->buf, sizeof(c->buf),
		    "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n"
		    "Content-Length: %zu\r\n\r\n%s", strlen(http_body),
		    http_body);
		c->off = 1;
	}
	while (c->off - 1 < c->plen) {
		if (pfinet_send(c->s, c->buf + c->off - 1, c->plen - c->off + 1,
		    0, NULL, 0, &n) != 0)
			return 0;
		c->off += n;
	}
	return 1;
}

/* Echo or discard; returns 1 when the connection is finished. */
static int
tn_stream(struct conn *c)
{
	size_t n;
	int e;

	if (c->kind == HTTP)
		return tn_http(c);
	for (;;) {
		while (c->off < c->plen) {
			e = pfinet_send(c->s, c->buf + c->off, c->plen - c->off,
			    0, NULL, 0, &n);
			if (e == EAGAIN)
				return 0;
			if (e != 0)
				return 1;
			c->off += n;
		}
		c->off = c->plen = 0;
		e = pfinet_recv(c->s, c->buf, sizeof(c->buf), 0, NULL, NULL,
		    &n, NULL);
		if (e == EAGAIN)
			return 0;
		if (e != 0 || n == 0)
			return 1;
		if (c->kind == ECHO)
			c->plen = n;
	}
}

static void
tn_accept(struct pfinet_sock *l, int kind)
{
	struct pfinet_sock *s;
	int i, one = 1;

	while (pfinet_accept(l, &s, NULL, NULL) == 0) {
		for (i = 0; i < MAXC && conns[i].s != NULL; i++)
			;
		if (i == MAXC) {
			pfinet_close(s);
			continue;
		}
		memset(&conns[i], 0, sizeof(conns[i]));
		conns[i].s = s;
		conns[i].kind = kind;
		pfinet_setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one,
		    sizeof(one));
	}
}

static void
tn_udp_echo(struct pfinet_sock *u)
{
	struct sockaddr_in6 from;
	socklen_t fl = sizeof(from);
	char buf[2048];
	size_t n;

	while (pfinet_recv(u, buf, sizeof(buf), 0, (struct sockaddr *)&from,
	    &fl, &n, NULL) == 0) {
		pfinet_send(u, buf, n, 0, (struct sockaddr *)&from, fl, &n);
		fl = sizeof(from);
	}
}

static int
tn_serve(int seconds)
{
	static const int ports[3] = { 7, 9, 80 };
	struct pfinet_sock *l[2][3], *u[2];
	uint32_t end = tn_now(NULL) + (uint32_t)seconds * 1000;
	int d, k, i;

	for (d = 0; d < 2; d++) {
		for (k = 0; k < 3; k++)
			l[d][k] = tn_listen(d ? AF_INET6 : AF_INET,
			    SOCK_STREAM, ports[k]);
		u[d] = tn_listen(d ? AF_INET6 : AF_INET, SOCK_DGRAM, 7);
	}
	printf("serving\n");
	fflush(stdout);
	while ((int32_t)(tn_now(NULL) - end) < 0) {
		tn_turn(20);
		for (d = 0; d < 2; d++) {
			for (k = 0; k < 3; k++)
				tn_accept(l[d][k], k);
			tn_udp_echo(u[d]);
		}
		for (i = 0; i < MAXC; i++)
			if (conns[i].s != NULL && tn_stream(&conns[i])) {
				pfinet_close(conns[i].s);
				conns[i].s = NULL;
			}
	}
	return 0;
}

static socklen_t
tn_addr(const char *addr, int port, struct sockaddr_in6 *ss, int *dom)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;

	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET, addr, &sin->sin_addr) == 1) {
		sin->sin_family = AF_INET;
		sin->sin_port = htons((uint16_t)port);
		*dom = AF_INET;
		return sizeof(*sin);
	}
	if (inet_pton(AF_INET6, addr, &ss->sin6_addr) != 1)
		errx(2, "bad address %s", addr);
	ss->sin6_family = AF_INET6;
	ss->sin6_port = htons((uint16_t)port);
	*dom = AF_INET6;
	return sizeof(*ss);
}

/* Send total bytes to a host echo server; what comes back must match. */
static int
tn_client(const char *addr, int port, size_t total)
{
	static uint8_t buf[16384];
	struct sockaddr_in6 ss;
	struct pfinet_sock *s;
	size_t sent = 0, got = 0, n, i;
	uint32_t end = tn_now(NULL) + 30000;
	socklen_t len;
	int dom, e;

	len = tn_addr(addr, port, &ss, &dom);
	if (pfinet_socket(dom, SOCK_STREAM, 0, &s) != 0 ||
	    pfinet_connect(s, (struct sockaddr *)&ss, len) != EINPROGRESS)
		errx(1, "connect");
	while (!(pfinet_sock_events(s) & (POLLOUT | POLLERR)))
		tn_turn(20);
	if (pfinet_sock_events(s) & POLLERR)
		errx(1, "connect to %s port %d failed", addr, port);
	while (got < total && (int32_t)(tn_now(NULL) - end) < 0) {
		for (i = 0; i < sizeof(buf); i++)
			buf[i] = (uint8_t)((sent + i) * 7);
		if (sent < total && pfinet_send(s, buf, total - sent <
		    sizeof(buf) ? total - sent : sizeof(buf), 0, NULL, 0,
		    &n) == 0)
			sent += n;
		while ((e = pfinet_recv(s, buf, sizeof(buf), 0, NULL, NULL, &n,
		    NULL)) == 0 && n > 0) {
			for (i = 0; i < n; i++)
				if (buf[i] != (uint8_t)((got + i) * 7))
					errx(1, "echo differs at %zu", got + i);
			got += n;
		}
		if (e != 0 && e != EAGAIN)
			errx(1, "recv: %s", strerror(e));
		tn_turn(sent < total ? 0 : 20);
	}
	pfinet_close(s);
	for (i = 0; i < 20; i++)
		tn_turn(10);
	printf("client: %zu bytes echoed by %s\n", got, addr);
	return got == total ? 0 : 1;
}

static int
tn_ping(const char *addr)
{
	struct sockaddr_in6 ss;
	struct pfinet_sock *s;
	uint8_t req[56], rep[128];
	uint32_t end;
	socklen_t len;
	size_t n;
	int dom, seq, ok = 0;

	len = tn_addr(addr, 0, &ss, &dom);
	if (pfinet_socket(dom, SOCK_DGRAM, dom == AF_INET ? IPPROTO_ICMP :
	    IPPROTO_ICMPV6, &s) != 0)
		errx(1, "ping socket");
	for (seq = 1; seq <= 3; seq++) {
		memset(req, 0x42, sizeof(req));
		req[0] = dom == AF_INET ? 8 : 128;
		req[1] = 0;
		req[4] = 0x77;
		req[5] = 0;
		req[6] = 0;
		req[7] = (uint8_t)seq;
		pfinet_send(s, req, sizeof(req), 0, (struct sockaddr *)&ss,
		    len, &n);
		end = tn_now(NULL) + 3000;
		while ((int32_t)(tn_now(NULL) - end) < 0) {
			tn_turn(20);
			if (pfinet_recv(s, rep, sizeof(rep), 0, NULL, NULL,
			    &n, NULL) == 0 && n == sizeof(req) &&
			    rep[7] == seq) {
				ok++;
				break;
			}
		}
	}
	printf("ping %s: %d of 3 replies\n", addr, ok);
	return ok == 3 ? 0 : 1;
}

int
main(int argc, char *argv[])
{
	if (argc < 3)
		errx(2, "usage: tap_node DEV serve|client|ping ...");
	tn_open(argv[1]);
	if (strcmp(argv[2], "serve") == 0 && argc == 4)
		return tn_serve(atoi(argv[3]));
	if (strcmp(argv[2], "client") == 0 && argc == 6)
		return tn_client(argv[3], atoi(argv[4]),
		    strtoul(argv[5], NULL, 10));
	if (strcmp(argv[2], "ping") == 0 && argc == 4)
		return tn_ping(argv[3]);
	errx(2, "bad arguments");
}
