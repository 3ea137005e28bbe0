/*
 * vm_object.h -- memory objects: what map entries map.  An anonymous
 * object is zero-fill memory whose resident pages it keeps by offset; a
 * physical object is a contiguous range of device memory, mapped
 * uncached.  Objects are reference counted by the map entries over them
 * and keep the list of those entries, so that a change to one of their
 * pages (copy-on-write, sharing with a message) reaches every task that
 * maps it.  Used by vm_map.c, vm_fault.c and vm_copy.c.
 *
 * Locks: a map's lock is taken before an object's lock, never after.  A
 * page of an anonymous object is entered in, changed in or removed from
 * any pmap only under that object's lock: the object's lock therefore
 * covers the page-table entries of its pages in every map.
 */
#ifndef VM_VM_OBJECT_H
#define VM_VM_OBJECT_H

#include <stdint.h>
#include <stdbool.h>
#include "kern/lock.h"
#include "vm/vm_radix.h"

struct vm_map_entry;
struct phys_pager;

enum vm_object_kind {
	VM_OBJECT_ANON,			/* zero-fill, pages kept here */
	VM_OBJECT_PHYS,			/* device memory, never freed */
};

struct vm_object {
	struct spinlock		 lock;
	uint32_t		 refs;		/* [lock] entries, mostly */
	enum vm_object_kind	 kind;		/* [I] */
	uint64_t		 size;		/* [I] bytes, page aligned */
	uint64_t		 phys_base;	/* [I] PHYS: physical address */
	struct phys_pager	*pager;		/* [I] PHYS: holds a reference */
	struct vm_radix		 pages;		/* [lock] ANON: by page index */
	uint64_t		 resident;	/* [lock] ANON: pages held */
	struct vm_map_entry	*mappings;	/* [lock] entries over it */
	struct vm_object	*pager_next;	/* [phys_objects_lock] */
};

void		 vm_object_init(void);
struct vm_object *vm_object_anon_create(uint64_t size);
struct vm_object *vm_object_phys_get(struct phys_pager *);
int		 vm_object_phys_prot(struct vm_object *, int prot);
void		 vm_object_reference(struct vm_object *);
void		 vm_object_deallocate(struct vm_object *);
struct vm_object *vm_object_copy(struct vm_object *, uint64_t offset,
		    uint64_t size);

/* The rest want the object locked. */
void		 vm_object_link(struct vm_object *, struct vm_map_entry *);
void		 vm_object_unlink(struct vm_object *, struct vm_map_entry *);
uint64_t	 vm_object_page(struct vm_object *, uint64_t offset);
int		 vm_object_page_insert(struct vm_object *, uint64_t offset,
		    uint64_t pa);
void		 vm_object_page_replace(struct vm_object *, uint64_t offset,
		    uint64_t pa);
void		 vm_object_pmap_protect(struct vm_object *, uint64_t offset);
void		 vm_object_release(struct vm_object *, uint64_t offset,
		    uint64_t size);
void		 vm_object_walk(struct vm_object *, uint64_t offset,
		    uint64_t size, vm_radix_visit_t *, void *arg);

#endif
