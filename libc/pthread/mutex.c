/*
 * mutex.c -- pthread mutexes (normal, recursive, error-checking) and their
 * attributes.  The lock word is the internal lock of pthread_internal.h:
 * an uncontended lock and unlock are one atomic instruction each and never
 * enter the kernel.  Recursive and error-checking mutexes also record
 * their owner.
 */
#include <errno.h>
#include "pthread_internal.h"

int
pthread_mutexattr_init(pthread_mutexattr_t *attr)
{
	attr->__type = PTHREAD_MUTEX_DEFAULT;
	attr->__pshared = PTHREAD_PROCESS_PRIVATE;
	return 0;
}

int
pthread_mutexattr_destroy(pthread_mutexattr_t *attr)
{
	(void)attr;
	return 0;
}

int
pthread_mutexattr_settype(pthread_mutexattr_t *attr, int type)
{
	if (type != PTHREAD_MUTEX_NORMAL && type != PTHREAD_MUTEX_RECURSIVE &&
	    type != PTHREAD_MUTEX_ERRORCHECK)
		return EINVAL;
	attr->__type = type;
	return 0;
}

int
pthread_mutexattr_gettype(const pthread_mutexattr_t *attr, int *type)
{
	*type = attr->__type;
	return 0;
}

/* Mutexes between tasks: see _pthread_pshared_check. */
int
pthread_mutexattr_setpshared(pthread_mutexattr_t *attr, int pshared)
{
	int error = _pthread_pshared_check(pshared);

	if (error == 0)
		attr->__pshared = pshared;
	return error;
}

int
pthread_mutexattr_getpshared(const pthread_mutexattr_t *attr, int *pshared)
{
	*pshared = attr->__pshared;
	return 0;
}

int
pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *attr)
{
	*m = (pthread_mutex_t)PTHREAD_MUTEX_INITIALIZER;
	if (attr != NULL)
		m->__type = attr->__type;
	return 0;
}

int
pthread_mutex_destroy(pthread_mutex_t *m)
{
	if (__atomic_load_n(&m->__lock, __ATOMIC_RELAXED) != 0)
		return EBUSY;
	return 0;
}

/*
 * The owner checks of the recursive and error-checking types before the
 * word is taken: returns -1 to go on and take it, else the result.
 */
static int
mutex_owner_check(pthread_mutex_t *m, pthread_t self)
{
	if (m->__owner != self)
		return -1;
	if (m->__type == PTHREAD_MUTEX_ERRORCHECK)
		return EDEADLK;
	if (m->__count == ~0u)
		return EAGAIN;
	m->__count++;
	return 0;
}

/* Lock m, waiting until abstime (NULL: for ever); the slow cases. */
static int
mutex_lock_slow(pthread_mutex_t *m, const struct timespec *abstime)
{
	pthread_t self = NULL;
	int error;

	if (m->__type != PTHREAD_MUTEX_NORMAL) {
		self = pthread_self();
		if ((error = mutex_owner_check(m, self)) >= 0)
			return error;
	}
	if (!_pthread_trylock(&m->__lock)) {
		if (abstime != NULL && !_pthread_abstime_valid(abstime))
			return EINVAL;
		error = _pthread_lock_wait(&m->__lock, CLOCK_REALTIME, abstime);
		if (error != 0)
			return error;
	}
	if (self != NULL) {
		m->__owner = self;
		m->__count = 1;
	}
	return 0;
}

int
pthread_mutex_lock(pthread_mutex_t *m)
{
	if (m->__type == PTHREAD_MUTEX_NORMAL && _pthread_trylock(&m->__lock))
		return 0;
	return mutex_lock_slow(m, NULL);
}

int
pthread_mutex_timedlock(pthread_mutex_t *m, const struct timespec *abstime)
{
	if (m->__type == PTHREAD_MUTEX_NORMAL && _pthread_trylock(&m->__lock))
		return 0;
	return mutex_lock_slow(m, abstime);
}

int
pthread_mutex_trylock(pthread_mutex_t *m)
{
	pthread_t self;

	if (m->__type == PTHREAD_MUTEX_NORMAL)
		return _pthread_trylock(&m->__lock) ? 0 : EBUSY;
	self = pthread_self();
	if (m->__owner == self && m->__type == PTHREAD_MUTEX_RECURSIVE)
		return mutex_owner_check(m, self);
	if (!_pthread_trylock(&m->__lock))
		return EBUSY;
	m->__owner = self;
	m->__count = 1;
	return 0;
}

int
pthread_mutex_unlock(pthread_mutex_t *m)
{
	if (m->__type != PTHREAD_MUTEX_NORMAL) {
		if (m->__owner != pthread_self())
			return EPERM;
		if (--m->__count > 0)
			return 0;
		m->__owner = NULL;
	}
	_pthread_unlock(&m->__lock);
	return 0;
}

/*
 * For a condition wait: release m whatever its depth, saving the depth in
 * *count.  Returns EPERM if a checking mutex is not the caller's.
 */
int
_pthread_mutex_release(pthread_mutex_t *m, unsigned int *count)
{
	*count = 1;
	if (m->__type != PTHREAD_MUTEX_NORMAL) {
		if (m->__owner != pthread_self())
			return EPERM;
		*count = m->__count;
		m->__count = 1;
	}
	return pthread_mutex_unlock(m);
}

/*
 * Take m back after a condition wait.  If a broadcast may have moved
 * other sleepers onto its word (requeued), it is taken as contended (2):
 * they did not mark it so themselves, and each must be woken in turn by
 * the unlock before it.
 */
void
_pthread_mutex_reacquire(pthread_mutex_t *m, unsigned int count,
    int requeued)
{
	if (requeued || !_pthread_trylock(&m->__lock))
		(void)_pthread_lock_wait(&m->__lock, CLOCK_REALTIME, NULL);
	if (m->__type != PTHREAD_MUTEX_NORMAL) {
		m->__owner = pthread_self();
		m->__count = count;
	}
}
