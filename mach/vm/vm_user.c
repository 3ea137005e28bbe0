/*
 * vm_user.c -- the virtual-memory RPCs, each a thin check-then-act layer
 * over vm_map.c and vm_copy.c.  Arguments are validated before anything
 * changes; the codes are GNU Mach's.
 */
#include "kern/klib.h"
#include "kern/kalloc.h"
#include "vm/vm_map.h"
#include "vm/vm_object.h"
#include "vm/vm_copy.h"
#include "vm/vm_page.h"
#include "vm/vm_user.h"
#include "kern/host.h"
#include "kern/device.h"
#include "ipc/ipc_kobject.h"
#include <mach/vm_statistics.h>
#include <mach/vm_wire.h>

/* How much an unprivileged task may wire (GNU Mach's figure). */
#define VM_WIRE_UNPRIVILEGED_MAX	(8ull << 20)

static kern_return_t wire_new(vm_map_t, kern_return_t, uint64_t addr,
    uint64_t size, vm_prot_t);

static bool
range_ok(uint64_t addr, uint64_t size)
{
	return addr + size >= addr && addr + size <= USER_MAX;
}

kern_return_t
vm_allocate(vm_map_t map, vm_address_t *addr, vm_size_t size,
    boolean_t anywhere)
{
	kern_return_t kr;

	if (map == NULL)
		return KERN_INVALID_ARGUMENT;
	if (size == 0) {
		*addr = 0;
		return KERN_SUCCESS;
	}
	if (anywhere)
		*addr = 0;
	else
		*addr = ROUND_DOWN(*addr, PAGE_SIZE);
	kr = vm_map_enter(map, addr, size, anywhere, VM_PROT_DEFAULT);
	return wire_new(map, kr, *addr, size, VM_PROT_DEFAULT);
}

kern_return_t
vm_deallocate(vm_map_t map, vm_address_t addr, vm_size_t size)
{
	if (map == NULL)
		return KERN_INVALID_ARGUMENT;
	if (size == 0)
		return KERN_SUCCESS;
	if (!range_ok(addr, size))
		return KERN_INVALID_ARGUMENT;
	return vm_map_remove(map, addr, addr + size);
}

kern_return_t
vm_protect(vm_map_t map, vm_address_t addr, vm_size_t size,
    boolean_t set_maximum, vm_prot_t prot)
{
	if (map == NULL || (prot & ~VM_PROT_ALL) != 0 || !range_ok(addr, size))
		return KERN_INVALID_ARGUMENT;
	return vm_map_set_attr(map, addr, addr + size, set_maximum, prot, 0,
	    false);
}

kern_return_t
vm_inherit(vm_map_t map, vm_address_t addr, vm_size_t size,
    vm_inherit_t inherit)
{
	if (map == NULL || inherit < VM_INHERIT_SHARE ||
	    inherit > VM_INHERIT_NONE || !range_ok(addr, size))
		return KERN_INVALID_ARGUMENT;
	return vm_map_set_attr(map, addr, addr + size, false, 0, inherit, true);
}

/* The bytes come back out of line (a struct vm_copy in kernel form). */
kern_return_t
vm_read(vm_map_t map, vm_address_t addr, vm_size_t size, vm_offset_t *data,
    mach_msg_type_number_t *count)
{
	struct vm_copy *c = NULL;
	kern_return_t kr;

	if (map == NULL || !range_ok(addr, size) || size > VM_COPY_MAX)
		return KERN_INVALID_ARGUMENT;
	kr = size == 0 ? KERN_SUCCESS : vm_copy_in(map, addr, size, &c);
	if (kr != KERN_SUCCESS)
		return kr;
	*data = (vm_offset_t)c;
	*count = size;
	return KERN_SUCCESS;
}

/* Write the copy's bytes at addr; consumes the copy on success. */
static kern_return_t
write_copy(vm_map_t map, vm_address_t addr, struct vm_copy *c)
{
	uint64_t done = 0;

	for (uint64_t i = 0; i < c->npages && done < c->size; i++) {
		uint64_t len = MIN(PAGE_SIZE, c->size - done);

		if (vm_copyout(map, phys_to_virt(c->pages[i]), addr + done,
		    len) != KERN_SUCCESS)
			return KERN_INVALID_ADDRESS;
		done += len;
	}
	vm_copy_discard(c);
	return KERN_SUCCESS;
}

kern_return_t
vm_write(vm_map_t map, vm_address_t addr, vm_offset_t data,
    mach_msg_type_number_t count)
{
	struct vm_copy *c = (struct vm_copy *)data;

	if (map == NULL || !range_ok(addr, count) ||
	    (c != NULL && c->size != count) || (c == NULL && count != 0))
		return KERN_INVALID_ARGUMENT;
	return c == NULL ? KERN_SUCCESS : write_copy(map, addr, c);
}

