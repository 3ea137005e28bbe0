/*
 * vm_types.h -- natural_t, integer_t, vm_offset_t, vm_size_t and friends;
 * the definitions live in machine/vm_types.h (x86_64).
 */
#ifndef _MACH_VM_TYPES_H_
#define _MACH_VM_TYPES_H_

#include <mach/machine/vm_types.h>

#endif
