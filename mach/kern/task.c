/*
 * task.c -- tasks: creation with an empty address space, resumption of
 * their threads, termination.  A task's memory is released when its last
 * thread has been reaped.  Called by boot (kern/bootstrap.c), exceptions
 * and, with the IPC issue, the task_* RPCs.
 */
#include "kern/klib.h"
#include "kern/kalloc.h"
#include "kern/lock.h"
#include "kern/console.h"
#include "kern/cmdline.h"
#include "kern/sched.h"
#include "kern/task.h"
#include "vm/vm_map.h"
#include "ipc/ipc_space.h"
#include "ipc/ipc_kobject.h"
#include "machine/cpu.h"

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

struct task *
task_create(const char *name)
{
	struct task *t = kmem_cache_alloc(task_cache);
	size_t n;

	if (t == NULL)
		return NULL;
	memset(t, 0, sizeof(*t));
	t->map = vm_map_create();
	t->itk_space = ipc_space_create();
	t->itk_self = ipc_kobject_port_alloc(IKOT_TASK, t);
	if (t->map == NULL || t->itk_space == NULL || t->itk_self == NULL) {
		if (t->map != NULL)
			vm_map_destroy(t->map);
		if (t->itk_space != NULL)
			ipc_space_destroy(t->itk_space);
		if (t->itk_self != NULL)
			ipc_kobject_port_destroy(t->itk_self);
		kmem_cache_free(task_cache, t);
		return NULL;
	}
	n = strnlen(name, TASK_NAME_MAX - 1);
	memcpy(t->name, name, n);
	t->name[n] = '\0';
	spin_lock(&task_list_lock);
	t->id = task_next_id++;
	t->next = task_list;
	task_list = t;
	task_live++;
	spin_unlock(&task_list_lock);
	return t;
}

/* Make every suspended thread of the task runnable. */
void
task_resume(struct task *task)
{
	struct thread *t;

	spin_lock(&task->lock);
	for (t = task->threads; t != NULL; t = t->task_next)
		if (t->state == TH_SUSPENDED && !task->dying)
			sched_make_runnable(t);
	spin_unlock(&task->lock);
}

static void task_release(struct task *);

/*
 * Stop the task: every thread dies at its next return towards user mode
 * (sched_return_to_user); suspended ones are woken for that.  A task that
 * never had a thread is released at once.
 */
void
task_terminate(struct task *task)
{
	struct thread *t;
	int n;

	spin_lock(&task->lock);
	task->dying = true;
	n = task->nthreads;
	for (t = task->threads; t != NULL; t = t->task_next) {
		if (t->state == TH_SUSPENDED)
			sched_make_runnable(t);
		else if (t->state == TH_WAIT)
			thread_wakeup(t, THREAD_INTERRUPTED);
	}
	spin_unlock(&task->lock);
	if (n == 0)
		task_release(task);
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
	spin_unlock(&task->lock);
	if (left == 0)
		task_release(task);
}

static void
task_release(struct task *task)
{
	kprintf("whorl: task %d (%s) ended\n", task->id, task->name);
	task_unlink(task);
	ipc_kobject_port_destroy(task->itk_self);
	ipc_space_destroy(task->itk_space);
	vm_map_destroy(task->map);
	kmem_cache_free(task_cache, task);
	if (task_live == 0)
		kprintf("whorl: no tasks left\n");
}
