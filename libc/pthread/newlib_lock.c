/*
 * newlib_lock.c -- newlib's retargetable locks (<sys/lock.h>) as pthread
 * mutexes, so that malloc, stdio, the environment, atexit and the time
 * zone are safe to use from many threads.  newlib names the static locks;
 * every one of them and every routine must be defined here, or newlib's
 * single-threaded dummies (misc/lock.c) would be linked as well.
 */
#include <stdlib.h>
#include <sys/lock.h>
#include "pthread_internal.h"

struct __lock {
	pthread_mutex_t	mutex;
};

#define LOCK_PLAIN	{ PTHREAD_MUTEX_INITIALIZER }
#define LOCK_RECURSIVE	{ { 0, PTHREAD_MUTEX_RECURSIVE, 0, 0, NULL } }

struct __lock __lock___sfp_recursive_mutex = LOCK_RECURSIVE;
struct __lock __lock___atexit_recursive_mutex = LOCK_RECURSIVE;
struct __lock __lock___at_quick_exit_mutex = LOCK_PLAIN;
struct __lock __lock___malloc_recursive_mutex = LOCK_RECURSIVE;
struct __lock __lock___env_recursive_mutex = LOCK_RECURSIVE;
struct __lock __lock___tz_mutex = LOCK_PLAIN;
struct __lock __lock___dd_hash_mutex = LOCK_PLAIN;
struct __lock __lock___arc4random_mutex = LOCK_PLAIN;

/*
 * Dynamic locks (one per FILE, for instance) come from malloc.  If it
 * fails the lock stays NULL and guards nothing: newlib's interface has no
 * way to report the failure.
 */
static void
lock_new(_LOCK_T *lock, int type)
{
	struct __lock *l = malloc(sizeof(*l));

	if (l != NULL) {
		l->mutex = (pthread_mutex_t)PTHREAD_MUTEX_INITIALIZER;
		l->mutex.__type = type;
	}
	*lock = l;
}

void
__retarget_lock_init(_LOCK_T *lock)
{
	lock_new(lock, PTHREAD_MUTEX_NORMAL);
}

void
__retarget_lock_init_recursive(_LOCK_T *lock)
{
	lock_new(lock, PTHREAD_MUTEX_RECURSIVE);
}

void
__retarget_lock_close(_LOCK_T lock)
{
	free(lock);
}

void
__retarget_lock_close_recursive(_LOCK_T lock)
{
	free(lock);
}

void
__retarget_lock_acquire(_LOCK_T lock)
{
	if (lock != NULL)
		(void)pthread_mutex_lock(&lock->mutex);
}

void
__retarget_lock_acquire_recursive(_LOCK_T lock)
{
	if (lock != NULL)
		(void)pthread_mutex_lock(&lock->mutex);
}

/* 0 when taken, as pthread_mutex_trylock (ftrylockfile's convention). */
int
__retarget_lock_try_acquire(_LOCK_T lock)
{
	return lock != NULL ? pthread_mutex_trylock(&lock->mutex) : 0;
}

int
__retarget_lock_try_acquire_recursive(_LOCK_T lock)
{
	return lock != NULL ? pthread_mutex_trylock(&lock->mutex) : 0;
}

void
__retarget_lock_release(_LOCK_T lock)
{
	if (lock != NULL)
		(void)pthread_mutex_unlock(&lock->mutex);
}

void
__retarget_lock_release_recursive(_LOCK_T lock)
{
	if (lock != NULL)
		(void)pthread_mutex_unlock(&lock->mutex);
}
