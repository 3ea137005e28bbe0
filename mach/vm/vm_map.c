/*
 * vm_map.c -- address spaces of tasks: entries of anonymous memory, the
 * fault handler that fills them, and copyin/copyout for the kernel's
 * access to user memory (the kernel never touches a user address directly:
 * it resolves each page through the map, so a bad pointer is an error code,
 * not a kernel fault).
 */
#include "kern/klib.h"
#include "kern/kalloc.h"
#include "vm/vm_page.h"
#include "vm/vm_map.h"
#include "kern/sched.h"
#include "kern/task.h"
#include "machine/cpu.h"

static bool vm_map_clip(struct vm_map_entry *, uint64_t);

/* The protection to map pa with: a shared page stays read-only. */
static vm_prot_t
vm_page_prot(uint64_t pa, vm_prot_t prot)
{
	return vm_page_refs(pa & ~PAGE_MASK) > 1 ? prot & ~VM_PROT_WRITE :
	    prot;
}

static struct kmem_cache *map_cache;
static struct kmem_cache *entry_cache;

void
vm_init(void)
{
	map_cache = kmem_cache_create("vm_map", sizeof(struct vm_map), 8);
	entry_cache = kmem_cache_create("vm_map_entry",
	    sizeof(struct vm_map_entry), 8);
}

struct vm_map *
vm_map_create(void)
{
	struct vm_map *map = kmem_cache_alloc(map_cache);

	if (map == NULL)
		return NULL;
	memset(map, 0, sizeof(*map));
	map->refs = 1;
	if (pmap_init(&map->pmap) != 0) {
		kmem_cache_free(map_cache, map);
		return NULL;
	}
	return map;
}

/*
 * Unmap the pages of e's [start, end) and drop their references; device
 * memory (a phys entry) is only unmapped.  Map locked.
 */
static void
vm_map_free_range(struct vm_map *map, struct vm_map_entry *e, uint64_t start,
    uint64_t end)
{
	uint64_t va, pa;

	for (va = start; va < end; va += PAGE_SIZE) {
		if (pmap_extract(&map->pmap, va, &pa)) {
			pmap_remove(&map->pmap, va);
			if (!e->phys)
				vm_page_unref(pa & ~PAGE_MASK);
			map->resident--;
		}
	}
}

void
vm_map_reference(struct vm_map *map)
{
	__atomic_add_fetch(&map->refs, 1, __ATOMIC_RELAXED);
}

/* Drop a reference; the last one releases every page and the tables. */
void
vm_map_deallocate(struct vm_map *map)
{
	if (map == NULL || __atomic_sub_fetch(&map->refs, 1,
	    __ATOMIC_ACQ_REL) != 0)
		return;
	struct vm_map_entry *e, *next;

	for (e = map->entries; e != NULL; e = next) {
		next = e->next;
		vm_map_free_range(map, e, e->start, e->end);
		kmem_cache_free(entry_cache, e);
	}
	pmap_destroy(&map->pmap);
	kmem_cache_free(map_cache, map);
}

/* The first gap of size bytes at or above *addr, aligned to mask + 1. */
static bool
vm_map_find_space(struct vm_map *map, uint64_t *addr, uint64_t size,
    uint64_t mask)
{
	uint64_t start = (MAX(*addr, USER_MIN) + mask) & ~mask;
	struct vm_map_entry *e;

	for (e = map->entries; e != NULL; e = e->next) {
		if (e->end <= start)
			continue;
		if (start + size <= e->start)
			break;
		start = (e->end + mask) & ~mask;
	}
	if (start + size > USER_MAX || start + size < start)
		return false;
	*addr = start;
	return true;
}

static bool
vm_map_range_free(struct vm_map *map, uint64_t start, uint64_t end)
{
	for (struct vm_map_entry *e = map->entries; e != NULL; e = e->next)
		if (start < e->end && e->start < end)
			return false;
	return true;
}

static void
vm_map_link(struct vm_map *map, struct vm_map_entry *n)
{
	struct vm_map_entry **pp = &map->entries;

	while (*pp != NULL && (*pp)->start < n->start)
		pp = &(*pp)->next;
	n->next = *pp;
	*pp = n;
}

