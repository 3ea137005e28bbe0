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
#include <mach/vm_inherit.h>
#include <mach/mach_types.h>
#include "ipc/ipc_port.h"

/* Signatures as the MIG kernel stubs of mach.defs call them. */
kern_return_t	vm_allocate(vm_map_t, vm_address_t *addr, vm_size_t size,
		    boolean_t anywhere);
kern_return_t	vm_deallocate(vm_map_t, vm_address_t addr, vm_size_t size);
kern_return_t	vm_protect(vm_map_t, vm_address_t addr, vm_size_t size,
		    boolean_t set_maximum, vm_prot_t prot);
kern_return_t	vm_inherit(vm_map_t, vm_address_t addr, vm_size_t size,
		    vm_inherit_t inherit);
kern_return_t	vm_read(vm_map_t, vm_address_t addr, vm_size_t size,
		    vm_offset_t *data, mach_msg_type_number_t *count);
kern_return_t	vm_write(vm_map_t, vm_address_t addr, vm_offset_t data,
		    mach_msg_type_number_t count);
kern_return_t	vm_copy(vm_map_t, vm_address_t src, vm_size_t size,
		    vm_address_t dst);
kern_return_t	vm_region(vm_map_t, vm_address_t *addr, vm_size_t *size,
		    vm_prot_t *prot, vm_prot_t *max_prot, vm_inherit_t *inherit,
		    boolean_t *shared, ipc_port_t *object_name,
		    vm_offset_t *offset);
kern_return_t	vm_map(vm_map_t, vm_address_t *addr, vm_size_t size,
		    vm_address_t mask, boolean_t anywhere,
		    ipc_port_t memory_object, vm_offset_t offset,
		    boolean_t copy, vm_prot_t cur, vm_prot_t max,
		    vm_inherit_t inherit);

struct host;
kern_return_t	vm_allocate_contiguous(struct host *, vm_map_t,
		    vm_address_t *vaddr, rpc_phys_addr_t *paddr, vm_size_t size,
		    rpc_phys_addr_t pmin, rpc_phys_addr_t pmax,
		    rpc_phys_addr_t palign);
kern_return_t	vm_statistics(vm_map_t, vm_statistics_data_t *);
kern_return_t	vm_wire(ipc_port_t host, vm_map_t, vm_address_t addr,
		    vm_size_t size, vm_prot_t access);
kern_return_t	vm_wire_all(ipc_port_t host, vm_map_t, vm_wire_t flags);
kern_return_t	vm_set_size_limit(ipc_port_t host, vm_map_t,
		    vm_size_t current_limit, vm_size_t max_limit);
kern_return_t	vm_get_size_limit(vm_map_t, vm_size_t *current_limit,
		    vm_size_t *max_limit);

#endif
