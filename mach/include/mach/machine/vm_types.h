/*
 * machine/vm_types.h -- the machine-sized integer types of the x86_64 Mach
 * ABI.  natural_t and integer_t stay 4 bytes; addresses, sizes and the
 * "long" types are 8.  The rpc_ forms are what travels in messages; with
 * no 32-bit user space they equal the plain forms, kernel or not.
 */
#ifndef _MACH_MACHINE_VM_TYPES_H_
#define _MACH_MACHINE_VM_TYPES_H_

#ifndef __ASSEMBLER__
#include <stdint.h>

typedef unsigned int		natural_t;
typedef int			integer_t;
typedef unsigned long		long_natural_t;
typedef long			long_integer_t;

typedef uintptr_t		vm_offset_t;
typedef uintptr_t		vm_size_t;
typedef vm_offset_t		*vm_offset_array_t;
typedef vm_size_t		*vm_size_array_t;

/* Physical addresses are 64 bits in every interface. */
typedef unsigned long long	phys_addr_t;
typedef unsigned long long	rpc_phys_addr_t;
typedef rpc_phys_addr_t		*rpc_phys_addr_array_t;

typedef uintptr_t		rpc_uintptr_t;
typedef vm_offset_t		rpc_vm_address_t;
typedef vm_offset_t		rpc_vm_offset_t;
typedef vm_size_t		rpc_vm_size_t;
typedef rpc_vm_size_t		*rpc_vm_size_array_t;
typedef rpc_vm_offset_t		*rpc_vm_offset_array_t;
typedef long_natural_t		rpc_long_natural_t;
typedef long_integer_t		rpc_long_integer_t;
#endif

/* The message type name that carries an integer_t. */
#define MACH_MSG_TYPE_INTEGER_T	MACH_MSG_TYPE_INTEGER_32

#endif
