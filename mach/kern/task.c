/*
 * task.c -- tasks: creation, references, suspension, special ports and
 * termination.  A terminated task's threads die at their next return
 * towards user mode; when the last is reaped the task's memory, rights and
 * port go, and the structure itself goes with its last reference.
 * Called by boot (kern/bootstrap.c), exceptions and the task RPCs.
 */
#include "kern/klib.h"
#include "kern/kalloc.h"
#include "kern/lock.h"
#include "kern/console.h"
#include "kern/sched.h"
#include "kern/task.h"
#include "kern/task_limit.h"
#include "vm/vm_map.h"
#include "ipc/ipc_port.h"
#include "ipc/ipc_space.h"
#include "ipc/ipc_kobject.h"
#include <mach/task_special_ports.h>
#include <mach/task_info.h>
#include "kern/thread.h"
#include "machine/pmap.h"
#include "machine/console.h"

static struct kmem_cache *task_cache;
static struct spinlock task_list_lock = SPINLOCK_INIT;
static struct task *task_list;		/* [g] */
static int task_live;			/* [g] */
static int task_next_id = 1;		/* [g] */

void
task_init(void)
{
	task_cache = kmem_cache_create("task", sizeof(struct task), 16);
}

struct task *
current_task(void)
{
	return current_thread()->task;
}

int
task_count(void)
{
	return task_live;
}

void
task_reference(struct task *t)
{
	__atomic_add_fetch(&t->refs, 1, __ATOMIC_RELAXED);
}

void
task_deallocate(struct task *t)
{
	if (t != NULL && __atomic_sub_fetch(&t->refs, 1, __ATOMIC_ACQ_REL) == 0) {
		task_limit_detach(t);
		task_limit_release(t->ledger);
		kmem_cache_free(task_cache, t);
	}
}

static void
task_free_parts(struct task *t)
{
	if (t->map != NULL)
		vm_map_deallocate(t->map);
	if (t->itk_space != NULL)
		space_deallocate(t->itk_space);
	if (t->itk_self != NULL)
		ipc_kobject_port_destroy(t->itk_self);
	task_limit_release(t->ledger);
	kmem_cache_free(task_cache, t);
}

/* A new task with an empty address space and no threads, unsuspended. */
struct task *
task_create_named(const char *name)
{
	struct task *t = kmem_cache_alloc(task_cache);
	size_t n;

	if (t == NULL)
		return NULL;
	memset(t, 0, sizeof(*t));
	t->refs = 1;			/* dropped when it is released */
	t->map = vm_map_create();
	t->itk_space = ipc_space_create();
	t->itk_self = ipc_kobject_port_alloc(IKOT_TASK, t);
	t->ledger = task_limit_create();
	if (t->map == NULL || t->itk_space == NULL || t->itk_self == NULL ||
	    t->ledger == NULL) {
		task_free_parts(t);
		return NULL;
	}
	task_limit_attach(t);
	n = strnlen(name, TASK_NAME_MAX - 1);
	memcpy(t->name, name, n);
	t->name[n] = '\0';
	t->created = sched_ticks();
	spin_lock(&task_list_lock);
	t->id = task_next_id++;
	t->next = task_list;
	task_list = t;
	task_live++;
	spin_unlock(&task_list_lock);
	return t;
}

/* Boot: let every thread of a freshly loaded task run. */
void
task_start(struct task *task)
{
	struct thread *t;

	spin_lock(&task->lock);
	for (t = task->threads; t != NULL; t = t->task_next)
		thread_resume_locked(t);
	spin_unlock(&task->lock);
}

static void task_release(struct task *);

/*
 * Stop the task: every thread dies at its next return towards user mode;
 * suspended or blocked ones are woken for that.  A task without threads
 * is released at once.
 */
