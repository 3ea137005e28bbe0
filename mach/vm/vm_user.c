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

static bool
range_ok(uint64_t addr, uint64_t size)
{
	return addr + size >= addr && addr + size <= USER_MAX;
}

kern_return_t
vm_allocate(vm_map_t map, vm_address_t *addr, vm_size_t size,
    boolean_t anywhere)
{
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
	return vm_map_enter(map, addr, size, anywhere, VM_PROT_DEFAULT);
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
	return vm_map_enter_aligned(map, addr, size, mask, anywhere, cur, max,
	    inherit);
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
