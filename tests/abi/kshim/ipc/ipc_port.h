/*
 * ipc_port.h -- stand-in for the kernel's ipc/ipc_port.h, used only by
 * tests/abi/mig-compile.sh to compile the kernel's MIG server stubs: it
 * declares exactly what those stubs use, so the real header must provide
 * the same names.
 */
#ifndef ABI_KSHIM_IPC_PORT_H
#define ABI_KSHIM_IPC_PORT_H

#include <mach/boolean.h>

typedef struct ipc_port	*ipc_port_t;

#define IP_NULL		((ipc_port_t)0)
#define IP_DEAD		((ipc_port_t)~0UL)
#define IP_VALID(port)	((port) != IP_NULL && (port) != IP_DEAD)

void		ipc_port_release_send(ipc_port_t port);
boolean_t	ipc_port_check_circularity(ipc_port_t port, ipc_port_t dest);

#endif
