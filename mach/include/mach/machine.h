/*
 * machine.h -- processor type codes that host_basic_info reports.
 */
#ifndef _MACH_MACHINE_H_
#define _MACH_MACHINE_H_

#include <mach/machine/vm_types.h>

typedef integer_t	cpu_type_t;
typedef integer_t	cpu_subtype_t;

/* The x86 family; other architectures' codes are left out. */
#define CPU_TYPE_I386		((cpu_type_t)7)
#define CPU_TYPE_I486		((cpu_type_t)17)
#define CPU_TYPE_PENTIUM	((cpu_type_t)18)
#define CPU_TYPE_PENTIUMPRO	((cpu_type_t)19)
#define CPU_TYPE_X86_64		((cpu_type_t)21)

#define CPU_SUBTYPE_AT386	((cpu_subtype_t)1)

#endif
