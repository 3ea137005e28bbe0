/*
 * ipc_pset.h -- port sets: a receive from a set takes the first message of
 * any member.  One global lock (ipc_pset_lock) protects every set's member
 * list and waiters and every port's membership; it is taken before port
 * locks, and a sender wakes set waiters only after dropping its port lock.
 */
#ifndef IPC_IPC_PSET_H
#define IPC_IPC_PSET_H

#include <mach/port.h>
#include <stdbool.h>
#include <mach/message.h>

struct ipc_space;
struct ipc_entry;
struct ipc_port;
struct ipc_kmsg;
struct thread;

struct task_limit;

struct ipc_pset {
	uint32_t	 refs;		/* [g] the entry's and receivers' */
	bool		 active;	/* [g] false once the name is gone */
	struct ipc_port	*members;	/* [g] through port->pset_next */
	struct thread	*rcv_waiters;	/* [g] */
	uint32_t	 woken;		/* [g] waiters woken for a
					   message, not yet looking */
	mach_port_name_t name;		/* [g] */
	struct task_limit *ledger;	/* [I] pays for the set */
};

kern_return_t	 ipc_pset_alloc_in(struct ipc_space *, mach_port_name_t,
		    struct ipc_entry *);
void		 ipc_pset_destroy(struct ipc_pset *);
void		 ipc_pset_ref(struct ipc_pset *);
void		 ipc_pset_release(struct ipc_pset *);
kern_return_t	 ipc_pset_move(struct ipc_port *, struct ipc_pset *);
void		 ipc_pset_remove_port(struct ipc_port *);
void		 ipc_pset_notify(struct ipc_port *);
struct ipc_kmsg	*ipc_pset_dequeue(struct ipc_pset *, mach_msg_option_t,
		    mach_msg_size_t, mach_msg_timeout_t, mach_msg_return_t *,
		    mach_msg_size_t *, uint64_t user_msg);
struct thread	*ipc_pset_claim_receiver(struct ipc_port *,
		    mach_msg_size_t);
uint32_t	 ipc_pset_members(struct ipc_pset *, mach_port_name_t *,
		    uint32_t max);
void		 ipc_pset_init(void);

#endif
