/*
 * thread.h -- kernel threads and user threads.  Every thread has a kernel
 * stack; a user thread also has a trapframe at the top of it.
 * Locking: [s] sched_lock, [t] owning task's lock, [I] immutable.
 */
#ifndef KERN_THREAD_H
#define KERN_THREAD_H

#include <stdint.h>
#include <stdbool.h>
#include "machine/thread.h"

struct task;

enum thread_state {
	TH_SUSPENDED,	/* created or suspended, not runnable */
	TH_RUNNABLE,	/* on a run queue or running */
	TH_WAIT,	/* blocked in thread_block */
	TH_DEAD,	/* waiting to be reaped */
};

#define THREAD_NAME_MAX	32
#define KSTACK_SIZE	16384

struct thread {
	uint64_t		 ksp;		/* [s] saved rsp when switched out */
	void			*kstack;	/* [I] */
	struct task		*task;		/* [I] NULL for kernel threads */
	enum thread_state	 state;		/* [s] */
	int			 pri;		/* [s] 0 is the highest */
	int			 quantum;	/* [s] ticks left */
	int			 suspend_count;	/* [s] */
	struct thread		*rq_next;	/* [s] run queue or reap list */
	struct thread		*task_next;	/* [t] */
	uint64_t		 wait_deadline;	/* [s] tick to time out at, 0 never */
	int			 wait_result;	/* [s] THREAD_AWAKENED ... */
	struct thread		*timer_next;	/* [s] timed waiters */
	struct thread		*wq_next;	/* [wait queue owner's lock] */
	char			 name[THREAD_NAME_MAX];
	struct machine_thread	 md;		/* FPU state */
};

/* How a thread_block ended. */
#define THREAD_AWAKENED		0
#define THREAD_TIMED_OUT	1
#define THREAD_INTERRUPTED	2

struct thread	*thread_create_kernel(const char *name, void (*fn)(void *),
		    void *arg, int pri);
struct thread	*thread_create_user(struct task *, uint64_t rip, uint64_t rsp);
void		 thread_exit(void) __attribute__((noreturn));
void		 thread_free(struct thread *);
void		 thread_init(void);

#endif
