/*
 * mig_kernel.h -- what the kernel's MIG server stubs (the .defs compiled
 * with -DKERNEL_SERVER) call to turn a port from a request into the kernel
 * object it names and back.  MIG's kernel mode carries ports as struct
 * ipc_port pointers (ipc_port_t, from the kernel's ipc/ipc_port.h).
 * Each convert_port_to_* returns the object with a reference taken, or
 * NULL (the stub then answers with an error); the stub drops that
 * reference with the matching *_deallocate after the routine returns.
 * convert_*_to_port consumes a reference and returns a naked send right.
 * The kernel defines all of these.
 */
#ifndef _MACH_MIG_KERNEL_H_
#define _MACH_MIG_KERNEL_H_

#ifdef KERNEL
#include <mach/mach_types.h>
#include <mach/machine/mach_i386_types.h>
#include <device/device_types.h>

struct ipc_port;

task_t		 convert_port_to_task(struct ipc_port *port);
struct ipc_port	*convert_task_to_port(task_t task);
void		 task_deallocate(task_t task);

thread_t	 convert_port_to_thread(struct ipc_port *port);
struct ipc_port	*convert_thread_to_port(thread_t thread);
void		 thread_deallocate(thread_t thread);

vm_map_t	 convert_port_to_map(struct ipc_port *port);
void		 vm_map_deallocate(vm_map_t map);

ipc_space_t	 convert_port_to_space(struct ipc_port *port);
void		 space_deallocate(ipc_space_t space);

/* No reference: the host lives forever. */
host_t		 convert_port_to_host(struct ipc_port *port);
host_t		 convert_port_to_host_priv(struct ipc_port *port);

device_t	 dev_port_lookup(struct ipc_port *port);
struct ipc_port	*convert_device_to_port(device_t device);
void		 device_deallocate(device_t device);

io_perm_t	 convert_port_to_io_perm(struct ipc_port *port);
struct ipc_port	*convert_io_perm_to_port(io_perm_t io_perm);
void		 io_perm_deallocate(io_perm_t io_perm);

/*
 * The type check of every polymorphic argument of a request to the kernel
 * (the build puts it in place of MIG's own; mach/Makefrag-abi.am).  The
 * stub passes the argument's 8 bytes to the routine as an ipc_port_t, and
 * only copyin makes them one: in a complex message, for a port type name,
 * which it rewrites to the received right's type (16-18).  Any other type
 * name would hand the routine a pointer the sender chose.  True: refuse.
 */
#define MIG_KERNEL_POLY_BAD(name, simple) \
	(!MACH_MSG_TYPE_PORT_ANY_RIGHT(name) || (simple))

/*
 * Every kernel stub zeroes its own reply past the header and RetCode that
 * the kernel server wrote (ipc_kobject.c), as the build puts it after the
 * stub's OutP (mach/Makefrag-abi.am).  The stub's Reply is the largest
 * reply it can write, so no byte it leaves unwritten (the pad after a
 * 4-byte datum, a string's tail) can hold stale kernel memory, and a
 * small reply costs a few stores instead of zeroing 4 KiB.
 */
#define MIG_KERNEL_REPLY_HEAD(OutP) \
	(__builtin_offsetof(__typeof__(*(OutP)), RetCode) + \
	    sizeof((OutP)->RetCode))
#define MIG_KERNEL_REPLY_ZERO(OutP) \
	__builtin_memset((char *)(OutP) + MIG_KERNEL_REPLY_HEAD(OutP), 0, \
	    sizeof(*(OutP)) - MIG_KERNEL_REPLY_HEAD(OutP))
#endif

#endif
