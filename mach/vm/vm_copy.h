/*
 * vm_copy.h -- out-of-line message memory in transit: references to the
 * sender's pages (shared copy-on-write) or to fresh copies of them, handed
 * whole to the receiver's map on receipt.
 */
#ifndef VM_VM_COPY_H
#define VM_VM_COPY_H

#include <stdint.h>
#include <mach/kern_return.h>

struct vm_map;

#define VM_COPY_MAX	(64ul << 20)	/* bytes in one out-of-line item */

struct vm_copy {
	uint64_t	size;		/* bytes */
	uint64_t	npages;
	uint64_t	pages[];	/* physical addresses */
};

kern_return_t	vm_copy_in(struct vm_map *, uint64_t addr, uint64_t size,
		    struct vm_copy **);
kern_return_t	vm_copy_out(struct vm_map *, struct vm_copy *, uint64_t *addr);
void		vm_copy_discard(struct vm_copy *);
struct vm_copy	*vm_copy_from_kernel(const void *buf, uint64_t len);

#endif
