/*
 * vm_user.h -- the virtual-memory RPCs of mach.defs (vm_allocate ...
 * vm_map), called by the kernel server stubs with the target task's map.
 * Addresses and sizes are 64-bit; each returns a kern_return_t.
 */
#ifndef VM_VM_USER_H
#define VM_VM_USER_H

#include <stdint.h>
#include <stdbool.h>
#include <mach/kern_return.h>
#include <mach/vm_prot.h>

struct vm_map;
struct vm_copy;

kern_return_t	vm_allocate(struct vm_map *, uint64_t *addr, uint64_t size,
		    bool anywhere);
kern_return_t	vm_deallocate(struct vm_map *, uint64_t addr, uint64_t size);
kern_return_t	vm_protect(struct vm_map *, uint64_t addr, uint64_t size,
		    bool set_maximum, vm_prot_t prot);
kern_return_t	vm_inherit(struct vm_map *, uint64_t addr, uint64_t size,
		    int inherit);
kern_return_t	vm_read(struct vm_map *, uint64_t addr, uint64_t size,
		    struct vm_copy **data);
kern_return_t	vm_write(struct vm_map *, uint64_t addr, struct vm_copy *data);
kern_return_t	vm_copy(struct vm_map *, uint64_t src, uint64_t size,
		    uint64_t dst);
kern_return_t	vm_region(struct vm_map *, uint64_t *addr, uint64_t *size,
		    vm_prot_t *prot, vm_prot_t *max_prot, int *inherit,
		    bool *shared);
kern_return_t	vm_map_anon(struct vm_map *, uint64_t *addr, uint64_t size,
		    uint64_t mask, bool anywhere, vm_prot_t cur, vm_prot_t max,
		    int inherit);

#endif
