/*
 * srv_pool.c -- the worker pool's bound: 1,000 client threads each call
 * srvtest_block on the null translator, whose reply the server defers
 * until srvtest_release.  While all 1,000 wait, the server must still
 * answer other requests and have run no more workers than its bound;
 * after the release every thread gets its answer.  Then 200 threads
 * call srvtest_hold, which keeps a worker busy for 20 ms: the pool grows
 * to its bound and no further, and every call is answered.
 */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

#include "client.h"

#define CLIENTS	1000

static mach_port_t io;
static kern_return_t results[CLIENTS];

static void *
holder(void *arg)
{
	long i = (long)arg;

	results[i] = srvtest_hold(io, 20);
	return NULL;
}

/* 200 clients keep every worker busy: the pool reaches its bound. */
static void
test_busy(pthread_attr_t *attr)
{
	static pthread_t threads[200];
	int32_t objects, peak, max, waiting;
	long i;
	int answered = 0;

	for (i = 0; i < 200; i++) {
		results[i] = -1;
		CHECK(pthread_create(&threads[i], attr, holder, (void *)i) == 0);
	}
	for (i = 0; i < 200; i++) {
		pthread_join(threads[i], NULL);
		answered += results[i] == KERN_SUCCESS;
	}
	CHECK(srvtest_counts(io, &objects, &peak, &max, &waiting) == 0);
	printf("srv_pool: 200 busy calls answered: %d; the server ran at most "
	    "%d workers (bound %d)\n", answered, peak, max);
	CHECK(answered == 200 && peak == max);
	CHECK(srvtest_hold(io, 1001) == EINVAL);
}

static void *
blocker(void *arg)
{
	long i = (long)arg;

	results[i] = srvtest_block(io);
	return NULL;
}

/* Wait up to 60 s until want requests wait in the server. */
static int32_t
wait_waiting(int32_t want, int32_t *peak, int32_t *max)
{
	int32_t objects, waiting = -1;
	int i;

	for (i = 0; i < 6000; i++) {
		if (srvtest_counts(io, &objects, peak, max, &waiting) != 0)
			return -1;
		if (waiting == want)
			break;
		usleep(10000);
	}
	return waiting;
}

int
main(void)
{
	static pthread_t threads[CLIENTS];
	mach_port_t control = client_control();
	pthread_attr_t attr;
	int32_t peak = 0, max = 0, released = 0;
	int64_t pos;
	long i;
	int started = 0, answered = 0;

	CHECK(client_open(control, FS_O_READ | FS_O_WRITE, &io) == 0);
	for (i = 0; i < CLIENTS; i++)
		results[i] = -1;
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 32 * 1024);
	for (i = 0; i < CLIENTS; i++)
		started += pthread_create(&threads[i], &attr, blocker,
		    (void *)i) == 0;
	CHECK(started == CLIENTS);
	CHECK(wait_waiting(CLIENTS, &peak, &max) == CLIENTS);
	printf("srv_pool: %d requests wait; the server ran at most %d "
	    "workers (bound %d)\n", CLIENTS, peak, max);
	CHECK(max == 8 && peak >= 1 && peak <= max);
	CHECK(io_seek(io, 9, 0, &pos) == 0 && pos == 9);	/* still serves */
	for (i = 0; i < CLIENTS; i++)
		answered += results[i] != -1;
	CHECK(answered == 0);		/* nobody answered before release */
	answered = 0;
	CHECK(srvtest_release(io, &released) == 0 && released == CLIENTS);
	for (i = 0; i < CLIENTS; i++) {
		pthread_join(threads[i], NULL);
		answered += results[i] == KERN_SUCCESS;
	}
	printf("srv_pool: %d answered after the release\n", answered);
	CHECK(answered == CLIENTS);
	CHECK(wait_waiting(0, &peak, &max) == 0 && peak <= max);
	test_busy(&attr);
	return check_done();
}