kern_return_t
task_terminate(struct task *task)
{
	struct thread *t;
	int n;

	if (task == NULL)
		return KERN_INVALID_ARGUMENT;
	spin_lock(&task->lock);
	if (task->dying) {
		spin_unlock(&task->lock);
		return KERN_SUCCESS;
	}
	task->dying = true;
	n = task->nthreads;
	for (t = task->threads; t != NULL; t = t->task_next)
		thread_kick(t);
	spin_unlock(&task->lock);
	if (n == 0)
		task_release(task);
	return KERN_SUCCESS;
}

kern_return_t
task_suspend(struct task *task)
{
	if (task == NULL)
		return KERN_INVALID_ARGUMENT;
	spin_lock(&task->lock);
	task->suspend_count++;
	spin_unlock(&task->lock);
	return KERN_SUCCESS;
}

kern_return_t
task_resume(struct task *task)
{
	struct thread *t;

	if (task == NULL)
		return KERN_INVALID_ARGUMENT;
	spin_lock(&task->lock);
	if (task->suspend_count == 0) {
		spin_unlock(&task->lock);
		return KERN_FAILURE;
	}
	if (--task->suspend_count == 0)
		for (t = task->threads; t != NULL; t = t->task_next)
			thread_wake_if_runnable(t);
	spin_unlock(&task->lock);
	return KERN_SUCCESS;
}

static void
task_unlink(struct task *task)
{
	struct task **pp;

	spin_lock(&task_list_lock);
	for (pp = &task_list; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == task) {
			*pp = task->next;
			break;
		}
	}
	task_live--;
	spin_unlock(&task_list_lock);
}

/* A thread of the task was reaped; the last one takes the task along. */
void
task_thread_gone(struct task *task, struct thread *gone)
{
	struct thread **pp;
	int left;

	spin_lock(&task->lock);
	for (pp = &task->threads; *pp != NULL; pp = &(*pp)->task_next) {
		if (*pp == gone) {
			*pp = gone->task_next;
			break;
		}
	}
	left = --task->nthreads;
	task->dead_user_ticks += gone->user_ticks;
	task->dead_system_ticks += gone->system_ticks;
	spin_unlock(&task->lock);
	if (left == 0)
		task_release(task);
}

static void
task_release(struct task *task)
{
	struct ipc_port *boot, *exc;

	spin_lock(&task->lock);
	if (task->released) {
		spin_unlock(&task->lock);
		return;
	}
	task->released = true;
	task->dying = true;
	boot = task->itk_bootstrap;
	exc = task->itk_exception;
	task->itk_bootstrap = task->itk_exception = NULL;
	spin_unlock(&task->lock);
	kprintf("whorl: task %d (%s) ended\n", task->id, task->name);
	task_unlink(task);
	ipc_port_release_send(boot);
	ipc_port_release_send(exc);
	ipc_kobject_port_destroy(task->itk_self);
	task->itk_self = NULL;
	space_deallocate(task->itk_space);
	task->itk_space = NULL;
	vm_map_deallocate(task->map);
	task->map = NULL;
	machine_task_destroy(&task->md);
	if (task_live == 0)
		kprintf("whorl: no tasks left\n");
	task_deallocate(task);
}

kern_return_t
task_get_special_port(struct task *task, int which, struct ipc_port **port)
{
	if (task == NULL)
		return KERN_INVALID_ARGUMENT;
	spin_lock(&task->lock);
	switch (which) {
	case TASK_KERNEL_PORT:
		*port = task->itk_self != NULL ? ipc_kobject_make_send(
		    task->itk_self) : NULL;
		break;
	case TASK_BOOTSTRAP_PORT:
		*port = ipc_port_copy_send(task->itk_bootstrap);
		break;
	case TASK_EXCEPTION_PORT:
		*port = ipc_port_copy_send(task->itk_exception);
		break;
	default:
		spin_unlock(&task->lock);
		return KERN_INVALID_ARGUMENT;
	}
	spin_unlock(&task->lock);
	return KERN_SUCCESS;
}

