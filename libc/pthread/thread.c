/*
 * thread.c -- thread life: pthread_create over thread_create, a stack of
 * vm_allocate'd memory above a guard page and a TLS block of its own
 * (whorl/tls.h); pthread_exit, pthread_join, pthread_detach and the
 * reaping of exited threads.
 *
 * A thread cannot free the stack it runs on, so an exiting thread only
 * publishes its result and suspends itself.  Whoever reaps it (its
 * joiner, or for a detached thread the next pthread_create or
 * pthread_join) terminates the Mach thread and frees the stack, the TLS
 * block and the descriptor.  On one CPU a suspended or preempted thread
 * never returns to user mode once terminated, so freeing its memory at
 * once is safe.
 */
#include <errno.h>
#include <stdlib.h>
#include <mach/mach.h>
#include <mach/mach_port.h>
#include <mach/mach_traps.h>
#include <mach/mig_support.h>
#include <whorl/tls.h>
#include "pthread_internal.h"

#define PAGE_ROUND(x)	(((x) + 4095) & ~(vm_size_t)4095)

/*
 * A program that makes threads needs newlib's locks to be newlib_lock.c's,
 * not the single-threaded dummies in newlib's libc.a, which the linker
 * would otherwise take as it searches libc.a for malloc's needs.  Naming
 * one of them here links newlib_lock.o with thread.o, from libwhorl.a,
 * before libc.a is searched.
 */
extern struct __lock __lock___malloc_recursive_mutex;
__attribute__((used)) static const void *const thread_needs_locks =
    &__lock___malloc_recursive_mutex;

static struct __pthread main_thread;	/* the thread that ran main() */
static unsigned int live_threads = 1;	/* [a] not yet exited */
/*
 * Detached threads that have exited, pushed and taken without a lock: a
 * retiring thread may be reaped the moment it is on the list, so it must
 * hold nothing by then (a lock it still held would never be woken).
 */
static struct __pthread *zombies;	/* [a] */

/*
 * A descriptor for a thread pthread_create did not make: the first one to
 * ask is the main thread; any later one (a thread libc made with Mach
 * calls) gets one from malloc, or the main thread's if malloc fails.
 */
static pthread_t
thread_adopt(struct __whorl_tcb *tcb)
{
	static unsigned int main_claimed;	/* [a] */
	struct __pthread *t = &main_thread;

	if (__atomic_exchange_n(&main_claimed, 1, __ATOMIC_ACQ_REL) != 0 &&
	    (t = calloc(1, sizeof(*t))) == NULL)
		return &main_thread;
	t->tp = tcb;
	t->kthread = mach_thread_self();
	t->state = t == &main_thread ? PT_JOINABLE : PT_DETACHED;
	tcb->pthread = t;
	return t;
}

pthread_t
pthread_self(void)
{
	struct __whorl_tcb *tcb = __whorl_tcb_self();

	if (tcb->pthread == NULL)
		return thread_adopt(tcb);
	return tcb->pthread;
}

int
pthread_equal(pthread_t a, pthread_t b)
{
	return a == b;
}

/* Free what an exited (or never started) thread t held. */
static void
thread_reap(pthread_t t)
{
	mach_port_t task = _pthread_task();

	(void)thread_terminate(t->kthread);
	(void)mach_port_deallocate(task, t->kthread);
	if (t->reply_port != MACH_PORT_NULL)
		(void)mach_port_mod_refs(task, t->reply_port,
		    MACH_PORT_RIGHT_RECEIVE, -1);
	if (t->stack != 0) {
		__whorl_tls_free(t->tp);
		(void)vm_deallocate(task, t->stack, t->stack_size);
	}
	if (t != &main_thread)
		free(t);
}

/* Reap every detached thread that has exited. */
void
_pthread_reap_zombies(void)
{
	struct __pthread *list, *next;

	if (__atomic_load_n(&zombies, __ATOMIC_RELAXED) == NULL)
		return;
	list = __atomic_exchange_n(&zombies, NULL, __ATOMIC_ACQUIRE);
	for (; list != NULL; list = next) {
		next = list->next_zombie;
		thread_reap(list);
	}
}

/*
 * The end of every thread but the last: say it has exited (waking a
 * joiner) or, detached, queue it for reaping; then stop for good.  Its
 * MIG reply port lives in its TLS, out of the reaper's reach, so it is
 * named in the descriptor for the reaper to destroy.
 */
static void __attribute__((noreturn))
thread_retire(pthread_t self)
{
	unsigned int s = PT_JOINABLE;

	self->reply_port = mig_get_reply_port();
	if (__atomic_compare_exchange_n(&self->state, &s, PT_EXITED, 0,
	    __ATOMIC_RELEASE, __ATOMIC_ACQUIRE)) {
		_pthread_word_wake(&self->state, 1);
	} else {
		self->next_zombie = __atomic_load_n(&zombies, __ATOMIC_RELAXED);
		while (!__atomic_compare_exchange_n(&zombies,
		    &self->next_zombie, self, 1, __ATOMIC_RELEASE,
		    __ATOMIC_RELAXED))
			;
	}
	for (;;)
		(void)thread_suspend(self->kthread);
}

