/*
 * pthread.h -- POSIX threads for Whorl programs, over Mach threads and
 * gsync (libc/pthread/).  Installed over newlib's <pthread.h>, which
 * declares nothing for a bare x86_64-elf target; see docs/pthreads.md for
 * what is supported and what is not.
 */
#ifndef _PTHREAD_H
#define _PTHREAD_H

#include <sys/types.h>
#include <sys/_pthreadtypes.h>
#include <time.h>
#include <sched.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PTHREAD_MUTEX_INITIALIZER	_PTHREAD_MUTEX_INITIALIZER
#define PTHREAD_COND_INITIALIZER	_PTHREAD_COND_INITIALIZER
#define PTHREAD_RWLOCK_INITIALIZER	_PTHREAD_RWLOCK_INITIALIZER
#define PTHREAD_ONCE_INIT		_PTHREAD_ONCE_INIT

#define PTHREAD_KEYS_MAX		128
#define PTHREAD_DESTRUCTOR_ITERATIONS	4
#define PTHREAD_STACK_MIN		16384
#define PTHREAD_THREADS_MAX		1024

int	pthread_create(pthread_t *, const pthread_attr_t *,
	    void *(*)(void *), void *);
int	pthread_join(pthread_t, void **);
int	pthread_detach(pthread_t);
void	pthread_exit(void *) __attribute__((__noreturn__));
pthread_t pthread_self(void);
int	pthread_equal(pthread_t, pthread_t);

int	pthread_attr_init(pthread_attr_t *);
int	pthread_attr_destroy(pthread_attr_t *);
int	pthread_attr_setstacksize(pthread_attr_t *, size_t);
int	pthread_attr_getstacksize(const pthread_attr_t *, size_t *);
int	pthread_attr_setguardsize(pthread_attr_t *, size_t);
int	pthread_attr_getguardsize(const pthread_attr_t *, size_t *);
int	pthread_attr_setdetachstate(pthread_attr_t *, int);
int	pthread_attr_getdetachstate(const pthread_attr_t *, int *);
int	pthread_attr_setscope(pthread_attr_t *, int);
int	pthread_attr_getscope(const pthread_attr_t *, int *);
int	pthread_attr_setinheritsched(pthread_attr_t *, int);
int	pthread_attr_getinheritsched(const pthread_attr_t *, int *);
int	pthread_attr_setschedpolicy(pthread_attr_t *, int);
int	pthread_attr_getschedpolicy(const pthread_attr_t *, int *);
int	pthread_attr_setschedparam(pthread_attr_t *,
	    const struct sched_param *);
int	pthread_attr_getschedparam(const pthread_attr_t *,
	    struct sched_param *);

int	pthread_mutex_init(pthread_mutex_t *, const pthread_mutexattr_t *);
int	pthread_mutex_destroy(pthread_mutex_t *);
int	pthread_mutex_lock(pthread_mutex_t *);
int	pthread_mutex_trylock(pthread_mutex_t *);
int	pthread_mutex_timedlock(pthread_mutex_t *, const struct timespec *);
int	pthread_mutex_unlock(pthread_mutex_t *);
int	pthread_mutexattr_init(pthread_mutexattr_t *);
int	pthread_mutexattr_destroy(pthread_mutexattr_t *);
int	pthread_mutexattr_settype(pthread_mutexattr_t *, int);
int	pthread_mutexattr_gettype(const pthread_mutexattr_t *, int *);
int	pthread_mutexattr_setpshared(pthread_mutexattr_t *, int);
int	pthread_mutexattr_getpshared(const pthread_mutexattr_t *, int *);

int	pthread_cond_init(pthread_cond_t *, const pthread_condattr_t *);
int	pthread_cond_destroy(pthread_cond_t *);
int	pthread_cond_wait(pthread_cond_t *, pthread_mutex_t *);
int	pthread_cond_timedwait(pthread_cond_t *, pthread_mutex_t *,
	    const struct timespec *);
int	pthread_cond_signal(pthread_cond_t *);
int	pthread_cond_broadcast(pthread_cond_t *);
int	pthread_condattr_init(pthread_condattr_t *);
int	pthread_condattr_destroy(pthread_condattr_t *);
int	pthread_condattr_setclock(pthread_condattr_t *, clockid_t);
int	pthread_condattr_getclock(const pthread_condattr_t *, clockid_t *);
int	pthread_condattr_setpshared(pthread_condattr_t *, int);
int	pthread_condattr_getpshared(const pthread_condattr_t *, int *);

int	pthread_rwlock_init(pthread_rwlock_t *, const pthread_rwlockattr_t *);
int	pthread_rwlock_destroy(pthread_rwlock_t *);
int	pthread_rwlock_rdlock(pthread_rwlock_t *);
int	pthread_rwlock_tryrdlock(pthread_rwlock_t *);
int	pthread_rwlock_timedrdlock(pthread_rwlock_t *,
	    const struct timespec *);
int	pthread_rwlock_wrlock(pthread_rwlock_t *);
int	pthread_rwlock_trywrlock(pthread_rwlock_t *);
int	pthread_rwlock_timedwrlock(pthread_rwlock_t *,
	    const struct timespec *);
int	pthread_rwlock_unlock(pthread_rwlock_t *);
int	pthread_rwlockattr_init(pthread_rwlockattr_t *);
int	pthread_rwlockattr_destroy(pthread_rwlockattr_t *);
int	pthread_rwlockattr_setpshared(pthread_rwlockattr_t *, int);
int	pthread_rwlockattr_getpshared(const pthread_rwlockattr_t *, int *);

int	pthread_spin_init(pthread_spinlock_t *, int);
int	pthread_spin_destroy(pthread_spinlock_t *);
int	pthread_spin_lock(pthread_spinlock_t *);
int	pthread_spin_trylock(pthread_spinlock_t *);
int	pthread_spin_unlock(pthread_spinlock_t *);

int	pthread_once(pthread_once_t *, void (*)(void));

int	pthread_key_create(pthread_key_t *, void (*)(void *));
int	pthread_key_delete(pthread_key_t);
void	*pthread_getspecific(pthread_key_t);
int	pthread_setspecific(pthread_key_t, const void *);

#ifdef __cplusplus
}
#endif

#endif /* !_PTHREAD_H */
