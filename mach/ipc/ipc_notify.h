/*
 * ipc_notify.h -- the kernel's notification messages (ids as notify.defs:
 * port-deleted 65, port-destroyed 69, no-senders 70, send-once 71,
 * dead-name 72), each sent through a send-once right the task registered
 * with mach_port_request_notification.  Each call consumes that right.
 * Call with no port lock held.
 */
#ifndef IPC_IPC_NOTIFY_H
#define IPC_IPC_NOTIFY_H

#include <mach/port.h>

struct ipc_port;
struct ipc_space;
struct task_limit;

#define MACH_NOTIFY_PORT_DELETED	65
#define MACH_NOTIFY_PORT_DESTROYED	69
#define MACH_NOTIFY_NO_SENDERS		70
#define MACH_NOTIFY_SEND_ONCE		71
#define MACH_NOTIFY_DEAD_NAME		72

/* A registered dead-name request: tell notify when name's port dies. */
struct ipc_dnreq {
	struct ipc_dnreq	*next;
	struct ipc_space	*space;
	mach_port_name_t	 name;
	struct ipc_port		*notify;	/* send-once right */
	struct task_limit	*ledger;	/* pays for the request */
};

void	ipc_notify_port_deleted(struct ipc_port *notify, mach_port_name_t);
void	ipc_notify_port_destroyed(struct ipc_port *notify,
	    struct ipc_port *receive);
void	ipc_notify_no_senders(struct ipc_port *notify, mach_port_mscount_t);
void	ipc_notify_send_once(struct ipc_port *port);
void	ipc_notify_dead_name(struct ipc_port *notify, mach_port_name_t);
void	ipc_notify_init(void);

#endif
