/*
 * mach_types.h -- the object types of the kernel interfaces.  In user
 * space each is a port name; in the kernel (KERNEL defined) the ones that
 * MIG server stubs translate are pointers to the kernel's own objects, the
 * translations being declared in mig_kernel.h.
 */
#ifndef _MACH_MACH_TYPES_H_
#define _MACH_MACH_TYPES_H_

#include <mach/host_info.h>
#include <mach/machine.h>
#include <mach/machine/vm_types.h>
#include <mach/memory_object.h>
#include <mach/port.h>
#include <mach/task_info.h>
#include <mach/task_special_ports.h>
#include <mach/thread_info.h>
#include <mach/thread_special_ports.h>
#include <mach/thread_status.h>
#include <mach/time_value.h>
#include <mach/vm_inherit.h>
#include <mach/vm_prot.h>
#include <mach/vm_statistics.h>
#include <mach/vm_wire.h>

#ifdef KERNEL
typedef struct task		*task_t;
typedef struct thread		*thread_t;
typedef struct vm_map		*vm_map_t;
typedef struct ipc_space	*ipc_space_t;
typedef struct host		*host_t;
typedef struct host		*host_priv_t;
#else
typedef mach_port_t		task_t;
typedef task_t			vm_task_t;
typedef task_t			ipc_space_t;
typedef mach_port_t		thread_t;
typedef mach_port_t		host_t;
typedef mach_port_t		host_priv_t;
typedef mach_port_t		processor_t;
typedef mach_port_t		*processor_array_t;
typedef mach_port_t		processor_set_t;
typedef mach_port_t		processor_set_name_t;
typedef mach_port_t		*processor_set_array_t;
typedef mach_port_t		*processor_set_name_array_t;
#endif
#ifdef KERNEL
/* Out-of-line arrays of rights: the kernel fills in port pointers. */
typedef mach_port_t		*task_array_t;
typedef mach_port_t		*thread_array_t;
#else
typedef task_t			*task_array_t;
typedef thread_t		*thread_array_t;
#endif
typedef vm_offset_t		*emulation_vector_t;

/* Names given with task_set_name and thread_set_name (gnumach.defs). */
#define KERNEL_DEBUG_NAME_MAX	64
typedef char			kernel_debug_name_t[KERNEL_DEBUG_NAME_MAX];
typedef const char		*const_kernel_debug_name_t;

#include <mach/std_types.h>

#endif
