/*
 * vm_object.c -- memory objects (see vm_object.h): creation, references,
 * the pages of anonymous objects, and the work on every mapping of a page
 * that copy-on-write needs.  Called by vm_map.c, vm_fault.c, vm_copy.c.
 *
 * Anonymous memory is never paged out, so a page an object does not hold
 * is a page of zeros: that is what lets a copy-on-write copy of an object
 * be exact with no shadow chain (vm_object_copy, and docs/kernel.md).
 */
#include "kern/klib.h"
#include "kern/kalloc.h"
#include "vm/vm_page.h"
#include "vm/vm_map.h"
#include "vm/vm_object.h"
#include "kern/device.h"

static struct kmem_cache *object_cache;

/* Physical objects by pager, so that two vm_maps share one object. */
static struct spinlock phys_objects_lock = SPINLOCK_INIT;
static struct vm_object *phys_objects;

void
vm_object_init(void)
{
	object_cache = kmem_cache_create("vm_object", sizeof(struct vm_object),
	    8);
	vm_radix_init();
}

static struct vm_object *
vm_object_alloc(enum vm_object_kind kind, uint64_t size)
{
	struct vm_object *o = kmem_cache_alloc(object_cache);

	if (o == NULL)
		return NULL;
	memset(o, 0, sizeof(*o));
	o->refs = 1;
	o->kind = kind;
	o->size = size;
	vm_radix_create(&o->pages, size / PAGE_SIZE);
	return o;
}

/* Zero-fill memory of size bytes (page aligned); NULL: no memory. */
struct vm_object *
vm_object_anon_create(uint64_t size)
{
	return vm_object_alloc(VM_OBJECT_ANON, size);
}

/*
 * The pmap protection of a page of physical object o: device memory is
 * mapped uncached, RAM the kernel lends (the mapped time page) cached.
 */
int
vm_object_phys_prot(struct vm_object *o, int prot)
{
	return o->pager->cached ? prot : prot | PMAP_PROT_NOCACHE;
}

/*
 * The object of the device memory pager gives, with a reference for the
 * caller: the one already made for this pager if it still lives, else a
 * new one.  The object holds a reference to the pager, so the pager (and
 * the address it is found by) outlives every mapping made from it.
 * NULL: no memory.
 */
struct vm_object *
vm_object_phys_get(struct phys_pager *pp)
{
	struct vm_object *o;

	spin_lock(&phys_objects_lock);
	for (o = phys_objects; o != NULL && o->pager != pp; o = o->pager_next)
		;
	if (o != NULL) {
		vm_object_reference(o);
	} else if ((o = vm_object_alloc(VM_OBJECT_PHYS, pp->size)) != NULL) {
		o->phys_base = pp->base;
		o->pager = pp;
		phys_pager_reference(pp);
		o->pager_next = phys_objects;
		phys_objects = o;
	}
	spin_unlock(&phys_objects_lock);
	return o;
}

static void
phys_objects_drop(struct vm_object *o)
{
	struct vm_object **link;

	for (link = &phys_objects; *link != NULL; link = &(*link)->pager_next)
		if (*link == o) {
			*link = o->pager_next;
			break;
		}
}

void
vm_object_reference(struct vm_object *o)
{
	spin_lock(&o->lock);
	o->refs++;
	spin_unlock(&o->lock);
}

static void
page_unref(uint64_t index, uint64_t *pa, void *arg)
{
	(void)index;
	(void)arg;
	vm_page_unref(*pa);
	*pa = 0;
}

/*
 * Drop a reference; the last one gives back every page the object holds
 * (or, for device memory, its reference to the pager).  No object lock
 * held: a physical object takes the pager table's lock first.
 */
void
vm_object_deallocate(struct vm_object *o)
{
	bool last;

	if (o->kind == VM_OBJECT_PHYS)
		spin_lock(&phys_objects_lock);
	spin_lock(&o->lock);
	last = --o->refs == 0;
	spin_unlock(&o->lock);
	if (last && o->kind == VM_OBJECT_PHYS)
		phys_objects_drop(o);
	if (o->kind == VM_OBJECT_PHYS)
		spin_unlock(&phys_objects_lock);
	if (!last)
		return;
	KASSERT(o->mappings == NULL);
	if (o->kind == VM_OBJECT_PHYS)
		phys_pager_release(o->pager);
	vm_radix_walk(&o->pages, 0, o->size / PAGE_SIZE, page_unref, NULL);
	kmem_cache_free(object_cache, o);
}

/* e now maps o (e's reference is the caller's).  Object locked. */
void
vm_object_link(struct vm_object *o, struct vm_map_entry *e)
{
	e->obj_next = o->mappings;
	o->mappings = e;
}

void
vm_object_unlink(struct vm_object *o, struct vm_map_entry *e)
{
	struct vm_map_entry **pp;

	for (pp = &o->mappings; *pp != NULL; pp = &(*pp)->obj_next)
		if (*pp == e) {
			*pp = e->obj_next;
			return;
		}
	panic("vm_object_unlink: entry %p does not map %p", e, o);
}

