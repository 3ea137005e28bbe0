/*
 * pf_socket.c -- the pfinet translator over loopback, through raw MIG
 * stubs of socket.defs and io.defs: a deferred accept and connect, 1 MiB
 * each way byte-exact (socket_send/recv one way, io_write/io_read the
 * other), a non-blocking connect (EINPROGRESS, then io_select), half
 * close and end of file, refused and reset connections, UDP datagrams
 * with addresses and truncation, names, options, io_select deferred
 * until data comes, and 200 connections opened and closed leaving
 * pfinet's counts where they started; an idle pfinet wakes for no timer.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <poll.h>

#include "pf_client.h"
#include "fsys.h"

#define MIB	(1024 * 1024)
#define CHUNK	(64 * 1024)

static int base_objects, base_sockets;

/* The byte at offset i of stream seed. */
static char
pattern(size_t i, int seed)
{
	return (char)((i * 31 + (i >> 8) * 7 + seed) & 0xff);
}

struct accept_arg {
	mach_port_t l, s;
	kern_return_t kr;
	struct sockaddr_in peer;
};

static void *
accept_thread(void *p)
{
	struct accept_arg *a = p;
	mach_msg_type_number_t alen = SOCKET_ADDR_MAX;
	char addr[SOCKET_ADDR_MAX];

	a->kr = socket_accept(a->l, &a->s, addr, &alen);
	if (a->kr == 0 && alen >= sizeof(a->peer))
		memcpy(&a->peer, addr, sizeof(a->peer));
	return NULL;
}

/* accept waits in pfinet (deferred) until a connect arrives. */
static void
test_accept_connect(mach_port_t l, mach_port_t *c, mach_port_t *s)
{
	struct sockaddr_in sin = pf_lo(7000), name;
	struct accept_arg a = { .l = l };
	mach_msg_type_number_t n = SOCKET_ADDR_MAX;
	char addr[SOCKET_ADDR_MAX];
	pthread_t t;

	CHECK(pthread_create(&t, NULL, accept_thread, &a) == 0);
	CHECK(pf_wait_pending(1));		/* the accept is kept */
	*c = pf_socket(AF_INET, SOCK_STREAM);
	CHECK(socket_connect(*c, (char *)&sin, sizeof(sin)) == 0);
	pthread_join(t, NULL);
	CHECK(a.kr == 0);
	*s = a.s;
	CHECK(socket_name(*c, addr, &n) == 0 && n == sizeof(name));
	memcpy(&name, addr, sizeof(name));
	CHECK(name.sin_family == AF_INET && name.sin_port != 0);
	CHECK(a.peer.sin_port == name.sin_port &&
	    a.peer.sin_addr.s_addr == htonl(INADDR_LOOPBACK));
	n = SOCKET_ADDR_MAX;
	CHECK(socket_peername(*c, addr, &n) == 0);
	memcpy(&name, addr, sizeof(name));
	CHECK(name.sin_port == htons(7000));
	n = SOCKET_ADDR_MAX;
	CHECK(socket_peername(*s, addr, &n) == 0);
	memcpy(&name, addr, sizeof(name));
	CHECK(name.sin_port == a.peer.sin_port);
	n = SOCKET_ADDR_MAX;
	CHECK(socket_name(l, addr, &n) == 0);
	memcpy(&name, addr, sizeof(name));
	CHECK(name.sin_port == htons(7000));
}

struct xfer {
	mach_port_t p;
	int seed, use_io, ok;
};

/* Send 1 MiB of pattern seed (socket_send or io_write). */
static void *
send_thread(void *p)
{
	struct xfer *x = p;
	char *buf = malloc(CHUNK);
	size_t off = 0, n, i;
	uint64_t took;
	kern_return_t kr;

	x->ok = buf != NULL;
	while (x->ok && off < MIB) {
		n = MIB - off < CHUNK ? MIB - off : CHUNK;
		for (i = 0; i < n; i++)
			buf[i] = pattern(off + i, x->seed);
		took = 0;
		if (x->use_io)
			kr = io_write(x->p, buf, n, -1, &took);
		else
			kr = socket_send(x->p, 0, buf, n, NULL, 0, &took);
		x->ok = kr == 0 && took > 0 && took <= n;
		off += took;
	}
	free(buf);
	return NULL;
}

