/*
 * host_stats.c -- what the clock tick keeps for the host's reports: the
 * user and system time of each thread (charged a tick at a time, as GNU
 * Mach samples), the load averages of HOST_LOAD_INFO (sampled every five
 * seconds, decayed as GNU Mach's compute_mach_factor does), and the mapped
 * time page of the "time" device.  host_clock_tick runs in the timer
 * interrupt (arch trap.c), before the scheduler's tick.
 */
#include "kern/klib.h"
#include "kern/host.h"
#include "kern/sched.h"
#include "kern/thread.h"
#include "kern/task.h"
#include "vm/vm_page.h"
#include "machine/console.h"
#include "machine/pmap.h"
#include <mach/host_info.h>
#include <mach/time_value.h>

#define LOAD_SCALE		1000	/* GNU Mach's processor_info.h */
#define LOAD_SAMPLE_TICKS	(5 * HZ)

/* Per-sample decay of the 5-second, 30-second and 1-minute averages. */
static const uint32_t load_fract[3] = { 800, 966, 983 };

static struct spinlock stats_lock = SPINLOCK_INIT; /* the two arrays */
static integer_t avenrun[3];		/* [stats_lock] */
static integer_t mach_factor[3];	/* [stats_lock] */
static volatile mapped_time_value_t *mtime; /* [I] after host_stats_init */
static uint64_t mtime_pa;		/* [I] */

/* The mapped time page: one zeroed page of RAM. */
void
host_stats_init(void)
{
	if (vm_page_alloc_pa(&mtime_pa) != 0)
		panic("host: no page for the mapped time");
	mtime = phys_to_virt(mtime_pa);
	memset((void *)mtime, 0, PAGE_SIZE);
}

uint64_t
host_mapped_time_pa(void)
{
	return mtime_pa;
}

/*
 * Write the time as GNU Mach's readers expect: check first, then the
 * fraction, then the seconds a reader compares with the check.
 */
static void
mapped_time_update(uint64_t up_ns)
{
	int64_t s = realhost.boot_epoch + (int64_t)(up_ns / 1000000000ull);
	int64_t ns = (int64_t)(up_ns % 1000000000ull);

	mtime->check_seconds = (integer_t)s;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	mtime->microseconds = (integer_t)(ns / 1000);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	mtime->seconds = (integer_t)s;
	mtime->check_seconds64 = s;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	mtime->time_value.nanoseconds = ns;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	mtime->time_value.seconds = s;
	mtime->check_upseconds64 = (int64_t)(up_ns / 1000000000ull);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	mtime->uptime_value.nanoseconds = ns;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	mtime->uptime_value.seconds = (int64_t)(up_ns / 1000000000ull);
}

/* Fold one sample of runnable threads into the averages (one CPU). */
static void
load_sample(uint32_t nrun)
{
	integer_t load = (integer_t)(nrun * LOAD_SCALE);
	integer_t factor = nrun < 1 ? (integer_t)((1 - nrun) * LOAD_SCALE) :
	    0;

	spin_lock(&stats_lock);
	for (int i = 0; i < 3; i++) {
		avenrun[i] = (integer_t)((avenrun[i] * load_fract[i] +
		    load * (LOAD_SCALE - load_fract[i])) / LOAD_SCALE);
		mach_factor[i] = (integer_t)((mach_factor[i] * load_fract[i] +
		    factor * (LOAD_SCALE - load_fract[i])) / LOAD_SCALE);
	}
	spin_unlock(&stats_lock);
}

/* Timer interrupt, interrupts off; user: the tick interrupted user mode. */
void
host_clock_tick(bool user)
{
	struct thread *t = current_thread();
	uint64_t ticks = sched_ticks() + 1;	/* the tick being counted */

	if (user)
		t->user_ticks++;
	else
		t->system_ticks++;
	if (mtime != NULL)
		mapped_time_update(ticks * (1000000000ull / HZ));
	if (ticks % LOAD_SAMPLE_TICKS == 0)
		load_sample(sched_runnable_count());
}

/* The averages, read with interrupts masked (the tick writes them). */
void
host_load_info(struct host_load_info *li)
{
	uint64_t flags = intr_disable();

	spin_lock(&stats_lock);
	for (int i = 0; i < 3; i++) {
		li->avenrun[i] = avenrun[i];
		li->mach_factor[i] = mach_factor[i];
	}
	spin_unlock(&stats_lock);
	intr_restore(flags);
}
