/*
 * pf_malformed.c -- requests an attacker would send to pfinet: wrong
 * families, lengths and kinds of port, counts beyond MIG's bounds,
 * bad domains, types and protocols, and 3,000 random messages to a
 * socket port and to the server port.  Each with a reply port gets an
 * error or an answer (a random request that is valid may wait: it is
 * released when its socket goes); pfinet keeps serving and ends with the
 * counts it started with.  A server port's caps: 256 sockets, 64
 * waiting operations.
 */
#include <stdio.h>
#include <stdlib.h>
#include <mach/mig_errors.h>

#include "pf_client.h"
#include "srv.h"

union reply {
	mig_reply_header_t mig;
	char bytes[8192];
};

static mach_port_t reply_port;

/* Send m and wait up to ms for the reply's code (or the mach_msg error). */
static kern_return_t
rpc(mach_msg_header_t *m, mach_msg_size_t size, int ms)
{
	static union reply r;
	mach_msg_return_t mr;

	mr = mach_msg(m, MACH_SEND_MSG, size, 0, MACH_PORT_NULL, 0,
	    MACH_PORT_NULL);
	if (mr != MACH_MSG_SUCCESS)
		return mr;
	mr = mach_msg(&r.mig.Head, MACH_RCV_MSG | MACH_RCV_TIMEOUT |
	    MACH_RCV_LARGE, 0, sizeof(r), reply_port, ms, MACH_PORT_NULL);
	if (mr != MACH_MSG_SUCCESS)
		return mr;
	mr = r.mig.RetCode;
	srv_msg_destroy(&r.mig.Head);
	return mr;
}

static void
test_arguments(void)
{
	struct sockaddr_in sin = pf_lo(7200);
	struct sockaddr_in6 sin6;
	mach_port_t p, q;
	char addr[SOCKET_ADDR_MAX];
	mach_msg_type_number_t n = sizeof(addr);
	int32_t sel = IO_SELECT_READ;

	CHECK(socket_create(pf_server, 99, SOCK_STREAM, 0, &q) ==
	    EAFNOSUPPORT);
	CHECK(socket_create(pf_server, AF_INET, 77, 0, &q) != 0);
	CHECK(socket_create(pf_server, AF_INET, SOCK_STREAM, 17, &q) != 0);
	CHECK(socket_create(pf_server, -1, -1, -1, &q) != 0);
	p = pf_socket(AF_INET, SOCK_STREAM);
	CHECK(p != MACH_PORT_NULL);
	/* Socket routines on the server port, server routines on a socket. */
	CHECK(socket_bind(pf_server, (char *)&sin, sizeof(sin)) == EOPNOTSUPP);
	CHECK(socket_create(p, AF_INET, SOCK_STREAM, 0, &q) == EOPNOTSUPP);
	CHECK(io_select(pf_server, &sel) == EOPNOTSUPP);
	/* Addresses: short, empty, of another family, foreign. */
	CHECK(socket_bind(p, (char *)&sin, 3) == EINVAL);
	CHECK(socket_bind(p, (char *)&sin, 0) == EINVAL);
	CHECK(socket_bind(p, (char *)&sin, 15) == EINVAL);
	memset(&sin6, 0, sizeof(sin6));
	sin6.sin6_family = AF_INET6;
	CHECK(socket_bind(p, (char *)&sin6, sizeof(sin6)) == EAFNOSUPPORT);
	sin.sin_addr.s_addr = htonl(0x0a000001);
	CHECK(socket_bind(p, (char *)&sin, sizeof(sin)) == EADDRNOTAVAIL);
	CHECK(socket_connect(p, (char *)&sin6, sizeof(sin6)) == EAFNOSUPPORT);
	CHECK(socket_peername(p, addr, &n) == ENOTCONN);
	CHECK(socket_listen(p, -5) == 0 || socket_listen(p, -5) == EINVAL);
	CHECK(io_seek(p, 0, 0, &(int64_t){0}) == ESPIPE);
	pf_drop(p);
}

/* socket_bind with an address count beyond 128: MIG refuses it. */
static void
test_counts(void)
{
	mach_port_t p = pf_socket(AF_INET, SOCK_DGRAM);
	struct {
		mach_msg_header_t h;
		mach_msg_type_t t;
		char addr[256];
	} m;

	memset(&m, 0, sizeof(m));
	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE);
	m.h.msgh_remote_port = p;
	m.h.msgh_local_port = reply_port;
	m.h.msgh_id = 32001;		/* socket_bind */
	m.t = (mach_msg_type_t){ .msgt_name = MACH_MSG_TYPE_CHAR,
	    .msgt_size = 8, .msgt_number = 200, .msgt_inline = 1 };
	m.h.msgh_size = sizeof(m);
	CHECK(rpc(&m.h, sizeof(m), 5000) == MIG_BAD_ARGUMENTS);
	m.t.msgt_number = 16;		/* says 16, holds less */
	m.h.msgh_size = sizeof(m.h) + sizeof(m.t) + 8;
	CHECK(rpc(&m.h, m.h.msgh_size, 5000) == MIG_BAD_ARGUMENTS);
	m.h.msgh_id = 32099;
	CHECK(rpc(&m.h, m.h.msgh_size, 5000) == MIG_BAD_ID);
	pf_drop(p);
}