/* Consumes the send right port on success. */
kern_return_t
task_set_special_port(struct task *task, int which, struct ipc_port *port)
{
	struct ipc_port **slot, *old;

	if (task == NULL)
		return KERN_INVALID_ARGUMENT;
	if (which == TASK_BOOTSTRAP_PORT)
		slot = &task->itk_bootstrap;
	else if (which == TASK_EXCEPTION_PORT)
		slot = &task->itk_exception;
	else
		return KERN_INVALID_ARGUMENT;
	spin_lock(&task->lock);
	if (task->released) {
		spin_unlock(&task->lock);
		return KERN_INVALID_ARGUMENT;
	}
	old = *slot;
	*slot = port;
	spin_unlock(&task->lock);
	ipc_port_release_send(old);
	return KERN_SUCCESS;
}

kern_return_t
task_set_name(struct task *task, const char *name)
{
	size_t n;

	if (task == NULL)
		return KERN_INVALID_ARGUMENT;
	n = strnlen(name, TASK_NAME_MAX - 1);
	spin_lock(&task->lock);
	memcpy(task->name, name, n);
	task->name[n] = '\0';
	spin_unlock(&task->lock);
	return KERN_SUCCESS;
}

/*
 * task_create: a new task, child of parent, whose bootstrap and exception
 * ports it inherits; with inherit_memory, a copy of parent's memory as
 * each region's inheritance says (vm_map_fork).
 */
kern_return_t
task_create(struct task *parent, boolean_t inherit_memory, struct task **child)
{
	struct task *t;

	if (parent == NULL)
		return KERN_INVALID_ARGUMENT;
	if ((t = task_create_named(parent->name)) == NULL)
		return KERN_RESOURCE_SHORTAGE;
	if (task_limit_inherit(t, parent) != KERN_SUCCESS) {
		task_terminate(t);
		return KERN_RESOURCE_SHORTAGE;
	}
	if (inherit_memory && vm_map_fork(parent->map, t->map) !=
	    KERN_SUCCESS) {
		task_terminate(t);
		return KERN_RESOURCE_SHORTAGE;
	}
	spin_lock(&parent->lock);
	t->itk_bootstrap = ipc_port_copy_send(parent->itk_bootstrap);
	t->itk_exception = ipc_port_copy_send(parent->itk_exception);
	spin_unlock(&parent->lock);
	task_reference(t);		/* the caller's, turned into a port */
	*child = t;
	return KERN_SUCCESS;
}

/*
 * task_threads: send rights to every live thread, as an out-of-line array
 * of ports (kernel form: a kalloc'd array of ipc_port_t).  A thread that
 * thread_terminate has ended is no longer listed, though it may not have
 * been reaped yet, as GNU Mach takes it out of its task at once.
 */
kern_return_t
task_threads(struct task *task, thread_array_t *list,
    mach_msg_type_number_t *count)
{
	struct ipc_port **ports;
	struct thread *t;
	int n, i = 0;

	if (task == NULL)
		return KERN_INVALID_ARGUMENT;
	spin_lock(&task->lock);
	n = task->nthreads;
	spin_unlock(&task->lock);
	if (n == 0) {
		*list = NULL;
		*count = 0;
		return KERN_SUCCESS;
	}
	if ((ports = kzalloc(n * sizeof(*ports))) == NULL)
		return KERN_RESOURCE_SHORTAGE;
	spin_lock(&task->lock);
	for (t = task->threads; t != NULL && i < n; t = t->task_next)
		if (t->state != TH_DEAD && !t->dying && t->ith_self != NULL)
			ports[i++] = ipc_kobject_make_send(t->ith_self);
	spin_unlock(&task->lock);
	*list = (thread_array_t)ports;
	*count = i;
	return KERN_SUCCESS;
}

/* Ticks as a 64-bit time and as the old time_value_t. */
static void
ticks_to_times(uint64_t ticks, rpc_time_value_t *t, time_value64_t *t64)
{
	uint64_t us = ticks * (1000000 / HZ);

	t->seconds = us / 1000000;
	t->microseconds = us % 1000000;
	t64->seconds = us / 1000000;
	t64->nanoseconds = (us % 1000000) * 1000;
}

