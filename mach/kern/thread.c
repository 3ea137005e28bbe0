/*
 * thread.c -- creation and destruction of threads.  The machine layer
 * lays out a new kernel stack (machine/thread.h) so that the first switch
 * into it starts the thread.  Called by the scheduler, tasks and boot.
 */
#include "kern/klib.h"
#include "kern/kalloc.h"
#include "kern/console.h"
#include "kern/sched.h"
#include "kern/task.h"
#include "vm/vm_page.h"
#include "machine/pmap.h"
#include "machine/thread.h"

static struct kmem_cache *thread_cache;

void
thread_init(void)
{
	machine_thread_fpu_init();
	thread_cache = kmem_cache_create("thread", sizeof(struct thread), 16);
}

static void
thread_set_name(struct thread *t, const char *name)
{
	size_t n = strnlen(name, THREAD_NAME_MAX - 1);

	memcpy(t->name, name, n);
	t->name[n] = '\0';
}

static struct thread *
thread_alloc(const char *name, int pri)
{
	struct thread *t = kmem_cache_alloc(thread_cache);
	uint64_t pa;

	if (t == NULL)
		return NULL;
	memset(t, 0, sizeof(*t));
	if (vm_page_alloc_contig(KSTACK_SIZE / PAGE_SIZE, &pa) != 0) {
		kmem_cache_free(thread_cache, t);
		return NULL;
	}
	t->kstack = phys_to_virt(pa);
	t->state = TH_SUSPENDED;
	t->pri = pri;
	t->quantum = QUANTUM_TICKS;
	thread_set_name(t, name);
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

/* A user thread of task starting at rip with stack rsp, suspended. */
struct thread *
thread_create_user(struct task *task, uint64_t rip, uint64_t rsp)
{
	struct thread *t = thread_alloc(task->name, PRI_USER);

	if (t == NULL)
		return NULL;
	t->task = task;
	t->ksp = machine_thread_init_user(t->kstack, KSTACK_SIZE, rip, rsp);
	spin_lock(&task->lock);
	t->task_next = task->threads;
	task->threads = t;
	task->nthreads++;
	spin_unlock(&task->lock);
	return t;
}

/* Release a dead thread: called by the reaper, never by the thread itself. */
void
thread_free(struct thread *t)
{
	struct task *task = t->task;

	vm_page_free_contig(virt_to_phys(t->kstack), KSTACK_SIZE / PAGE_SIZE);
	if (task != NULL)
		task_thread_gone(task, t);
	kmem_cache_free(thread_cache, t);
}
