/*
 * task_limit.h -- bounded kernel memory per task.  Each task has a ledger
 * of what the kernel holds on its behalf (ports, name slots, dead-name
 * requests, threads, map entries, page tables, queued messages and their
 * out-of-line pages and port arrays), in bytes against one limit.  The
 * allocation sites charge and their frees uncharge; docs/kernel.md
 * ("Limits") says who is charged for what.
 * Locking: every count is atomic; a ledger lives while its task, space,
 * map or any charged port, message or request refers to it.
 */
#ifndef KERN_TASK_LIMIT_H
#define KERN_TASK_LIMIT_H

#include <stdint.h>
#include <stdbool.h>
#include <mach/kern_return.h>
#include <mach/message.h>

struct task;
struct ipc_port;
struct ipc_kmsg;
struct ipc_dnreq;
struct host;

enum task_limit_kind {
	TL_PORTS,		/* ports the task allocated */
	TL_NAMES,		/* slots of its name table */
	TL_DNREQUESTS,		/* dead-name requests it registered */
	TL_THREADS,		/* its threads, kernel stacks included */
	TL_MAP_ENTRIES,		/* entries of its address space */
	TL_PAGE_TABLES,		/* page-table pages of its address space */
	TL_MESSAGES,		/* messages queued and charged to it */
	TL_MSG_BYTES,		/* their buffers and port arrays (bytes:
				   in `used' only, not counted apart) */
	TL_OOL_PAGES,		/* their out-of-line pages */
	TL_TASKS,		/* itself, when another task created it */
	TL_PSETS,		/* port sets it allocated */
	TL_NKINDS
};

struct task_limit {
	struct task_limit *parent;		/* [I] the creator's, or NULL */
	uint64_t	 limit;			/* [a] bytes */
	uint64_t	 used;			/* [a] bytes charged */
	uint64_t	 descendants;		/* [a] bytes charged to the
						   tasks it created, and
						   theirs, and so on */
	uint64_t	 refused;		/* [a] charges refused */
	uint64_t	 count[TL_NKINDS];	/* [a] */
	uint32_t	 refs;			/* [a] */
};

void		 task_limit_init(uint64_t memory_bytes);
struct task_limit *task_limit_create(void);
struct task_limit *task_limit_ref(struct task_limit *);
void		 task_limit_release(struct task_limit *);
void		 task_limit_attach(struct task *);
kern_return_t	 task_limit_inherit(struct task *child, struct task *parent);
void		 task_limit_detach(struct task *);
struct task_limit *task_limit_current(void);

bool		 task_limit_charge(struct task_limit *, enum task_limit_kind,
		    uint64_t n);
void		 task_limit_uncharge(struct task_limit *, enum task_limit_kind,
		    uint64_t n);

/* Ports, dead-name requests and messages outlive their task: referenced. */
struct ipc_port	*task_limit_port_alloc(struct task_limit *);
void		 task_limit_port_free(struct ipc_port *);
struct ipc_dnreq *task_limit_dnreq_alloc(struct task_limit *);
void		 task_limit_dnreq_free(struct ipc_dnreq *);
void		 task_limit_kmsg_force(struct ipc_kmsg *, struct task_limit *);
bool		 task_limit_kmsg_admit(struct ipc_kmsg *, struct task *);
void		 task_limit_kmsg_to_receiver(struct ipc_kmsg *,
		    struct ipc_port *);
void		 task_limit_kmsg_free(struct ipc_kmsg *);

/* The RPCs of whorl.defs. */
kern_return_t	 task_set_kernel_limit(struct host *, struct task *,
		    uint64_t limit);
kern_return_t	 task_kernel_usage(struct task *, integer_t *out,
		    mach_msg_type_number_t *count);

#endif
