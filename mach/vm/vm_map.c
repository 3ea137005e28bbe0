/*
 * vm_map.c -- address spaces of tasks: a sorted list of entries, each
 * mapping part of a memory object (vm_object.c); entering, clipping and
 * removing entries, protections and inheritance, and what task_create
 * gives a child (vm_map_fork).  Faults are in vm_fault.c, the kernel's
 * access to user memory in vm_copyio.c.
 */
#include "kern/klib.h"
#include "kern/kalloc.h"
#include "kern/task_limit.h"
#include "vm/vm_page.h"
#include "vm/vm_object.h"
#include "vm/vm_map.h"

static struct kmem_cache *map_cache;
static struct kmem_cache *entry_cache;

void
vm_init(void)
{
	map_cache = kmem_cache_create("vm_map", sizeof(struct vm_map), 8);
	entry_cache = kmem_cache_create("vm_map_entry",
	    sizeof(struct vm_map_entry), 8);
	vm_object_init();
}

struct vm_map *
vm_map_create(void)
{
	struct vm_map *map = kmem_cache_alloc(map_cache);

	if (map == NULL)
		return NULL;
	memset(map, 0, sizeof(*map));
	map->refs = 1;
	map->size_cur_limit = UINT64_MAX;
	map->size_max_limit = UINT64_MAX;
	if (pmap_init(&map->pmap) != 0) {
		kmem_cache_free(map_cache, map);
		return NULL;
	}
	return map;
}

void
vm_map_reference(struct vm_map *map)
{
	__atomic_add_fetch(&map->refs, 1, __ATOMIC_RELAXED);
}

/* An entry for map, charged to its task (task_limit.h), or NULL. */
static struct vm_map_entry *
entry_alloc(struct vm_map *map)
{
	struct vm_map_entry *n;

	if (!task_limit_charge(map->pmap.ledger, TL_MAP_ENTRIES, 1))
		return NULL;
	if ((n = kmem_cache_alloc(entry_cache)) == NULL)
		task_limit_uncharge(map->pmap.ledger, TL_MAP_ENTRIES, 1);
	return n;
}

static void
entry_free(struct vm_map *map, struct vm_map_entry *n)
{
	task_limit_uncharge(map->pmap.ledger, TL_MAP_ENTRIES, 1);
	kmem_cache_free(entry_cache, n);
}

/*
 * The protection to map pa with: a page shared copy-on-write stays
 * read-only until a write fault copies it.
 */
vm_prot_t
vm_map_page_prot(uint64_t pa, vm_prot_t prot)
{
	return vm_page_refs(pa & ~PAGE_MASK) > 1 ? prot & ~VM_PROT_WRITE :
	    prot;
}

struct mapped_walk {
	struct vm_map_entry	*e;
	void			(*fn)(struct vm_map_entry *, uint64_t va,
				    uint64_t pa);
};

static void
mapped_visit(uint64_t index, uint64_t *pa, void *arg)
{
	struct mapped_walk *w = arg;
	uint64_t va = w->e->start + index * PAGE_SIZE - w->e->offset, mpa;

	(void)pa;
	if (pmap_extract(&w->e->map->pmap, va, &mpa))
		w->fn(w->e, va, mpa & ~PAGE_MASK);
}

/*
 * Call fn for each page of e in [start, end) that e's pmap holds: for an
 * anonymous object only its resident pages can be mapped, so a large
 * sparse entry costs what it holds, not its size.  Object locked.
 */
static void
entry_each_mapped(struct vm_map_entry *e, uint64_t start, uint64_t end,
    void (*fn)(struct vm_map_entry *, uint64_t va, uint64_t pa))
{
	struct mapped_walk w = { e, fn };
	uint64_t va, pa;

	if (e->object->kind == VM_OBJECT_ANON) {
		vm_object_walk(e->object, e->offset + (start - e->start),
		    end - start, mapped_visit, &w);
		return;
	}
	for (va = start; va < end; va += PAGE_SIZE)
		if (pmap_extract(&e->map->pmap, va, &pa))
			fn(e, va, pa & ~PAGE_MASK);
}

static void
unmap_page(struct vm_map_entry *e, uint64_t va, uint64_t pa)
{
	(void)pa;
	pmap_remove(&e->map->pmap, va);
	__atomic_sub_fetch(&e->map->resident, 1, __ATOMIC_RELAXED);
}

