/*
 * vm_radix.h -- the page index of a memory object: a radix tree from page
 * index to physical address, 64 slots per node, as tall as the object
 * needs (two levels for 16 MiB, six for the whole user address space), so
 * that a sparse object costs nodes only where it has pages.
 * Used by vm/vm_object.c under the object's lock.
 */
#ifndef VM_VM_RADIX_H
#define VM_VM_RADIX_H

#include <stdint.h>
#include <stdbool.h>

#define VM_RADIX_BITS	6
#define VM_RADIX_FANOUT	(1u << VM_RADIX_BITS)

struct vm_radix {
	void		*root;		/* NULL: no page at all */
	unsigned	 height;	/* [I] levels; covers 64^height pages */
};

/*
 * Called for each present page in a walk; *pa may be changed, and setting
 * it to 0 takes the page out of the tree.
 */
typedef void	vm_radix_visit_t(uint64_t index, uint64_t *pa, void *arg);

void		vm_radix_init(void);
void		vm_radix_create(struct vm_radix *, uint64_t npages);
uint64_t	vm_radix_lookup(const struct vm_radix *, uint64_t index);
int		vm_radix_insert(struct vm_radix *, uint64_t index, uint64_t pa);
void		vm_radix_walk(struct vm_radix *, uint64_t first, uint64_t end,
		    vm_radix_visit_t *, void *arg);

#endif