/* The page at offset (page aligned), or 0.  Object locked. */
uint64_t
vm_object_page(struct vm_object *o, uint64_t offset)
{
	return vm_radix_lookup(&o->pages, offset / PAGE_SIZE);
}

/* Give the object pa (and its reference) at an empty offset; 0 or -1. */
int
vm_object_page_insert(struct vm_object *o, uint64_t offset, uint64_t pa)
{
	if (vm_radix_insert(&o->pages, offset / PAGE_SIZE, pa) != 0)
		return -1;
	o->resident++;
	return 0;
}

/* Where e maps offset, or 0 if it does not. */
static uint64_t
entry_va(const struct vm_map_entry *e, uint64_t offset)
{
	if (offset < e->offset || offset - e->offset >= e->end - e->start)
		return 0;
	return e->start + (offset - e->offset);
}

/* Make the page at offset read-only in every map.  Object locked. */
void
vm_object_pmap_protect(struct vm_object *o, uint64_t offset)
{
	for (struct vm_map_entry *e = o->mappings; e != NULL; e = e->obj_next) {
		uint64_t va = entry_va(e, offset);

		if (va != 0 && pmap_writable(&e->map->pmap, va))
			pmap_protect(&e->map->pmap, va,
			    e->prot & ~VM_PROT_WRITE);
	}
}

/* Take the page at offset out of every map.  Object locked. */
static void
vm_object_pmap_remove(struct vm_object *o, uint64_t offset)
{
	uint64_t pa;

	for (struct vm_map_entry *e = o->mappings; e != NULL; e = e->obj_next) {
		uint64_t va = entry_va(e, offset);

		if (va != 0 && pmap_extract(&e->map->pmap, va, &pa)) {
			pmap_remove(&e->map->pmap, va);
			__atomic_sub_fetch(&e->map->resident, 1,
			    __ATOMIC_RELAXED);
		}
	}
}

/*
 * Put pa (with its reference) in place of the page at offset, which
 * loses the object's reference: every map drops its mapping of the old
 * page and will fault the new one in.  Object locked.
 */
void
vm_object_page_replace(struct vm_object *o, uint64_t offset, uint64_t pa)
{
	uint64_t old = vm_object_page(o, offset);

	KASSERT(old != 0);
	vm_object_pmap_remove(o, offset);
	if (vm_radix_insert(&o->pages, offset / PAGE_SIZE, pa) != 0)
		panic("vm_object: replacing a page needed a node");
	vm_page_unref(old);
}

void
vm_object_walk(struct vm_object *o, uint64_t offset, uint64_t size,
    vm_radix_visit_t *visit, void *arg)
{
	vm_radix_walk(&o->pages, offset / PAGE_SIZE,
	    (offset + size) / PAGE_SIZE, visit, arg);
}

/* Does any mapping of o cover offset? */
static bool
vm_object_mapped(struct vm_object *o, uint64_t offset)
{
	for (struct vm_map_entry *e = o->mappings; e != NULL; e = e->obj_next)
		if (entry_va(e, offset) != 0)
			return true;
	return false;
}

static void
release_page(uint64_t index, uint64_t *pa, void *arg)
{
	struct vm_object *o = arg;

	if (vm_object_mapped(o, index * PAGE_SIZE))
		return;
	vm_page_unref(*pa);
	*pa = 0;
	o->resident--;
}

/*
 * Give back the pages of [offset, offset + size) that no mapping covers
 * any more (a partial vm_deallocate): nothing else can reach them, since
 * only map entries refer to anonymous objects.  Object locked.
 */
void
vm_object_release(struct vm_object *o, uint64_t offset, uint64_t size)
{
	if (o->kind == VM_OBJECT_ANON)
		vm_object_walk(o, offset, size, release_page, o);
}

struct copy_walk {
	struct vm_object	*src, *dst;
	uint64_t		 offset;	/* of the copy in src */
	bool			 failed;
};

static void
copy_page(uint64_t index, uint64_t *pa, void *arg)
{
	struct copy_walk *w = arg;
	uint64_t offset = index * PAGE_SIZE;

	if (w->failed || vm_object_page_insert(w->dst, offset - w->offset,
	    *pa) != 0) {
		w->failed = true;
		return;
	}
	vm_page_ref(*pa);
	vm_object_pmap_protect(w->src, offset);
}

/*
 * A copy-on-write copy of [offset, offset + size) of anonymous object o,
 * as a new object with one reference: it holds a reference to each page
 * o holds there, and those pages become read-only in every map, so that
 * the first write on either side copies the page (vm_fault.c).  Pages o
 * does not hold are zeros, as they are in the copy.  NULL: no memory.
 */
struct vm_object *
vm_object_copy(struct vm_object *o, uint64_t offset, uint64_t size)
{
	struct copy_walk w = { o, NULL, offset, false };

	KASSERT(o->kind == VM_OBJECT_ANON);
	if ((w.dst = vm_object_anon_create(size)) == NULL)
		return NULL;
	spin_lock(&o->lock);
	vm_object_walk(o, offset, size, copy_page, &w);
	spin_unlock(&o->lock);
	if (w.failed) {
		vm_object_deallocate(w.dst);
		return NULL;
	}
	return w.dst;
}
