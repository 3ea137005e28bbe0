/*
 * ipc_port.h -- ports: a message queue with one receive right, counted
 * send and send-once rights, and the threads waiting to receive.  A port
 * whose receive right is destroyed becomes dead: its messages are destroyed
 * and every send right to it turns into a dead name.
 * Locking: [p] the port's lock; [I] immutable; [c] one lock for the
 * destinations of all ports in transit (ipc_port.c).  Space locks come
 * before port locks.
 */
#ifndef IPC_IPC_PORT_H
#define IPC_IPC_PORT_H

#include <stdint.h>
#include <stdbool.h>
#include <mach/port.h>
#include <mach/message.h>
#include "kern/lock.h"

struct ipc_space;
struct ipc_kmsg;
struct ipc_pset;
struct ipc_dnreq;
struct thread;
struct task_limit;

/* Kernel objects a port can stand for (messages to them go to the kernel). */
enum ipc_kobject_type {
	IKOT_NONE = 0,
	IKOT_TASK,
	IKOT_THREAD,
	IKOT_HOST,
	IKOT_HOST_PRIV,
	IKOT_DEVICE_MASTER,
	IKOT_DEVICE,
	IKOT_IO_PERM,
	IKOT_PHYS_PAGER,
};

struct ipc_port {
	struct spinlock		 lock;
	uint32_t		 refs;		/* [p] */
	bool			 active;	/* [p] false: dead */
	struct ipc_space	*receiver;	/* [p] NULL: in transit/kernel */
	mach_port_name_t	 receiver_name;	/* [p] */
	enum ipc_kobject_type	 kotype;	/* [p] */
	void			*kobject;	/* [p] */
	struct ipc_kmsg		*msg_head;	/* [p] queued messages */
	struct ipc_kmsg		*msg_tail;	/* [p] */
	uint32_t		 msgcount;	/* [p] */
	uint32_t		 qlimit;	/* [p] */
	uint32_t		 seqno;		/* [p] */
	uint32_t		 mscount;	/* [p] make-send count */
	uint32_t		 srights;	/* [p] send rights outstanding */
	uint32_t		 sorights;	/* [p] send-once rights */
	struct thread		*rcv_waiters;	/* [p] blocked receivers */
	struct thread		*snd_waiters;	/* [p] senders at qlimit */
	struct ipc_port		*nsrequest;	/* [p] no-senders notify right */
	uint32_t		 ns_sync;	/* [p] notify once mscount >= */
	struct ipc_port		*pdrequest;	/* [p] port-destroyed right */
	struct ipc_dnreq	*dnrequests;	/* [p] dead-name requests */
	uint64_t		 payload;	/* [p] protected payload */
	bool			 has_payload;	/* [p] deliver it, not a name */
	struct ipc_port		*destination;	/* [c] receive right in transit:
						   the port whose queue holds
						   it (referenced), or NULL */
	struct ipc_pset		*pset;		/* [g] set it belongs to */
	struct ipc_port		*pset_next;	/* [g] */
	struct task_limit	*ledger;	/* [I] pays for the port */
};

/* The names the kernel's MIG server stubs use. */
typedef struct ipc_port *ipc_port_t;
#define IP_NULL		((ipc_port_t)0)
#define IP_DEAD		((ipc_port_t)-1)
#define IP_VALID(p)	((p) != IP_NULL && (p) != IP_DEAD)

void		 ipc_port_release_send(ipc_port_t);
ipc_port_t	 ipc_port_copy_send(ipc_port_t);
bool		 ipc_port_check_circularity(ipc_port_t, ipc_port_t);
void		 ipc_port_clear_destination(struct ipc_port *);

void		 ipc_port_init(void);
struct ipc_port	*ipc_port_alloc(void);
void		 ipc_port_ref(struct ipc_port *);
void		 ipc_port_release(struct ipc_port *);
void		 ipc_port_destroy(struct ipc_port *);
void		 ipc_port_enqueue(struct ipc_port *, struct ipc_kmsg *);
struct ipc_kmsg	*ipc_port_dequeue(struct ipc_port *);
struct ipc_kmsg	*ipc_port_take(struct ipc_port *, mach_msg_option_t,
		    mach_msg_size_t, mach_msg_return_t *, mach_msg_size_t *);
void		 ipc_port_wake_senders(struct ipc_port *);
void		 ipc_port_srights_dec(struct ipc_port *);
void		 ipc_port_wait_remove(struct thread **, struct thread *);
void		 ipc_port_wake_receivers(struct ipc_port *, int result);
void		 ipc_port_clear_receiver(struct ipc_port *);
struct ipc_dnreq *ipc_port_dnreq_take(struct ipc_port *, struct ipc_space *,
		    mach_port_name_t);
uint64_t	 ipc_port_count(void);

#endif