/* Receive 1 MiB and compare it with pattern seed. */
static int
recv_all(mach_port_t p, int seed, int use_io)
{
	size_t off = 0, i;
	int bad = 0;

	while (off < MIB && !bad) {
		data_t data = NULL;
		mach_msg_type_number_t cnt = 0, alen = SOCKET_ADDR_MAX;
		char addr[SOCKET_ADDR_MAX];
		int32_t oflags;
		kern_return_t kr;

		if (use_io)
			kr = io_read(p, &data, &cnt, -1, CHUNK);
		else
			kr = socket_recv(p, 0, CHUNK, addr, &alen, &data, &cnt,
			    &oflags);
		if (kr != 0 || cnt == 0 || off + cnt > MIB)
			return 0;
		for (i = 0; i < cnt; i++)
			bad |= data[i] != pattern(off + i, seed);
		off += cnt;
		vm_deallocate(mach_task_self(), (vm_address_t)data, cnt);
	}
	return !bad;
}

static void
test_transfer(mach_port_t c, mach_port_t s)
{
	struct xfer x = { .p = c, .seed = 3 };
	pthread_t t;

	CHECK(pthread_create(&t, NULL, send_thread, &x) == 0);
	CHECK(recv_all(s, 3, 0));
	pthread_join(t, NULL);
	CHECK(x.ok);
	x = (struct xfer){ .p = s, .seed = 9, .use_io = 1 };
	CHECK(pthread_create(&t, NULL, send_thread, &x) == 0);
	CHECK(recv_all(c, 9, 1));
	pthread_join(t, NULL);
	CHECK(x.ok);
}

/* Receive into buf; the byte count, or -errno. */
static int
rcv(mach_port_t p, int flags, char *buf, size_t max)
{
	data_t data = NULL;
	mach_msg_type_number_t cnt = 0, alen = SOCKET_ADDR_MAX;
	char addr[SOCKET_ADDR_MAX];
	int32_t oflags;
	kern_return_t kr;

	kr = socket_recv(p, flags, max, addr, &alen, &data, &cnt, &oflags);
	if (kr != 0)
		return -(int)kr;
	memcpy(buf, data, cnt);
	if (cnt > 0)
		vm_deallocate(mach_task_self(), (vm_address_t)data, cnt);
	return (int)cnt;
}

static int
snd(mach_port_t p, const char *s)
{
	uint64_t took = 0;
	kern_return_t kr;

	kr = socket_send(p, 0, (char *)s, strlen(s), NULL, 0, &took);
	return kr != 0 ? -(int)kr : (int)took;
}

/* shutdown(SHUT_WR): the peer reads what came, then end of file. */
static void
test_half_close(mach_port_t c, mach_port_t s)
{
	char buf[64];
	uint64_t n = 0;

	CHECK(snd(c, "last words") == 10);
	CHECK(socket_shutdown(c, SHUT_WR) == 0);
	CHECK(snd(c, "more") == -EPIPE);
	CHECK(rcv(s, 0, buf, sizeof(buf)) == 10);
	CHECK(memcmp(buf, "last words", 10) == 0);
	CHECK(rcv(s, 0, buf, sizeof(buf)) == 0);	/* EOF */
	CHECK(io_readable(s, &n) == 0 && n == 0);
	CHECK(snd(s, "reply") == 5);			/* the other way */
	CHECK(rcv(c, 0, buf, sizeof(buf)) == 5);
	CHECK(socket_shutdown(c, 7) == EINVAL);
	pf_drop(s);
	CHECK(rcv(c, 0, buf, sizeof(buf)) == 0);
	pf_drop(c);
}