/*
 * Map size bytes of zero-fill memory at *addr, or anywhere at or above it
 * aligned to mask + 1.  Returns KERN_SUCCESS, KERN_INVALID_ARGUMENT (size
 * 0, or an unaligned fixed address), KERN_NO_SPACE, KERN_RESOURCE_SHORTAGE.
 */
kern_return_t
vm_map_enter_aligned(struct vm_map *map, uint64_t *addr, uint64_t size,
    uint64_t mask, bool anywhere, vm_prot_t prot, vm_prot_t max_prot,
    int inherit)
{
	struct vm_map_entry *n;
	uint64_t start = *addr;
	kern_return_t kr = KERN_SUCCESS;

	if (size == 0 || size > USER_MAX)
		return KERN_INVALID_ARGUMENT;
	size = ROUND_UP(size, PAGE_SIZE);
	mask |= PAGE_MASK;
	if (!anywhere && (start & PAGE_MASK) != 0)
		return KERN_INVALID_ARGUMENT;
	if ((n = kmem_cache_alloc(entry_cache)) == NULL)
		return KERN_RESOURCE_SHORTAGE;
	spin_lock(&map->lock);
	if (anywhere ? !vm_map_find_space(map, &start, size, mask) :
	    (start < USER_MIN || start + size > USER_MAX ||
	    !vm_map_range_free(map, start, start + size))) {
		kr = KERN_NO_SPACE;
		goto out;
	}
	n->start = start;
	n->end = start + size;
	n->prot = prot & max_prot;
	n->max_prot = max_prot;
	n->inherit = inherit;
	n->phys = false;
	n->phys_base = 0;
	vm_map_link(map, n);
	n = NULL;
	*addr = start;
out:
	spin_unlock(&map->lock);
	if (n != NULL)
		kmem_cache_free(entry_cache, n);
	return kr;
}

kern_return_t
vm_map_enter(struct vm_map *map, uint64_t *addr, uint64_t size, bool anywhere,
    vm_prot_t prot)
{
	return vm_map_enter_aligned(map, addr, size, 0, anywhere, prot,
	    VM_PROT_ALL, VM_INHERIT_DEFAULT);
}

/*
 * Split e at addr (inside it) so that an entry starts there.  Map locked.
 * Returns false when no entry can be allocated.
 */
static bool
vm_map_clip(struct vm_map_entry *e, uint64_t addr)
{
	struct vm_map_entry *n;

	if (addr <= e->start || addr >= e->end)
		return true;
	if ((n = kmem_cache_alloc(entry_cache)) == NULL)
		return false;
	*n = *e;
	n->start = addr;
	if (n->phys)
		n->phys_base = e->phys_base + (addr - e->start);
	e->end = addr;
	e->next = n;
	return true;
}

/*
 * Unmap [start, end), page aligned outward; parts of entries are cut off.
 * Returns KERN_SUCCESS, KERN_INVALID_ARGUMENT or KERN_RESOURCE_SHORTAGE.
 */
kern_return_t
vm_map_remove(struct vm_map *map, uint64_t start, uint64_t end)
{
	struct vm_map_entry **pp, *e;
	kern_return_t kr = KERN_SUCCESS;

	start = ROUND_DOWN(start, PAGE_SIZE);
	end = ROUND_UP(end, PAGE_SIZE);
	if (end < start || end > USER_MAX)
		return KERN_INVALID_ARGUMENT;
	spin_lock(&map->lock);
	for (pp = &map->entries; (e = *pp) != NULL;) {
		if (e->end <= start || e->start >= end) {
			pp = &e->next;
			continue;
		}
		if (!vm_map_clip(e, start) || !vm_map_clip(e, end)) {
			kr = KERN_RESOURCE_SHORTAGE;
			break;
		}
		if (e->start < start) {		/* the part before: keep */
			pp = &e->next;
			continue;
		}
		*pp = e->next;
		vm_map_free_range(map, e, e->start, e->end);
		kmem_cache_free(entry_cache, e);
	}
	spin_unlock(&map->lock);
	return kr;
}

/*
 * Map the given physical pages at a new place chosen in map; on success
 * the map owns the pages.  Returns vm_map_enter's codes.
 */
