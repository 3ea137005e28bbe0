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
struct ipc_port	*ipc_kobject_make_send(struct ipc_port *);
bool		 ipc_kobject_wants_no_senders(enum ipc_kobject_type);
void		 ipc_kobject_no_senders(struct ipc_port *, uint32_t mscount);

/*
 * The end of kernel objects that live only while send rights to their
 * port exist (kern/device.c, arch io_perm.c).  Each is called once, with
 * the port still active and referenced by the caller; it detaches the
 * object from the port and destroys the port.
 */
void		 device_no_senders(struct ipc_port *, void *device);
void		 phys_pager_no_senders(struct ipc_port *, void *pager);
void		 io_perm_no_senders(struct ipc_port *, void *io_perm);

#endif
