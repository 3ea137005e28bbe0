/*
 * srv_table.h -- the object table of translators/lib: maps a 64-bit
 * handle (the protected payload of an object's receive right) and a port
 * name to the object, in O(1).  Pure C, no Mach calls: the caller (srv_
 * port.c) serialises every call with its lock; host-tested by
 * test_srv_table.c.
 *
 * A handle is (generation << 32) | slot.  A slot's generation changes
 * when its object leaves, so a stale handle (a request dequeued before
 * its object died) finds nothing instead of freed memory.
 */
#ifndef SRV_TABLE_H
#define SRV_TABLE_H

#include <stddef.h>
#include <stdint.h>

struct srv_table_slot {
	void *obj;		/* NULL: free */
	uint32_t gen;		/* generation of the current or next object */
	uint32_t name;		/* the object's port name */
	uint32_t next;		/* next slot: in the free list or the chain */
};

struct srv_table {
	struct srv_table_slot *slots;
	uint32_t nslots;	/* slots allocated */
	uint32_t count;		/* objects in the table */
	uint32_t free_head;	/* first free slot, SRV_TABLE_NONE: none */
	uint32_t *buckets;	/* name hash chains, heads; power of two */
	uint32_t nbuckets;
	uint32_t max;		/* at most this many objects */
};

#define SRV_TABLE_NONE	UINT32_MAX

void	srv_table_init(struct srv_table *t, uint32_t max);
void	srv_table_fini(struct srv_table *t);
int	srv_table_insert(struct srv_table *t, void *obj, uint32_t name,
	    uint64_t *handle);
void	*srv_table_get(const struct srv_table *t, uint64_t handle);
void	*srv_table_find(const struct srv_table *t, uint32_t name);
int	srv_table_remove(struct srv_table *t, uint64_t handle);

#endif
