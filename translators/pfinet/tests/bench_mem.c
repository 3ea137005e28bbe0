/*
 * bench_mem.c -- engine <-> engine figures over the in-memory link in
 * real time (no loss, no delay): TCP bulk throughput and 64-byte
 * request/response rate with 1 and 64 connections.  Run by bench.sh
 * (`make bench`); prints figures, passes no verdict.
 */
#include <errno.h>
#include <libgen.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <netinet/tcp.h>

#include "sim.h"

#define MAXC	64
#define REQ	64

static struct sim sim;

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* n connections from engine A to a listener on engine B. */
static int
open_conns(int port, int n, struct pfinet_sock **c, struct pfinet_sock **s)
{
	const struct pfinet_api *a = sim.eng[0].api, *b = sim.eng[1].api;
	struct pfinet_sock *l;
	struct sockaddr_in sin;
	int i, got = 0, one = 1;
	double t0 = now();

	sim_sa4(&sin, "10.0.0.2", port);
	if (b->socket(AF_INET, SOCK_STREAM, 0, &l) != 0 ||
	    b->bind(l, (struct sockaddr *)&sin, sizeof(sin)) != 0 ||
	    b->listen(l, 128) != 0)
		return 1;
	for (i = 0; i < n; i++) {
		if (a->socket(AF_INET, SOCK_STREAM, 0, &c[i]) != 0)
			return 1;
		a->setsockopt(c[i], IPPROTO_TCP, TCP_NODELAY, &one,
		    sizeof(one));
		a->connect(c[i], (struct sockaddr *)&sin, sizeof(sin));
	}
	while (got < n && now() - t0 < 10) {
		sim_step(&sim);
		while (got < n && b->accept(l, &s[got], NULL, NULL) == 0)
			b->setsockopt(s[got++], IPPROTO_TCP, TCP_NODELAY, &one,
			    sizeof(one));
	}
	for (i = 0; i < 10; i++)
		sim_step(&sim);
	return got == n ? 0 : 1;
}

static void
bulk(double secs)
{
	const struct pfinet_api *a = sim.eng[0].api, *b = sim.eng[1].api;
	static char buf[65536];
	struct pfinet_sock *c, *s;
	double t0, t;
	size_t n, total = 0;

	if (open_conns(6001, 1, &c, &s) != 0) {
		printf("bulk: setup failed\n");
		return;
	}
	t0 = now();
	while ((t = now()) - t0 < secs) {
		while (a->send(c, buf, sizeof(buf), 0, NULL, 0, &n) == 0)
			;
		while (b->recv(s, buf, sizeof(buf), 0, NULL, NULL, &n,
		    NULL) == 0 && n > 0)
			total += n;
		sim_step(&sim);
	}
	printf("engine<->engine in memory  TCP bulk             %8.1f MB/s\n",
	    total / (t - t0) / 1e6);
}

static void
rr(int port, int conns, double secs)
{
	const struct pfinet_api *a = sim.eng[0].api, *b = sim.eng[1].api;
	struct pfinet_sock *c[MAXC], *s[MAXC];
	size_t got[MAXC], n;
	char req[REQ], buf[4096];
	unsigned long done = 0;
	double t0, t;
	int i;

	if (open_conns(port, conns, c, s) != 0) {
		printf("rr: setup failed\n");
		return;
	}
	memset(req, 'r', sizeof(req));
	memset(got, 0, sizeof(got));
	for (i = 0; i < conns; i++)
		a->send(c[i], req, REQ, 0, NULL, 0, &n);
	t0 = now();
	while ((t = now()) - t0 < secs) {
		sim_step(&sim);
		for (i = 0; i < conns; i++) {
			while (b->recv(s[i], buf, sizeof(buf), 0, NULL, NULL,
			    &n, NULL) == 0 && n > 0)
				b->send(s[i], buf, n, 0, NULL, 0, &n);
			while (a->recv(c[i], buf, sizeof(buf), 0, NULL, NULL,
			    &n, NULL) == 0 && n > 0)
				got[i] += n;
			if (got[i] >= REQ) {
				got[i] -= REQ;
				done++;
				a->send(c[i], req, REQ, 0, NULL, 0, &n);
			}
		}
	}
	printf("engine<->engine in memory  request/response %2d conn %8.0f "
	    "transactions/s\n", conns, done / (t - t0));
}

int
main(int argc, char *argv[])
{
	char *dir = strdup(argv[0]);
	double secs = argc > 1 ? atof(argv[1]) : 3;

	sim_init(&sim, dirname(dirname(dir)));
	sim.realtime = 1;
	bulk(secs);
	rr(6002, 1, secs);
	rr(6003, 64, secs);
	return 0;
}
