/*
 * fuzz.c -- the packet fuzzer: feeds one engine (built with ASan and
 * UBSan) mutated, truncated and hostile frames, built from seeds and from
 * the engine's own replies turned around, so that mutations reach TCP
 * connections, reassembly, ND and DHCP.  Run by `make check`: any crash,
 * sanitizer report or lwIP assertion fails it.  PFINET_FUZZ_SECONDS
 * bounds the run (default 30), PFINET_FUZZ_SEED picks the sequence.
 */
#include <arpa/inet.h>
#include <err.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pfinet.h"

#define POOL		256
#define FRAME_MAX	1600

struct frame {
	int	ifx;
	size_t	len;
	uint8_t	b[FRAME_MAX];
};

static struct frame	 pool[POOL];
static unsigned int	 npool;
static uint64_t		 rng = 88172645463325252ULL;
static uint32_t		 vclock = 1000;
static const uint8_t	 us_mac[6] = { 2, 0, 0, 0, 0, 2 };
static const uint8_t	 peer_mac[6] = { 2, 0, 0, 0, 0, 1 };
static const uint8_t	 dhcp_mac[6] = { 2, 0, 0, 0, 0, 3 };
static struct pfinet_if	*ifs[2];

static uint64_t
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static uint32_t
fz_now(void *arg)
{
	(void)arg;
	return vclock;
}

static uint32_t
fz_random(void *arg)
{
	(void)arg;
	return (uint32_t)rnd();
}

static void
fz_log(void *arg, const char *msg)
{
	(void)arg;
	fputs(msg, stderr);
}

static int pool_ifx;	/* interface the next pool_add is for */

static void
pool_add(const uint8_t *b, size_t len)
{
	struct frame *f;

	if (len > FRAME_MAX || len == 0)
		return;
	f = npool < POOL ? &pool[npool++] : &pool[rnd() % POOL];
	memcpy(f->b, b, len);
	f->len = len;
	f->ifx = pool_ifx;
}

static uint32_t
sum16(const uint8_t *b, size_t n, uint32_t s)
{
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		s += (uint32_t)b[i] << 8 | b[i + 1];
	if (n & 1)
		s += (uint32_t)b[n - 1] << 8;
	return s;
}