/* A non-blocking connect: EINPROGRESS, then writable, SO_ERROR 0. */
static void
test_nonblocking(mach_port_t l)
{
	struct sockaddr_in sin = pf_lo(7000);
	char addr[SOCKET_ADDR_MAX], buf[8];
	mach_msg_type_number_t alen = sizeof(addr), vlen = SOCKET_OPT_MAX;
	mach_port_t c, s;
	int32_t sel = IO_SELECT_WRITE, modes = 0, err = -1;

	c = pf_socket(AF_INET, SOCK_STREAM);
	CHECK(io_set_some_openmodes(c, FS_O_NONBLOCK) == 0);
	CHECK(io_get_openmodes(c, &modes) == 0 && (modes & FS_O_NONBLOCK));
	CHECK(socket_connect(c, (char *)&sin, sizeof(sin)) == EINPROGRESS);
	CHECK(io_select(c, &sel) == 0 && sel == IO_SELECT_WRITE);
	CHECK(socket_getopt(c, SOL_SOCKET, SO_ERROR, buf, &vlen) == 0 &&
	    vlen == 4);
	memcpy(&err, buf, 4);
	CHECK(err == 0);
	CHECK(rcv(c, 0, buf, sizeof(buf)) == -EAGAIN);
	CHECK(rcv(c, MSG_DONTWAIT, buf, sizeof(buf)) == -EAGAIN);
	CHECK(socket_accept(l, &s, addr, &alen) == 0);
	CHECK(io_clear_some_openmodes(c, FS_O_NONBLOCK) == 0);
	pf_drop(s);
	pf_drop(c);
	/* A listener in non-blocking mode with nothing pending. */
	CHECK(io_set_some_openmodes(l, FS_O_NONBLOCK) == 0);
	alen = sizeof(addr);
	CHECK(socket_accept(l, &s, addr, &alen) == EAGAIN);
	CHECK(io_clear_some_openmodes(l, FS_O_NONBLOCK) == 0);
}

/* Refused (nobody listens), and reset (closed with unread data). */
static void
test_refused_reset(mach_port_t l)
{
	struct sockaddr_in sin = pf_lo(7999);
	mach_port_t c, s;
	char buf[16];

	c = pf_socket(AF_INET, SOCK_STREAM);
	CHECK(socket_connect(c, (char *)&sin, sizeof(sin)) == ECONNREFUSED);
	pf_drop(c);
	CHECK(pf_pair(l, 7000, &c, &s) == 0);
	CHECK(snd(c, "unread") == 6);
	CHECK(pf_wait_pending(0));
	usleep(20000);
	pf_drop(s);				/* unread data: reset */
	CHECK(rcv(c, 0, buf, sizeof(buf)) == -ECONNRESET);
	pf_drop(c);
}

struct select_arg {
	mach_port_t p;
	int32_t sel;
	kern_return_t kr;
};

static void *
select_thread(void *p)
{
	struct select_arg *a = p;

	a->sel = IO_SELECT_READ;
	a->kr = io_select(a->p, &a->sel);
	return NULL;
}

/* io_select for reading waits in pfinet until data arrives. */
static void
test_select(mach_port_t l)
{
	struct select_arg a;
	mach_port_t c, s;
	pthread_t t;
	int32_t sel = IO_SELECT_READ | IO_SELECT_WRITE;
	uint64_t n = 0;
	char buf[8];

	CHECK(pf_pair(l, 7000, &c, &s) == 0);
	CHECK(io_select(s, &sel) == 0 && sel == IO_SELECT_WRITE);
	a.p = s;
	CHECK(pthread_create(&t, NULL, select_thread, &a) == 0);
	CHECK(pf_wait_pending(1));
	CHECK(snd(c, "wake") == 4);
	pthread_join(t, NULL);
	CHECK(a.kr == 0 && a.sel == IO_SELECT_READ);
	CHECK(io_readable(s, &n) == 0 && n == 4);
	CHECK(rcv(s, MSG_PEEK, buf, sizeof(buf)) == 4);
	CHECK(rcv(s, 0, buf, sizeof(buf)) == 4);
	pf_drop(s);
	pf_drop(c);
}

