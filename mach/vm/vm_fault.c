/*
 * vm_fault.c -- page faults: find the entry, find or make the page in
 * its object, enter it in the pmap.  Called by the trap handler
 * (arch/x86_64/trap.c), by the direct user copies when they fault, and by
 * vm_copyio.c and vm_map_share_page for the kernel's own access.
 */
#include "kern/klib.h"
#include "vm/vm_page.h"
#include "vm/vm_object.h"
#include "vm/vm_map.h"
#include "kern/sched.h"
#include "kern/task.h"

/* The host's counts for vm_statistics; each task's own are in its events. */
struct vm_fault_stats vm_fault_stats;	/* [a] */

/* Count one event in the host's and the faulting task's counters. */
#define FAULT_COUNT(field) do {						\
	struct thread *th_ = current_thread();				\
	struct task *t_ = th_ != NULL ? th_->task : NULL;		\
	__atomic_add_fetch(&vm_fault_stats.field, 1, __ATOMIC_RELAXED);	\
	if (t_ != NULL)							\
		__atomic_add_fetch(&t_->events.field, 1,		\
		    __ATOMIC_RELAXED);					\
} while (0)

/*
 * Map pa at va, counting it if it was not mapped; a mapping that is
 * already what it should be is left alone (no TLB flush).  Map and
 * object locked.
 */
static kern_return_t
vm_fault_enter(struct vm_map *map, uint64_t va, uint64_t pa, int prot)
{
	uint64_t old;
	bool writable, was = pmap_lookup(&map->pmap, va, &old, &writable);

	if (was && (old & ~PAGE_MASK) == pa && (prot & PMAP_PROT_NOCACHE) ==
	    0 && writable == ((prot & VM_PROT_WRITE) != 0))
		return KERN_SUCCESS;
	if (pmap_enter(&map->pmap, va, pa, prot) != 0)
		return KERN_RESOURCE_SHORTAGE;
	if (!was)
		__atomic_add_fetch(&map->resident, 1, __ATOMIC_RELAXED);
	return KERN_SUCCESS;
}

/* First touch of offset: a page of zeros, the object's.  Both locked. */
static kern_return_t
vm_fault_zero_fill(struct vm_map *map, struct vm_map_entry *e, uint64_t va,
    uint64_t offset)
{
	uint64_t pa;

	if (vm_page_alloc_pa(&pa) != 0)
		return KERN_RESOURCE_SHORTAGE;
	memset(phys_to_virt(pa), 0, PAGE_SIZE);
	if (vm_object_page_insert(e->object, offset, pa) != 0) {
		vm_page_free_pa(pa);
		return KERN_RESOURCE_SHORTAGE;
	}
	return vm_fault_enter(map, va, pa, e->prot);
}

/*
 * A write to a page shared copy-on-write (with another object or a
 * message): this object gets its own copy, which every map of the object
 * then sees (the others fault it in).  Both locked.
 */
static kern_return_t
vm_fault_copy(struct vm_map *map, struct vm_map_entry *e, uint64_t va,
    uint64_t offset, uint64_t pa)
{
	uint64_t npa;

	if (vm_page_alloc_pa(&npa) != 0)
		return KERN_RESOURCE_SHORTAGE;
	memcpy(phys_to_virt(npa), phys_to_virt(pa), PAGE_SIZE);
	vm_object_page_replace(e->object, offset, npa);
	return vm_fault_enter(map, va, npa, e->prot);
}

/* The page of an anonymous object's entry.  Map locked. */
static kern_return_t
vm_fault_anon(struct vm_map *map, struct vm_map_entry *e, uint64_t va,
    vm_prot_t access)
{
	struct vm_object *o = e->object;
	uint64_t offset = e->offset + (va - e->start), pa;
	kern_return_t kr;

	spin_lock(&o->lock);
	pa = vm_object_page(o, offset);
	if (pa == 0) {
		FAULT_COUNT(zero_fills);
		kr = vm_fault_zero_fill(map, e, va, offset);
	} else if ((access & VM_PROT_WRITE) && vm_page_refs(pa) > 1) {
		FAULT_COUNT(cow_faults);
		kr = vm_fault_copy(map, e, va, offset, pa);
	} else
		kr = vm_fault_enter(map, va, pa, vm_map_page_prot(pa, e->prot));
	spin_unlock(&o->lock);
	return kr;
}

/*
 * Make the page at addr resident for the given access.  Returns
 * KERN_SUCCESS, KERN_INVALID_ADDRESS (no entry), KERN_PROTECTION_FAILURE
 * (the entry forbids it) or KERN_RESOURCE_SHORTAGE: the code of the
 * EXC_BAD_ACCESS a user fault then raises, as on GNU Mach.
 */
kern_return_t
vm_fault(struct vm_map *map, uint64_t addr, vm_prot_t access)
{
	struct vm_map_entry *e;
	uint64_t va = ROUND_DOWN(addr, PAGE_SIZE);
	kern_return_t kr = KERN_INVALID_ADDRESS;

	FAULT_COUNT(faults);
	spin_lock(&map->lock);
	e = vm_map_lookup(map, addr);
	if (e == NULL)
		goto out;
	kr = KERN_PROTECTION_FAILURE;
	if ((e->prot & access) != access)
		goto out;
	if (e->object->kind == VM_OBJECT_ANON)
		kr = vm_fault_anon(map, e, va, access);
	else
		kr = vm_fault_enter(map, va, e->object->phys_base + e->offset +
		    (va - e->start), vm_object_phys_prot(e->object, e->prot));
out:
	spin_unlock(&map->lock);
	return kr;
}