kern_return_t
vm_copy(vm_map_t map, vm_address_t src, vm_size_t size, vm_address_t dst)
{
	struct vm_copy *c;
	kern_return_t kr;

	if (map == NULL || !range_ok(src, size) || !range_ok(dst, size))
		return KERN_INVALID_ARGUMENT;
	if (size == 0)
		return KERN_SUCCESS;
	if ((kr = vm_copy_in(map, src, size, &c)) != KERN_SUCCESS)
		return kr;
	if ((kr = write_copy(map, dst, c)) != KERN_SUCCESS)
		vm_copy_discard(c);
	return kr;
}

kern_return_t
vm_region(vm_map_t map, vm_address_t *addr, vm_size_t *size, vm_prot_t *prot,
    vm_prot_t *max_prot, vm_inherit_t *inherit, boolean_t *shared,
    ipc_port_t *object_name, vm_offset_t *offset)
{
	uint64_t off = 0;
	bool sh = false;
	int inh = 0;
	kern_return_t kr;

	if (map == NULL)
		return KERN_INVALID_ARGUMENT;
	kr = vm_map_region(map, addr, size, prot, max_prot, &inh, &sh, &off);
	*inherit = inh;
	*shared = sh;
	*object_name = IP_NULL;		/* objects have no name ports yet */
	*offset = off;
	return kr;
}

/*
 * vm_map of device memory through a "mem" device pager: every mapping of
 * the same pager shares its one physical object.
 */
static kern_return_t
vm_map_device(vm_map_t map, vm_address_t *addr, vm_size_t size,
    vm_address_t mask, boolean_t anywhere, ipc_port_t pager,
    vm_offset_t offset, vm_prot_t cur, vm_inherit_t inherit)
{
	struct phys_pager *pp = NULL;
	struct vm_object *o;
	kern_return_t kr;

	spin_lock(&pager->lock);
	if (pager->active && pager->kotype == IKOT_PHYS_PAGER)
		pp = pager->kobject;
	spin_unlock(&pager->lock);
	if (pp == NULL || (offset & PAGE_MASK) != 0 || offset >= pp->size ||
	    ROUND_UP(size, PAGE_SIZE) > pp->size - offset ||
	    (cur & ~pp->prot) != 0)
		return KERN_INVALID_ARGUMENT;
	if (anywhere)
		*addr = ROUND_DOWN(*addr, PAGE_SIZE);
	/* Our send right keeps pp alive until the object holds it too. */
	if ((o = vm_object_phys_get(pp)) == NULL)
		return KERN_RESOURCE_SHORTAGE;
	kr = vm_map_enter_object(map, addr, size, mask, anywhere, o, offset,
	    cur, cur, inherit);
	if (kr != KERN_SUCCESS) {
		vm_object_deallocate(o);
		return kr;
	}
	ipc_port_release_send(pager);	/* consumed; not kept */
	return KERN_SUCCESS;
}

/*
 * Anonymous memory, or device memory through a "mem" device pager; pagers
 * served by user tasks (memory managers) are not supported yet.  On
 * success the pager's send right is consumed, as vm_map's contract says.
 */
kern_return_t
vm_map(vm_map_t map, vm_address_t *addr, vm_size_t size, vm_address_t mask,
    boolean_t anywhere, ipc_port_t memory_object, vm_offset_t offset,
    boolean_t copy, vm_prot_t cur, vm_prot_t max, vm_inherit_t inherit)
{
	kern_return_t kr;

	(void)copy;
	if (map == NULL || size == 0 || (cur & ~VM_PROT_ALL) != 0 ||
	    (max & ~VM_PROT_ALL) != 0 || inherit < VM_INHERIT_SHARE ||
	    inherit > VM_INHERIT_NONE)
		return KERN_INVALID_ARGUMENT;
	if (IP_VALID(memory_object))
		return vm_map_device(map, addr, size, mask, anywhere,
		    memory_object, offset, cur, inherit);
	if (anywhere)
		*addr = ROUND_DOWN(*addr, PAGE_SIZE);
	kr = vm_map_enter_aligned(map, addr, size, mask, anywhere, cur, max,
	    inherit);
	return wire_new(map, kr, *addr, size, cur);
}

/*
 * vm_allocate_contiguous (gnumach.defs): physically contiguous memory for
 * DMA, in [pmin, pmax) and aligned to palign, mapped anywhere in map.
 * Only the privileged host port may ask.  Returns KERN_INVALID_HOST,
 * KERN_INVALID_ARGUMENT, KERN_RESOURCE_SHORTAGE or vm_map_enter's codes.
 */