kern_return_t
vm_map_enter_pages(struct vm_map *map, uint64_t *addr, const uint64_t *pages,
    uint64_t npages, vm_prot_t prot)
{
	kern_return_t kr;
	uint64_t i;

	*addr = 0;
	kr = vm_map_enter(map, addr, npages * PAGE_SIZE, true, prot);
	if (kr != KERN_SUCCESS)
		return kr;
	spin_lock(&map->lock);
	for (i = 0; i < npages; i++) {
		if (pmap_enter(&map->pmap, *addr + i * PAGE_SIZE, pages[i],
		    vm_page_prot(pages[i], prot)) != 0)
			break;
		map->resident++;
	}
	spin_unlock(&map->lock);
	if (i < npages) {
		/* Give back what was mapped; the rest stays the caller's. */
		for (uint64_t j = 0; j < i; j++) {
			pmap_remove(&map->pmap, *addr + j * PAGE_SIZE);
			map->resident--;
		}
		vm_map_remove(map, *addr, *addr + npages * PAGE_SIZE);
		return KERN_RESOURCE_SHORTAGE;
	}
	return KERN_SUCCESS;
}

/* Set the protection of whole entries inside [start, end) (loader). */
kern_return_t
vm_map_protect(struct vm_map *map, uint64_t start, uint64_t end,
    vm_prot_t prot)
{
	return vm_map_set_attr(map, start, end, false, prot, 0, false);
}

/* Does [start, end) lie wholly inside entries, without holes?  Locked. */
static bool
vm_map_range_covered(struct vm_map *map, uint64_t start, uint64_t end)
{
	for (struct vm_map_entry *e = map->entries; e != NULL &&
	    start < end; e = e->next) {
		if (e->end <= start)
			continue;
		if (e->start > start)
			return false;
		start = e->end;
	}
	return start >= end;
}

static void
entry_apply(struct vm_map *map, struct vm_map_entry *e, bool set_max,
    vm_prot_t prot, int inherit, bool inheritance)
{
	uint64_t va, pa;

	if (inheritance) {
		e->inherit = inherit;
		return;
	}
	if (set_max) {
		e->max_prot = prot;
		e->prot &= prot;
	} else {
		e->prot = prot;
	}
	for (va = e->start; va < e->end; va += PAGE_SIZE)
		if (pmap_extract(&map->pmap, va, &pa))
			pmap_protect(&map->pmap, va, e->phys ? e->prot |
			    PMAP_PROT_NOCACHE : vm_page_prot(pa, e->prot));
}

/*
 * vm_protect and vm_inherit: change [start, end), which must be mapped
 * throughout.  Returns KERN_SUCCESS, KERN_INVALID_ADDRESS (a hole),
 * KERN_PROTECTION_FAILURE (above an entry's maximum),
 * KERN_RESOURCE_SHORTAGE; nothing changes on failure but clipping.
 */
kern_return_t
vm_map_set_attr(struct vm_map *map, uint64_t start, uint64_t end,
    bool set_max, vm_prot_t prot, int inherit, bool inheritance)
{
	struct vm_map_entry *e;
	kern_return_t kr = KERN_SUCCESS;

	start = ROUND_DOWN(start, PAGE_SIZE);
	end = ROUND_UP(end, PAGE_SIZE);
	spin_lock(&map->lock);
	if (!vm_map_range_covered(map, start, end)) {
		kr = KERN_INVALID_ADDRESS;
		goto out;
	}
	for (e = map->entries; e != NULL; e = e->next)
		if (!inheritance && !set_max && e->end > start &&
		    e->start < end && (prot & ~e->max_prot) != 0) {
			kr = KERN_PROTECTION_FAILURE;
			goto out;
		}
	for (e = map->entries; e != NULL; e = e->next) {
		if (e->end <= start || e->start >= end)
			continue;
		if (!vm_map_clip(e, start) || !vm_map_clip(e, end)) {
			kr = KERN_RESOURCE_SHORTAGE;
			break;
		}
		if (e->start >= start)
			entry_apply(map, e, set_max, prot, inherit, inheritance);
	}
out:
	spin_unlock(&map->lock);
	return kr;
}

