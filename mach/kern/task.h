/*
 * task.h -- tasks: an address space plus a set of threads (and, with the
 * IPC issue, a port name space).  Locking: [l] task lock, [g] task list lock.
 */
#ifndef KERN_TASK_H
#define KERN_TASK_H

#include <stdint.h>
#include <stdbool.h>
#include "kern/lock.h"

struct vm_map;
struct thread;
struct ipc_space;
struct ipc_port;

#define TASK_NAME_MAX	32

struct task {
	struct spinlock	 lock;
	struct vm_map	*map;		/* [I] */
	struct ipc_space *itk_space;	/* [I] port names */
	struct ipc_port	*itk_self;	/* [I] the task port (kernel object) */
	struct thread	*threads;	/* [l] */
	int		 nthreads;	/* [l] live threads */
	bool		 dying;		/* [l] */
	int		 id;		/* [I] */
	struct task	*next;		/* [g] all tasks */
	char		 name[TASK_NAME_MAX];
};

void		 task_init(void);
struct task	*task_create(const char *name);
void		 task_resume(struct task *);
void		 task_terminate(struct task *);
void		 task_thread_gone(struct task *, struct thread *);
struct task	*current_task(void);
int		 task_count(void);

#endif