/*
 * Take e out of its map's pmap and out of its object's mappings, give
 * back the object pages nothing maps any more, and free e.  Map locked
 * (e already unlinked from it).
 */
static void
vm_map_entry_delete(struct vm_map_entry *e)
{
	struct vm_object *o = e->object;

	spin_lock(&o->lock);
	entry_each_mapped(e, e->start, e->end, unmap_page);
	vm_object_unlink(o, e);
	if (o->refs > 1)
		vm_object_release(o, e->offset, e->end - e->start);
	spin_unlock(&o->lock);
	vm_object_deallocate(o);
	entry_free(e->map, e);
}

/* Drop a reference; the last one releases every entry and the tables. */
void
vm_map_deallocate(struct vm_map *map)
{
	struct vm_map_entry *e;

	if (map == NULL || __atomic_sub_fetch(&map->refs, 1,
	    __ATOMIC_ACQ_REL) != 0)
		return;
	spin_lock(&map->lock);
	while ((e = map->entries) != NULL) {
		map->entries = e->next;
		vm_map_entry_delete(e);
	}
	spin_unlock(&map->lock);
	pmap_destroy(&map->pmap);
	task_limit_release(map->pmap.ledger);
	kmem_cache_free(map_cache, map);
}

/*
 * addr rounded up by mask, as GNU Mach aligns (addr + mask) & ~mask; false
 * when that wraps past the top of the address space (mask ~0 would give 0)
 * or leaves no room for size bytes below USER_MAX.
 */
static bool
vm_map_align(uint64_t addr, uint64_t mask, uint64_t size, uint64_t *out)
{
	uint64_t a = (addr + mask) & ~mask;

	if (a < addr || a > USER_MAX || size > USER_MAX - a)
		return false;
	*out = a;
	return true;
}

/* The first gap of size bytes at or above *addr, aligned to mask + 1. */
static bool
vm_map_find_space(struct vm_map *map, uint64_t *addr, uint64_t size,
    uint64_t mask)
{
	uint64_t start;
	struct vm_map_entry *e;

	if (!vm_map_align(MAX(*addr, USER_MIN), mask, size, &start))
		return false;
	for (e = map->entries; e != NULL; e = e->next) {
		if (e->end <= start)
			continue;
		if (start + size <= e->start)
			break;
		if (!vm_map_align(e->end, mask, size, &start))
			return false;
	}
	*addr = start;
	return true;
}

/*
 * Whether size more bytes of prot fit under map's vm_set_size_limit.  As
 * in GNU Mach, VM_PROT_NONE regions (reservations) do not count.  Map
 * locked.
 */
static bool
vm_map_size_fits(struct vm_map *map, uint64_t size, vm_prot_t prot)
{
	uint64_t used = 0;

	if (prot == VM_PROT_NONE)
		return true;
	for (struct vm_map_entry *e = map->entries; e != NULL; e = e->next)
		if (e->prot != VM_PROT_NONE)
			used += e->end - e->start;
	return used <= map->size_cur_limit &&
	    size <= map->size_cur_limit - used;
}

static bool
vm_map_range_free(struct vm_map *map, uint64_t start, uint64_t end)
{
	for (struct vm_map_entry *e = map->entries; e != NULL; e = e->next)
		if (start < e->end && e->start < end)
			return false;
	return true;
}

/* Put n in map's list and in its object's mappings.  Map locked. */
static void
vm_map_link(struct vm_map *map, struct vm_map_entry *n)
{
	struct vm_map_entry **pp = &map->entries;

	while (*pp != NULL && (*pp)->start < n->start)
		pp = &(*pp)->next;
	n->next = *pp;
	*pp = n;
	spin_lock(&n->object->lock);
	vm_object_link(n->object, n);
	spin_unlock(&n->object->lock);
}

/* The entry holding addr, or NULL.  Map locked. */
struct vm_map_entry *
vm_map_lookup(struct vm_map *map, uint64_t addr)
{
	for (struct vm_map_entry *e = map->entries; e != NULL; e = e->next)
		if (addr >= e->start && addr < e->end)
			return e;
	return NULL;
}

/*
 * Map size bytes of object o from offset at *addr, or anywhere at or
 * above it aligned to mask + 1.  On success the entry holds the caller's
 * reference to o.  Returns KERN_SUCCESS, KERN_INVALID_ARGUMENT (size 0,
 * or an unaligned fixed address), KERN_NO_SPACE, KERN_RESOURCE_SHORTAGE.
 */
