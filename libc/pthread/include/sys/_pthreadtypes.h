/*
 * sys/_pthreadtypes.h -- Whorl's pthread types, installed over newlib's
 * (whose types are 32-bit object ids of RTEMS, too small for a lock that
 * lives in the object itself).  <sys/types.h> includes this file; the
 * functions are in <pthread.h>, the code in libc/pthread/.
 */
#ifndef _SYS__PTHREADTYPES_H_
#define _SYS__PTHREADTYPES_H_

#include <sys/sched.h>

/* Whorl has threads: newlib's headers then declare sched_yield and friends. */
#ifndef _POSIX_THREADS
#define _POSIX_THREADS			200809L
#endif
#ifndef _POSIX_READER_WRITER_LOCKS
#define _POSIX_READER_WRITER_LOCKS	200809L
#endif
#ifndef _POSIX_THREAD_ATTR_STACKSIZE
#define _POSIX_THREAD_ATTR_STACKSIZE	200809L
#endif

typedef struct __pthread *pthread_t;

#define PTHREAD_CREATE_JOINABLE		0
#define PTHREAD_CREATE_DETACHED		1

#define PTHREAD_SCOPE_SYSTEM		0
#define PTHREAD_SCOPE_PROCESS		1

#define PTHREAD_INHERIT_SCHED		0
#define PTHREAD_EXPLICIT_SCHED		1

#define PTHREAD_PROCESS_PRIVATE		0
#define PTHREAD_PROCESS_SHARED		1

#define PTHREAD_MUTEX_NORMAL		0
#define PTHREAD_MUTEX_RECURSIVE		1
#define PTHREAD_MUTEX_ERRORCHECK	2
#define PTHREAD_MUTEX_DEFAULT		PTHREAD_MUTEX_NORMAL

typedef struct {
	__SIZE_TYPE__	__stacksize;
	__SIZE_TYPE__	__guardsize;
	int		__detachstate;
	int		__scope;
	int		__inheritsched;
	int		__schedpolicy;
	struct sched_param __schedparam;
} pthread_attr_t;

/*
 * A mutex: __lock is the gsync word (0 free, 1 held, 2 held with
 * sleepers); owner and count serve the recursive and error-checking types.
 */
typedef struct {
	unsigned int	__lock;
	int		__type;
	unsigned int	__count;
	int		__pad;
	struct __pthread *__owner;
} pthread_mutex_t;

typedef struct {
	int		__type;
	int		__pshared;
} pthread_mutexattr_t;

/*
 * A condition: sleepers wait on __seq, which every signal advances;
 * __mutex is the one they released, for a broadcast to requeue them on,
 * and __broadcasts tells a woken sleeper it may have been requeued.
 */
typedef struct {
	unsigned int	__seq;
	unsigned int	__waiters;
	int		__clock;
	unsigned int	__broadcasts;
	pthread_mutex_t	*__mutex;
} pthread_cond_t;

typedef struct {
	int		__clock;
	int		__pshared;
} pthread_condattr_t;

/* A reader-writer lock: counts under the internal lock __lock. */
typedef struct {
	unsigned int	__lock;
	unsigned int	__readers;	/* holding a read lock */
	unsigned int	__writer;	/* 1 while a writer holds it */
	unsigned int	__rwait;	/* readers asleep on __rseq */
	unsigned int	__wwait;	/* writers asleep on __wseq */
	unsigned int	__rseq;
	unsigned int	__wseq;
	int		__pad;
	struct __pthread *__owner;	/* the writer, for EDEADLK */
} pthread_rwlock_t;

typedef struct {
	int		__pshared;
} pthread_rwlockattr_t;

typedef unsigned int pthread_key_t;

/* 0 never run, 1 running, 2 done, 3 running with sleepers. */
typedef struct {
	unsigned int	__state;
} pthread_once_t;

typedef volatile int pthread_spinlock_t;

#define _PTHREAD_MUTEX_INITIALIZER	{ 0, PTHREAD_MUTEX_NORMAL, 0, 0, 0 }
#define _PTHREAD_COND_INITIALIZER	{ 0, 0, 0, 0, 0 }
#define _PTHREAD_RWLOCK_INITIALIZER	{ 0, 0, 0, 0, 0, 0, 0, 0, 0 }
#define _PTHREAD_ONCE_INIT		{ 0 }

#endif /* !_SYS__PTHREADTYPES_H_ */
