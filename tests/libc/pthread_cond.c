/*
 * pthread_cond.c -- condition variables: producers and consumers through
 * a small ring (every item arrives once), a broadcast that releases every
 * sleeper, a timed wait that times out on each clock.
 */
#include <errno.h>
#include <pthread.h>
#include <time.h>
#include "pthread_check.h"

#define PRODUCERS	4
#define CONSUMERS	4
#define ITEMS		5000	/* per producer */
#define RING		8

static pthread_mutex_t ring_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER;
static pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER;
static unsigned long ring[RING];
static unsigned int head, tail;		/* [ring_lock] */
static unsigned long long consumed_sum;	/* [ring_lock] */
static unsigned int consumed;		/* [ring_lock] */

static void *
producer(void *arg)
{
	unsigned long base = (unsigned long)arg * ITEMS;

	for (unsigned long i = 1; i <= ITEMS; i++) {
		pthread_mutex_lock(&ring_lock);
		while (head - tail == RING)
			CHECK(pthread_cond_wait(&not_full, &ring_lock) == 0);
		ring[head++ % RING] = base + i;
		pthread_cond_signal(&not_empty);
		pthread_mutex_unlock(&ring_lock);
	}
	return NULL;
}

/* Takes items until it sees a 0, the end marker main puts in. */
static void *
consumer(void *arg)
{
	unsigned long item;

	(void)arg;
	for (;;) {
		pthread_mutex_lock(&ring_lock);
		while (head == tail)
			CHECK(pthread_cond_wait(&not_empty, &ring_lock) == 0);
		item = ring[tail++ % RING];
		if (item != 0) {
			consumed++;
			consumed_sum += item;
		}
		pthread_cond_signal(&not_full);
		pthread_mutex_unlock(&ring_lock);
		if (item == 0)
			return NULL;
	}
}

static void
check_producer_consumer(void)
{
	pthread_t p[PRODUCERS], c[CONSUMERS];
	unsigned long long n = (unsigned long long)PRODUCERS * ITEMS;

	for (long i = 0; i < CONSUMERS; i++)
		CHECK(pthread_create(&c[i], NULL, consumer, NULL) == 0);
	for (long i = 0; i < PRODUCERS; i++)
		CHECK(pthread_create(&p[i], NULL, producer, (void *)i) == 0);
	for (int i = 0; i < PRODUCERS; i++)
		CHECK(pthread_join(p[i], NULL) == 0);
	for (int i = 0; i < CONSUMERS; i++) {
		pthread_mutex_lock(&ring_lock);
		while (head - tail == RING)
			pthread_cond_wait(&not_full, &ring_lock);
		ring[head++ % RING] = 0;
		pthread_cond_signal(&not_empty);
		pthread_mutex_unlock(&ring_lock);
	}
	for (int i = 0; i < CONSUMERS; i++)
		CHECK(pthread_join(c[i], NULL) == 0);
	printf("consumed %u items, sum %llu\n", consumed, consumed_sum);
	CHECK(consumed == n);
	CHECK(consumed_sum == n * (n + 1) / 2);
}

#define SLEEPERS	10

static pthread_mutex_t gate_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gate = PTHREAD_COND_INITIALIZER;
static int gate_open, asleep, through;	/* [gate_lock] */

static void *
sleeper(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&gate_lock);
	asleep++;
	while (!gate_open)
		pthread_cond_wait(&gate, &gate_lock);
	through++;
	pthread_mutex_unlock(&gate_lock);
	return NULL;
}

static void
check_broadcast(void)
{
	pthread_t t[SLEEPERS];
	int n;

	for (int i = 0; i < SLEEPERS; i++)
		CHECK(pthread_create(&t[i], NULL, sleeper, NULL) == 0);
	do {
		sched_yield();
		pthread_mutex_lock(&gate_lock);
		n = asleep;
		pthread_mutex_unlock(&gate_lock);
	} while (n < SLEEPERS);
	pthread_mutex_lock(&gate_lock);
	gate_open = 1;
	CHECK(pthread_cond_broadcast(&gate) == 0);
	pthread_mutex_unlock(&gate_lock);
	for (int i = 0; i < SLEEPERS; i++)
		CHECK(pthread_join(t[i], NULL) == 0);
	CHECK(through == SLEEPERS);
}

static void
check_timedwait(clockid_t clock)
{
	pthread_condattr_t a;
	pthread_cond_t c;
	pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
	struct timespec start, end, ts;
	long ms;

	CHECK(pthread_condattr_init(&a) == 0);
	CHECK(pthread_condattr_setclock(&a, clock) == 0);
	CHECK(pthread_cond_init(&c, &a) == 0);
	clock_gettime(clock, &start);
	ts = start;
	ts.tv_nsec += 100 * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&m);
	CHECK(pthread_cond_timedwait(&c, &m, &ts) == ETIMEDOUT);
	CHECK(pthread_mutex_trylock(&m) == EBUSY);	/* held again */
	pthread_mutex_unlock(&m);
	clock_gettime(clock, &end);
	ms = (end.tv_sec - start.tv_sec) * 1000 +
	    (end.tv_nsec - start.tv_nsec) / 1000000;
	printf("timed wait on clock %d: %ld ms for 100\n", (int)clock, ms);
	CHECK(ms >= 100 && ms < 1000);
}

int
main(void)
{
	check_producer_consumer();
	check_broadcast();
	check_timedwait(CLOCK_REALTIME);
	check_timedwait(CLOCK_MONOTONIC);
	return check_end();
}
