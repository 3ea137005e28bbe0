/*
 * once.c -- pthread_once: the first caller runs the routine while later
 * ones sleep on the once word until it is done.  Threads are never
 * cancelled, so a routine that started always finishes.
 */
#include "pthread_internal.h"

#define ONCE_NEW	0
#define ONCE_RUNNING	1
#define ONCE_DONE	2
#define ONCE_WAITED	3	/* running, with sleepers to wake */

int
pthread_once(pthread_once_t *once, void (*routine)(void))
{
	unsigned int s;

	if (__atomic_load_n(&once->__state, __ATOMIC_ACQUIRE) == ONCE_DONE)
		return 0;
	for (;;) {
		s = ONCE_NEW;
		if (__atomic_compare_exchange_n(&once->__state, &s,
		    ONCE_RUNNING, 0, __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE)) {
			routine();
			s = __atomic_exchange_n(&once->__state, ONCE_DONE,
			    __ATOMIC_RELEASE);
			if (s == ONCE_WAITED)
				_pthread_word_wake(&once->__state, 1);
			return 0;
		}
		if (s == ONCE_DONE)
			return 0;
		if (s == ONCE_RUNNING && !__atomic_compare_exchange_n(
		    &once->__state, &s, ONCE_WAITED, 0, __ATOMIC_ACQUIRE,
		    __ATOMIC_ACQUIRE))
			continue;
		(void)_pthread_word_wait(&once->__state, ONCE_WAITED,
		    CLOCK_REALTIME, NULL);
	}
}
