/*
 * mach_port.h -- the mach_port subsystem (ids 3200-3222): operations on a
 * task's port name space.  Called by the kernel server stubs generated
 * from mach_port.defs, with the space already translated from the task port.
 * Every routine returns a kern_return_t as GNU Mach does.
 */
#ifndef IPC_MACH_PORT_H
#define IPC_MACH_PORT_H

#include <mach/port.h>
#include <mach/message.h>
#include <mach/machine/vm_types.h>

struct ipc_space;
struct ipc_port;

kern_return_t	mach_port_type(struct ipc_space *, mach_port_name_t,
		    mach_port_type_t *);
kern_return_t	mach_port_rename(struct ipc_space *, mach_port_name_t,
		    mach_port_name_t);
kern_return_t	mach_port_allocate_name(struct ipc_space *, mach_port_right_t,
		    mach_port_name_t);
kern_return_t	mach_port_allocate(struct ipc_space *, mach_port_right_t,
		    mach_port_name_t *);
kern_return_t	mach_port_destroy(struct ipc_space *, mach_port_name_t);
kern_return_t	mach_port_deallocate(struct ipc_space *, mach_port_name_t);
kern_return_t	mach_port_get_refs(struct ipc_space *, mach_port_name_t,
		    mach_port_right_t, mach_port_urefs_t *);
kern_return_t	mach_port_mod_refs(struct ipc_space *, mach_port_name_t,
		    mach_port_right_t, mach_port_delta_t);
kern_return_t	mach_port_set_qlimit(struct ipc_space *, mach_port_name_t,
		    mach_port_msgcount_t);
kern_return_t	mach_port_set_mscount(struct ipc_space *, mach_port_name_t,
		    mach_port_mscount_t);
kern_return_t	mach_port_set_seqno(struct ipc_space *, mach_port_name_t,
		    mach_port_seqno_t);
kern_return_t	mach_port_insert_right(struct ipc_space *, mach_port_name_t,
		    struct ipc_port *, mach_msg_type_name_t);
kern_return_t	mach_port_request_notification(struct ipc_space *,
		    mach_port_name_t, mach_msg_id_t, mach_port_mscount_t,
		    struct ipc_port *, struct ipc_port **);
kern_return_t	mach_port_get_receive_status(struct ipc_space *,
		    mach_port_name_t, mach_port_status_t *);
kern_return_t	mach_port_move_member(struct ipc_space *, mach_port_name_t,
		    mach_port_name_t);
kern_return_t	mach_port_set_protected_payload(struct ipc_space *,
		    mach_port_name_t, rpc_uintptr_t);
kern_return_t	mach_port_clear_protected_payload(struct ipc_space *,
		    mach_port_name_t);
kern_return_t	mach_port_extract_right(struct ipc_space *, mach_port_name_t,
		    mach_msg_type_name_t, struct ipc_port **,
		    mach_msg_type_name_t *);

#endif