void
pthread_exit(void *result)
{
	pthread_t self = pthread_self();

	_pthread_keys_run_destructors(self);
	self->result = result;
	if (__atomic_sub_fetch(&live_threads, 1, __ATOMIC_ACQ_REL) == 0)
		exit(0);
	thread_retire(self);
}

/* Where a new thread starts, on its own stack with its TLS in place. */
static void __attribute__((noreturn))
thread_entry(void *arg)
{
	pthread_t self = arg;

	pthread_exit(self->start(self->arg));
}

/* A stack for t as attr asks, with a guard page (or more) below it. */
static int
thread_stack_alloc(pthread_t t, const pthread_attr_t *attr)
{
	mach_port_t task = _pthread_task();
	vm_size_t guard = PAGE_ROUND(attr->__guardsize);
	vm_address_t addr = 0;

	t->stack_size = guard + PAGE_ROUND(attr->__stacksize);
	if (vm_allocate(task, &addr, t->stack_size, TRUE) != KERN_SUCCESS)
		return EAGAIN;
	if (guard != 0 && vm_protect(task, addr, guard, FALSE, VM_PROT_NONE) !=
	    KERN_SUCCESS) {
		(void)vm_deallocate(task, addr, t->stack_size);
		return EAGAIN;
	}
	t->stack = addr;
	return 0;
}

/*
 * Make t's Mach thread, aimed at thread_entry(t) on its stack with its
 * thread pointer in the fs base, and let it run.
 */
static int
thread_start(pthread_t t)
{
	if (thread_create(_pthread_task(), &t->kthread) != KERN_SUCCESS)
		return EAGAIN;
	__atomic_add_fetch(&live_threads, 1, __ATOMIC_RELAXED);
	if (__whorl_thread_aim(t->kthread, thread_entry, t,
	    t->stack + t->stack_size, t->tp) != KERN_SUCCESS ||
	    thread_resume(t->kthread) != KERN_SUCCESS) {
		__atomic_sub_fetch(&live_threads, 1, __ATOMIC_RELAXED);
		(void)thread_terminate(t->kthread);
		(void)mach_port_deallocate(_pthread_task(), t->kthread);
		return EAGAIN;
	}
	return 0;
}

int
pthread_create(pthread_t *thread, const pthread_attr_t *attr,
    void *(*start)(void *), void *arg)
{
	pthread_attr_t defaults;
	struct __pthread *t;
	int error;

	if (attr == NULL) {
		(void)pthread_attr_init(&defaults);
		attr = &defaults;
	}
	if (start == NULL || attr->__stacksize < PTHREAD_STACK_MIN)
		return EINVAL;
	(void)pthread_self();	/* the main thread's descriptor, first */
	_pthread_reap_zombies();
	if ((t = calloc(1, sizeof(*t))) == NULL)
		return EAGAIN;
	t->start = start;
	t->arg = arg;
	t->state = attr->__detachstate == PTHREAD_CREATE_DETACHED ?
	    PT_DETACHED : PT_JOINABLE;
	if ((error = thread_stack_alloc(t, attr)) != 0)
		goto free_desc;
	error = EAGAIN;
	if ((t->tp = __whorl_tls_alloc()) == NULL)
		goto free_stack;
	((struct __whorl_tcb *)t->tp)->pthread = t;
	*thread = t;
	if ((error = thread_start(t)) != 0)
		goto free_tls;
	return 0;

free_tls:
	__whorl_tls_free(t->tp);
free_stack:
	(void)vm_deallocate(_pthread_task(), t->stack, t->stack_size);
free_desc:
	free(t);
	return error;
}

int
pthread_join(pthread_t t, void **result)
{
	pthread_t self = pthread_self();
	pthread_t none = NULL;
	unsigned int s;

	if (t == self)
		return EDEADLK;
	if (!__atomic_compare_exchange_n(&t->joiner, &none, self, 0,
	    __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
		return EINVAL;		/* someone else joins it */
	while ((s = __atomic_load_n(&t->state, __ATOMIC_ACQUIRE)) !=
	    PT_EXITED) {
		if (s == PT_DETACHED) {
			__atomic_store_n(&t->joiner, NULL, __ATOMIC_RELEASE);
			return EINVAL;
		}
		(void)_pthread_word_wait(&t->state, s, CLOCK_REALTIME, NULL);
	}
	if (result != NULL)
		*result = t->result;
	thread_reap(t);
	_pthread_reap_zombies();
	return 0;
}

int
pthread_detach(pthread_t t)
{
	unsigned int s = PT_JOINABLE;

	if (__atomic_compare_exchange_n(&t->state, &s, PT_DETACHED, 0,
	    __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return 0;
	if (s == PT_EXITED) {
		thread_reap(t);
		return 0;
	}
	return EINVAL;
}
