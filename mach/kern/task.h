/*
 * task.h -- tasks: an address space, a port name space and threads.
 * A task lives while it has threads or references; its resources are
 * released when it is terminated and its last thread is gone.
 * Locking: [l] task lock, [g] task list lock, [a] atomic, [I] immutable.
 */
#ifndef KERN_TASK_H
#define KERN_TASK_H

#include <stdint.h>
#include <stdbool.h>
#include <mach/kern_return.h>
#include <mach/mach_types.h>
#include <mach/message.h>
#include "kern/lock.h"
#include "machine/task.h"

struct vm_map;
struct thread;
struct ipc_space;
struct ipc_port;
struct task_limit;

#define TASK_NAME_MAX	32

struct task {
	struct spinlock	 lock;
	uint32_t	 refs;		/* [a] */
	struct vm_map	*map;		/* [I] */
	struct ipc_space *itk_space;	/* [I] port names */
	struct ipc_port	*itk_self;	/* [I] the task port (kernel object) */
	struct ipc_port	*itk_bootstrap;	/* [l] send right or NULL */
	struct ipc_port	*itk_exception;	/* [l] send right or NULL */
	struct thread	*threads;	/* [l] */
	int		 nthreads;	/* [l] live threads */
	int		 suspend_count;	/* [l] */
	bool		 dying;		/* [l] */
	bool		 released;	/* [l] resources gone */
	int		 id;		/* [I] */
	uint64_t	 created;	/* [I] ticks */
	uint64_t	 dead_user_ticks;	/* [l] of threads gone */
	uint64_t	 dead_system_ticks;	/* [l] */
	struct task_events {		/* TASK_EVENTS_INFO's counts, kept
					   without a lock: approximate */
		uint64_t faults;
		uint64_t zero_fills;
		uint64_t cow_faults;
		uint64_t messages_sent;
		uint64_t messages_received;
	} events;
	struct task	*next;		/* [g] all tasks */
	char		 name[TASK_NAME_MAX];
	struct machine_task md;		/* [l] I/O ports, on x86_64 */
	struct task_limit *ledger;	/* [I] kernel memory charged to it */
};

void		 task_init(void);
struct task	*task_create_named(const char *name);
void		 task_start(struct task *);
void		 task_reference(struct task *);
void		 task_deallocate(struct task *);
void		 task_thread_gone(struct task *, struct thread *);
struct task	*current_task(void);
int		 task_count(void);

/* The task RPCs of mach.defs and gnumach.defs. */
kern_return_t	 task_create(struct task *parent, boolean_t inherit_memory,
		    struct task **child);
kern_return_t	 task_terminate(struct task *);
kern_return_t	 task_suspend(struct task *);
kern_return_t	 task_resume(struct task *);
kern_return_t	 task_get_special_port(struct task *, int which,
		    struct ipc_port **port);
kern_return_t	 task_set_special_port(struct task *, int which,
		    struct ipc_port *port);
kern_return_t	 task_set_name(struct task *, const char *name);
kern_return_t	 task_threads(struct task *, thread_array_t *list,
		    mach_msg_type_number_t *count);
kern_return_t	 task_info(struct task *, int flavor, task_info_t out,
		    mach_msg_type_number_t *count);

#endif
