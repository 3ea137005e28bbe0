/*
 * thread.c -- creation, references, suspension and destruction of
 * threads, and the thread RPCs.  The machine layer lays out a new kernel
 * stack (machine/thread.h) so that the first switch into it starts the
 * thread, and converts user register state (thread_get/set_state).
 */
#include "kern/klib.h"
#include "kern/kalloc.h"
#include "kern/task_limit.h"
#include "kern/console.h"
#include "kern/sched.h"
#include "kern/task.h"
#include "vm/vm_page.h"
#include "ipc/ipc_port.h"
#include "ipc/ipc_kobject.h"
#include "machine/pmap.h"
#include "machine/thread.h"
#include <mach/thread_special_ports.h>
#include <mach/thread_info.h>

static struct kmem_cache *thread_cache;

void
thread_init(void)
{
	machine_thread_fpu_init();
	thread_cache = kmem_cache_create("thread", sizeof(struct thread), 16);
}

static void
thread_name_copy(struct thread *t, const char *name)
{
	size_t n = strnlen(name, THREAD_NAME_MAX - 1);

	memcpy(t->name, name, n);
	t->name[n] = '\0';
}

static struct thread *
thread_alloc(const char *name, int pri)
{
	struct thread *t = kmem_cache_alloc(thread_cache);

	if (t == NULL)
		return NULL;
	memset(t, 0, sizeof(*t));
	if ((t->kstack = machine_kstack_alloc(KSTACK_SIZE)) == NULL) {
		kmem_cache_free(thread_cache, t);
		return NULL;
	}
	t->refs = 1;			/* dropped by the reaper */
	t->state = TH_SUSPENDED;
	t->pri = pri;
	t->quantum = QUANTUM_TICKS;
	t->created = sched_ticks();
	thread_name_copy(t, name);
	machine_thread_setup(&t->md);
	return t;
}

/* A kernel thread running fn(arg), suspended until sched_make_runnable. */
struct thread *
thread_create_kernel(const char *name, void (*fn)(void *), void *arg, int pri)
{
	struct thread *t = thread_alloc(name, pri);

	if (t != NULL)
		t->ksp = machine_thread_init_kernel(t->kstack, KSTACK_SIZE, fn,
		    arg);
	return t;
}

/*
 * A user thread of task starting at rip with stack rsp, stopped with a
 * suspend count of one (thread_resume, task_start).
 */
struct thread *
thread_create_user(struct task *task, uint64_t rip, uint64_t rsp)
{
	struct thread *t;

	if (!task_limit_charge(task->ledger, TL_THREADS, 1))
		return NULL;
	if ((t = thread_alloc(task->name, PRI_USER)) == NULL) {
		task_limit_uncharge(task->ledger, TL_THREADS, 1);
		return NULL;
	}
	t->task = task;
	t->suspend_count = 1;
	t->ith_self = ipc_kobject_port_alloc(IKOT_THREAD, t);
	if (t->ith_self == NULL) {
		machine_kstack_free(t->kstack, KSTACK_SIZE);
		kmem_cache_free(thread_cache, t);
		task_limit_uncharge(task->ledger, TL_THREADS, 1);
		return NULL;
	}
	t->ksp = machine_thread_init_user(t->kstack, KSTACK_SIZE, rip, rsp);
	task_reference(task);
	spin_lock(&task->lock);
	t->task_next = task->threads;
	task->threads = t;
	task->nthreads++;
	spin_unlock(&task->lock);
	return t;
}

void
thread_reference(struct thread *t)
{
	__atomic_add_fetch(&t->refs, 1, __ATOMIC_RELAXED);
}

void
thread_deallocate(struct thread *t)
{
	if (t != NULL && __atomic_sub_fetch(&t->refs, 1, __ATOMIC_ACQ_REL) == 0)
		kmem_cache_free(thread_cache, t);
}

/* Release a dead thread: called by the reaper, never by the thread itself. */
void
thread_free(struct thread *t)
{
	struct task *task = t->task;

	machine_kstack_free(t->kstack, KSTACK_SIZE);
	t->kstack = NULL;
	if (t->ith_self != NULL)
		ipc_kobject_port_destroy(t->ith_self);
	t->ith_self = NULL;
	ipc_port_release_send(t->ith_exception);
	if (task != NULL) {
		task_limit_uncharge(task->ledger, TL_THREADS, 1);
		task_thread_gone(task, t);
		task_deallocate(task);
	}
	thread_deallocate(t);
}

/* Must t stop (suspended) at its return towards user mode? */
bool
thread_should_stop(struct thread *t)
{
	return t->task != NULL && !t->dying && !t->task->dying &&
	    (t->suspend_count > 0 || t->task->suspend_count > 0);
}

/* Wake t so that it reaches its return to user mode.  Task locked. */
void
thread_kick(struct thread *t)
{
	if (t->state == TH_SUSPENDED)
		sched_make_runnable(t);
	else if (t->state == TH_WAIT)
		thread_wakeup(t, THREAD_INTERRUPTED);
}

/* Let a stopped thread run if nothing holds it any more.  Task locked. */
void
thread_wake_if_runnable(struct thread *t)
{
	if (t->state == TH_SUSPENDED && !thread_should_stop(t))
		sched_make_runnable(t);
}

void
thread_resume_locked(struct thread *t)
{
	if (t->suspend_count > 0)
		t->suspend_count--;
	thread_wake_if_runnable(t);
}