kern_return_t
vm_map_enter_object(struct vm_map *map, uint64_t *addr, uint64_t size,
    uint64_t mask, bool anywhere, struct vm_object *o, uint64_t offset,
    vm_prot_t prot, vm_prot_t max_prot, int inherit)
{
	struct vm_map_entry *n;
	uint64_t start = *addr;
	kern_return_t kr = KERN_SUCCESS;

	if (size == 0 || size > USER_MAX)
		return KERN_INVALID_ARGUMENT;
	size = ROUND_UP(size, PAGE_SIZE);
	mask |= PAGE_MASK;
	if ((!anywhere && (start & PAGE_MASK) != 0) ||
	    (offset & PAGE_MASK) != 0 || offset > o->size ||
	    size > o->size - offset)
		return KERN_INVALID_ARGUMENT;
	if ((n = entry_alloc(map)) == NULL)
		return KERN_RESOURCE_SHORTAGE;
	spin_lock(&map->lock);
	if ((anywhere ? !vm_map_find_space(map, &start, size, mask) :
	    (start < USER_MIN || start > USER_MAX || size > USER_MAX - start ||
	    !vm_map_range_free(map, start, start + size))) ||
	    !vm_map_size_fits(map, size, prot & max_prot)) {
		kr = KERN_NO_SPACE;
		goto out;
	}
	*n = (struct vm_map_entry){ .start = start, .end = start + size,
	    .prot = prot & max_prot, .max_prot = max_prot,
	    .inherit = inherit, .object = o, .offset = offset, .map = map };
	vm_map_link(map, n);
	n = NULL;
	*addr = start;
out:
	spin_unlock(&map->lock);
	if (n != NULL)
		entry_free(map, n);
	return kr;
}

/*
 * Map size bytes of new zero-fill memory (vm_allocate, vm_map without an
 * object).  Returns vm_map_enter_object's codes.
 */
kern_return_t
vm_map_enter_aligned(struct vm_map *map, uint64_t *addr, uint64_t size,
    uint64_t mask, bool anywhere, vm_prot_t prot, vm_prot_t max_prot,
    int inherit)
{
	struct vm_object *o;
	kern_return_t kr;

	if (size == 0 || size > USER_MAX)
		return KERN_INVALID_ARGUMENT;
	if ((o = vm_object_anon_create(ROUND_UP(size, PAGE_SIZE))) == NULL)
		return KERN_RESOURCE_SHORTAGE;
	kr = vm_map_enter_object(map, addr, size, mask, anywhere, o, 0, prot,
	    max_prot, inherit);
	if (kr != KERN_SUCCESS)
		vm_object_deallocate(o);
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
 * Split e at addr (inside it) so that an entry starts there; both halves
 * map the same object.  Map locked.  Returns false when no entry can be
 * allocated.
 */
static bool
vm_map_clip(struct vm_map_entry *e, uint64_t addr)
{
	struct vm_map_entry *n;
	struct vm_object *o = e->object;

	if (addr <= e->start || addr >= e->end)
		return true;
	if ((n = entry_alloc(e->map)) == NULL)
		return false;
	spin_lock(&o->lock);
	*n = *e;
	n->start = addr;
	n->offset = e->offset + (addr - e->start);
	e->end = addr;
	e->next = n;
	o->refs++;
	vm_object_link(o, n);
	spin_unlock(&o->lock);
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

	if (end < start || end > USER_MAX)	/* before rounding can wrap */
		return KERN_INVALID_ARGUMENT;
	start = ROUND_DOWN(start, PAGE_SIZE);
	end = ROUND_UP(end, PAGE_SIZE);
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
		vm_map_entry_delete(e);
	}
	spin_unlock(&map->lock);
	return kr;
}

/*
 * A new anonymous object holding the given pages, each with the
 * reference the caller gives it.  NULL (the references still the
 * caller's) when memory is short.
 */
static struct vm_object *
vm_object_of_pages(const uint64_t *pages, uint64_t npages)
{
	struct vm_object *o = vm_object_anon_create(npages * PAGE_SIZE);
	uint64_t i;

	if (o == NULL)
		return NULL;
	for (i = 0; i < npages; i++)
		if (vm_object_page_insert(o, i * PAGE_SIZE, pages[i]) != 0)
			break;
	if (i < npages) {
		while (i-- > 0)
			vm_page_ref(pages[i]);	/* kept by the caller */
		vm_object_deallocate(o);
		return NULL;
	}
	return o;
}

