/*
 * ipc_space.h -- a task's port name space: the table that maps the names a
 * task uses (32-bit integers) to rights on ports.  A name is the table
 * index shifted left 8 bits plus an 8-bit generation, so a stale name is
 * very likely to be refused rather than mean a new right.
 * Locking: [s] the space's lock, taken before any port lock.
 */
#ifndef IPC_IPC_SPACE_H
#define IPC_IPC_SPACE_H

#include <stdint.h>
#include <stdbool.h>
#include <mach/port.h>
#include <mach/kern_return.h>
#include "kern/lock.h"

struct ipc_port;
struct ipc_pset;
struct task_limit;

#define IPC_UREFS_MAX		0xffff
#define IPC_SPACE_MAX_NAMES	65536	/* cap on any one task's names */

struct ipc_entry {
	struct ipc_port	*port;		/* [s] the port of a right */
	struct ipc_pset	*pset;		/* [s] the set of a set name */
	uint32_t	 type;		/* [s] MACH_PORT_TYPE_* bits */
	uint32_t	 urefs;		/* [s] send or dead-name references */
	uint32_t	 next_free;	/* [s] free list, by index */
	uint8_t		 gen;		/* [s] */
	bool		 dnrequest;	/* [s] a dead-name request watches
					   this name (ipc_right.c) */
};

struct ipc_space {
	struct spinlock	 lock;
	uint32_t	 refs;		/* [atomic] the task's and RPCs' */
	bool		 active;	/* [s] */
	struct ipc_entry *table;	/* [s] */
	uint32_t	 size;		/* [s] slots in table */
	uint32_t	 free_head;	/* [s] 0: none (slot 0 never used) */
	uint32_t	 used;		/* [s] */
	uint32_t	 hiwater;	/* [s] 1 + the highest slot ever used */
	struct task_limit *ledger;	/* [I] pays for the table */
};

struct ipc_space *ipc_space_create(void);
void		 ipc_space_terminate(struct ipc_space *);
void		 ipc_space_reference(struct ipc_space *);
void		 space_deallocate(struct ipc_space *);
struct ipc_entry *ipc_entry_lookup(struct ipc_space *, mach_port_name_t);
struct ipc_entry *ipc_entry_lookup_any(struct ipc_space *, mach_port_name_t);
kern_return_t	 ipc_entry_alloc(struct ipc_space *, mach_port_name_t *,
		    struct ipc_entry **);
kern_return_t	 ipc_entry_alloc_name(struct ipc_space *, mach_port_name_t,
		    struct ipc_entry **);
void		 ipc_entry_free(struct ipc_space *, mach_port_name_t);
mach_port_name_t ipc_space_find_port(struct ipc_space *, struct ipc_port *);
uint32_t	 ipc_space_list(struct ipc_space *, mach_port_name_t *,
		    mach_port_type_t *, uint32_t max);
void		 ipc_space_init(void);

#endif
