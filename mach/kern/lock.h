/*
 * lock.h -- spin locks for kernel objects shared between CPUs.  Generic code
 * takes spin_lock/spin_unlock and masks interrupts itself (intr_disable)
 * around data an interrupt handler touches.
 * Under HOST_TEST (unit tests) they compile to nothing.
 */
#ifndef KERN_LOCK_H
#define KERN_LOCK_H

#include "kern/klib.h"

struct spinlock {
	volatile uint32_t	locked;
};

#define SPINLOCK_INIT	{ 0 }

#ifdef HOST_TEST
static inline void spin_lock(struct spinlock *l) { (void)l; }
static inline void spin_unlock(struct spinlock *l) { (void)l; }
#else
#include "machine/cpu.h"

static inline void
spin_lock(struct spinlock *l)
{
	while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE) != 0)
		while (__atomic_load_n(&l->locked, __ATOMIC_RELAXED) != 0)
			cpu_relax();
}

static inline void
spin_unlock(struct spinlock *l)
{
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}
#endif

/*
 * ASSERT_ONE_CPU() marks code that is right only while a single CPU runs
 * the kernel and the kernel is never preempted (a thread in the kernel
 * runs until it blocks, yields or returns to user mode): a TLB flush of
 * this CPU only, the per-CPU handoff slot, the one TSS.  It trips the day
 * a second CPU comes online (cpu_online_count, machine/cpu.h), pointing
 * at what SMP must fix first.  docs/kernel.md lists these places.
 */
#ifdef HOST_TEST
#define ASSERT_ONE_CPU()	((void)0)
#else
#define ASSERT_ONE_CPU()	KASSERT(cpu_online_count() == 1)
#endif

#endif /* KERN_LOCK_H */
