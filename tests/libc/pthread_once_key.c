/*
 * pthread_once_key.c -- pthread_once runs its routine once however many
 * threads race for it, and the others wait for it to finish; keys keep a
 * value per thread and call their destructors at thread exit, again while
 * a destructor sets a fresh value, and never for a deleted key.
 */
#include <errno.h>
#include <pthread.h>
#include "pthread_check.h"

#define THREADS		12

static pthread_once_t once = PTHREAD_ONCE_INIT;
static unsigned int once_runs, once_done;	/* [a] */

static void
once_routine(void)
{
	__atomic_add_fetch(&once_runs, 1, __ATOMIC_SEQ_CST);
	for (int i = 0; i < 50; i++)
		sched_yield();		/* others arrive meanwhile */
	__atomic_store_n(&once_done, 1, __ATOMIC_SEQ_CST);
}

static void *
once_racer(void *arg)
{
	(void)arg;
	CHECK(pthread_once(&once, once_routine) == 0);
	CHECK(__atomic_load_n(&once_done, __ATOMIC_SEQ_CST) == 1);
	return NULL;
}

static pthread_key_t key, again_key, dead_key;
static unsigned int destroyed, destroyed_again, destroyed_dead; /* [a] */
static int slots[THREADS];

static void
key_destructor(void *v)
{
	CHECK(*(int *)v >= 0 && *(int *)v < THREADS);
	__atomic_add_fetch(&destroyed, 1, __ATOMIC_SEQ_CST);
}

/* Sets itself once more the first time: the second pass must see it. */
static void
again_destructor(void *v)
{
	__atomic_add_fetch(&destroyed_again, 1, __ATOMIC_SEQ_CST);
	if (v == (void *)1)
		pthread_setspecific(again_key, (void *)2);
}

static void
dead_destructor(void *v)
{
	(void)v;
	__atomic_add_fetch(&destroyed_dead, 1, __ATOMIC_SEQ_CST);
}

static void *
key_user(void *arg)
{
	int *slot = arg;

	CHECK(pthread_getspecific(key) == NULL);
	CHECK(pthread_setspecific(key, slot) == 0);
	CHECK(pthread_setspecific(again_key, (void *)1) == 0);
	CHECK(pthread_setspecific(dead_key, slot) == 0);
	for (int i = 0; i < 10; i++) {
		sched_yield();
		CHECK(pthread_getspecific(key) == slot);
	}
	if (*slot % 2)
		pthread_exit(NULL);	/* destructors on both ways out */
	return NULL;
}

int
main(void)
{
	pthread_t t[THREADS];
	pthread_key_t k;

	for (int i = 0; i < THREADS; i++)
		CHECK(pthread_create(&t[i], NULL, once_racer, NULL) == 0);
	for (int i = 0; i < THREADS; i++)
		CHECK(pthread_join(t[i], NULL) == 0);
	CHECK(once_runs == 1);

	CHECK(pthread_key_create(&key, key_destructor) == 0);
	CHECK(pthread_key_create(&again_key, again_destructor) == 0);
	CHECK(pthread_key_create(&dead_key, dead_destructor) == 0);
	CHECK(pthread_setspecific(key, &slots[0]) == 0);
	for (int i = 0; i < THREADS; i++) {
		slots[i] = i;
		CHECK(pthread_create(&t[i], NULL, key_user, &slots[i]) == 0);
	}
	for (int i = 0; i < 3; i++)
		sched_yield();
	CHECK(pthread_key_delete(dead_key) == 0);
	CHECK(pthread_key_delete(dead_key) == EINVAL);
	for (int i = 0; i < THREADS; i++)
		CHECK(pthread_join(t[i], NULL) == 0);
	printf("destructors: %u, %u again, %u of a deleted key\n", destroyed,
	    destroyed_again, destroyed_dead);
	CHECK(destroyed == THREADS);
	CHECK(destroyed_again == 2 * THREADS);
	CHECK(destroyed_dead == 0);
	CHECK(pthread_getspecific(key) == &slots[0]);	/* main's own */

	/* A deleted slot, made again, reads NULL for old values. */
	CHECK(pthread_key_delete(key) == 0);
	CHECK(pthread_key_create(&k, NULL) == 0);
	CHECK(pthread_getspecific(k) == NULL);
	CHECK(pthread_setspecific(12345, NULL) == EINVAL);
	return check_end();
}
