/*
 * ipc_right.h -- moving rights between a name space and a message: copyin
 * takes a right out of the sender's space as its disposition says, copyout
 * puts a right in transit into the receiver's space.  In transit a right
 * is a port pointer holding one reference.
 */
#ifndef IPC_IPC_RIGHT_H
#define IPC_IPC_RIGHT_H

#include <stdbool.h>
#include <mach/port.h>
#include <mach/message.h>

struct ipc_space;
struct ipc_entry;
struct ipc_port;

/* In a kernel message, a dead right (sent from a dead name). */
#define IPC_PORT_DEAD	((struct ipc_port *)-1)
#define IPC_PORT_VALID(p)	((p) != NULL && (p) != IPC_PORT_DEAD)

mach_msg_return_t ipc_right_copyin(struct ipc_space *, mach_port_name_t,
		    mach_msg_type_name_t disp, struct ipc_port **portp,
		    mach_msg_type_name_t *typep);
mach_msg_return_t ipc_right_copyin_dest(struct ipc_space *, mach_port_name_t,
		    mach_msg_type_name_t disp, struct ipc_port **portp,
		    mach_msg_type_name_t *typep);
mach_msg_return_t ipc_right_copyout(struct ipc_space *, struct ipc_port *,
		    mach_msg_type_name_t type, mach_port_name_t *namep);
void		  ipc_right_drop(struct ipc_port *, mach_msg_type_name_t type);
void		  ipc_right_destroy(struct ipc_space *, mach_port_name_t,
		    struct ipc_entry *);
mach_msg_type_name_t ipc_right_result_type(mach_msg_type_name_t disp);
bool		  ipc_right_check_dead(struct ipc_entry *);
kern_return_t	  ipc_right_delta(struct ipc_space *, mach_port_name_t,
		    struct ipc_entry *, mach_port_right_t, mach_port_delta_t);
kern_return_t	  ipc_right_copyout_name(struct ipc_space *, mach_port_name_t,
		    struct ipc_port *, mach_msg_type_name_t);
void		  ipc_right_consume(struct ipc_port *, mach_msg_type_name_t);
void		  ipc_right_dncancel(struct ipc_space *, mach_port_name_t,
		    struct ipc_entry *);

#endif
