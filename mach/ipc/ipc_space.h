/*
 * ipc_space.h -- a task's port name space: which rights the names a task
 * uses (32-bit integers) stand for, and which name already holds rights to
 * a port.  Names the kernel makes are a slot index shifted left 8 bits
 * plus an 8-bit generation, so a stale name is very likely to be refused
 * rather than mean a new right; names a task chooses (allocate_name,
 * rename, insert_right) may be any value but MACH_PORT_NULL and
 * MACH_PORT_DEAD and live in a hash table, and the kernel never makes a
 * name that a chosen one holds.  Every lookup, allocation and reverse
 * lookup costs O(1) on average, whatever the number of names.
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

/*
 * An entry's port is set only while the entry is fresh (between its
 * allocation and the space's next ipc_space_find_port, which files it in
 * the reverse index); later it may only become NULL.  Entries of
 * kernel-made names live in the slot table, which moves when it grows: a
 * pointer to an entry is good until the next allocation.
 */
struct ipc_entry {
	struct ipc_port	*port;		/* [s] the port of a right */
	struct ipc_pset	*pset;		/* [s] the set of a set name */
	uint32_t	 type;		/* [s] MACH_PORT_TYPE_* bits */
	uint32_t	 urefs;		/* [s] send or dead-name references */
	mach_port_name_t name;		/* [s] NULL: a free slot */
	uint32_t	 next_free;	/* [s] slot free list, by index */
	uint8_t		 gen;		/* [s] the slot's last generation */
	bool		 dnrequest;	/* [s] a dead-name request watches
					   this name (ipc_right.c) */
	bool		 chosen;	/* [s] in the chosen-name hash */
	bool		 filed;		/* [s] in the reverse index */
	struct ipc_entry *next;		/* [s] chosen-name chain */
	struct ipc_entry *rnext;	/* [s] reverse chain or unfiled list */
	struct ipc_entry **rpprev;	/* [s] NULL: on neither */
};

struct ipc_space {
	struct spinlock	 lock;
	uint32_t	 refs;		/* [atomic] the task's and RPCs' */
	bool		 active;	/* [s] */
	uint32_t	 used;		/* [s] names in the space */
	struct ipc_entry *table;	/* [s] kernel-made names: index i
					   names i << 8 | gen */
	uint32_t	 size;		/* [s] slots in table */
	uint32_t	 free_head;	/* [s] 0: none (slot 0 never used) */
	uint32_t	 hiwater;	/* [s] 1 + the highest slot ever used */
	struct ipc_entry **chosen;	/* [s] chosen names, hashed */
	uint32_t	 chosen_mask;	/* [s] buckets - 1 */
	uint32_t	 nchosen;	/* [s] */
	struct ipc_entry **rev;		/* [s] port -> entry, hashed */
	uint32_t	 rev_mask;	/* [s] buckets - 1 */
	uint32_t	 nfiled;	/* [s] */
	struct ipc_entry *unfiled;	/* [s] fresh entries not yet filed */
	struct task_limit *ledger;	/* [I] pays for the table */
};

struct ipc_space *ipc_space_create(void);
void		 ipc_space_terminate(struct ipc_space *);
void		 ipc_space_reference(struct ipc_space *);
void		 space_deallocate(struct ipc_space *);
struct ipc_entry *ipc_entry_lookup_chosen(struct ipc_space *,
		    mach_port_name_t);
kern_return_t	 ipc_entry_alloc(struct ipc_space *, mach_port_name_t *,
		    struct ipc_entry **);
kern_return_t	 ipc_entry_alloc_name(struct ipc_space *, mach_port_name_t,
		    struct ipc_entry **);
void		 ipc_entry_free(struct ipc_space *, mach_port_name_t);
mach_port_name_t ipc_space_find_port(struct ipc_space *, struct ipc_port *);
uint32_t	 ipc_space_list(struct ipc_space *, mach_port_name_t *,
		    mach_port_type_t *, uint32_t max);
void		 ipc_space_init(void);

/*
 * The entry of name, even one just allocated (type 0), or NULL.  Inline:
 * every message looks names up.  Space locked.
 */
static inline struct ipc_entry *
ipc_entry_lookup_any(struct ipc_space *s, mach_port_name_t name)
{
	uint32_t i = name >> 8;
	struct ipc_entry *e;

	if (i < s->hiwater && (e = &s->table[i])->name == name)
		return e;
	return s->nchosen != 0 ? ipc_entry_lookup_chosen(s, name) : NULL;
}

/* The entry of name if it holds a right or set, or NULL.  Space locked. */
static inline struct ipc_entry *
ipc_entry_lookup(struct ipc_space *s, mach_port_name_t name)
{
	struct ipc_entry *e = ipc_entry_lookup_any(s, name);

	if (e == NULL || e->type == 0 || !s->active)
		return NULL;
	return e;
}

#endif
