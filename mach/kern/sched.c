/*
 * sched.c -- priority scheduling with timer preemption.  32 FIFO run
 * queues with a bitmap; the clock tick takes away the processor when the
 * quantum is spent or a better thread waits.  Threads are switched with
 * interrupts disabled and sched_lock held; the thread that resumes releases
 * it (sched_thread_started for brand-new threads).  Dead threads are freed
 * by the next thread to run, since nobody can free the stack it stands on.
 */
#include "kern/klib.h"
#include "kern/lock.h"
#include "kern/console.h"
#include "kern/sched.h"
#include "kern/task.h"
#include "vm/vm_map.h"
#include "machine/cpu.h"
#include "machine/frame.h"
#include "machine/pmap.h"
#include "machine/console.h"
#include "machine/task.h"

static struct spinlock sched_lock = SPINLOCK_INIT;
static struct {
	struct thread	*head, *tail;
} runq[NRQS];				/* [s] */
static uint32_t runq_bits;		/* [s] bit p set: runq[p] not empty */
static struct thread *reap_list;	/* [s] */
static struct thread *timed_waiters;	/* [s] threads with a deadline */

uint64_t
sched_ticks(void)
{
	return cpu_self()->ticks;
}

static void
runq_put(struct thread *t)
{
	t->rq_next = NULL;
	if (runq[t->pri].tail != NULL)
		runq[t->pri].tail->rq_next = t;
	else
		runq[t->pri].head = t;
	runq[t->pri].tail = t;
	runq_bits |= 1u << t->pri;
}

static struct thread *
runq_take(void)
{
	struct thread *t;
	int p;

	if (runq_bits == 0)
		return NULL;
	p = __builtin_ctz(runq_bits);
	t = runq[p].head;
	runq[p].head = t->rq_next;
	if (runq[p].head == NULL) {
		runq[p].tail = NULL;
		runq_bits &= ~(1u << p);
	}
	return t;
}

/*
 * The thread to run next: the one handed the processor (thread_handoff),
 * on what is left of prev's quantum, unless that is spent or the queues
 * hold a better thread; otherwise the head of the best queue.  Locked.
 */
static struct thread *
sched_pick(struct cpu *cpu, struct thread *prev)
{
	struct thread *next = cpu->handoff;

	if (next != NULL) {
		cpu->handoff = NULL;
		if (prev->quantum > 0 && (runq_bits == 0 ||
		    (int)__builtin_ctz(runq_bits) >= next->pri)) {
			next->quantum = prev->quantum;
			return next;
		}
		runq_put(next);
	}
	next = runq_take();
	if (next == NULL)
		return cpu->idle;
	next->quantum = QUANTUM_TICKS;
	return next;
}

/* Give the processor to the best runnable thread.  Locked, interrupts off. */
static void
sched_switch(void)
{
	struct cpu *cpu = cpu_self();
	struct thread *prev = cpu->current, *next;

	if (prev->state == TH_RUNNABLE && prev != cpu->idle)
		runq_put(prev);
	next = sched_pick(cpu, prev);
	cpu->need_resched = false;
	if (next == prev)
		return;
	if (prev->state == TH_DEAD) {
		prev->rq_next = reap_list;
		reap_list = prev;
	}
	cpu->current = next;
	if (next->task != NULL)
		pmap_activate(&next->task->map->pmap);
	if (next->task != prev->task)
		machine_task_switch(next->task != NULL ? &next->task->md :
		    NULL);
	cpu_set_kstack((uint64_t)next->kstack + KSTACK_SIZE);
	machine_thread_switch(&prev->md, &next->md);
	context_switch(&prev->ksp, next->ksp);
}

/* Free the threads that died before this one got the processor. Locked. */
static void
sched_reap(void)
{
	struct thread *t;

	while ((t = reap_list) != NULL) {
		reap_list = t->rq_next;
		spin_unlock(&sched_lock);
		thread_free(t);
		spin_lock(&sched_lock);
	}
}

/* First code of every new thread, reached from its initial switch frame. */
void
sched_thread_started(void)
{
	sched_reap();
	spin_unlock(&sched_lock);
}

void
sched_yield(void)
{
	uint64_t flags = intr_disable();

	spin_lock(&sched_lock);
	sched_switch();
	sched_reap();
	spin_unlock(&sched_lock);
	intr_restore(flags);
}

void
sched_make_runnable(struct thread *t)
{
	uint64_t flags = intr_disable();

	spin_lock(&sched_lock);
	if (t->state == TH_SUSPENDED) {
		t->state = TH_RUNNABLE;
		runq_put(t);
		if (t->pri < cpu_self()->current->pri)
			cpu_self()->need_resched = true;
	}
	spin_unlock(&sched_lock);
	intr_restore(flags);
}

