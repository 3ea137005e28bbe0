/*
 * machine/mach_i386_types.h -- types of the x86 machine interface
 * (mach_i386.defs): segment descriptors, I/O ports and I/O permissions.
 */
#ifndef _MACH_MACHINE_MACH_I386_TYPES_H_
#define _MACH_MACHINE_MACH_I386_TYPES_H_

#include <mach/port.h>

struct descriptor {
	unsigned int	low_word;
	unsigned int	high_word;
};
typedef struct descriptor	descriptor_t;
typedef struct descriptor	*descriptor_list_t;
typedef const struct descriptor	*const_descriptor_list_t;

typedef unsigned short		io_port_t;
#ifdef KERNEL
typedef struct io_perm		*io_perm_t;
#else
typedef mach_port_t		io_perm_t;
#endif

#endif
