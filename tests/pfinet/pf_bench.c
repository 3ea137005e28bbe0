/*
 * pf_bench.c -- figures of the pfinet translator over loopback (make
 * bench, through tests/bench-pfinet): a 64-byte TCP request/response
 * round trip (four RPCs: send, recv on each side) in guest TSC cycles
 * (guest instructions under -icount shift=0) and round trips per
 * second of guest time; and the time to move 1 MiB one way.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "pf_client.h"

#define ROUNDS	2000
#define MIB	(1024 * 1024)
#define CHUNK	(64 * 1024)

static uint64_t
rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
xfer_recv(mach_port_t p, size_t want)
{
	char addr[SOCKET_ADDR_MAX];
	size_t got = 0;

	while (got < want) {
		data_t data = NULL;
		mach_msg_type_number_t cnt = 0, alen = sizeof(addr);
		int32_t of;

		if (socket_recv(p, 0, want - got, addr, &alen, &data, &cnt,
		    &of) != 0 || cnt == 0)
			return 0;
		got += cnt;
		vm_deallocate(mach_task_self(), (vm_address_t)data, cnt);
	}
	return 1;
}

static int
xfer_send(mach_port_t p, char *buf, size_t len)
{
	size_t off = 0;
	uint64_t took;

	while (off < len) {
		if (socket_send(p, 0, buf + off, len - off, NULL, 0, &took)
		    != 0)
			return 0;
		off += took;
	}
	return 1;
}

static void
round_trips(mach_port_t c, mach_port_t s)
{
	char msg[64];
	uint64_t t;
	double w;
	int i, ok = 1;

	memset(msg, 'q', sizeof(msg));
	t = rdtsc();
	w = now();
	for (i = 0; i < ROUNDS && ok; i++)
		ok = xfer_send(c, msg, 64) && xfer_recv(s, 64) &&
		    xfer_send(s, msg, 64) && xfer_recv(c, 64);
	t = rdtsc() - t;
	w = now() - w;
	CHECK(ok);
	printf("pf_bench: tcp 64-byte round trip: %llu cycles\n",
	    (unsigned long long)(t / ROUNDS));
	printf("pf_bench: tcp round trips per second: %.0f\n", ROUNDS / w);
}

struct sender {
	mach_port_t p;
	int ok;
};

static void *
sender(void *arg)
{
	struct sender *x = arg;
	char *buf = calloc(1, CHUNK);
	int i;

	x->ok = buf != NULL;
	for (i = 0; x->ok && i < MIB / CHUNK; i++)
		x->ok = xfer_send(x->p, buf, CHUNK);
	free(buf);
	return NULL;
}

static void
bulk(mach_port_t c, mach_port_t s)
{
	struct sender x = { .p = c };
	pthread_t th;
	uint64_t t;
	double w;

	t = rdtsc();
	w = now();
	CHECK(pthread_create(&th, NULL, sender, &x) == 0);
	CHECK(xfer_recv(s, MIB));
	pthread_join(th, NULL);
	t = rdtsc() - t;
	w = now() - w;
	CHECK(x.ok);
	printf("pf_bench: 1 MiB one way: %llu cycles\n",
	    (unsigned long long)t);
	printf("pf_bench: 1 MiB one way: %.1f ms\n", w * 1000);
}

int
main(void)
{
	mach_port_t l, c = MACH_PORT_NULL, s = MACH_PORT_NULL;
	int one = 1;

	pf_server = pf_server_port();
	l = pf_listener(7300);
	CHECK(l != MACH_PORT_NULL && pf_pair(l, 7300, &c, &s) == 0);
	socket_setopt(c, IPPROTO_TCP, TCP_NODELAY, (char *)&one, 4);
	socket_setopt(s, IPPROTO_TCP, TCP_NODELAY, (char *)&one, 4);
	round_trips(c, s);
	bulk(c, s);
	return check_done();
}
