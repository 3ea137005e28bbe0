/*
 * sched.c -- sched_yield and pthread_sigmask.  Whorl has no signal
 * delivery yet: pthread_sigmask keeps each thread's mask, checked and
 * returned as POSIX says, for the signal thread to honour once it exists.
 */
#include <errno.h>
#include <mach/mach_traps.h>
#include "pthread_internal.h"

int
sched_yield(void)
{
	(void)swtch();
	return 0;
}

int
pthread_sigmask(int how, const sigset_t *set, sigset_t *oset)
{
	pthread_t self = pthread_self();
	sigset_t mask = self->sigmask;

	if (set != NULL) {
		switch (how) {
		case SIG_BLOCK:
			mask |= *set;
			break;
		case SIG_UNBLOCK:
			mask &= ~*set;
			break;
		case SIG_SETMASK:
			mask = *set;
			break;
		default:
			return EINVAL;
		}
	}
	if (oset != NULL)
		*oset = self->sigmask;
	/* SIGKILL and SIGSTOP cannot be blocked. */
	self->sigmask = mask & ~(((sigset_t)1 << SIGKILL) |
	    ((sigset_t)1 << SIGSTOP));
	return 0;
}