kern_return_t
thread_create(struct task *task, struct thread **child)
{
	struct thread *t;

	if (task == NULL)
		return KERN_INVALID_ARGUMENT;
	if (task->dying)
		return KERN_INVALID_TASK;
	if ((t = thread_create_user(task, 0, 0)) == NULL)
		return KERN_RESOURCE_SHORTAGE;
	thread_reference(t);		/* the caller's, turned into a port */
	*child = t;
	return KERN_SUCCESS;
}

kern_return_t
thread_terminate(struct thread *t)
{
	if (t == NULL || t->task == NULL)
		return KERN_INVALID_ARGUMENT;
	spin_lock(&t->task->lock);
	t->dying = true;
	thread_kick(t);
	spin_unlock(&t->task->lock);
	return KERN_SUCCESS;
}

kern_return_t
thread_suspend(struct thread *t)
{
	if (t == NULL || t->task == NULL)
		return KERN_INVALID_ARGUMENT;
	spin_lock(&t->task->lock);
	t->suspend_count++;
	spin_unlock(&t->task->lock);
	return KERN_SUCCESS;
}

kern_return_t
thread_resume(struct thread *t)
{
	kern_return_t kr = KERN_SUCCESS;

	if (t == NULL || t->task == NULL)
		return KERN_INVALID_ARGUMENT;
	spin_lock(&t->task->lock);
	if (t->suspend_count == 0)
		kr = KERN_FAILURE;
	else
		thread_resume_locked(t);
	spin_unlock(&t->task->lock);
	return kr;
}

/* Interrupt a blocking receive or send (MACH_RCV_INTERRUPTED). */
kern_return_t
thread_abort(struct thread *t)
{
	if (t == NULL || t->task == NULL)
		return KERN_INVALID_ARGUMENT;
	if (t->state == TH_WAIT)
		thread_wakeup(t, THREAD_INTERRUPTED);
	return KERN_SUCCESS;
}

kern_return_t
thread_get_state(struct thread *t, int flavor, natural_t *state,
    mach_msg_type_number_t *count)
{
	if (t == NULL || t->task == NULL)
		return KERN_INVALID_ARGUMENT;
	return machine_thread_get_state(t->kstack, KSTACK_SIZE, &t->md,
	    flavor, state, count);
}

/* New user state; a thread blocked in the kernel is interrupted first. */
kern_return_t
thread_set_state(struct thread *t, int flavor, const natural_t *state,
    mach_msg_type_number_t count)
{
	kern_return_t kr;

	if (t == NULL || t->task == NULL)
		return KERN_INVALID_ARGUMENT;
	kr = machine_thread_set_state(t->kstack, KSTACK_SIZE, &t->md, flavor,
	    state, count);
	if (kr == KERN_SUCCESS && t != current_thread())
		thread_abort(t);
	return kr;
}

/*
 * thread_set_name (gnumach.defs): a name for the kernel's messages about
 * the thread.  The RPC was answered by MIG's default stub until now,
 * because the helper of the same name was static.
 */
kern_return_t
thread_set_name(struct thread *t, const char *name)
{
	if (t == NULL || t->task == NULL)
		return KERN_INVALID_ARGUMENT;
	spin_lock(&t->task->lock);
	thread_name_copy(t, name);
	spin_unlock(&t->task->lock);
	return KERN_SUCCESS;
}

kern_return_t
thread_get_special_port(struct thread *t, int which, struct ipc_port **port)
{
	if (t == NULL || t->task == NULL)
		return KERN_INVALID_ARGUMENT;
	if (which == THREAD_KERNEL_PORT)
		*port = ipc_kobject_make_send(t->ith_self);
	else if (which == THREAD_EXCEPTION_PORT)
		*port = ipc_port_copy_send(t->ith_exception);
	else
		return KERN_INVALID_ARGUMENT;
	return KERN_SUCCESS;
}

kern_return_t
thread_set_special_port(struct thread *t, int which, struct ipc_port *port)
{
	struct ipc_port *old;

	if (t == NULL || t->task == NULL || which != THREAD_EXCEPTION_PORT)
		return KERN_INVALID_ARGUMENT;
	spin_lock(&t->task->lock);
	old = t->ith_exception;
	t->ith_exception = port;
	spin_unlock(&t->task->lock);
	ipc_port_release_send(old);
	return KERN_SUCCESS;
}

kern_return_t
thread_info(struct thread *t, int flavor, thread_info_t out,
    mach_msg_type_number_t *count)
{
	struct thread_basic_info *bi = (void *)out;

	if (t == NULL || t->task == NULL)
		return KERN_INVALID_ARGUMENT;
	if (flavor != THREAD_BASIC_INFO)
		return KERN_INVALID_ARGUMENT;
	if (*count < THREAD_BASIC_INFO_COUNT)
		return KERN_FAILURE;
	memset(bi, 0, sizeof(*bi));
	bi->base_priority = t->pri;
	bi->cur_priority = t->pri;
	bi->run_state = t->state == TH_RUNNABLE ? TH_STATE_RUNNING :
	    t->state == TH_WAIT ? TH_STATE_WAITING : TH_STATE_STOPPED;
	bi->suspend_count = t->suspend_count;
	*count = THREAD_BASIC_INFO_COUNT;
	return KERN_SUCCESS;
}
