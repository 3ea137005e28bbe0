/*
 * vm_copy.c -- out-of-line memory for messages.  vm_copy_in shares a
 * page-aligned range copy-on-write (nothing is copied unless someone
 * writes) and copies an unaligned one into fresh pages; vm_copy_out maps
 * those pages into the receiver.  Called by ipc/ipc_kmsg.c and vm_read.
 */
#include "kern/klib.h"
#include "kern/kalloc.h"
#include "vm/vm_page.h"
#include "vm/vm_map.h"
#include "vm/vm_copy.h"

void
vm_copy_discard(struct vm_copy *c)
{
	if (c == NULL)
		return;
	for (uint64_t i = 0; i < c->npages; i++)
		if (c->pages[i] != 0)
			vm_page_unref(c->pages[i]);
	kfree(c);
}

/*
 * Share the pages of [addr, addr + npages pages) copy-on-write: each
 * gains a reference held by the copy and becomes read-only in map.
 */
static kern_return_t
vm_copy_share(struct vm_map *map, uint64_t addr, struct vm_copy *c)
{
	for (uint64_t i = 0; i < c->npages; i++) {
		uint64_t va = addr + i * PAGE_SIZE;
		kern_return_t kr = vm_map_share_page(map, va, &c->pages[i]);

		if (kr != KERN_SUCCESS)
			return kr;
	}
	return KERN_SUCCESS;
}

/*
 * Copy [addr, addr + size) of map into a vm_copy.  Returns KERN_SUCCESS,
 * KERN_INVALID_ARGUMENT (too large), KERN_RESOURCE_SHORTAGE or
 * KERN_INVALID_ADDRESS (the range leaves user space, wraps, or is not
 * all readable).
 */
kern_return_t
vm_copy_in(struct vm_map *map, uint64_t addr, uint64_t size,
    struct vm_copy **cp)
{
	uint64_t n = ROUND_UP(size, PAGE_SIZE) / PAGE_SIZE, i, done = 0;
	struct vm_copy *c;
	kern_return_t kr = KERN_SUCCESS;

	*cp = NULL;
	if (size > VM_COPY_MAX)
		return KERN_INVALID_ARGUMENT;
	if (!user_range_ok(addr, size))
		return KERN_INVALID_ADDRESS;
	c = kzalloc(sizeof(*c) + n * sizeof(uint64_t));
	if (c == NULL)
		return KERN_RESOURCE_SHORTAGE;
	c->size = size;
	c->npages = n;
	if ((addr & PAGE_MASK) == 0) {
		/* Whole pages: shared copy-on-write, nothing copied now. */
		if ((kr = vm_copy_share(map, addr, c)) == KERN_SUCCESS)
			goto done;
		/* Device memory is not shared: start again, copying. */
		for (i = 0; i < n; i++)
			if (c->pages[i] != 0)
				vm_page_unref(c->pages[i]);
		memset(c->pages, 0, n * sizeof(uint64_t));
		kr = KERN_SUCCESS;
	}
	for (i = 0; i < n && kr == KERN_SUCCESS; i++) {
		uint64_t len = MIN(PAGE_SIZE, size - done);
		void *dst;

		if (vm_page_alloc_pa(&c->pages[i]) != 0) {
			kr = KERN_RESOURCE_SHORTAGE;
			break;
		}
		dst = phys_to_virt(c->pages[i]);
		if (len < PAGE_SIZE)
			memset((char *)dst + len, 0, PAGE_SIZE - len);
		kr = vm_copyin(map, addr + done, dst, len);
		done += len;
	}
done:
	if (kr != KERN_SUCCESS) {
		vm_copy_discard(c);
		return kr;
	}
	*cp = c;
	return KERN_SUCCESS;
}

/* Map the copy's pages anywhere in map; the map owns them afterwards. */
kern_return_t
vm_copy_out(struct vm_map *map, struct vm_copy *c, uint64_t *addrp)
{
	kern_return_t kr;

	*addrp = 0;
	if (c->npages == 0)
		return KERN_SUCCESS;
	kr = vm_map_enter_pages(map, addrp, c->pages, c->npages,
	    VM_PROT_READ | VM_PROT_WRITE);
	if (kr == KERN_SUCCESS)
		kfree(c);
	return kr;
}

/* Kernel bytes as a copy (replies with out-of-line data); NULL: no memory. */
struct vm_copy *
vm_copy_from_kernel(const void *buf, uint64_t len)
{
	uint64_t n = ROUND_UP(len, PAGE_SIZE) / PAGE_SIZE, done = 0;
	struct vm_copy *c = kzalloc(sizeof(*c) + n * sizeof(uint64_t));

	if (c == NULL)
		return NULL;
	c->size = len;
	c->npages = n;
	for (uint64_t i = 0; i < n; i++) {
		uint64_t part = MIN(PAGE_SIZE, len - done);
		char *dst;

		if (vm_page_alloc_pa(&c->pages[i]) != 0) {
			vm_copy_discard(c);
			return NULL;
		}
		dst = phys_to_virt(c->pages[i]);
		memcpy(dst, (const char *)buf + done, part);
		memset(dst + part, 0, PAGE_SIZE - part);
		done += part;
	}
	return c;
}
