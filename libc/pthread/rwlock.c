/*
 * rwlock.c -- reader-writer locks.  The counts live under an internal
 * lock; readers and writers sleep on their own sequence words.  A writer
 * goes first when the lock falls free, but a new reader is only held back
 * by waiting writers when no other reader holds the lock, so that a thread
 * that takes a read lock twice cannot deadlock behind a writer.
 */
#include <errno.h>
#include "pthread_internal.h"

int
pthread_rwlockattr_init(pthread_rwlockattr_t *attr)
{
	attr->__pshared = PTHREAD_PROCESS_PRIVATE;
	return 0;
}

int
pthread_rwlockattr_destroy(pthread_rwlockattr_t *attr)
{
	(void)attr;
	return 0;
}

int
pthread_rwlockattr_setpshared(pthread_rwlockattr_t *attr, int pshared)
{
	int error = _pthread_pshared_check(pshared);

	if (error == 0)
		attr->__pshared = pshared;
	return error;
}

int
pthread_rwlockattr_getpshared(const pthread_rwlockattr_t *attr, int *pshared)
{
	*pshared = attr->__pshared;
	return 0;
}

int
pthread_rwlock_init(pthread_rwlock_t *rw, const pthread_rwlockattr_t *attr)
{
	(void)attr;
	*rw = (pthread_rwlock_t)PTHREAD_RWLOCK_INITIALIZER;
	return 0;
}

int
pthread_rwlock_destroy(pthread_rwlock_t *rw)
{
	if (rw->__readers != 0 || rw->__writer != 0)
		return EBUSY;
	return 0;
}

static void rwlock_wake(pthread_rwlock_t *);

/* Whether a reader must wait.  rw->__lock held. */
static int
rwlock_reader_blocked(const pthread_rwlock_t *rw)
{
	return rw->__writer != 0 || (rw->__wwait != 0 && rw->__readers == 0);
}

/*
 * Sleep on *seq (whose sleepers *waiting counts) until woken or abstime,
 * dropping rw->__lock meanwhile.  rw->__lock held on entry and exit.  A
 * sleeper that gives up may have been the one a wake-up was meant for, so
 * it passes the wake-up on.
 */
static int
rwlock_sleep(pthread_rwlock_t *rw, unsigned int *seq, unsigned int *waiting,
    const struct timespec *abstime)
{
	unsigned int s = *seq;
	int error;

	(*waiting)++;
	_pthread_unlock(&rw->__lock);
	error = _pthread_word_wait(seq, s, CLOCK_REALTIME, abstime);
	_pthread_lock(&rw->__lock);
	(*waiting)--;
	if (error == ETIMEDOUT || error == EINVAL) {
		rwlock_wake(rw);
		return error;
	}
	return 0;
}

static int
rwlock_rdlock(pthread_rwlock_t *rw, const struct timespec *abstime, int try)
{
	int error = 0;

	if (abstime != NULL && !_pthread_abstime_valid(abstime))
		return EINVAL;
	_pthread_lock(&rw->__lock);
	while (error == 0 && rwlock_reader_blocked(rw)) {
		if (try)
			error = EBUSY;
		else if (rw->__owner == pthread_self())
			error = EDEADLK;
		else
			error = rwlock_sleep(rw, &rw->__rseq, &rw->__rwait,
			    abstime);
	}
	if (error == 0) {
		if (rw->__readers == ~0u)
			error = EAGAIN;
		else
			rw->__readers++;
	}
	_pthread_unlock(&rw->__lock);
	return error;
}

static int
rwlock_wrlock(pthread_rwlock_t *rw, const struct timespec *abstime, int try)
{
	pthread_t self = pthread_self();
	int error = 0;

	if (abstime != NULL && !_pthread_abstime_valid(abstime))
		return EINVAL;
	_pthread_lock(&rw->__lock);
	while (error == 0 && (rw->__writer != 0 || rw->__readers != 0)) {
		if (try)
			error = EBUSY;
		else if (rw->__owner == self)
			error = EDEADLK;
		else
			error = rwlock_sleep(rw, &rw->__wseq, &rw->__wwait,
			    abstime);
	}
	if (error == 0) {
		rw->__writer = 1;
		rw->__owner = self;
	}
	_pthread_unlock(&rw->__lock);
	return error;
}

int
pthread_rwlock_rdlock(pthread_rwlock_t *rw)
{
	return rwlock_rdlock(rw, NULL, 0);
}

int
pthread_rwlock_tryrdlock(pthread_rwlock_t *rw)
{
	return rwlock_rdlock(rw, NULL, 1);
}

int
pthread_rwlock_timedrdlock(pthread_rwlock_t *rw,
    const struct timespec *abstime)
{
	return rwlock_rdlock(rw, abstime, 0);
}

int
pthread_rwlock_wrlock(pthread_rwlock_t *rw)
{
	return rwlock_wrlock(rw, NULL, 0);
}

int
pthread_rwlock_trywrlock(pthread_rwlock_t *rw)
{
	return rwlock_wrlock(rw, NULL, 1);
}

int
pthread_rwlock_timedwrlock(pthread_rwlock_t *rw,
    const struct timespec *abstime)
{
	return rwlock_wrlock(rw, abstime, 0);
}

/*
 * Wake whoever may go now: a writer when the lock is free, else all
 * readers if no writer holds it.  rw->__lock held.
 */
static void
rwlock_wake(pthread_rwlock_t *rw)
{
	if (rw->__readers == 0 && rw->__writer == 0 && rw->__wwait != 0) {
		rw->__wseq++;
		_pthread_word_wake(&rw->__wseq, 0);
	} else if (rw->__writer == 0 && rw->__rwait != 0) {
		rw->__rseq++;
		_pthread_word_wake(&rw->__rseq, 1);
	}
}

int
pthread_rwlock_unlock(pthread_rwlock_t *rw)
{
	int error = 0;

	_pthread_lock(&rw->__lock);
	if (rw->__writer != 0 && rw->__owner == pthread_self()) {
		rw->__writer = 0;
		rw->__owner = NULL;
	} else if (rw->__writer == 0 && rw->__readers != 0) {
		rw->__readers--;
	} else {
		error = EPERM;
	}
	if (error == 0)
		rwlock_wake(rw);
	_pthread_unlock(&rw->__lock);
	return error;
}