/* Take a thread that is not running off the processor's queues. */
void
sched_suspend(struct thread *t)
{
	uint64_t flags = intr_disable();
	struct thread **pp;

	spin_lock(&sched_lock);
	if (cpu_self()->handoff == t)
		cpu_self()->handoff = NULL;
	for (pp = &runq[t->pri].head; *pp != NULL; pp = &(*pp)->rq_next) {
		if (*pp == t) {
			*pp = t->rq_next;
			break;
		}
	}
	runq[t->pri].tail = NULL;
	for (struct thread *u = runq[t->pri].head; u != NULL; u = u->rq_next)
		runq[t->pri].tail = u;
	if (runq[t->pri].head == NULL)
		runq_bits &= ~(1u << t->pri);
	t->state = TH_SUSPENDED;
	spin_unlock(&sched_lock);
	intr_restore(flags);
}

void
thread_exit(void)
{
	struct thread *self;

	intr_disable();
	spin_lock(&sched_lock);
	self = cpu_self()->current;
	self->state = TH_DEAD;
	sched_switch();
	panic("thread_exit: dead thread %s resumed", self->name);
}

/*
 * Block the current thread until thread_wakeup, or until timeout_ms have
 * passed (0: no timeout).  The caller holds `held' (the lock of the object
 * it waits on, with itself recorded there); it is released only once the
 * thread is marked waiting, so a wakeup cannot be lost.  Returns
 * THREAD_AWAKENED, THREAD_TIMED_OUT or THREAD_INTERRUPTED; `held' is not
 * held on return.
 */
int
thread_block(struct spinlock *held, uint64_t timeout_ms)
{
	uint64_t flags = intr_disable();
	struct thread *self;

	spin_lock(&sched_lock);
	self = cpu_self()->current;
	self->state = TH_WAIT;
	self->wait_result = THREAD_AWAKENED;
	self->wait_deadline = 0;
	if (timeout_ms != 0) {
		self->wait_deadline = cpu_self()->ticks +
		    (timeout_ms * HZ + 999) / 1000 + 1;
		self->timer_next = timed_waiters;
		timed_waiters = self;
	}
	if (held != NULL)
		spin_unlock(held);
	sched_switch();
	sched_reap();
	spin_unlock(&sched_lock);
	intr_restore(flags);
	return self->wait_result;
}

static void
timer_unlink(struct thread *t)
{
	struct thread **pp;

	for (pp = &timed_waiters; *pp != NULL; pp = &(*pp)->timer_next) {
		if (*pp == t) {
			*pp = t->timer_next;
			break;
		}
	}
}

/* Make t runnable on a queue, asking for a switch if it is better. */
static void
sched_enqueue(struct thread *t)
{
	runq_put(t);
	if (t->pri < cpu_self()->current->pri)
		cpu_self()->need_resched = true;
}

/*
 * Wake t if it is blocked: sched lock held.  A claimed wait (see
 * thread_claim_wait) ends only with THREAD_AWAKENED, from its claimer.
 */
static bool
sched_wake_locked(struct thread *t, int result)
{
	if (t->state != TH_WAIT ||
	    (t->wait_claimed && result != THREAD_AWAKENED))
		return false;
	t->wait_claimed = false;
	if (t->wait_deadline != 0)
		timer_unlink(t);
	t->wait_deadline = 0;
	t->wait_result = result;
	t->state = TH_RUNNABLE;
	sched_enqueue(t);
	return true;
}

/* Wake a blocked thread with the given result; false if it was not. */
bool
thread_wakeup(struct thread *t, int result)
{
	uint64_t flags = intr_disable();
	bool woke;

	spin_lock(&sched_lock);
	woke = sched_wake_locked(t, result);
	spin_unlock(&sched_lock);
	intr_restore(flags);
	return woke;
}

/*
 * End the wait t's claimer took over (thread_claim_wait) and hand t this
 * processor: it runs as soon as the caller blocks, without a pass through
 * the run queues.  If the caller returns to user mode instead, t goes on
 * a queue then (sched_return_to_user).  A second handoff before that
 * queues the first.
 */
void
thread_handoff(struct thread *t)
{
	uint64_t flags = intr_disable();
	struct cpu *cpu = cpu_self();

	ASSERT_ONE_CPU();	/* the woken thread waits in this CPU's slot */
	spin_lock(&sched_lock);
	if (t->state != TH_WAIT) {		/* nothing else ends a claim */
		spin_unlock(&sched_lock);
		intr_restore(flags);
		return;
	}
	t->wait_claimed = false;
	t->wait_result = THREAD_AWAKENED;
	t->state = TH_RUNNABLE;
	if (cpu->handoff != NULL)
		sched_enqueue(cpu->handoff);
	cpu->handoff = t;
	spin_unlock(&sched_lock);
	intr_restore(flags);
}

/* The caller goes back to user mode: its handoff waits on a queue. */
static void
sched_handoff_cancel(struct cpu *cpu)
{
	spin_lock(&sched_lock);
	if (cpu->handoff != NULL) {
		sched_enqueue(cpu->handoff);
		cpu->handoff = NULL;
	}
	spin_unlock(&sched_lock);
}