kern_return_t
vm_allocate_contiguous(struct host *host_priv, vm_map_t map,
    vm_address_t *vaddr, rpc_phys_addr_t *paddr, vm_size_t size,
    rpc_phys_addr_t pmin, rpc_phys_addr_t pmax, rpc_phys_addr_t palign)
{
	uint64_t npages, align, pa, *pages;
	kern_return_t kr;

	if (host_priv == NULL)
		return KERN_INVALID_HOST;
	if (map == NULL || size == 0 || size > VM_COPY_MAX ||
	    (palign != 0 && (palign & (palign - 1)) != 0))
		return KERN_INVALID_ARGUMENT;
	npages = ROUND_UP(size, PAGE_SIZE) / PAGE_SIZE;
	align = palign > PAGE_SIZE ? palign / PAGE_SIZE : 1;
	if (vm_page_alloc_contig_in(npages, align, pmin, pmax, &pa) != 0)
		return KERN_RESOURCE_SHORTAGE;
	if ((pages = kalloc(npages * sizeof(*pages))) == NULL) {
		vm_page_free_contig(pa, npages);
		return KERN_RESOURCE_SHORTAGE;
	}
	for (uint64_t i = 0; i < npages; i++) {
		pages[i] = pa + i * PAGE_SIZE;
		memset(phys_to_virt(pages[i]), 0, PAGE_SIZE);
	}
	kr = vm_map_enter_pages(map, vaddr, pages, npages, VM_PROT_DEFAULT);
	kfree(pages);
	if (kr != KERN_SUCCESS) {
		vm_page_free_contig(pa, npages);
		return kr;
	}
	*paddr = pa;
	return KERN_SUCCESS;
}

/*
 * vm_statistics: the host's pages.  Whorl neither pages out nor caches
 * objects, so inactive_count, reactivations, pageins, pageouts, lookups
 * and hits are 0; wire_count is the kernel heap's pages and active_count
 * every other page in use, so that free + active + inactive + wire is
 * all of memory.
 */
kern_return_t
vm_statistics(vm_map_t map, vm_statistics_data_t *vs)
{
	struct kmem_stats *st;
	uint64_t total = vm_page_total_count(), free, wired;

	if (map == NULL)
		return KERN_INVALID_ARGUMENT;
	if ((st = kalloc(sizeof(*st))) == NULL)
		return KERN_RESOURCE_SHORTAGE;
	kmem_stats(st);
	wired = st->pages_in_use;
	kfree(st);
	free = vm_page_free_count();
	memset(vs, 0, sizeof(*vs));
	vs->pagesize = PAGE_SIZE;
	vs->free_count = (integer_t)free;
	vs->wire_count = (integer_t)MIN(wired, total - free);
	vs->active_count = (integer_t)(total - free - vs->wire_count);
	vs->zero_fill_count = (integer_t)__atomic_load_n(
	    &vm_fault_stats.zero_fills, __ATOMIC_RELAXED);
	vs->faults = (integer_t)__atomic_load_n(&vm_fault_stats.faults,
	    __ATOMIC_RELAXED);
	vs->cow_faults = (integer_t)__atomic_load_n(&vm_fault_stats.cow_faults,
	    __ATOMIC_RELAXED);
	return KERN_SUCCESS;
}

/* 2: the privileged host port, 1: the host port, 0: anything else. */
static int
host_port_kind(ipc_port_t port)
{
	int kind = 0;

	if (!IP_VALID(port))
		return 0;
	spin_lock(&port->lock);
	if (port->active && port->kotype == IKOT_HOST_PRIV)
		kind = 2;
	else if (port->active && port->kotype == IKOT_HOST)
		kind = 1;
	spin_unlock(&port->lock);
	return kind;
}

/*
 * vm_set_size_limit (gnumach.defs): bound map's total size (regions not
 * VM_PROT_NONE) to current_limit; max_limit caps what later calls may
 * set.  Raising max_limit takes the privileged host port.  Returns
 * KERN_INVALID_ARGUMENT, KERN_INVALID_TASK, KERN_INVALID_HOST or
 * KERN_NO_ACCESS, checked in GNU Mach's order.
 */
kern_return_t
vm_set_size_limit(ipc_port_t host, vm_map_t map, vm_size_t current_limit,
    vm_size_t max_limit)
{
	int kind;
	kern_return_t kr = KERN_SUCCESS;

	if (current_limit > max_limit)
		return KERN_INVALID_ARGUMENT;
	if (map == NULL)
		return KERN_INVALID_TASK;
	if ((kind = host_port_kind(host)) == 0)
		return KERN_INVALID_HOST;
	spin_lock(&map->lock);
	if (max_limit > map->size_max_limit && kind != 2)
		kr = KERN_NO_ACCESS;
	else {
		map->size_cur_limit = current_limit;
		map->size_max_limit = max_limit;
	}
	spin_unlock(&map->lock);
	return kr;
}