static uint16_t
fold(uint32_t s)
{
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

static void
put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/* Recompute IPv4/IPv6 and TCP/UDP/ICMP checksums of a frame, if sane. */
static void
fix_sums(uint8_t *b, size_t len)
{
	size_t hl, tl, off;
	uint32_t ps;
	uint8_t proto, *l4;
	int csum_at;

	if (len < 14 + 20)
		return;
	if (b[12] == 0x08 && b[13] == 0x00) {
		hl = (size_t)(b[14] & 15) * 4;
		tl = (size_t)b[16] << 8 | b[17];
		if (hl < 20 || tl < hl || 14 + tl > len)
			return;
		put16(b + 24, 0);
		put16(b + 24, fold(sum16(b + 14, hl, 0)));
		proto = b[23];
		off = 14 + hl;
		tl -= hl;
		ps = sum16(b + 26, 8, 0) + proto + (uint32_t)tl;
	} else if (b[12] == 0x86 && b[13] == 0xdd && len >= 54) {
		tl = (size_t)b[18] << 8 | b[19];
		if (54 + tl > len)
			return;
		proto = b[20];
		off = 54;
		ps = sum16(b + 22, 32, 0) + proto + (uint32_t)tl;
	} else
		return;
	l4 = b + off;
	csum_at = proto == 6 ? 16 : proto == 17 ? 6 : 2;
	if ((proto != 6 && proto != 17 && proto != 1 && proto != 58) ||
	    tl < (size_t)csum_at + 2)
		return;
	if (proto == 1)
		ps = 0;
	put16(l4 + csum_at, 0);
	put16(l4 + csum_at, fold(sum16(l4, tl, ps)));
}

static size_t
eth(uint8_t *b, const uint8_t *dst, uint16_t type)
{
	memcpy(b, dst, 6);
	memcpy(b + 6, peer_mac, 6);
	put16(b + 12, type);
	return 14;
}

/* Ethernet + IPv4 from 10.0.0.1 to dst around l4 (plen bytes). */
static size_t
ip4(uint8_t *b, const char *dst, uint8_t proto, const void *l4, size_t plen)
{
	size_t o = eth(b, us_mac, 0x0800);

	memset(b + o, 0, 20);
	b[o] = 0x45;
	put16(b + o + 2, (uint16_t)(20 + plen));
	b[o + 8] = 64;
	b[o + 9] = proto;
	inet_pton(AF_INET, "10.0.0.1", b + o + 12);
	inet_pton(AF_INET, dst, b + o + 16);
	memcpy(b + o + 20, l4, plen);
	fix_sums(b, o + 20 + plen);
	return o + 20 + plen;
}

static size_t
ip6(uint8_t *b, const char *dst, uint8_t nh, const void *l4, size_t plen)
{
	size_t o = eth(b, us_mac, 0x86dd);

	memset(b + o, 0, 40);
	b[o] = 0x60;
	put16(b + o + 4, (uint16_t)plen);
	b[o + 6] = nh;
	b[o + 7] = 255;
	inet_pton(AF_INET6, "fd00::1", b + o + 8);
	inet_pton(AF_INET6, dst, b + o + 24);
	memcpy(b + o + 40, l4, plen);
	fix_sums(b, o + 40 + plen);
	return o + 40 + plen;
}

static void
seeds(void)
{
	uint8_t b[FRAME_MAX], l4[512];
	static const uint8_t bcast[6] = { 255, 255, 255, 255, 255, 255 };
	size_t o;

	o = eth(b, bcast, 0x0806);		/* ARP who-has 10.0.0.2 */
	memcpy(b + o, "\0\1\10\0\6\4\0\1", 8);
	memcpy(b + o + 8, peer_mac, 6);
	inet_pton(AF_INET, "10.0.0.1", b + o + 14);
	memset(b + o + 18, 0, 6);
	inet_pton(AF_INET, "10.0.0.2", b + o + 24);
	pool_add(b, o + 28);
	memset(l4, 0x5a, sizeof(l4));
	l4[0] = 8;				/* echo request */
	l4[1] = 0;
	pool_add(b, ip4(b, "10.0.0.2", 1, l4, 64));
	put16(l4, 40000);			/* UDP to 53 */
	put16(l4 + 2, 53);
	put16(l4 + 4, 40);
	pool_add(b, ip4(b, "10.0.0.2", 17, l4, 40));
	memset(l4, 0, 40);			/* TCP SYN to 80 */
	put16(l4, 40001);
	put16(l4 + 2, 80);
	l4[7] = 1;
	l4[12] = 10 << 4;
	l4[13] = 0x02;
	put16(l4 + 14, 65535);
	memcpy(l4 + 20, "\2\4\5\264\4\2\1\3\3\7\10\12\0\0\0\1\0\0\0\0", 20);
	pool_add(b, ip4(b, "10.0.0.2", 6, l4, 40));
	pool_add(b, ip6(b, "fd00::2", 6, l4, 40));
	memset(l4, 0x33, 64);			/* ICMPv6 echo request */
	l4[0] = 128;
	l4[1] = 0;
	pool_add(b, ip6(b, "fd00::2", 58, l4, 64));
	memset(l4, 0, 32);			/* neighbour solicitation */
	l4[0] = 135;
	inet_pton(AF_INET6, "fd00::2", l4 + 8);
	l4[24] = 1;
	l4[25] = 1;
	memcpy(l4 + 26, peer_mac, 6);
	pool_add(b, ip6(b, "ff02::1:ff00:2", 58, l4, 32));
	memset(l4, 0xab, 48);			/* IPv6 fragment of UDP */
	l4[0] = 17;
	l4[1] = 0;
	put16(l4 + 2, 1);			/* offset 0, more */
	pool_add(b, ip6(b, "fd00::2", 44, l4, 48));
	o = ip4(b, "10.0.0.2", 17, l4, 48);	/* IPv4 fragment */
	b[14 + 6] = 0x20;
	fix_sums(b, o);
	pool_add(b, o);
}

/*
 * Turn a TCP segment the engine sent to 10.0.0.1 (or fd00::1) into the
 * peer's answer: ports and addresses swapped, ACK of what was sent, and
 * sometimes data, FIN or RST.  This walks connections into every state.
 */
static void
reply_tcp(const uint8_t *b, size_t len, int v6)
{
	uint8_t t[FRAME_MAX], l4[200];
	size_t off = v6 ? 54 : 14 + (size_t)(b[14] & 15) * 4, tl, hl, dl, n;
	uint32_t seq, ack;
	uint8_t fl;

	tl = v6 ? (size_t)b[18] << 8 | b[19] :
	    ((size_t)b[16] << 8 | b[17]) - (off - 14);
	if (off + 20 > len || off + tl > len)
		return;
	hl = (size_t)(b[off + 12] >> 4) * 4;
	if (hl < 20 || hl > tl)
		return;
	dl = tl - hl;
	fl = b[off + 13];
	seq = (uint32_t)b[off + 4] << 24 | b[off + 5] << 16 | b[off + 6] << 8 |
	    b[off + 7];
	ack = (uint32_t)b[off + 8] << 24 | b[off + 9] << 16 | b[off + 10] << 8 |
	    b[off + 11];
	seq += (uint32_t)dl + ((fl & 0x02) != 0) + ((fl & 0x01) != 0);
	memset(l4, 0, 20);
	memcpy(l4, b + off + 2, 2);
	memcpy(l4 + 2, b + off, 2);
	put16(l4 + 4, (uint16_t)(ack >> 16));
	put16(l4 + 6, (uint16_t)ack);
	put16(l4 + 8, (uint16_t)(seq >> 16));
	put16(l4 + 10, (uint16_t)seq);
	l4[12] = 5 << 4;
	l4[13] = 0x10;
	put16(l4 + 14, 65535);
	n = 20;
	if (rnd() % 3 == 0) {
		n += rnd() % 100;
		memset(l4 + 20, (int)rnd(), n - 20);
		l4[13] |= 0x08;
	}
	if (rnd() % 16 == 0)
		l4[13] |= 0x01;
	if (rnd() % 64 == 0)
		l4[13] = 0x04;
	pool_ifx = 0;
	pool_add(t, v6 ? ip6(t, "fd00::2", 6, l4, n) :
	    ip4(t, "10.0.0.2", 6, l4, n));
}

/* Answer the engine's DHCP DISCOVER/REQUEST with an OFFER/ACK. */
static void
reply_dhcp(const uint8_t *b, size_t len)
{
	uint8_t t[FRAME_MAX], m[300];
	const uint8_t *bp = b + 14 + 20 + 8;
	size_t i;
	uint8_t type = 0;

	if (len < 14 + 20 + 8 + 240)
		return;
	for (i = 240; i + 2 < len - 42 && bp[i] != 255; i += 2 + bp[i + 1])
		if (bp[i] == 53)
			type = bp[i + 2];
	if (type != 1 && type != 3)
		return;
	memset(m, 0, sizeof(m));
	put16(m, 67);
	put16(m + 2, 68);
	put16(m + 4, 8 + 272);
	m[8] = 2;
	m[9] = 1;
	m[10] = 6;
	memcpy(m + 12, bp + 4, 4);		/* xid */
	inet_pton(AF_INET, "10.1.0.50", m + 8 + 16);
	memcpy(m + 8 + 28, dhcp_mac, 6);
	memcpy(m + 8 + 236, "\143\202\123\143", 4);
	memcpy(m + 8 + 240, "\65\1\2\66\4\12\1\0\1\63\4\0\0\16\20"
	    "\1\4\377\377\377\0\3\4\12\1\0\1\377", 28);
	m[8 + 242] = type == 1 ? 2 : 5;
	pool_ifx = 1;
	i = ip4(t, "255.255.255.255", 17, m, 8 + 272);
	memcpy(t, dhcp_mac, 6);
	pool_add(t, i);
}

/* Frame-out: learn from what the engine says. */
static void
fz_output(void *arg, const void *frame, size_t len)
{
	const uint8_t *b = frame;

	(void)arg;
	if (len < 14 + 40 || rnd() % 4 == 0)
		return;
	if (b[12] == 0x08 && b[13] == 0x00 && b[23] == 6)
		reply_tcp(b, len, 0);
	else if (b[12] == 0x86 && b[13] == 0xdd && b[20] == 6)
		reply_tcp(b, len, 1);
	else if (b[12] == 0x08 && b[13] == 0x00 && b[23] == 17 &&
	    b[14 + 20 + 3] == 67)
		reply_dhcp(b, len);
}

static void
mutate(uint8_t *b, size_t *len)
{
	size_t i, n = 1 + rnd() % 8, at;

	for (i = 0; i < n; i++) {
		at = *len > 0 ? rnd() % *len : 0;
		switch (rnd() % 8) {
		case 0:
			b[at] ^= (uint8_t)(1 << (rnd() % 8));
			break;
		case 1:
			b[at] = (uint8_t)rnd();
			break;
		case 2:
			b[at] = (uint8_t[]){ 0, 1, 0x7f, 0x80, 0xff }[rnd() %
			    5];
			break;
		case 3:
			*len = rnd() % (*len + 1);	/* truncate */
			break;
		case 4:
			if (*len + 64 <= FRAME_MAX) {	/* extend */
				memset(b + *len, (int)rnd(), 64);
				*len += rnd() % 65;
			}
			break;
		case 5:				/* splice another frame */
			memcpy(b + at, pool[rnd() % npool].b + at,
			    rnd() % (*len - at + 1));
			break;
		default:
			break;
		}
	}
	if (rnd() % 2)
		fix_sums(b, *len);
}

#define NCONN	16

/*
 * lwIP's IPv4 reassembly keeps the next fragment's pointer inside the
 * packed IP header it overwrites, at an unaligned address; without this
 * LeakSanitizer cannot see that pointer and reports held fragments as
 * leaked.
 */
const char *__lsan_default_options(void);
const char *
__lsan_default_options(void)
{
	return "use_unaligned=1";
}

static unsigned long	 n_accepted, n_bytes, n_dgrams;

static struct pfinet_sock *lsn[2], *udp[2], *ping, *conn[NCONN];

static void
open_sockets(void)
{
	struct sockaddr_in sin;
	struct sockaddr_in6 sin6;
	int i;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	memset(&sin6, 0, sizeof(sin6));
	sin6.sin6_family = AF_INET6;
	for (i = 0; i < 2; i++) {
		sin.sin_port = sin6.sin6_port = htons(80);
		if (pfinet_socket(i ? AF_INET6 : AF_INET, SOCK_STREAM, 0,
		    &lsn[i]) != 0 || pfinet_bind(lsn[i], i ?
		    (struct sockaddr *)&sin6 : (struct sockaddr *)&sin,
		    i ? sizeof(sin6) : sizeof(sin)) != 0 ||
		    pfinet_listen(lsn[i], 8) != 0)
			errx(1, "listen");
		sin.sin_port = sin6.sin6_port = htons(53);
		if (pfinet_socket(i ? AF_INET6 : AF_INET, SOCK_DGRAM, 0,
		    &udp[i]) != 0 || pfinet_bind(udp[i], i ?
		    (struct sockaddr *)&sin6 : (struct sockaddr *)&sin,
		    i ? sizeof(sin6) : sizeof(sin)) != 0)
			errx(1, "udp");
	}
	if (pfinet_socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP, &ping) != 0)
		errx(1, "ping socket");
}