/* vm_region: the first entry ending above *addr. */
kern_return_t
vm_map_region(struct vm_map *map, uint64_t *addr, uint64_t *size,
    vm_prot_t *prot, vm_prot_t *max_prot, int *inherit)
{
	struct vm_map_entry *e;
	kern_return_t kr = KERN_NO_SPACE;

	spin_lock(&map->lock);
	for (e = map->entries; e != NULL; e = e->next) {
		if (e->end <= *addr)
			continue;
		*addr = e->start;
		*size = e->end - e->start;
		*prot = e->prot;
		*max_prot = e->max_prot;
		*inherit = e->inherit;
		kr = KERN_SUCCESS;
		break;
	}
	spin_unlock(&map->lock);
	return kr;
}

static struct vm_map_entry *
vm_map_lookup(struct vm_map *map, uint64_t addr)
{
	for (struct vm_map_entry *e = map->entries; e != NULL; e = e->next)
		if (addr >= e->start && addr < e->end)
			return e;
	return NULL;
}

/*
 * A write to a shared page: the writer gets its own copy, unless it was
 * the last holder, which just gets write access back.  Map locked.
 */
static kern_return_t
vm_fault_cow(struct vm_map *map, struct vm_map_entry *e, uint64_t va,
    uint64_t pa)
{
	uint64_t npa;

	if (vm_page_refs(pa) == 1) {
		pmap_protect(&map->pmap, va, e->prot);
		return KERN_SUCCESS;
	}
	if (vm_page_alloc_pa(&npa) != 0)
		return KERN_RESOURCE_SHORTAGE;
	memcpy(phys_to_virt(npa), phys_to_virt(pa), PAGE_SIZE);
	if (pmap_enter(&map->pmap, va, npa, e->prot) != 0) {
		vm_page_free_pa(npa);
		return KERN_RESOURCE_SHORTAGE;
	}
	vm_page_unref(pa);
	return KERN_SUCCESS;
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
	uint64_t va = ROUND_DOWN(addr, PAGE_SIZE), pa;
	kern_return_t r = KERN_INVALID_ADDRESS;

	spin_lock(&map->lock);
	e = vm_map_lookup(map, addr);
	if (e == NULL)
		goto out;
	r = KERN_PROTECTION_FAILURE;
	if ((e->prot & access) != access)
		goto out;
	r = KERN_SUCCESS;
	if (pmap_extract(&map->pmap, va, &pa)) {
		/* Present: only a write to a copy-on-write page needs work. */
		if ((access & VM_PROT_WRITE) && !pmap_writable(&map->pmap, va))
			r = vm_fault_cow(map, e, va, pa & ~PAGE_MASK);
		goto out;
	}
	if (e->phys) {
		r = pmap_enter(&map->pmap, va, e->phys_base + (va - e->start),
		    e->prot | PMAP_PROT_NOCACHE) == 0 ? KERN_SUCCESS :
		    KERN_RESOURCE_SHORTAGE;
		if (r == KERN_SUCCESS)
			map->resident++;
		goto out;
	}
	r = KERN_RESOURCE_SHORTAGE;
	if (vm_page_alloc_pa(&pa) != 0)
		goto out;
	memset(phys_to_virt(pa), 0, PAGE_SIZE);
	if (pmap_enter(&map->pmap, va, pa, e->prot) != 0) {
		vm_page_free_pa(pa);
		goto out;
	}
	map->resident++;
	r = KERN_SUCCESS;
out:
	spin_unlock(&map->lock);
	return r;
}

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

	return t->task != NULL && t->task->map == map && uaddr >= USER_MIN &&
	    uaddr + len >= uaddr && uaddr + len <= USER_MAX;
}

