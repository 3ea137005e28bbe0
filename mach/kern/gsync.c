/*
 * gsync.c -- gsync_wait, gsync_wake and gsync_requeue (gnumach.defs): a
 * thread sleeps while a word of its memory holds an expected value, until
 * another wakes that address.  Waiters hang in hashed lists keyed by
 * (map, address), or by physical address for GSYNC_SHARED; one lock makes
 * "check the value, then sleep" atomic against every wake.
 */
#include "kern/klib.h"
#include "kern/lock.h"
#include "kern/sched.h"
#include "kern/task.h"
#include "kern/thread.h"
#include "vm/vm_map.h"
#include <mach/gsync.h>

#define GSYNC_BUCKETS	64

struct gsync_waiter {
	struct gsync_waiter	*next;
	struct thread		*thread;
	const void		*space;		/* map, or NULL for shared */
	uint64_t		 addr;		/* virtual, or physical */
	bool			 woken;
};

static struct spinlock gsync_lock = SPINLOCK_INIT;
static struct gsync_waiter *gsync_table[GSYNC_BUCKETS];	/* [gsync_lock] */

/* The key of addr in task: checks alignment and that the word is there. */
static kern_return_t
gsync_key(struct task *task, uint64_t addr, int flags, const void **space,
    uint64_t *key)
{
	uint64_t pa;
	uint32_t word;

	if (task == NULL || task->released)
		return KERN_INVALID_ARGUMENT;
	if ((addr & ((flags & GSYNC_QUAD) ? 7 : 3)) != 0)
		return KERN_INVALID_ADDRESS;
	if (vm_copyin(task->map, addr, &word, sizeof(word)) != KERN_SUCCESS)
		return KERN_INVALID_ADDRESS;
	*space = task->map;
	*key = addr;
	if (flags & GSYNC_SHARED) {
		if (!pmap_extract(&task->map->pmap, addr, &pa))
			return KERN_INVALID_ADDRESS;
		*space = NULL;
		*key = pa;
	}
	return KERN_SUCCESS;
}

static struct gsync_waiter **
gsync_bucket(uint64_t key)
{
	return &gsync_table[(key >> 2) % GSYNC_BUCKETS];
}

/* Append w to its key's bucket: waiters are woken in arrival order. */
static void
gsync_put(struct gsync_waiter *w)
{
	struct gsync_waiter **pp = gsync_bucket(w->addr);

	while (*pp != NULL)
		pp = &(*pp)->next;
	w->next = NULL;
	*pp = w;
}

/* Take a waiter that timed out or was interrupted off its list. */
static void
gsync_unlink(struct gsync_waiter *w)
{
	for (struct gsync_waiter **pp = gsync_bucket(w->addr); *pp != NULL;
	    pp = &(*pp)->next) {
		if (*pp == w) {
			*pp = w->next;
			return;
		}
	}
}

/*
 * Sleep while the word (or quad) at addr holds val1 (val2 high).  Returns
 * KERN_SUCCESS when woken, KERN_INVALID_ARGUMENT if the value differs
 * already, KERN_TIMEDOUT, KERN_INTERRUPTED, KERN_INVALID_ADDRESS.
 */
kern_return_t
gsync_wait(struct task *task, vm_address_t addr, unsigned val1,
    unsigned val2, natural_t msec, int flags)
{
	struct gsync_waiter w = { .thread = current_thread() };
	uint32_t v[2];
	kern_return_t kr;
	int wr;

	if ((kr = gsync_key(task, addr, flags, &w.space, &w.addr)) != 0)
		return kr;
	spin_lock(&gsync_lock);
	if (vm_copyin(task->map, addr, v, (flags & GSYNC_QUAD) ? 8 : 4) !=
	    KERN_SUCCESS) {
		spin_unlock(&gsync_lock);
		return KERN_INVALID_ADDRESS;
	}
	if (v[0] != val1 || ((flags & GSYNC_QUAD) && v[1] != val2)) {
		spin_unlock(&gsync_lock);
		return KERN_INVALID_ARGUMENT;
	}
	gsync_put(&w);
	wr = thread_block(&gsync_lock, (flags & GSYNC_TIMED) ?
	    (msec == 0 ? 1 : msec) : 0);
	spin_lock(&gsync_lock);
	if (!w.woken)
		gsync_unlink(&w);
	spin_unlock(&gsync_lock);
	if (w.woken)
		return KERN_SUCCESS;
	return wr == THREAD_TIMED_OUT ? KERN_TIMEDOUT : KERN_INTERRUPTED;
}

/* Detach every waiter of (space, key), in order. */
static struct gsync_waiter *
gsync_take(const void *space, uint64_t key)
{
	struct gsync_waiter **pp = gsync_bucket(key), *w, *head = NULL;
	struct gsync_waiter **tail = &head;

	while ((w = *pp) != NULL) {
		if (w->space == space && w->addr == key) {
			*pp = w->next;
			w->next = NULL;
			*tail = w;
			tail = &w->next;
		} else {
			pp = &w->next;
		}
	}
	return head;
}

/* Wake the first of list (all with all); the rest go back. */
static void
gsync_wake_list(struct gsync_waiter *list, bool all)
{
	struct gsync_waiter *w, *next;

	for (w = list; w != NULL; w = next) {
		next = w->next;
		if (w != list && !all) {
			gsync_put(w);
			continue;
		}
		w->woken = true;
		thread_wakeup(w->thread, THREAD_AWAKENED);
	}
}

kern_return_t
gsync_wake(struct task *task, vm_address_t addr, unsigned val, int flags)
{
	const void *space;
	uint64_t key;
	kern_return_t kr;

	if ((kr = gsync_key(task, addr, flags, &space, &key)) != 0)
		return kr;
	spin_lock(&gsync_lock);
	if ((flags & GSYNC_MUTATE) && vm_copyout(task->map, &val, addr,
	    sizeof(val)) != KERN_SUCCESS) {
		spin_unlock(&gsync_lock);
		return KERN_INVALID_ADDRESS;
	}
	gsync_wake_list(gsync_take(space, key), (flags & GSYNC_BROADCAST) != 0);
	spin_unlock(&gsync_lock);
	return KERN_SUCCESS;
}

/* Wake one waiter of src (if wake_one) and move the others to dst. */
kern_return_t
gsync_requeue(struct task *task, vm_address_t src, vm_address_t dst,
    boolean_t wake_one, int flags)
{
	const void *ss, *ds;
	struct gsync_waiter *list, *next;
	uint64_t sk, dk;
	kern_return_t kr;

	if ((kr = gsync_key(task, src, flags, &ss, &sk)) != 0 ||
	    (kr = gsync_key(task, dst, flags, &ds, &dk)) != 0)
		return kr;
	spin_lock(&gsync_lock);
	list = gsync_take(ss, sk);
	if (wake_one && list != NULL) {
		next = list->next;
		list->next = NULL;
		gsync_wake_list(list, true);
		list = next;
	}
	for (; list != NULL; list = next) {
		next = list->next;
		list->space = ds;
		list->addr = dk;
		gsync_put(list);
	}
	spin_unlock(&gsync_lock);
	return KERN_SUCCESS;
}