/*
 * Map the given physical pages at a new place chosen in map (out-of-line
 * memory received, DMA memory); on success the map owns the pages.  They
 * are entered in the pmap at once, read-only while shared, since the
 * receiver is about to read them.  Returns vm_map_enter's codes.
 */
kern_return_t
vm_map_enter_pages(struct vm_map *map, uint64_t *addr, const uint64_t *pages,
    uint64_t npages, vm_prot_t prot)
{
	struct vm_object *o;
	kern_return_t kr;

	if (npages == 0 || npages > USER_MAX / PAGE_SIZE)
		return KERN_INVALID_ARGUMENT;
	if ((o = vm_object_of_pages(pages, npages)) == NULL)
		return KERN_RESOURCE_SHORTAGE;
	*addr = 0;
	kr = vm_map_enter_object(map, addr, npages * PAGE_SIZE, 0, true, o, 0,
	    prot, VM_PROT_ALL, VM_INHERIT_DEFAULT);
	if (kr != KERN_SUCCESS) {
		for (uint64_t i = 0; i < npages; i++)
			vm_page_ref(pages[i]);	/* kept by the caller */
		vm_object_deallocate(o);
		return kr;
	}
	spin_lock(&map->lock);
	spin_lock(&o->lock);
	for (uint64_t i = 0; i < npages; i++) {
		/* Best effort: a page not entered now faults in later. */
		if (pmap_enter(&map->pmap, *addr + i * PAGE_SIZE, pages[i],
		    vm_map_page_prot(pages[i], prot)) != 0)
			break;
		__atomic_add_fetch(&map->resident, 1, __ATOMIC_RELAXED);
	}
	spin_unlock(&o->lock);
	spin_unlock(&map->lock);
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

/*
 * A mapped page takes e's protection.  The MMU cannot refuse reads to a
 * present page, so VM_PROT_NONE takes the page out of the pmap instead
 * (the next touch faults, and the fault refuses it).
 */
static void
reprotect_page(struct vm_map_entry *e, uint64_t va, uint64_t pa)
{
	if ((e->prot & VM_PROT_ALL) == 0)
		unmap_page(e, va, pa);
	else
		pmap_protect(&e->map->pmap, va, e->object->kind ==
		    VM_OBJECT_PHYS ? vm_object_phys_prot(e->object, e->prot) :
		    vm_map_page_prot(pa, e->prot));
}

static void
entry_apply(struct vm_map_entry *e, bool set_max, vm_prot_t prot,
    int inherit, bool inheritance)
{
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
	spin_lock(&e->object->lock);
	entry_each_mapped(e, e->start, e->end, reprotect_page);
	spin_unlock(&e->object->lock);
}

/*
 * vm_protect and vm_inherit: change [start, end), which must be mapped
 * throughout.  Returns KERN_SUCCESS, KERN_INVALID_ARGUMENT (a range that
 * wraps or leaves user space), KERN_INVALID_ADDRESS (a hole),
 * KERN_PROTECTION_FAILURE (above an entry's maximum),
 * KERN_RESOURCE_SHORTAGE; nothing changes on failure but clipping.
 */
kern_return_t
vm_map_set_attr(struct vm_map *map, uint64_t start, uint64_t end,
    bool set_max, vm_prot_t prot, int inherit, bool inheritance)
{
	struct vm_map_entry *e;
	kern_return_t kr = KERN_SUCCESS;

	if (end < start || end > USER_MAX)
		return KERN_INVALID_ARGUMENT;
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
			entry_apply(e, set_max, prot, inherit, inheritance);
	}
out:
	spin_unlock(&map->lock);
	return kr;
}

/* Does another map (another task) map e's object too?  Map locked. */
static bool
vm_map_entry_shared(struct vm_map_entry *e)
{
	struct vm_map_entry *m;

	spin_lock(&e->object->lock);
	for (m = e->object->mappings; m != NULL && m->map == e->map;
	    m = m->obj_next)
		;
	spin_unlock(&e->object->lock);
	return m != NULL;
}

/*
 * vm_region: the first entry ending above *addr; shared says whether
 * another task maps the same memory.
 */
