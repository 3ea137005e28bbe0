/*
 * cond.c -- condition variables.  Sleepers wait on the sequence word,
 * which signal and broadcast advance before waking; a sleeper that had not
 * reached gsync_wait yet then finds the word changed and returns at once,
 * so no wake-up is lost.  Broadcast wakes one sleeper and moves the rest
 * onto the mutex word (gsync_requeue): they wake one by one as the mutex
 * is passed on, instead of all at once to fight for it.  Only a sleeper
 * that a broadcast may have moved takes the mutex back marked contended,
 * so that the signal-only case never makes a needless wake call.
 */
#include <errno.h>
#include "pthread_internal.h"

int
pthread_condattr_init(pthread_condattr_t *attr)
{
	attr->__clock = CLOCK_REALTIME;
	attr->__pshared = PTHREAD_PROCESS_PRIVATE;
	return 0;
}

int
pthread_condattr_destroy(pthread_condattr_t *attr)
{
	(void)attr;
	return 0;
}

int
pthread_condattr_setclock(pthread_condattr_t *attr, clockid_t clock)
{
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC)
		return EINVAL;
	attr->__clock = (int)clock;
	return 0;
}

int
pthread_condattr_getclock(const pthread_condattr_t *attr, clockid_t *clock)
{
	*clock = (clockid_t)attr->__clock;
	return 0;
}

int
pthread_condattr_setpshared(pthread_condattr_t *attr, int pshared)
{
	int error = _pthread_pshared_check(pshared);

	if (error == 0)
		attr->__pshared = pshared;
	return error;
}

int
pthread_condattr_getpshared(const pthread_condattr_t *attr, int *pshared)
{
	*pshared = attr->__pshared;
	return 0;
}

int
pthread_cond_init(pthread_cond_t *c, const pthread_condattr_t *attr)
{
	*c = (pthread_cond_t)PTHREAD_COND_INITIALIZER;
	c->__clock = attr != NULL ? attr->__clock : CLOCK_REALTIME;
	return 0;
}

int
pthread_cond_destroy(pthread_cond_t *c)
{
	if (__atomic_load_n(&c->__waiters, __ATOMIC_SEQ_CST) != 0)
		return EBUSY;
	return 0;
}

/*
 * Release m, sleep until signalled or abstime, take m back.  The waiter
 * count and the sequence are read while m is held, so a signaller that
 * holds m either comes before (and the sleeper is not yet waiting) or sees
 * them.  Returns 0 (also on a spurious wake-up), ETIMEDOUT, EINVAL, EPERM.
 */
static int
cond_wait(pthread_cond_t *c, pthread_mutex_t *m,
    const struct timespec *abstime)
{
	unsigned int seq, count, broadcasts;
	int error;

	if (abstime != NULL && !_pthread_abstime_valid(abstime))
		return EINVAL;
	__atomic_add_fetch(&c->__waiters, 1, __ATOMIC_SEQ_CST);
	seq = __atomic_load_n(&c->__seq, __ATOMIC_SEQ_CST);
	broadcasts = __atomic_load_n(&c->__broadcasts, __ATOMIC_SEQ_CST);
	__atomic_store_n(&c->__mutex, m, __ATOMIC_RELAXED);
	if ((error = _pthread_mutex_release(m, &count)) != 0) {
		__atomic_sub_fetch(&c->__waiters, 1, __ATOMIC_SEQ_CST);
		return error;
	}
	error = _pthread_word_wait(&c->__seq, seq, (clockid_t)c->__clock,
	    abstime);
	__atomic_sub_fetch(&c->__waiters, 1, __ATOMIC_SEQ_CST);
	_pthread_mutex_reacquire(m, count, broadcasts !=
	    __atomic_load_n(&c->__broadcasts, __ATOMIC_SEQ_CST));
	return error == ETIMEDOUT || error == EINVAL ? error : 0;
}

int
pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m)
{
	return cond_wait(c, m, NULL);
}

int
pthread_cond_timedwait(pthread_cond_t *c, pthread_mutex_t *m,
    const struct timespec *abstime)
{
	return cond_wait(c, m, abstime);
}

int
pthread_cond_signal(pthread_cond_t *c)
{
	__atomic_add_fetch(&c->__seq, 1, __ATOMIC_SEQ_CST);
	if (__atomic_load_n(&c->__waiters, __ATOMIC_SEQ_CST) != 0)
		_pthread_word_wake(&c->__seq, 0);
	return 0;
}

int
pthread_cond_broadcast(pthread_cond_t *c)
{
	pthread_mutex_t *m;

	__atomic_add_fetch(&c->__seq, 1, __ATOMIC_SEQ_CST);
	if (__atomic_load_n(&c->__waiters, __ATOMIC_SEQ_CST) == 0)
		return 0;
	m = __atomic_load_n(&c->__mutex, __ATOMIC_RELAXED);
	__atomic_add_fetch(&c->__broadcasts, 1, __ATOMIC_SEQ_CST);
	if (m != NULL)
		_pthread_word_requeue(&c->__seq, &m->__lock);
	else
		_pthread_word_wake(&c->__seq, 1);
	return 0;
}
