/*
 * pthread_mutex.c -- mutexes under contention: 16 threads add to one
 * counter under a mutex and the total is exact; the recursive and
 * error-checking types, trylock and timedlock answer as POSIX says.
 */
#include <errno.h>
#include <pthread.h>
#include <time.h>
#include "pthread_check.h"

#define THREADS		16
#define ROUNDS		20000

static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static volatile unsigned long counter;

static void *
adder(void *arg)
{
	(void)arg;
	for (int i = 0; i < ROUNDS; i++) {
		CHECK(pthread_mutex_lock(&counter_lock) == 0);
		counter++;		/* not atomic: the mutex must hold */
		if (i % 1000 == 0)
			sched_yield();	/* hand over while holding it */
		CHECK(pthread_mutex_unlock(&counter_lock) == 0);
	}
	return NULL;
}

static void
check_contention(void)
{
	pthread_t t[THREADS];

	for (int i = 0; i < THREADS; i++)
		CHECK(pthread_create(&t[i], NULL, adder, NULL) == 0);
	for (int i = 0; i < THREADS; i++)
		CHECK(pthread_join(t[i], NULL) == 0);
	printf("counter %lu of %d\n", counter, THREADS * ROUNDS);
	CHECK(counter == (unsigned long)THREADS * ROUNDS);
}

static void
check_types(void)
{
	pthread_mutexattr_t a;
	pthread_mutex_t rec, chk, plain = PTHREAD_MUTEX_INITIALIZER;

	CHECK(pthread_mutexattr_init(&a) == 0);
	CHECK(pthread_mutexattr_settype(&a, 99) == EINVAL);
	CHECK(pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE) == 0);
	CHECK(pthread_mutex_init(&rec, &a) == 0);
	CHECK(pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK) == 0);
	CHECK(pthread_mutex_init(&chk, &a) == 0);

	CHECK(pthread_mutex_lock(&rec) == 0);
	CHECK(pthread_mutex_lock(&rec) == 0);
	CHECK(pthread_mutex_trylock(&rec) == 0);
	CHECK(pthread_mutex_unlock(&rec) == 0);
	CHECK(pthread_mutex_unlock(&rec) == 0);
	CHECK(pthread_mutex_destroy(&rec) == EBUSY);
	CHECK(pthread_mutex_unlock(&rec) == 0);
	CHECK(pthread_mutex_unlock(&rec) == EPERM);
	CHECK(pthread_mutex_destroy(&rec) == 0);

	CHECK(pthread_mutex_unlock(&chk) == EPERM);
	CHECK(pthread_mutex_lock(&chk) == 0);
	CHECK(pthread_mutex_lock(&chk) == EDEADLK);
	CHECK(pthread_mutex_trylock(&chk) == EBUSY);
	CHECK(pthread_mutex_unlock(&chk) == 0);

	CHECK(pthread_mutex_trylock(&plain) == 0);
	CHECK(pthread_mutex_trylock(&plain) == EBUSY);
	CHECK(pthread_mutex_unlock(&plain) == 0);
}

static pthread_mutex_t held = PTHREAD_MUTEX_INITIALIZER;

static void *
timed_locker(void *arg)
{
	struct timespec ts, bad = { 0, 2000000000L };

	(void)arg;
	CHECK(pthread_mutex_timedlock(&held, &bad) == EINVAL);
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += 50 * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	CHECK(pthread_mutex_timedlock(&held, &ts) == ETIMEDOUT);
	return NULL;
}

static void *
blocking_locker(void *arg)
{
	(void)arg;
	CHECK(pthread_mutex_lock(&held) == 0);
	CHECK(pthread_mutex_unlock(&held) == 0);
	return (void *)42;
}

static void
check_timed(void)
{
	pthread_t t;
	void *r = NULL;

	CHECK(pthread_mutex_lock(&held) == 0);
	CHECK(pthread_create(&t, NULL, timed_locker, NULL) == 0);
	CHECK(pthread_join(t, NULL) == 0);
	CHECK(pthread_create(&t, NULL, blocking_locker, NULL) == 0);
	for (int i = 0; i < 20; i++)
		sched_yield();		/* let it sleep on the mutex */
	CHECK(pthread_mutex_unlock(&held) == 0);
	CHECK(pthread_join(t, &r) == 0);
	CHECK(r == (void *)42);
}

int
main(void)
{
	check_types();
	check_timed();
	check_contention();
	return check_end();
}
