/*
 * ipc_kobject.h -- ports that stand for kernel objects (tasks, threads,
 * the host): messages to them are requests to the kernel server.
 */
#ifndef IPC_IPC_KOBJECT_H
#define IPC_IPC_KOBJECT_H

#include "ipc/ipc_port.h"

struct ipc_kmsg;

struct ipc_port	*ipc_kobject_port_alloc(enum ipc_kobject_type, void *object);
void		 ipc_kobject_port_destroy(struct ipc_port *);
void		 ipc_kobject_server(struct ipc_kmsg *request);
mach_port_name_t ipc_kobject_copy_send(struct ipc_space *, struct ipc_port *);

#endif