static unsigned int seed = 12345;

static unsigned int
rnd(void)
{
	seed = seed * 1103515245 + 12345;
	return seed >> 8;
}

/* n random messages to port: ids near the protocols', random bodies. */
static int
fuzz(mach_port_t port, int n)
{
	static uint32_t body[512];
	mach_msg_header_t *h = (void *)body;
	int i, j, replies = 0;
	size_t size;

	for (i = 0; i < n; i++) {
		size = sizeof(*h) + 4 * (rnd() % 64);
		for (j = 0; j < 512; j++)
			body[j] = rnd();
		if (rnd() % 4 == 0)	/* a plausible first type word */
			body[sizeof(*h) / 4] = 0x10012000 | (rnd() % 4);
		h->msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
		    MACH_MSG_TYPE_MAKE_SEND_ONCE);
		h->msgh_size = size;
		h->msgh_remote_port = port;
		h->msgh_local_port = reply_port;
		h->msgh_id = (rnd() % 2 ? 32000 : 30000) + rnd() % 20;
		if (rnd() % 8 == 0)
			h->msgh_id = 31000 + rnd() % 200;
		replies += rpc(h, size, 200) != MACH_RCV_TIMED_OUT;
	}
	return replies;
}

/* A raw io_select for reading on p, answered (later) on reply_port. */
static void
select_nowait(mach_port_t p)
{
	struct {
		mach_msg_header_t h;
		mach_msg_type_t t;
		int32_t sel;
		char pad[4];
	} m;

	memset(&m, 0, sizeof(m));
	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE);
	m.h.msgh_size = sizeof(m);
	m.h.msgh_remote_port = p;
	m.h.msgh_local_port = reply_port;
	m.h.msgh_id = 30010;		/* io_select */
	m.t = (mach_msg_type_t){ .msgt_name = MACH_MSG_TYPE_INTEGER_32,
	    .msgt_size = 32, .msgt_number = 1, .msgt_inline = 1 };
	m.sel = IO_SELECT_READ;
	mach_msg(&m.h, MACH_SEND_MSG, sizeof(m), 0, MACH_PORT_NULL, 0,
	    MACH_PORT_NULL);
}

/*
 * The caps of one server port: 256 sockets (then EMFILE), 64 waiting
 * operations (then EAGAIN, also 8 per socket); all given back on close.
 */
static void
test_caps(void)
{
	static mach_port_t socks[300];
	union reply r;
	int i, n = 0, again = 0, p;
	kern_return_t kr = 0;

	for (i = 0; i < 300 && kr == 0; i++) {
		kr = socket_create(pf_server, AF_INET, SOCK_STREAM, 0,
		    &socks[i]);
		n += kr == 0;
	}
	CHECK(n == 256 && kr == EMFILE);
	for (i = 0; i < 9; i++) {	/* 9 listeners x 8 selects */
		struct sockaddr_in any = pf_lo(0);

		CHECK(socket_bind(socks[i], (char *)&any, sizeof(any)) == 0 &&
		    socket_listen(socks[i], 1) == 0);
		for (p = 0; p < 8; p++)
			select_nowait(socks[i]);
	}
	for (i = 0; i < 100 && mach_msg(&r.mig.Head, MACH_RCV_MSG |
	    MACH_RCV_TIMEOUT, 0, sizeof(r), reply_port, 1000,
	    MACH_PORT_NULL) == 0; i++)
		again += r.mig.RetCode == EAGAIN;
	pf_stats(NULL, NULL, &p);
	printf("caps: %d sockets, %d waiting, %d refused\n", n, p, again);
	CHECK(p == 64 && again == 8);
	for (i = 0; i < n; i++)
		pf_drop(socks[i]);
	/* Their selects are dropped with them: no answer, reply ports die. */
	CHECK(pf_wait_pending(0));
}

int
main(void)
{
	int o0, s0, p0, o, s, p, i, r1, r2;
	mach_port_t sock;

	pf_server = pf_server_port();
	mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE,
	    &reply_port);
	pf_stats(&o0, &s0, &p0);
	test_arguments();
	test_counts();
	sock = pf_socket(AF_INET, SOCK_STREAM);
	r1 = fuzz(sock, 1500);
	r2 = fuzz(pf_server, 1500);
	printf("random requests answered: %d/1500 on a socket, %d/1500 on "
	    "the server port\n", r1, r2);
	CHECK(r1 > 1400 && r2 > 1400);
	pf_drop(sock);
	for (i = 0; i < 500; i++) {
		pf_stats(&o, &s, &p);
		if (o == o0 && s == s0 && p == p0)
			break;
		usleep(10000);
	}
	printf("counts: %d objects %d sockets %d waiting (start %d %d %d)\n",
	    o, s, p, o0, s0, p0);
	CHECK(o == o0 && s == s0 && p == p0);
	test_caps();
	sock = pf_listener(7201);		/* still serving */
	CHECK(sock != MACH_PORT_NULL);
	pf_drop(sock);
	return check_done();
}
