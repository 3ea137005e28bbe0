/*
 * thread.h -- kernel threads and user threads.  Every thread has a kernel
 * stack; a user thread also has a trapframe at the top of it and a thread
 * port.  A user thread is stopped while it or its task is suspended; the
 * stop takes effect at its next return towards user mode.
 * Locking: [s] sched_lock, [t] owning task's lock, [a] atomic, [I].
 */
#ifndef KERN_THREAD_H
#define KERN_THREAD_H

#include <stdint.h>
#include <stdbool.h>
#include <mach/kern_return.h>
#include <mach/mach_types.h>
#include <mach/message.h>
#include "machine/thread.h"

struct task;
struct ipc_port;

enum thread_state {
	TH_SUSPENDED,	/* not runnable: new, stopped, or the boot thread */
	TH_RUNNABLE,	/* on a run queue or running */
	TH_WAIT,	/* blocked in thread_block */
	TH_DEAD,	/* waiting to be reaped */
};

/*
 * How a thread_block ended (or a code its waker chose: IPC wakes
 * receivers with MACH_RCV_PORT_DIED or MACH_RCV_PORT_CHANGED).
 */
#define THREAD_AWAKENED		0
#define THREAD_TIMED_OUT	1
#define THREAD_INTERRUPTED	2

#define THREAD_NAME_MAX	32
#define KSTACK_SIZE	16384
#define THREAD_FAST_MSG_MAX 256	/* bytes a fast send can leave a receiver */

struct thread {
	uint64_t		 ksp;		/* [s] saved rsp when switched out */
	void			*kstack;	/* [I] */
	struct task		*task;		/* [I] NULL for kernel threads */
	uint32_t		 refs;		/* [a] */
	enum thread_state	 state;		/* [s] */
	int			 pri;		/* [s] 0 is the highest */
	int			 quantum;	/* [s] ticks left */
	int			 suspend_count;	/* [t] */
	bool			 dying;		/* [t] thread_terminate */
	struct ipc_port		*ith_self;	/* [I] thread port */
	struct ipc_port		*ith_exception;	/* [t] send right or NULL */
	struct thread		*rq_next;	/* [s] run queue or reap list */
	struct thread		*task_next;	/* [t] */
	uint64_t		 wait_deadline;	/* [s] tick to time out at, 0 never */
	int			 wait_result;	/* [s] THREAD_AWAKENED ... */
	struct thread		*timer_next;	/* [s] timed waiters */
	struct thread		*wq_next;	/* [wait queue owner's lock] */
	bool			 wait_claimed;	/* [s] a waker owns this wait */
	/*
	 * A user receive in progress, for the fast path (mach_msg_fast.c):
	 * a fast sender that claimed the wait leaves the message in
	 * ith_fast_msg, and the receiver copies it out in its own context.
	 */
	uint64_t		 ith_rcv_msg;	/* [port] user buffer, 0: none */
	uint32_t		 ith_rcv_size;	/* [port] */
	bool			 ith_fast;	/* [claimer] delivered fast */
	uint32_t		 ith_fast_size;	/* [claimer] bytes in ith_fast_msg */
	uint64_t		 ith_fast_msg[THREAD_FAST_MSG_MAX / 8]; /* [claimer] */
	uint64_t		 created;	/* [I] ticks */
	uint64_t		 user_ticks;	/* [clock] ticks run in user mode */
	uint64_t		 system_ticks;	/* [clock] ticks run in the kernel */
	char			 name[THREAD_NAME_MAX];
	struct machine_thread	 md;		/* FPU state */
};

struct thread	*thread_create_kernel(const char *name, void (*fn)(void *),
		    void *arg, int pri);
struct thread	*thread_create_user(struct task *, uint64_t rip, uint64_t rsp);
void		 thread_exit(void) __attribute__((noreturn));
void		 thread_free(struct thread *);
void		 thread_init(void);
void		 thread_reference(struct thread *);
void		 thread_deallocate(struct thread *);
void		 thread_kick(struct thread *);
void		 thread_wake_if_runnable(struct thread *);
void		 thread_resume_locked(struct thread *);
bool		 thread_should_stop(struct thread *);

/* The thread RPCs of mach.defs. */
kern_return_t	 thread_create(struct task *, struct thread **child);
kern_return_t	 thread_terminate(struct thread *);
kern_return_t	 thread_suspend(struct thread *);
kern_return_t	 thread_resume(struct thread *);
kern_return_t	 thread_abort(struct thread *);
kern_return_t	 thread_get_state(struct thread *, int flavor,
		    natural_t *state, mach_msg_type_number_t *count);
kern_return_t	 thread_set_state(struct thread *, int flavor,
		    const natural_t *state, mach_msg_type_number_t count);
kern_return_t	 thread_info(struct thread *, int flavor, thread_info_t out,
		    mach_msg_type_number_t *count);
kern_return_t	 thread_get_special_port(struct thread *, int which,
		    struct ipc_port **port);
kern_return_t	 thread_set_special_port(struct thread *, int which,
		    struct ipc_port *port);

#endif
