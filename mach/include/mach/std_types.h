/*
 * std_types.h -- the types std_types.defs names: the basic machine types,
 * port names, and the address types of the VM interfaces.
 */
#ifndef _MACH_STD_TYPES_H_
#define _MACH_STD_TYPES_H_

#define EXPORT_BOOLEAN
#include <mach/boolean.h>
#include <mach/kern_return.h>
#include <mach/port.h>
#include <mach/machine/vm_types.h>

typedef vm_offset_t	pointer_t;
typedef vm_offset_t	vm_address_t;

#endif