kern_return_t
vm_copyin(struct vm_map *map, uint64_t uaddr, void *kbuf, uint64_t len)
{
	char *dst = kbuf;

	if (vm_map_is_current(map, uaddr, len))
		return copy_from_user(kbuf, (const void *)uaddr, len) == 0 ?
		    KERN_SUCCESS : KERN_INVALID_ADDRESS;
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
		return copy_to_user((void *)uaddr, kbuf, len) == 0 ?
		    KERN_SUCCESS : KERN_INVALID_ADDRESS;
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

/*
 * Give child parent's resident pages of e, which child maps over the same
 * range: shared outright for VM_INHERIT_SHARE, otherwise copy-on-write
 * (read-only in both until one writes).  Both maps locked.
 */
static kern_return_t
vm_map_fork_pages(struct vm_map *parent, struct vm_map *child,
    struct vm_map_entry *e)
{
	uint64_t va, pa;
	bool share = e->inherit == VM_INHERIT_SHARE;

	for (va = e->start; va < e->end; va += PAGE_SIZE) {
		if (!pmap_extract(&parent->pmap, va, &pa))
			continue;
		pa &= ~PAGE_MASK;
		vm_page_ref(pa);
		if (pmap_enter(&child->pmap, va, pa, share ? e->prot :
		    e->prot & ~VM_PROT_WRITE) != 0) {
			vm_page_unref(pa);
			return KERN_RESOURCE_SHORTAGE;
		}
		child->resident++;
		if (!share)
			pmap_protect(&parent->pmap, va, e->prot & ~VM_PROT_WRITE);
	}
	return KERN_SUCCESS;
}

/*
 * task_create with inherit_memory: child gets each region of parent whose
 * inheritance is not VM_INHERIT_NONE, copy-on-write (VM_INHERIT_COPY) or
 * shared (VM_INHERIT_SHARE: the pages resident now; pages first touched
 * later stay private until memory objects exist).  child is new and empty.
 */
kern_return_t
vm_map_fork(struct vm_map *parent, struct vm_map *child)
{
	struct vm_map_entry *e;
	kern_return_t kr = KERN_SUCCESS;

	spin_lock(&parent->lock);
	for (e = parent->entries; e != NULL && kr == KERN_SUCCESS;
	    e = e->next) {
		uint64_t addr = e->start;

		if (e->inherit == VM_INHERIT_NONE || e->phys)
			continue;	/* device memory stays with its driver */
		kr = vm_map_enter_aligned(child, &addr, e->end - e->start, 0,
		    false, e->prot, e->max_prot, e->inherit);
		if (kr != KERN_SUCCESS)
			break;
		spin_lock(&child->lock);
		kr = vm_map_fork_pages(parent, child, e);
		spin_unlock(&child->lock);
	}
	spin_unlock(&parent->lock);
	return kr;
}

/* Bytes mapped (task_info's virtual size). */
uint64_t
vm_map_size(struct vm_map *map)
{
	uint64_t n = 0;

	spin_lock(&map->lock);
	for (struct vm_map_entry *e = map->entries; e != NULL; e = e->next)
		n += e->end - e->start;
	spin_unlock(&map->lock);
	return n;
}

/*
 * The page at va, resident and readable, gains a reference for the
 * caller (a message's copy) and becomes read-only here: the next write
 * from either side copies it.  Returns vm_fault's codes.
 */
kern_return_t
vm_map_share_page(struct vm_map *map, uint64_t va, uint64_t *pap)
{
	kern_return_t kr = vm_fault(map, va, VM_PROT_READ);
	uint64_t pa;

	if (kr != KERN_SUCCESS)
		return kr;
	spin_lock(&map->lock);
	if (!pmap_extract(&map->pmap, va, &pa) || vm_map_lookup(map, va)->phys) {
		spin_unlock(&map->lock);
		return KERN_INVALID_ADDRESS;	/* the caller copies instead */
	}
	pa &= ~PAGE_MASK;
	vm_page_ref(pa);
	if (pmap_writable(&map->pmap, va))
		pmap_protect(&map->pmap, va, VM_PROT_READ |
		    (vm_map_lookup(map, va)->prot & VM_PROT_EXECUTE));
	spin_unlock(&map->lock);
	*pap = pa;
	return KERN_SUCCESS;
}

/*
 * Map device memory: size bytes of physical addresses from pa (page
 * aligned), uncached, never freed by the map (vm_map with a "mem" device
 * pager).  Returns vm_map_enter's codes.
 */
kern_return_t
vm_map_enter_phys(struct vm_map *map, uint64_t *addr, uint64_t size,
    uint64_t mask, bool anywhere, uint64_t pa, vm_prot_t prot)
{
	struct vm_map_entry *e;
	kern_return_t kr;

	if ((pa & PAGE_MASK) != 0)
		return KERN_INVALID_ARGUMENT;
	kr = vm_map_enter_aligned(map, addr, size, mask, anywhere, prot, prot,
	    VM_INHERIT_NONE);
	if (kr != KERN_SUCCESS)
		return kr;
	spin_lock(&map->lock);
	e = vm_map_lookup(map, *addr);
	e->phys = true;
	e->phys_base = pa;
	spin_unlock(&map->lock);
	return KERN_SUCCESS;
}
