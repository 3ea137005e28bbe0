/*
 * bench_peer.c -- the Linux-socket side of tap_test.sh and bench.sh.
 *   bench_peer server PORT                 echo on PORT, discard on PORT+2
 *   bench_peer bulk ADDR PORT SECONDS      stream to a discard server
 *   bench_peer rr ADDR PORT CONNS SECONDS  64-byte request/response
 * Prints one figure per run.  Only ever given addresses inside the test's
 * own network namespaces.
 */
#include <arpa/inet.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAXFD	1024
#define REQ	64

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
listen_on(int port)
{
	struct sockaddr_in6 sin6;
	int s, one = 1, zero = 0;

	memset(&sin6, 0, sizeof(sin6));
	sin6.sin6_family = AF_INET6;
	sin6.sin6_port = htons((uint16_t)port);
	if ((s = socket(AF_INET6, SOCK_STREAM, 0)) < 0)
		err(1, "socket");
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof(zero));
	if (bind(s, (struct sockaddr *)&sin6, sizeof(sin6)) < 0 ||
	    listen(s, 128) < 0)
		err(1, "listen %d", port);
	return s;
}

/* Echo on port, discard on port+2, for every connection, forever. */
static int
server(int port)
{
	static struct pollfd pfd[MAXFD];
	static int kind[MAXFD];
	static char buf[65536];
	int n = 2, i, c, one = 1;
	ssize_t r;

	pfd[0].fd = listen_on(port);
	pfd[1].fd = listen_on(port + 2);
	kind[1] = 1;
	for (i = 0; i < MAXFD; i++)
		pfd[i].events = POLLIN;
	for (;;) {
		if (poll(pfd, (nfds_t)n, -1) < 0)
			err(1, "poll");
		for (i = 0; i < n; i++) {
			if (pfd[i].revents == 0)
				continue;
			if (i < 2) {
				if ((c = accept(pfd[i].fd, NULL, NULL)) >= 0 &&
				    n < MAXFD) {
					setsockopt(c, IPPROTO_TCP, TCP_NODELAY,
					    &one, sizeof(one));
					pfd[n].fd = c;
					kind[n++] = kind[i];
				} else if (c >= 0)
					close(c);
				continue;
			}
			r = read(pfd[i].fd, buf, sizeof(buf));
			if (r > 0 && kind[i] == 0 &&
			    write(pfd[i].fd, buf, (size_t)r) == r)
				continue;
			if (r > 0)
				continue;
			close(pfd[i].fd);
			pfd[i] = pfd[--n];
			kind[i] = kind[n];
			i--;
		}
	}
}

static int
dial(const char *addr, int port)
{
	struct sockaddr_in6 sin6;
	struct sockaddr_in sin;
	int s, one = 1;

	memset(&sin, 0, sizeof(sin));
	memset(&sin6, 0, sizeof(sin6));
	if (inet_pton(AF_INET, addr, &sin.sin_addr) == 1) {
		sin.sin_family = AF_INET;
		sin.sin_port = htons((uint16_t)port);
		s = socket(AF_INET, SOCK_STREAM, 0);
		if (s < 0 || connect(s, (struct sockaddr *)&sin,
		    sizeof(sin)) < 0)
			err(1, "connect %s", addr);
	} else {
		inet_pton(AF_INET6, addr, &sin6.sin6_addr);
		sin6.sin6_family = AF_INET6;
		sin6.sin6_port = htons((uint16_t)port);
		s = socket(AF_INET6, SOCK_STREAM, 0);
		if (s < 0 || connect(s, (struct sockaddr *)&sin6,
		    sizeof(sin6)) < 0)
			err(1, "connect %s", addr);
	}
	setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return s;
}

static int
bulk(const char *addr, int port, double secs)
{
	static char buf[65536];
	double t0 = now(), t;
	size_t total = 0;
	ssize_t r;
	int s = dial(addr, port);

	memset(buf, 'b', sizeof(buf));
	while ((t = now()) - t0 < secs) {
		if ((r = write(s, buf, sizeof(buf))) <= 0)
			err(1, "write");
		total += (size_t)r;
	}
	close(s);
	printf("%.1f MB/s\n", total / (t - t0) / 1e6);
	return 0;
}

/* conns connections, one 64-byte request outstanding on each. */
static int
rr(const char *addr, int port, int conns, double secs)
{
	static struct pollfd pfd[MAXFD];
	static size_t got[MAXFD];
	char req[REQ], buf[4096];
	double t0, t;
	unsigned long done = 0;
	ssize_t r;
	int i;

	if (conns < 1 || conns > MAXFD)
		errx(2, "bad connection count");
	memset(req, 'r', sizeof(req));
	for (i = 0; i < conns; i++) {
		pfd[i].fd = dial(addr, port);
		pfd[i].events = POLLIN;
		if (write(pfd[i].fd, req, REQ) != REQ)
			err(1, "write");
	}
	t0 = now();
	while ((t = now()) - t0 < secs) {
		if (poll(pfd, (nfds_t)conns, 1000) < 0)
			err(1, "poll");
		for (i = 0; i < conns; i++) {
			if (pfd[i].revents == 0)
				continue;
			if ((r = read(pfd[i].fd, buf, sizeof(buf))) <= 0)
				errx(1, "connection %d closed", i);
			got[i] += (size_t)r;
			if (got[i] < REQ)
				continue;
			got[i] -= REQ;
			done++;
			if (write(pfd[i].fd, req, REQ) != REQ)
				err(1, "write");
		}
	}
	for (i = 0; i < conns; i++)
		close(pfd[i].fd);
	printf("%.0f transactions/s\n", done / (t - t0));
	return 0;
}

int
main(int argc, char *argv[])
{
	if (argc == 3 && strcmp(argv[1], "server") == 0)
		return server(atoi(argv[2]));
	if (argc == 5 && strcmp(argv[1], "bulk") == 0)
		return bulk(argv[2], atoi(argv[3]), atof(argv[4]));
	if (argc == 6 && strcmp(argv[1], "rr") == 0)
		return rr(argv[2], atoi(argv[3]), atoi(argv[4]), atof(argv[5]));
	errx(2, "usage: bench_peer server PORT | bulk ADDR PORT SECONDS | "
	    "rr ADDR PORT CONNS SECONDS");
}