static void
test_udp(void)
{
	struct sockaddr_in a = pf_lo(6000), b = pf_lo(6001), from;
	mach_port_t ua, ub;
	data_t data = NULL;
	mach_msg_type_number_t cnt = 0, alen = SOCKET_ADDR_MAX;
	char addr[SOCKET_ADDR_MAX];
	int32_t oflags = 0;
	uint64_t took = 0;

	ua = pf_socket(AF_INET, SOCK_DGRAM);
	ub = pf_socket(AF_INET, SOCK_DGRAM);
	CHECK(socket_bind(ua, (char *)&a, sizeof(a)) == 0);
	CHECK(socket_bind(ub, (char *)&b, sizeof(b)) == 0);
	CHECK(socket_bind(ub, (char *)&a, sizeof(a)) == EINVAL ||
	    socket_bind(ub, (char *)&a, sizeof(a)) == EADDRINUSE);
	CHECK(socket_send(ua, 0, "datagram one", 12, (char *)&b, sizeof(b),
	    &took) == 0 && took == 12);
	CHECK(socket_send(ua, 0, "two", 3, (char *)&b, sizeof(b),
	    &took) == 0 && took == 3);
	CHECK(socket_recv(ub, 0, 100, addr, &alen, &data, &cnt, &oflags) ==
	    0 && cnt == 12 && memcmp(data, "datagram one", 12) == 0);
	memcpy(&from, addr, sizeof(from));
	CHECK(alen == sizeof(from) && from.sin_port == htons(6000) &&
	    from.sin_addr.s_addr == htonl(INADDR_LOOPBACK));
	alen = SOCKET_ADDR_MAX;
	CHECK(socket_recv(ub, 0, 2, addr, &alen, &data, &cnt, &oflags) == 0 &&
	    cnt == 2 && memcmp(data, "tw", 2) == 0 && (oflags & MSG_TRUNC));
	/* A datagram to a closed port is lost; the sender goes on. */
	CHECK(socket_send(ua, 0, "x", 1, (char *)&(struct sockaddr_in){
	    .sin_family = AF_INET, .sin_port = htons(6002),
	    .sin_addr.s_addr = htonl(INADDR_LOOPBACK) },
	    sizeof(struct sockaddr_in), &took) == 0);
	CHECK(socket_send(ua, 0, "x", 1, NULL, 0, &took) != 0);
	pf_drop(ua);
	pf_drop(ub);
}

static int
getint(mach_port_t p, int level, int name, int *v)
{
	char buf[SOCKET_OPT_MAX];
	mach_msg_type_number_t n = sizeof(buf);
	kern_return_t kr = socket_getopt(p, level, name, buf, &n);

	if (kr == 0 && n >= 4)
		memcpy(v, buf, 4);
	return kr;
}

static int
setint(mach_port_t p, int level, int name, int v)
{
	return socket_setopt(p, level, name, (char *)&v, sizeof(v));
}

static void
test_options(void)
{
	mach_port_t p = pf_socket(AF_INET, SOCK_STREAM);
	struct linger lg = { 1, 5 }, got;
	char buf[SOCKET_OPT_MAX];
	mach_msg_type_number_t n = sizeof(buf);
	int v = -1;

	CHECK(setint(p, SOL_SOCKET, SO_REUSEADDR, 1) == 0);
	CHECK(getint(p, SOL_SOCKET, SO_REUSEADDR, &v) == 0 && v != 0);
	CHECK(setint(p, SOL_SOCKET, SO_KEEPALIVE, 1) == 0);
	CHECK(getint(p, SOL_SOCKET, SO_KEEPALIVE, &v) == 0 && v != 0);
	CHECK(setint(p, SOL_SOCKET, SO_RCVBUF, 16384) == 0);
	CHECK(getint(p, SOL_SOCKET, SO_RCVBUF, &v) == 0 && v >= 2048);
	CHECK(setint(p, SOL_SOCKET, SO_SNDBUF, 16384) == 0);
	CHECK(getint(p, SOL_SOCKET, SO_SNDBUF, &v) == 0 && v >= 2048);
	CHECK(setint(p, IPPROTO_TCP, TCP_NODELAY, 1) == 0);
	CHECK(getint(p, IPPROTO_TCP, TCP_NODELAY, &v) == 0 && v != 0);
	CHECK(getint(p, SOL_SOCKET, SO_TYPE, &v) == 0 && v == SOCK_STREAM);
	CHECK(getint(p, SOL_SOCKET, SO_ERROR, &v) == 0 && v == 0);
	CHECK(socket_setopt(p, SOL_SOCKET, SO_LINGER, (char *)&lg,
	    sizeof(lg)) == 0);
	CHECK(socket_getopt(p, SOL_SOCKET, SO_LINGER, buf, &n) == 0 &&
	    n == sizeof(got));
	memcpy(&got, buf, sizeof(got));
	CHECK(got.l_onoff == 1 && got.l_linger == 5);
	CHECK(socket_setopt(p, SOL_SOCKET, SO_LINGER, (char *)&lg, 3) ==
	    EINVAL);
	CHECK(setint(p, SOL_SOCKET, 0x7777, 1) == ENOPROTOOPT);
	CHECK(socket_setopt(p, SOL_SOCKET, SO_KEEPALIVE, "x", 1) == EINVAL);
	CHECK(getint(p, 12345, SO_TYPE, &v) == ENOPROTOOPT);
	pf_drop(p);
}

