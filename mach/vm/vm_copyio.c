/*
 * vm_copyio.c -- the kernel's access to user memory.  The kernel never
 * touches a user address it has not checked: for the current task it
 * copies straight through the CPU with faults resolved (copy.S), for any
 * other map it resolves each page through the map, faulting it in, so a
 * bad pointer is an error code, not a kernel fault.  Called by traps,
 * mach_msg, gsync, the boot loader and the vm RPCs.
 */
#include "kern/klib.h"
#include "vm/vm_map.h"
#include "kern/sched.h"
#include "kern/task.h"
#include "machine/cpu.h"

/* The kernel address of user byte uaddr, faulting it in for access. */
static void *
vm_user_ptr(struct vm_map *map, uint64_t uaddr, vm_prot_t access)
{
	uint64_t pa;
	bool writable;

	if (uaddr < USER_MIN || uaddr >= USER_MAX)
		return NULL;
	if (!pmap_lookup(&map->pmap, uaddr, &pa, &writable) ||
	    ((access & VM_PROT_WRITE) && !writable)) {
		if (vm_fault(map, uaddr, access) != KERN_SUCCESS ||
		    !pmap_extract(&map->pmap, uaddr, &pa))
			return NULL;
	}
	return phys_to_virt(pa);
}

/* Is this the current task's map, so the CPU can reach it directly? */
static bool
vm_map_is_current(struct vm_map *map, uint64_t uaddr, uint64_t len)
{
	struct thread *t = current_thread();

	return t->task != NULL && t->task->map == map &&
	    user_range_ok(uaddr, len);
}

kern_return_t
vm_copyin(struct vm_map *map, uint64_t uaddr, void *kbuf, uint64_t len)
{
	char *dst = kbuf;

	if (vm_map_is_current(map, uaddr, len))
		return vm_copyin_current(uaddr, kbuf, len);
	while (len > 0) {
		uint64_t n = MIN(len, PAGE_SIZE - (uaddr & PAGE_MASK));
		void *src = vm_user_ptr(map, uaddr, VM_PROT_READ);

		if (src == NULL)
			return KERN_INVALID_ADDRESS;
		memcpy(dst, src, n);
		dst += n;
		uaddr += n;
		len -= n;
	}
	return KERN_SUCCESS;
}

kern_return_t
vm_copyout(struct vm_map *map, const void *kbuf, uint64_t uaddr, uint64_t len)
{
	const char *src = kbuf;

	if (vm_map_is_current(map, uaddr, len))
		return vm_copyout_current(kbuf, uaddr, len);
	while (len > 0) {
		uint64_t n = MIN(len, PAGE_SIZE - (uaddr & PAGE_MASK));
		void *dst = vm_user_ptr(map, uaddr, VM_PROT_WRITE);

		if (dst == NULL)
			return KERN_INVALID_ADDRESS;
		memcpy(dst, src, n);
		src += n;
		uaddr += n;
		len -= n;
	}
	return KERN_SUCCESS;
}

static const char *
find_nul(const char *s, uint64_t n)
{
	for (uint64_t i = 0; i < n; i++)
		if (s[i] == '\0')
			return s + i;
	return NULL;
}

/* Copy a NUL-terminated string of at most max-1 characters. */
kern_return_t
vm_copyin_str(struct vm_map *map, uint64_t uaddr, char *kbuf, uint64_t max,
    uint64_t *len)
{
	uint64_t i = 0;

	while (i + 1 < max) {
		uint64_t n = MIN(max - 1 - i, PAGE_SIZE - (uaddr & PAGE_MASK));
		const char *src = vm_user_ptr(map, uaddr, VM_PROT_READ);
		const char *nul;

		if (src == NULL)
			return KERN_INVALID_ADDRESS;
		nul = find_nul(src, n);
		if (nul != NULL)
			n = nul - src;
		memcpy(kbuf + i, src, n);
		i += n;
		uaddr += n;
		if (nul != NULL)
			break;
	}
	kbuf[i] = '\0';
	*len = i;
	return KERN_SUCCESS;
}