/*
 * Take over a blocked thread's wait: no timeout or interruption can end
 * it now, only the claimer's thread_wakeup.  False if t is not blocked.
 */
bool
thread_claim_wait(struct thread *t)
{
	uint64_t flags = intr_disable();
	bool ok = false;

	spin_lock(&sched_lock);
	if (t->state == TH_WAIT && !t->wait_claimed) {
		if (t->wait_deadline != 0)
			timer_unlink(t);
		t->wait_deadline = 0;
		t->wait_claimed = true;
		ok = true;
	}
	spin_unlock(&sched_lock);
	intr_restore(flags);
	return ok;
}

static void
sched_expire_timeouts(uint64_t now)
{
	struct thread *t, *next;

	spin_lock(&sched_lock);
	for (t = timed_waiters; t != NULL; t = next) {
		next = t->timer_next;
		if (t->wait_deadline <= now)
			sched_wake_locked(t, THREAD_TIMED_OUT);
	}
	spin_unlock(&sched_lock);
}

/* Threads running or ready to run, for the load average.  Interrupts off. */
uint32_t
sched_runnable_count(void)
{
	struct cpu *cpu = cpu_self();
	uint32_t n = cpu->current != cpu->idle;

	spin_lock(&sched_lock);
	for (int p = 0; p < NRQS; p++)
		for (struct thread *t = runq[p].head; t != NULL; t = t->rq_next)
			n += t != cpu->idle;
	spin_unlock(&sched_lock);
	return n;
}

/* Timer interrupt, interrupts off. */
void
sched_clock_tick(void)
{
	struct cpu *cpu = cpu_self();
	struct thread *t = cpu->current;

	cpu->ticks++;
	if (timed_waiters != NULL)
		sched_expire_timeouts(cpu->ticks);
	if (t == cpu->idle) {
		if (runq_bits != 0)
			cpu->need_resched = true;
		return;
	}
	if (--t->quantum <= 0 ||
	    (runq_bits != 0 && (int)__builtin_ctz(runq_bits) < t->pri))
		cpu->need_resched = true;
}

/*
 * Stop the current thread while it is suspended.  The task lock is held
 * from the check until the thread is marked stopped, so a resume (which
 * takes it too) cannot slip between and be lost.
 */
static void
sched_stop_self(struct thread *t)
{
	uint64_t flags = intr_disable();

	spin_lock(&t->task->lock);
	if (!thread_should_stop(t)) {
		spin_unlock(&t->task->lock);
		intr_restore(flags);
		return;
	}
	spin_lock(&sched_lock);
	t->state = TH_SUSPENDED;
	spin_unlock(&t->task->lock);
	sched_switch();
	sched_reap();
	spin_unlock(&sched_lock);
	intr_restore(flags);
}

/* Something is pending at a return to user mode: see to it. */
static __attribute__((noinline)) void
sched_return_to_user_slow(struct cpu *cpu, struct thread *t)
{
	struct task *task = t->task;

	for (;;) {
		if (cpu->handoff != NULL)
			sched_handoff_cancel(cpu);
		if (task != NULL && (task->dying || t->dying))
			thread_exit();
		if (task != NULL && (t->suspend_count > 0 ||
		    task->suspend_count > 0) && thread_should_stop(t)) {
			sched_stop_self(t);
			continue;
		}
		if (!cpu->need_resched)
			return;
		sched_yield();
	}
}

/*
 * Last step before any return to user mode, interrupts off.  The common
 * case (nothing pending) only reads a few fields.
 */
void
sched_return_to_user(void)
{
	struct cpu *cpu = cpu_self();
	struct thread *t = cpu->current;
	struct task *task = t->task;

	if (cpu->handoff == NULL && !cpu->need_resched && task != NULL &&
	    !task->dying && !t->dying && t->suspend_count <= 0 &&
	    task->suspend_count <= 0)
		return;
	sched_return_to_user_slow(cpu, t);
}

static void
sched_idle(void *arg)
{
	(void)arg;
	for (;;) {
		intr_disable();
		if (runq_bits != 0)
			sched_yield();
		else
			cpu_idle_wait();
	}
}

void
sched_init(void)
{
	struct cpu *cpu = cpu_self();
	static struct thread boot_thread;

	memcpy(boot_thread.name, "boot", 5);
	boot_thread.state = TH_RUNNABLE;
	boot_thread.pri = 0;
	cpu->current = &boot_thread;
	cpu->idle = thread_create_kernel("idle", sched_idle, NULL, PRI_IDLE);
	if (cpu->idle == NULL)
		panic("sched: no idle thread");
	cpu->idle->state = TH_RUNNABLE;		/* never on a queue */
}

/* The boot thread steps aside for good: the queues take over. */
void
sched_start(void)
{
	intr_disable();
	spin_lock(&sched_lock);
	cpu_self()->current->state = TH_SUSPENDED;
	sched_switch();
	panic("sched_start: boot thread resumed");
}
