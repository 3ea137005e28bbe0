/*
 * pthread_rwlock.c -- reader-writer locks: readers share, a writer is
 * alone (checked by counting who is inside), try and timed variants fail
 * as they should, and a reader may take its read lock twice.  Also the
 * process-shared attribute, refused alike by every kind of lock.
 */
#include <errno.h>
#include <pthread.h>
#include <time.h>
#include "pthread_check.h"

#define READERS		8
#define WRITERS		4
#define ROUNDS		2000

static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static unsigned int readers_in, writers_in, max_readers;	/* [a] */
static unsigned long value;		/* written under the write lock */

static void *
reader(void *arg)
{
	unsigned int n;

	(void)arg;
	for (int i = 0; i < ROUNDS; i++) {
		CHECK(pthread_rwlock_rdlock(&rw) == 0);
		n = __atomic_add_fetch(&readers_in, 1, __ATOMIC_SEQ_CST);
		if (n > __atomic_load_n(&max_readers, __ATOMIC_RELAXED))
			__atomic_store_n(&max_readers, n, __ATOMIC_RELAXED);
		CHECK(__atomic_load_n(&writers_in, __ATOMIC_SEQ_CST) == 0);
		if (i % 64 == 0)
			sched_yield();
		__atomic_sub_fetch(&readers_in, 1, __ATOMIC_SEQ_CST);
		CHECK(pthread_rwlock_unlock(&rw) == 0);
	}
	return NULL;
}

static void *
writer(void *arg)
{
	(void)arg;
	for (int i = 0; i < ROUNDS / 4; i++) {
		CHECK(pthread_rwlock_wrlock(&rw) == 0);
		CHECK(__atomic_add_fetch(&writers_in, 1, __ATOMIC_SEQ_CST) ==
		    1);
		CHECK(__atomic_load_n(&readers_in, __ATOMIC_SEQ_CST) == 0);
		value++;
		if (i % 16 == 0)
			sched_yield();
		__atomic_sub_fetch(&writers_in, 1, __ATOMIC_SEQ_CST);
		CHECK(pthread_rwlock_unlock(&rw) == 0);
	}
	return NULL;
}

static void
check_mixed(void)
{
	pthread_t t[READERS + WRITERS];

	for (int i = 0; i < READERS + WRITERS; i++)
		CHECK(pthread_create(&t[i], NULL, i < READERS ? reader : writer,
		    NULL) == 0);
	for (int i = 0; i < READERS + WRITERS; i++)
		CHECK(pthread_join(t[i], NULL) == 0);
	printf("value %lu, at most %u readers together\n", value,
	    max_readers);
	CHECK(value == (unsigned long)WRITERS * (ROUNDS / 4));
	CHECK(max_readers > 1);
}

static void *
try_writer(void *arg)
{
	struct timespec ts;

	(void)arg;
	CHECK(pthread_rwlock_trywrlock(&rw) == EBUSY);
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += 30 * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	CHECK(pthread_rwlock_timedwrlock(&rw, &ts) == ETIMEDOUT);
	CHECK(pthread_rwlock_tryrdlock(&rw) == 0);
	CHECK(pthread_rwlock_unlock(&rw) == 0);
	return NULL;
}

static void
check_try(void)
{
	pthread_t t;

	CHECK(pthread_rwlock_rdlock(&rw) == 0);
	CHECK(pthread_rwlock_rdlock(&rw) == 0);	/* twice: no deadlock */
	CHECK(pthread_create(&t, NULL, try_writer, NULL) == 0);
	CHECK(pthread_join(t, NULL) == 0);
	CHECK(pthread_rwlock_unlock(&rw) == 0);
	CHECK(pthread_rwlock_unlock(&rw) == 0);
	CHECK(pthread_rwlock_unlock(&rw) == EPERM);
	CHECK(pthread_rwlock_wrlock(&rw) == 0);
	CHECK(pthread_rwlock_wrlock(&rw) == EDEADLK);
	CHECK(pthread_rwlock_tryrdlock(&rw) == EBUSY);
	CHECK(pthread_rwlock_rdlock(&rw) == EDEADLK);
	CHECK(pthread_rwlock_unlock(&rw) == 0);
	CHECK(pthread_rwlock_destroy(&rw) == 0);
}

/* Locks shared between tasks are not offered: each kind says so alike. */
static void
check_pshared(void)
{
	pthread_mutexattr_t ma;
	pthread_condattr_t ca;
	pthread_rwlockattr_t ra;
	int v = -1;

	CHECK(pthread_mutexattr_init(&ma) == 0);
	CHECK(pthread_condattr_init(&ca) == 0);
	CHECK(pthread_rwlockattr_init(&ra) == 0);
	CHECK(pthread_mutexattr_setpshared(&ma, PTHREAD_PROCESS_SHARED) ==
	    ENOTSUP);
	CHECK(pthread_condattr_setpshared(&ca, PTHREAD_PROCESS_SHARED) ==
	    ENOTSUP);
	CHECK(pthread_rwlockattr_setpshared(&ra, PTHREAD_PROCESS_SHARED) ==
	    ENOTSUP);
	CHECK(pthread_rwlockattr_setpshared(&ra, 7) == EINVAL);
	CHECK(pthread_rwlockattr_setpshared(&ra, PTHREAD_PROCESS_PRIVATE) == 0);
	CHECK(pthread_rwlockattr_getpshared(&ra, &v) == 0 &&
	    v == PTHREAD_PROCESS_PRIVATE);
}

int
main(void)
{
	check_mixed();
	check_try();
	check_pshared();
	return check_end();
}
