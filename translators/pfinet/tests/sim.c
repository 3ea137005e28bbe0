/*
 * sim.c -- the in-memory link and virtual clock behind sim.h.  Frames an
 * engine sends are queued with a due time; sim_step delivers the frames
 * that are due, runs both engines' timers, and when nothing is due moves
 * the clock straight to the next event, so retransmission timeouts cost
 * no real time.
 */
#include <arpa/inet.h>
#include <dlfcn.h>
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sim.h"

struct sim_frame {
	struct sim_frame	*next;
	uint64_t		 due;
	int			 to;
	size_t			 len;
	uint8_t			 data[];
};

uint64_t
sim_rand(struct sim *sim)
{
	uint64_t x = sim->rng;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	sim->rng = x;
	return x;
}

static uint32_t
sim_now_ms(void *arg)
{
	struct sim_engine *e = arg;
	struct timespec ts;

	if (e->sim->realtime) {
		clock_gettime(CLOCK_MONOTONIC, &ts);
		e->sim->now = (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	}
	return (uint32_t)e->sim->now;
}

static uint32_t
sim_random(void *arg)
{
	struct sim_engine *e = arg;

	return (uint32_t)(sim_rand(e->sim) >> 16);
}

static void
sim_log(void *arg, const char *msg)
{
	struct sim_engine *e = arg;

	fprintf(stderr, "engine %c: %s", 'A' + e->idx, msg);
}

static void
sim_enqueue(struct sim *sim, int to, const void *data, size_t len,
    uint64_t due)
{
	struct sim_frame *f, **pp;

	if ((f = malloc(sizeof(*f) + len)) == NULL)
		err(1, "malloc");
	f->due = due;
	f->to = to;
	f->len = len;
	memcpy(f->data, data, len);
	for (pp = &sim->q_head; *pp != NULL && (*pp)->due <= due;
	    pp = &(*pp)->next)
		;
	f->next = *pp;
	*pp = f;
}

/* An engine's frame-out: impair, then queue for the other engine. */
static void
sim_output(void *arg, const void *frame, size_t len)
{
	struct sim_engine *e = arg;
	struct sim *sim = e->sim;
	uint64_t due = sim->now + sim->delay_ms;

	sim->frames++;
	if (len > sim->max_frame)
		sim->max_frame = len;
	if (sim->blackhole ||
	    (sim->loss_ppm && sim_rand(sim) % 1000000 < sim->loss_ppm)) {
		sim->dropped++;
		return;
	}
	if (sim->reorder_ppm && sim_rand(sim) % 1000000 < sim->reorder_ppm) {
		sim->reordered++;
		due += 1 + sim_rand(sim) % 3;
	}
	sim_enqueue(sim, !e->idx, frame, len, due);
	if (sim->dup_ppm && sim_rand(sim) % 1000000 < sim->dup_ppm) {
		sim->duplicated++;
		sim_enqueue(sim, !e->idx, frame, len, due + sim_rand(sim) % 2);
	}
}

static void
sim_engine_load(struct sim *sim, int i, const char *dir)
{
	struct sim_engine *e = &sim->eng[i];
	struct pfinet_platform plat = { sim_now_ms, sim_random, sim_log, e };
	struct pfinet_if_ether eth;
	char path[4096];
	void *dl;

	snprintf(path, sizeof(path), "%s/libpfinet-%c.so", dir, 'a' + i);
	if ((dl = dlopen(path, RTLD_NOW | RTLD_LOCAL)) == NULL)
		errx(1, "dlopen %s: %s", path, dlerror());
	if ((e->api = dlsym(dl, "pfinet_api")) == NULL)
		errx(1, "%s has no pfinet_api", path);
	e->sim = sim;
	e->idx = i;
	if (e->api->init(&plat) != 0)
		errx(1, "engine %d: init failed", i);
	memset(&eth, 0, sizeof(eth));
	memcpy(eth.mac, "\x02\x00\x00\x00\x00", 5);
	eth.mac[5] = (uint8_t)(i + 1);
	eth.output = sim_output;
	eth.arg = e;
	if (e->api->if_add_ether(&eth, &e->ifp) != 0)
		errx(1, "engine %d: if_add_ether failed", i);
}

/*
 * Load two engines from dir and give them 10.0.0.1/24 and 10.0.0.2/24,
 * fd00::1 and fd00::2.  These addresses exist only inside this process.
 */
int
sim_init(struct sim *sim, const char *dir)
{
	struct in_addr a, m;
	struct in6_addr a6;
	char s[32];
	int i;

	memset(sim, 0, sizeof(*sim));
	sim->rng = 0x9e3779b97f4a7c15ULL;
	sim->now = 1000;
	for (i = 0; i < 2; i++) {
		sim_engine_load(sim, i, dir);
		snprintf(s, sizeof(s), "10.0.0.%d", i + 1);
		inet_pton(AF_INET, s, &a);
		inet_pton(AF_INET, "255.255.255.0", &m);
		sim->eng[i].api->if_set_ipv4(sim->eng[i].ifp, &a, &m, NULL);
		snprintf(s, sizeof(s), "fd00::%d", i + 1);
		inet_pton(AF_INET6, s, &a6);
		sim->eng[i].api->if_add_ipv6(sim->eng[i].ifp, &a6);
		sim->eng[i].api->if_set_default(sim->eng[i].ifp);
	}
	return 0;
}

static int
sim_deliver_due(struct sim *sim)
{
	struct sim_frame *f;
	int n = 0;

	while ((f = sim->q_head) != NULL && f->due <= sim->now) {
		sim->q_head = f->next;
		sim->eng[f->to].api->if_input(sim->eng[f->to].ifp, f->data,
		    f->len);
		free(f);
		n++;
	}
	return n;
}

/*
 * One step: deliver what is due and run the timers; if nothing was due,
 * jump the clock to the next frame or timer (at most one second).
 */
void
sim_step(struct sim *sim)
{
	uint64_t next;
	uint32_t w0, w1;

	if (sim_deliver_due(sim) > 0 || sim->realtime) {
		sim->eng[0].api->poll();
		sim->eng[1].api->poll();
		return;
	}
	sim->eng[0].api->poll();
	sim->eng[1].api->poll();
	w0 = sim->eng[0].api->poll_wait();
	w1 = sim->eng[1].api->poll_wait();
	if (w1 < w0)
		w0 = w1;
	if (w0 > 1000)
		w0 = 1000;
	if (w0 == 0)
		w0 = 1;
	next = sim->now + w0;
	if (sim->q_head != NULL && sim->q_head->due < next)
		next = sim->q_head->due;
	if (next <= sim->now)
		next = sim->now + 1;
	sim->now = next;
	sim_deliver_due(sim);
	sim->eng[0].api->poll();
	sim->eng[1].api->poll();
}

/* Step until done(arg) or ms of virtual time pass; 0 on time-out. */
int
sim_run_until(struct sim *sim, int (*done)(void *), void *arg, uint64_t ms)
{
	uint64_t end = sim->now + ms;

	while (!done(arg)) {
		if (sim->now >= end)
			return 0;
		sim_step(sim);
	}
	return 1;
}

void
sim_sa4(struct sockaddr_in *sin, const char *addr, int port)
{
	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_port = htons((uint16_t)port);
	inet_pton(AF_INET, addr, &sin->sin_addr);
}

void
sim_sa6(struct sockaddr_in6 *sin6, const char *addr, int port)
{
	memset(sin6, 0, sizeof(*sin6));
	sin6->sin6_family = AF_INET6;
	sin6->sin6_port = htons((uint16_t)port);
	inet_pton(AF_INET6, addr, &sin6->sin6_addr);
}