/* What a busy server does between frames: accept, read, write, close. */
static void
socket_work(void)
{
	static char buf[4096];
	struct sockaddr_in6 from;
	socklen_t fl;
	size_t n;
	int i, j;

	for (i = 0; i < 2; i++) {
		for (j = 0; j < NCONN; j++)
			if (conn[j] == NULL) {
				if (pfinet_accept(lsn[i], &conn[j], NULL,
				    NULL) != 0)
					break;
				n_accepted++;
			}
		fl = sizeof(from);
		if (pfinet_recv(udp[i], buf, sizeof(buf), 0,
		    (struct sockaddr *)&from, &fl, &n, NULL) == 0 &&
		    ++n_dgrams)
			pfinet_send(udp[i], buf, n, 0,
			    (struct sockaddr *)&from, fl, &n);
	}
	pfinet_recv(ping, buf, sizeof(buf), 0, NULL, NULL, &n, NULL);
	for (j = 0; j < NCONN; j++) {
		if (conn[j] == NULL)
			continue;
		pfinet_sock_events(conn[j]);
		if (pfinet_recv(conn[j], buf, rnd() % sizeof(buf), 0, NULL,
		    NULL, &n, NULL) == 0)
			n_bytes += n;
		pfinet_send(conn[j], buf, rnd() % 3000, 0, NULL, 0, &n);
		if (rnd() % 64 == 0)
			pfinet_shutdown(conn[j], (int)(rnd() % 3));
		if (rnd() % 128 == 0) {
			pfinet_close(conn[j]);
			conn[j] = NULL;
		}
	}
}

