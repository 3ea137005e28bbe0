/*
 * vm_user.c -- the virtual-memory RPCs, each a thin check-then-act layer
 * over vm_map.c and vm_copy.c.  Arguments are validated before anything
 * changes; the codes are GNU Mach's.
 */
#include "kern/klib.h"
#include "kern/kalloc.h"
#include "vm/vm_map.h"
#include "vm/vm_copy.h"
#include "vm/vm_page.h"
#include "vm/vm_user.h"

static bool
range_ok(uint64_t addr, uint64_t size)
{
	return addr + size >= addr && addr + size <= USER_MAX;
}

kern_return_t
vm_allocate(struct vm_map *map, uint64_t *addr, uint64_t size, bool anywhere)
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
vm_deallocate(struct vm_map *map, uint64_t addr, uint64_t size)
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
vm_protect(struct vm_map *map, uint64_t addr, uint64_t size, bool set_maximum,
    vm_prot_t prot)
{
	if (map == NULL || (prot & ~VM_PROT_ALL) != 0 || !range_ok(addr, size))
		return KERN_INVALID_ARGUMENT;
	return vm_map_set_attr(map, addr, addr + size, set_maximum, prot, 0,
	    false);
}

kern_return_t
vm_inherit(struct vm_map *map, uint64_t addr, uint64_t size, int inherit)
{
	if (map == NULL || inherit < VM_INHERIT_SHARE ||
	    inherit > VM_INHERIT_NONE || !range_ok(addr, size))
		return KERN_INVALID_ARGUMENT;
	return vm_map_set_attr(map, addr, addr + size, false, 0, inherit, true);
}

kern_return_t
vm_read(struct vm_map *map, uint64_t addr, uint64_t size,
    struct vm_copy **data)
{
	kern_return_t kr;

	if (map == NULL || !range_ok(addr, size))
		return KERN_INVALID_ARGUMENT;
	kr = vm_copy_in(map, addr, size, data);
	return kr == KERN_INVALID_ADDRESS ? KERN_INVALID_ADDRESS : kr;
}

/* Write the copy's bytes at addr; consumes the copy on success. */
kern_return_t
vm_write(struct vm_map *map, uint64_t addr, struct vm_copy *c)
{
	uint64_t done = 0;

	if (map == NULL || c == NULL || !range_ok(addr, c->size))
		return KERN_INVALID_ARGUMENT;
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
vm_copy(struct vm_map *map, uint64_t src, uint64_t size, uint64_t dst)
{
	struct vm_copy *c;
	kern_return_t kr;

	if (map == NULL || !range_ok(src, size) || !range_ok(dst, size))
		return KERN_INVALID_ARGUMENT;
	if ((kr = vm_copy_in(map, src, size, &c)) != KERN_SUCCESS)
		return kr;
	if ((kr = vm_write(map, dst, c)) != KERN_SUCCESS)
		vm_copy_discard(c);
	return kr;
}

kern_return_t
vm_region(struct vm_map *map, uint64_t *addr, uint64_t *size, vm_prot_t *prot,
    vm_prot_t *max_prot, int *inherit, bool *shared)
{
	if (map == NULL)
		return KERN_INVALID_ARGUMENT;
	*shared = false;
	return vm_map_region(map, addr, size, prot, max_prot, inherit);
}

/* vm_map of anonymous memory (no memory object yet: pagers come later). */
kern_return_t
vm_map_anon(struct vm_map *map, uint64_t *addr, uint64_t size, uint64_t mask,
    bool anywhere, vm_prot_t cur, vm_prot_t max, int inherit)
{
	if (map == NULL || size == 0 || (cur & ~VM_PROT_ALL) != 0 ||
	    (max & ~VM_PROT_ALL) != 0 || inherit < VM_INHERIT_SHARE ||
	    inherit > VM_INHERIT_NONE)
		return KERN_INVALID_ARGUMENT;
	if (anywhere)
		*addr = ROUND_DOWN(*addr, PAGE_SIZE);
	return vm_map_enter_aligned(map, addr, size, mask, anywhere, cur, max,
	    inherit);
}