/* vm_get_size_limit (gnumach.defs): map's two limits. */
kern_return_t
vm_get_size_limit(vm_map_t map, vm_size_t *current_limit,
    vm_size_t *max_limit)
{
	if (map == NULL)
		return KERN_INVALID_TASK;
	spin_lock(&map->lock);
	*current_limit = map->size_cur_limit;
	*max_limit = map->size_max_limit;
	spin_unlock(&map->lock);
	return KERN_SUCCESS;
}

/*
 * Make [start, end) resident for access: with no paging, a page once
 * present stays, so wiring is faulting in.  Stops at the first hole
 * (KERN_INVALID_ADDRESS) or forbidden access (KERN_PROTECTION_FAILURE).
 */
static kern_return_t
wire_range(vm_map_t map, uint64_t start, uint64_t end, vm_prot_t access)
{
	kern_return_t kr = KERN_SUCCESS;

	if (access == VM_PROT_NONE)
		return KERN_SUCCESS;
	for (uint64_t va = start; va < end && kr == KERN_SUCCESS;
	    va += PAGE_SIZE)
		kr = vm_fault(map, va, access & (VM_PROT_READ |
		    VM_PROT_WRITE));
	return kr;
}

/*
 * vm_wire: the host port may wire VM_WIRE_UNPRIVILEGED_MAX bytes in all
 * (KERN_NO_ACCESS past it), the privileged host port any amount;
 * VM_PROT_NONE unwires.  The amount is counted per request, as asked.
 */
kern_return_t
vm_wire(ipc_port_t host, vm_map_t map, vm_address_t addr, vm_size_t size,
    vm_prot_t access)
{
	int kind = host_port_kind(host);
	uint64_t start, end, len;
	kern_return_t kr = KERN_SUCCESS;

	if (kind == 0)
		return KERN_INVALID_HOST;
	if (map == NULL)
		return KERN_INVALID_TASK;
	if ((access & ~VM_PROT_ALL) != 0 || !range_ok(addr, size))
		return KERN_INVALID_ARGUMENT;
	start = ROUND_DOWN(addr, PAGE_SIZE);
	end = ROUND_UP(addr + size, PAGE_SIZE);
	len = end - start;
	spin_lock(&map->lock);
	if (access == VM_PROT_NONE)
		map->wired -= MIN(map->wired, len);
	else if (kind != 2 && map->wired + len > VM_WIRE_UNPRIVILEGED_MAX)
		kr = KERN_NO_ACCESS;
	else
		map->wired += len;
	spin_unlock(&map->lock);
	if (kr == KERN_SUCCESS)
		kr = wire_range(map, start, end, access);
	return kr;
}

/*
 * After a successful vm_allocate or vm_map (kr): fault the new range in
 * if vm_wire_all asked for VM_WIRE_FUTURE.  A failure to do so is not
 * the mapping's: the pages will come at their first touch.
 */
static kern_return_t
wire_new(vm_map_t map, kern_return_t kr, uint64_t addr, uint64_t size,
    vm_prot_t prot)
{
	if (kr == KERN_SUCCESS && map->wire_future)
		(void)wire_range(map, addr, addr + ROUND_UP(size, PAGE_SIZE),
		    prot);
	return kr;
}

/* Fault in every page mapped now, each for what its entry allows. */
static kern_return_t
wire_all_current(vm_map_t map)
{
	uint64_t addr = 0, size, off;
	int prot, max, inh;
	bool shared;
	kern_return_t kr = KERN_SUCCESS;

	while (kr == KERN_SUCCESS && vm_map_region(map, &addr, &size, &prot,
	    &max, &inh, &shared, &off) == KERN_SUCCESS) {
		kr = wire_range(map, addr, addr + size, prot);
		addr += size;
	}
	return kr;
}

/*
 * vm_wire_all: the privileged host port only (KERN_INVALID_HOST).
 * VM_WIRE_CURRENT faults in all that is mapped, VM_WIRE_FUTURE makes
 * vm_allocate and vm_map fault in what they map; VM_WIRE_NONE stops that.
 */
kern_return_t
vm_wire_all(ipc_port_t host, vm_map_t map, vm_wire_t flags)
{
	if (host_port_kind(host) != 2)
		return KERN_INVALID_HOST;
	if (map == NULL)
		return KERN_INVALID_TASK;
	if ((flags & ~VM_WIRE_ALL) != 0)
		return KERN_INVALID_ARGUMENT;
	spin_lock(&map->lock);
	map->wire_future = (flags & VM_WIRE_FUTURE) != 0;
	spin_unlock(&map->lock);
	if (flags & VM_WIRE_CURRENT)
		return wire_all_current(map);
	return KERN_SUCCESS;
}
