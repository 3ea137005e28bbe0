/*
 * gsync_word.c -- the only place libc/pthread/ sleeps: a thread waits on a
 * 32-bit word of the task while it holds an expected value, through
 * gnumach's gsync_wait/_wake/_requeue RPCs, and the internal lock built on
 * that.  Every other file calls these.
 */
#include <errno.h>
#include <limits.h>
#include <mach/mach_traps.h>
#include <mach/gnumach.h>
#include <mach/gsync.h>
#include "pthread_internal.h"

/*
 * The task's port, looked up once: every mach_task_self() trap adds a user
 * reference to the name.
 */
mach_port_t
_pthread_task(void)
{
	static mach_port_t task;	/* [a] */
	mach_port_t t = __atomic_load_n(&task, __ATOMIC_RELAXED);

	if (t == MACH_PORT_NULL) {
		t = mach_task_self();
		__atomic_store_n(&task, t, __ATOMIC_RELAXED);
	}
	return t;
}

int
_pthread_abstime_valid(const struct timespec *abstime)
{
	return abstime->tv_sec >= 0 && abstime->tv_nsec >= 0 &&
	    abstime->tv_nsec < 1000000000L;
}

/* Milliseconds from now until abstime on clock, rounded up; ETIMEDOUT if
 * it has passed. */
static int
pthread_msec_until(clockid_t clock, const struct timespec *abstime,
    natural_t *msec)
{
	struct timespec now;
	long long ns;

	if (clock_gettime(clock, &now) != 0)
		return EINVAL;
	ns = (long long)(abstime->tv_sec - now.tv_sec) * 1000000000LL +
	    (abstime->tv_nsec - now.tv_nsec);
	if (ns <= 0)
		return ETIMEDOUT;
	ns = (ns + 999999) / 1000000;
	*msec = ns > UINT_MAX ? UINT_MAX : (natural_t)ns;
	return 0;
}

/*
 * Sleep while *w == val, until woken or until abstime (on clock) if not
 * NULL.  Returns 0 when woken or when *w no longer held val, ETIMEDOUT,
 * EINTR if the kernel interrupted the wait (callers treat it as a
 * spurious wake-up) or EINVAL for a word gsync refuses.
 */
int
_pthread_word_wait(unsigned int *w, unsigned int val, clockid_t clock,
    const struct timespec *abstime)
{
	natural_t msec = 0;
	int flags = 0, error;
	kern_return_t kr;

	if (abstime != NULL) {
		if ((error = pthread_msec_until(clock, abstime, &msec)) != 0)
			return error;
		flags = GSYNC_TIMED;
	}
	kr = gsync_wait(_pthread_task(), (vm_address_t)w, val, 0, msec, flags);
	switch (kr) {
	case KERN_SUCCESS:
	case KERN_INVALID_ARGUMENT:	/* the word had changed already */
		return 0;
	case KERN_TIMEDOUT:
		return ETIMEDOUT;
	case KERN_INTERRUPTED:
		return EINTR;
	default:
		return EINVAL;
	}
}

/* Wake one sleeper on w, or all of them. */
void
_pthread_word_wake(unsigned int *w, int all)
{
	(void)gsync_wake(_pthread_task(), (vm_address_t)w, 0,
	    all ? GSYNC_BROADCAST : 0);
}

/* Wake one sleeper on from and move the others to sleep on to. */
void
_pthread_word_requeue(unsigned int *from, unsigned int *to)
{
	(void)gsync_requeue(_pthread_task(), (vm_address_t)from,
	    (vm_address_t)to, TRUE, 0);
}

/*
 * The contended half of _pthread_lock: mark the word 2 so that the holder
 * knows to wake someone, and sleep until it is handed over free.  Returns 0
 * with the lock held (its word 2), or ETIMEDOUT or EINVAL (a word gsync
 * refuses) without it.
 */
int
_pthread_lock_wait(unsigned int *w, clockid_t clock,
    const struct timespec *abstime)
{
	int error;

	while (__atomic_exchange_n(w, 2, __ATOMIC_ACQUIRE) != 0) {
		error = _pthread_word_wait(w, 2, clock, abstime);
		if (error == ETIMEDOUT || error == EINVAL)
			return error;
	}
	return 0;
}