static void
setup(void)
{
	struct pfinet_platform plat = { fz_now, fz_random, fz_log, NULL };
	struct pfinet_if_ether e = { { 0 }, 1500, fz_output, NULL };
	struct in_addr a, m;
	struct in6_addr a6;

	if (pfinet_init(&plat) != 0)
		errx(1, "init");
	memcpy(e.mac, us_mac, 6);
	if (pfinet_if_add_ether(&e, &ifs[0]) != 0)
		errx(1, "if 0");
	memcpy(e.mac, dhcp_mac, 6);
	if (pfinet_if_add_ether(&e, &ifs[1]) != 0)
		errx(1, "if 1");
	inet_pton(AF_INET, "10.0.0.2", &a);
	inet_pton(AF_INET, "255.255.255.0", &m);
	pfinet_if_set_ipv4(ifs[0], &a, &m, NULL);
	inet_pton(AF_INET6, "fd00::2", &a6);
	pfinet_if_add_ipv6(ifs[0], &a6);
	pfinet_if_set_default(ifs[0]);
	pfinet_if_dhcp_start(ifs[1]);
	open_sockets();
	pool_ifx = 0;
	seeds();
}

/* The last frame of a run, for reproducing a finding by hand. */
static void
dump(const struct frame *f)
{
	size_t i;

	printf("frame for if %d, %zu bytes:", f->ifx, f->len);
	for (i = 0; i < f->len; i++)
		printf("%s%02x", i % 16 ? " " : "\n  ", f->b[i]);
	printf("\n");
	fflush(stdout);
}