/* TCP over ::1. */
static void
test_ipv6(void)
{
	struct sockaddr_in6 a;
	mach_port_t l, c, s;
	char addr[SOCKET_ADDR_MAX], buf[8];
	mach_msg_type_number_t alen = sizeof(addr);

	memset(&a, 0, sizeof(a));
	a.sin6_family = AF_INET6;
	a.sin6_port = htons(7400);
	a.sin6_addr.s6_addr[15] = 1;
	l = pf_socket(AF_INET6, SOCK_STREAM);
	CHECK(socket_bind(l, (char *)&a, sizeof(a)) == 0);
	CHECK(socket_listen(l, 4) == 0);
	c = pf_socket(AF_INET6, SOCK_STREAM);
	CHECK(socket_connect(c, (char *)&a, sizeof(a)) == 0);
	CHECK(socket_accept(l, &s, addr, &alen) == 0 &&
	    alen == sizeof(struct sockaddr_in6));
	CHECK(((struct sockaddr_in6 *)addr)->sin6_family == AF_INET6);
	CHECK(snd(c, "six") == 3 && rcv(s, 0, buf, sizeof(buf)) == 3);
	pf_drop(s);
	pf_drop(c);
	pf_drop(l);
}

/* Configuration through fsys_get_options/fsys_set_options. */
static void
test_options_fsys(void)
{
	char want[] = "--address=10.1.2.3\0--netmask=255.255.0.0\0"
	    "--gateway=10.1.0.1";
	data_t got = NULL;
	mach_msg_type_number_t n = 0;

	CHECK(fsys_get_options(pf_server, &got, &n) == 0 && n == 0);
	CHECK(fsys_set_options(pf_server, want, sizeof(want), 0) == 0);
	CHECK(fsys_get_options(pf_server, &got, &n) == 0 &&
	    n == sizeof(want) && memcmp(got, want, n) == 0);
	CHECK(fsys_set_options(pf_server, "--address=1.2.3", 16, 0) ==
	    EINVAL);
	CHECK(fsys_set_options(pf_server, "--address=1.2.3.256", 20, 0) ==
	    EINVAL);
	CHECK(fsys_set_options(pf_server, "--bogus", 8, 0) == EINVAL);
	CHECK(fsys_set_options(pf_server, "--interface=eth9", 17, 0) ==
	    EBUSY);
	n = 0;
	CHECK(fsys_get_options(pf_server, &got, &n) == 0 &&
	    n == sizeof(want));			/* unchanged */
	CHECK(fsys_goaway(pf_server, 0) == EBUSY);
}

/* 200 connections opened and closed: the counts come back. */
static void
test_many(mach_port_t l)
{
	int i, ok = 1, o, s, p;
	mach_port_t c, a;
	char buf[4];

	for (i = 0; i < 200 && ok; i++) {
		ok = pf_pair(l, 7000, &c, &a) == 0 && snd(c, "hi") == 2 &&
		    rcv(a, 0, buf, sizeof(buf)) == 2;
		pf_drop(c);
		pf_drop(a);
	}
	CHECK(ok);
	for (i = 0; i < 500; i++) {
		pf_stats(&o, &s, &p);
		if (o == base_objects + 1 && s == base_sockets + 1 && p == 0)
			break;
		usleep(10000);
	}
	CHECK(o == base_objects + 1);	/* + the listener */
	CHECK(s == base_sockets + 1);
	CHECK(p == 0);
}

/* With only loopback and no TCP, pfinet sleeps: no timer wakes it. */
static void
test_idle(void)
{
	int t0 = pf_timer_wakeups(), t1;

	usleep(1500000);
	t1 = pf_timer_wakeups();
	printf("timer wakeups while idle for 1.5 s: %d\n", t1 - t0);
	CHECK(t0 >= 0 && t1 == t0);
}

int
main(void)
{
	mach_port_t l, c, s;
	int p;

	pf_server = pf_server_port();
	CHECK(MACH_PORT_VALID(pf_server));
	pf_stats(&base_objects, &base_sockets, &p);
	CHECK(base_sockets == 0 && p == 0);
	test_idle();
	l = pf_listener(7000);
	CHECK(l != MACH_PORT_NULL);
	test_accept_connect(l, &c, &s);
	test_transfer(c, s);
	test_half_close(c, s);
	test_nonblocking(l);
	test_refused_reset(l);
	test_select(l);
	test_udp();
	test_options();
	test_ipv6();
	test_options_fsys();
	test_many(l);
	pf_drop(l);
	return check_done();
}