/* TASK_BASIC_INFO; its times are those of the threads gone. */
static void
task_basic_info(struct task *task, struct task_basic_info *bi)
{
	uint64_t ms = task->created * (1000 / HZ);

	memset(bi, 0, sizeof(*bi));
	spin_lock(&task->lock);
	bi->suspend_count = task->suspend_count;
	ticks_to_times(task->dead_user_ticks, &bi->user_time,
	    &bi->user_time64);
	ticks_to_times(task->dead_system_ticks, &bi->system_time,
	    &bi->system_time64);
	spin_unlock(&task->lock);
	bi->base_priority = PRI_USER;
	bi->virtual_size = vm_map_size(task->map);
	bi->resident_size = task->map->resident * PAGE_SIZE;
	bi->creation_time.seconds = ms / 1000;
	bi->creation_time.microseconds = (ms % 1000) * 1000;
	bi->creation_time64.seconds = ms / 1000;
	bi->creation_time64.nanoseconds = (ms % 1000) * 1000000;
}

/* TASK_THREAD_TIMES_INFO: the live threads' times. */
static void
task_thread_times(struct task *task, struct task_thread_times_info *ti)
{
	uint64_t user = 0, sys = 0;

	memset(ti, 0, sizeof(*ti));
	spin_lock(&task->lock);
	for (struct thread *t = task->threads; t != NULL; t = t->task_next) {
		user += t->user_ticks;
		sys += t->system_ticks;
	}
	spin_unlock(&task->lock);
	ticks_to_times(user, &ti->user_time, &ti->user_time64);
	ticks_to_times(sys, &ti->system_time, &ti->system_time64);
}

/* TASK_EVENTS_INFO; no paging, so reactivations and pageins stay 0. */
static void
task_events(struct task *task, struct task_events_info *ei)
{
	memset(ei, 0, sizeof(*ei));
	ei->faults = __atomic_load_n(&task->events.faults, __ATOMIC_RELAXED);
	ei->zero_fills = __atomic_load_n(&task->events.zero_fills,
	    __ATOMIC_RELAXED);
	ei->cow_faults = __atomic_load_n(&task->events.cow_faults,
	    __ATOMIC_RELAXED);
	ei->messages_sent = __atomic_load_n(&task->events.messages_sent,
	    __ATOMIC_RELAXED);
	ei->messages_received = __atomic_load_n(
	    &task->events.messages_received, __ATOMIC_RELAXED);
}

/*
 * task_info: TASK_BASIC_INFO, TASK_EVENTS_INFO, TASK_THREAD_TIMES_INFO.
 * Returns KERN_INVALID_ARGUMENT for a dead task or another flavour and
 * KERN_FAILURE when *count is too small, as GNU Mach does.
 */
kern_return_t
task_info(struct task *task, int flavor, task_info_t out,
    mach_msg_type_number_t *count)
{
	mach_msg_type_number_t need;

	if (task == NULL || task->released)
		return KERN_INVALID_ARGUMENT;
	if (flavor == TASK_BASIC_INFO)
		need = TASK_BASIC_INFO_COUNT;
	else if (flavor == TASK_EVENTS_INFO)
		need = TASK_EVENTS_INFO_COUNT;
	else if (flavor == TASK_THREAD_TIMES_INFO)
		need = TASK_THREAD_TIMES_INFO_COUNT;
	else
		return KERN_INVALID_ARGUMENT;
	if (*count < need)
		return KERN_FAILURE;
	if (flavor == TASK_BASIC_INFO)
		task_basic_info(task, (struct task_basic_info *)out);
	else if (flavor == TASK_EVENTS_INFO)
		task_events(task, (struct task_events_info *)out);
	else
		task_thread_times(task, (struct task_thread_times_info *)out);
	*count = need;
	return KERN_SUCCESS;
}
