/*
 * sched.h -- the scheduler: priority run queues, timer-driven preemption,
 * the idle thread.  Designed per CPU (struct cpu holds the current thread)
 * with one global lock for now.
 */
#ifndef KERN_SCHED_H
#define KERN_SCHED_H

#include <stdbool.h>
#include "kern/thread.h"
#include "machine/cpu.h"

#define NRQS		32	/* priorities 0 (highest) .. 31 */
#define PRI_USER	16
#define PRI_IDLE	(NRQS - 1)
#define QUANTUM_TICKS	5

struct spinlock;

void		 sched_init(void);
int		 thread_block(struct spinlock *held, uint64_t timeout_ms);
bool		 thread_wakeup(struct thread *, int result);
bool		 thread_claim_wait(struct thread *);
void		 thread_handoff(struct thread *);
void		 sched_start(void) __attribute__((noreturn));
void		 sched_make_runnable(struct thread *);
void		 sched_suspend(struct thread *);
void		 sched_yield(void);
void		 sched_clock_tick(void);
void		 sched_return_to_user(void);
uint64_t	 sched_ticks(void);
uint32_t	 sched_runnable_count(void);

static inline struct thread *
current_thread(void)
{
	return cpu_self()->current;
}

#endif