int
main(void)
{
	struct frame f;
	const char *env;
	time_t end;
	unsigned long iters = 0, seconds = 30, maxiters = ~0UL;

	if ((env = getenv("PFINET_FUZZ_SECONDS")) != NULL)
		seconds = strtoul(env, NULL, 10);
	if ((env = getenv("PFINET_FUZZ_SEED")) != NULL)
		rng = strtoull(env, NULL, 10) | 1;
	if ((env = getenv("PFINET_FUZZ_ITERS")) != NULL)
		maxiters = strtoul(env, NULL, 10);
	printf("fuzz: seed %llu, %lu s\n", (unsigned long long)rng, seconds);
	fflush(stdout);
	setup();
	end = time(NULL) + (time_t)seconds;
	while (time(NULL) < end && iters < maxiters) {
		f = pool[rnd() % npool];
		if (rnd() % 4 != 0)
			mutate(f.b, &f.len);
		if (iters + 1 == maxiters && getenv("PFINET_FUZZ_DUMP"))
			dump(&f);
		pfinet_if_input(ifs[rnd() % 16 == 0 ? !f.ifx : f.ifx], f.b,
		    f.len);
		if (rnd() % 8 == 0)
			vclock += (uint32_t)(rnd() % 600);
		pfinet_poll();
		socket_work();
		iters++;
		if (rnd() % 4096 == 0) {
			pool_ifx = 0;
			seeds();
		}
	}
	printf("fuzz: %lu frames; %lu connections accepted, %lu bytes and "
	    "%lu datagrams received; no crash, no sanitizer report\n", iters,
	    n_accepted, n_bytes, n_dgrams);
	return 0;
}
