/*
 * spin.c -- pthread spin locks: a word taken with an atomic exchange; a
 * spinner yields the processor between attempts, since on one CPU the
 * holder cannot run while it spins.
 */
#include <errno.h>
#include "pthread_internal.h"

int
pthread_spin_init(pthread_spinlock_t *lock, int pshared)
{
	if (pshared != PTHREAD_PROCESS_PRIVATE &&
	    pshared != PTHREAD_PROCESS_SHARED)
		return EINVAL;
	*lock = 0;
	return 0;
}

int
pthread_spin_destroy(pthread_spinlock_t *lock)
{
	return *lock != 0 ? EBUSY : 0;
}

int
pthread_spin_trylock(pthread_spinlock_t *lock)
{
	return __atomic_exchange_n(lock, 1, __ATOMIC_ACQUIRE) == 0 ? 0 : EBUSY;
}

int
pthread_spin_lock(pthread_spinlock_t *lock)
{
	while (__atomic_exchange_n(lock, 1, __ATOMIC_ACQUIRE) != 0)
		while (__atomic_load_n(lock, __ATOMIC_RELAXED) != 0)
			sched_yield();
	return 0;
}

int
pthread_spin_unlock(pthread_spinlock_t *lock)
{
	__atomic_store_n(lock, 0, __ATOMIC_RELEASE);
	return 0;
}