kern_return_t
vm_map_region(struct vm_map *map, uint64_t *addr, uint64_t *size,
    vm_prot_t *prot, vm_prot_t *max_prot, int *inherit, bool *shared,
    uint64_t *offset)
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
		*offset = e->offset;
		*shared = vm_map_entry_shared(e);
		kr = KERN_SUCCESS;
		break;
	}
	spin_unlock(&map->lock);
	return kr;
}

/*
 * The object child's copy of e maps, with a reference: e's own for
 * VM_INHERIT_SHARE, a copy-on-write copy for VM_INHERIT_COPY; NULL when
 * memory is short or e is device memory under VM_INHERIT_COPY (a copy
 * of a device's registers means nothing: it stays with its driver).
 */
static struct vm_object *
vm_map_fork_object(struct vm_map_entry *e, uint64_t *offset)
{
	*offset = e->offset;
	if (e->inherit == VM_INHERIT_SHARE) {
		vm_object_reference(e->object);
		return e->object;
	}
	if (e->object->kind != VM_OBJECT_ANON)
		return NULL;
	*offset = 0;
	return vm_object_copy(e->object, e->offset, e->end - e->start);
}

/*
 * task_create with inherit_memory: child gets each region of parent whose
 * inheritance is not VM_INHERIT_NONE, over the same object
 * (VM_INHERIT_SHARE: what either task writes later, the other sees) or a
 * copy-on-write copy of it (VM_INHERIT_COPY).  child is new and empty;
 * its pages fault in on first touch.  Returns KERN_SUCCESS or
 * KERN_RESOURCE_SHORTAGE (the caller destroys child).
 */
kern_return_t
vm_map_fork(struct vm_map *parent, struct vm_map *child)
{
	struct vm_map_entry *e, *n;
	struct vm_object *o;
	uint64_t offset;
	kern_return_t kr = KERN_SUCCESS;

	spin_lock(&parent->lock);
	spin_lock(&child->lock);
	child->size_cur_limit = parent->size_cur_limit;
	child->size_max_limit = parent->size_max_limit;
	for (e = parent->entries; e != NULL; e = e->next) {
		if (e->inherit == VM_INHERIT_NONE || (e->object->kind !=
		    VM_OBJECT_ANON && e->inherit != VM_INHERIT_SHARE))
			continue;
		n = entry_alloc(child);
		o = n == NULL ? NULL : vm_map_fork_object(e, &offset);
		if (o == NULL) {
			if (n != NULL)
				entry_free(child, n);
			kr = KERN_RESOURCE_SHORTAGE;
			break;
		}
		*n = *e;
		n->object = o;
		n->offset = offset;
		n->map = child;
		vm_map_link(child, n);
	}
	spin_unlock(&child->lock);
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
 * The page of map's anonymous memory at va, if it is resident and may be
 * read, with a reference for the caller; it becomes read-only in every
 * map of its object.  0 if not.  Map locked.
 */
static uint64_t
vm_map_take_page(struct vm_map *map, uint64_t va)
{
	struct vm_map_entry *e = vm_map_lookup(map, va);
	uint64_t offset, pa;

	if (e == NULL || e->object->kind != VM_OBJECT_ANON ||
	    (e->prot & VM_PROT_READ) == 0)
		return 0;
	offset = e->offset + (ROUND_DOWN(va, PAGE_SIZE) - e->start);
	spin_lock(&e->object->lock);
	if ((pa = vm_object_page(e->object, offset)) != 0) {
		vm_page_ref(pa);
		vm_object_pmap_protect(e->object, offset);
	}
	spin_unlock(&e->object->lock);
	return pa;
}

/*
 * The page at va gains a reference for the caller (a message's copy) and
 * becomes read-only in every map of its object: the next write from any
 * side copies it.  A page not yet touched is faulted in first.  Returns
 * vm_fault's codes, or KERN_INVALID_ADDRESS for device memory (the
 * caller copies instead).
 */
kern_return_t
vm_map_share_page(struct vm_map *map, uint64_t va, uint64_t *pap)
{
	kern_return_t kr;
	uint64_t pa;

	for (int tries = 0; tries < 2; tries++) {
		spin_lock(&map->lock);
		pa = vm_map_take_page(map, va);
		spin_unlock(&map->lock);
		if (pa != 0) {
			*pap = pa;
			return KERN_SUCCESS;
		}
		if ((kr = vm_fault(map, va, VM_PROT_READ)) != KERN_SUCCESS)
			return kr;
	}
	return KERN_INVALID_ADDRESS;	/* device memory */
}
