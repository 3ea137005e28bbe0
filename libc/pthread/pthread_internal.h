/*
 * pthread_internal.h -- what the files of libc/pthread/ share: the thread
 * descriptor, the gsync word primitives and the internal lock they build.
 * Not installed; programs see <pthread.h> only.
 */
#ifndef _PTHREAD_INTERNAL_H
#define _PTHREAD_INTERNAL_H

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <time.h>
#include <mach/port.h>
#include <mach/std_types.h>

/* struct __pthread.state, the word a joiner sleeps on. */
#define PT_JOINABLE	0	/* running, someone may join it */
#define PT_DETACHED	1	/* running, nobody will */
#define PT_EXITED	2	/* exited, waiting to be joined */

/*
 * A thread.  [I] set before the thread runs, then immutable; [a] atomic;
 * [s] only the thread itself; [z] thread.c's zombie list (atomic).
 */
struct __pthread {
	void		*tp;			/* [I] TLS block and TCB */
	mach_port_t	 kthread;		/* [I] its Mach thread */
	mach_port_t	 reply_port;		/* its MIG reply port, once
						   it has exited */
	vm_address_t	 stack;			/* [I] guard page + stack, */
	vm_size_t	 stack_size;		/*     0 for the main thread */
	void		*(*start)(void *);	/* [I] */
	void		*arg;			/* [I] */
	void		*result;		/* written before EXITED */
	unsigned int	 state;			/* [a] PT_* */
	struct __pthread *joiner;		/* [a] the one joining it */
	struct __pthread *next_zombie;		/* [z] */
	sigset_t	 sigmask;		/* [s] */
	void		*specific[PTHREAD_KEYS_MAX];	/* [s] */
	unsigned int	 specific_seq[PTHREAD_KEYS_MAX];/* [s] */
};

/* gsync_word.c: sleep on and wake a 32-bit word of this task. */
mach_port_t _pthread_task(void);
int	_pthread_word_wait(unsigned int *, unsigned int, clockid_t,
	    const struct timespec *);
void	_pthread_word_wake(unsigned int *, int all);
void	_pthread_word_requeue(unsigned int *from, unsigned int *to);
int	_pthread_abstime_valid(const struct timespec *);

/*
 * The pshared attribute of mutexes, condition variables and rwlocks: only
 * PTHREAD_PROCESS_PRIVATE, since sharing between tasks would need
 * GSYNC_SHARED words.  0, ENOTSUP or EINVAL.
 */
static inline int
_pthread_pshared_check(int pshared)
{
	if (pshared == PTHREAD_PROCESS_SHARED)
		return ENOTSUP;
	return pshared == PTHREAD_PROCESS_PRIVATE ? 0 : EINVAL;
}

/*
 * The internal lock, a word of 0 (free), 1 (held) or 2 (held, perhaps
 * with sleepers): taking and releasing a free lock stays in user space.
 */
int	_pthread_lock_wait(unsigned int *, clockid_t, const struct timespec *);

static inline int
_pthread_trylock(unsigned int *w)
{
	unsigned int free = 0;

	return __atomic_compare_exchange_n(w, &free, 1, 0, __ATOMIC_ACQUIRE,
	    __ATOMIC_RELAXED);
}

static inline void
_pthread_lock(unsigned int *w)
{
	if (!_pthread_trylock(w))
		(void)_pthread_lock_wait(w, CLOCK_REALTIME, NULL);
}

static inline void
_pthread_unlock(unsigned int *w)
{
	if (__atomic_exchange_n(w, 0, __ATOMIC_RELEASE) == 2)
		_pthread_word_wake(w, 0);
}

/* libc/arch/x86_64/thread_md.c: registers and fs base of a new thread. */
kern_return_t __whorl_thread_aim(mach_port_t thread, void (*entry)(void *),
	    void *arg, uintptr_t stack_end, void *tp);

/* thread.c */
void	_pthread_reap_zombies(void);

/* key.c */
void	_pthread_keys_run_destructors(struct __pthread *);

/* mutex.c: the mutex as a condition variable needs it. */
int	_pthread_mutex_release(pthread_mutex_t *, unsigned int *count);
void	_pthread_mutex_reacquire(pthread_mutex_t *, unsigned int count,
	    int requeued);

#endif /* !_PTHREAD_INTERNAL_H */
