/*
 * ipc_space.c -- name tables of tasks: allocation, lookup and teardown.
 * The table grows by doubling up to IPC_SPACE_MAX_NAMES.  Reverse lookup
 * (which name already holds rights to a port) is a scan for now: tasks hold
 * few names, and the RPC path never needs it (reply rights are send-once).
 */
#include "kern/klib.h"
#include "kern/kalloc.h"
#include "kern/task_limit.h"
#include "ipc/ipc_space.h"
#include "ipc/ipc_port.h"
#include "ipc/ipc_right.h"

#define NAME_INDEX(n)	((n) >> 8)
#define NAME_GEN(n)	((n) & 0xff)
#define MAKE_NAME(i, g)	(((i) << 8) | (g))
#define INITIAL_SIZE	64

static struct kmem_cache *space_cache;

void
ipc_space_init(void)
{
	space_cache = kmem_cache_create("ipc_space", sizeof(struct ipc_space),
	    8);
}

struct ipc_space *
ipc_space_create(void)
{
	struct ipc_space *s = kmem_cache_alloc(space_cache);

	if (s == NULL)
		return NULL;
	memset(s, 0, sizeof(*s));
	s->table = kzalloc(INITIAL_SIZE * sizeof(struct ipc_entry));
	if (s->table == NULL) {
		kmem_cache_free(space_cache, s);
		return NULL;
	}
	s->size = INITIAL_SIZE;
	s->refs = 1;
	s->hiwater = 1;			/* slot 0 is never a name */
	s->active = true;
	return s;
}

/* The task died: release every right the space holds. */
void
ipc_space_terminate(struct ipc_space *s)
{
	spin_lock(&s->lock);
	if (!s->active) {
		spin_unlock(&s->lock);
		return;
	}
	for (uint32_t i = 1; i < s->hiwater; i++) {
		struct ipc_entry *e = &s->table[i];

		if (e->type != 0)
			ipc_right_destroy(s, MAKE_NAME(i, e->gen), e);
	}
	s->active = false;
	spin_unlock(&s->lock);
}

void
ipc_space_reference(struct ipc_space *s)
{
	__atomic_add_fetch(&s->refs, 1, __ATOMIC_RELAXED);
}

/* Drop a reference (the name is MIG's); the last one frees the table. */
void
space_deallocate(struct ipc_space *s)
{
	if (s == NULL || __atomic_sub_fetch(&s->refs, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	ipc_space_terminate(s);
	task_limit_uncharge(s->ledger, TL_NAMES, s->size);
	task_limit_release(s->ledger);
	kfree(s->table);
	kmem_cache_free(space_cache, s);
}

/* The entry a name denotes, or NULL.  Space locked. */
struct ipc_entry *
ipc_entry_lookup(struct ipc_space *s, mach_port_name_t name)
{
	uint32_t i = NAME_INDEX(name);
	struct ipc_entry *e;

	if (!s->active || i == 0 || i >= s->size)
		return NULL;
	e = &s->table[i];
	if (e->type == 0 || e->gen != NAME_GEN(name))
		return NULL;
	return e;
}

/* As ipc_entry_lookup, but also an entry just allocated (type 0). */
struct ipc_entry *
ipc_entry_lookup_any(struct ipc_space *s, mach_port_name_t name)
{
	uint32_t i = NAME_INDEX(name);

	if (i == 0 || i >= s->size || s->table[i].gen != NAME_GEN(name))
		return NULL;
	return &s->table[i];
}

static bool
ipc_space_grow(struct ipc_space *s)
{
	uint32_t nsize = s->size * 2;
	struct ipc_entry *nt;

	if (nsize > IPC_SPACE_MAX_NAMES ||
	    !task_limit_charge(s->ledger, TL_NAMES, nsize - s->size))
		return false;
	if ((nt = kzalloc(nsize * sizeof(*nt))) == NULL) {
		task_limit_uncharge(s->ledger, TL_NAMES, nsize - s->size);
		return false;
	}
	memcpy(nt, s->table, s->size * sizeof(*nt));
	kfree(s->table);
	s->table = nt;
	s->size = nsize;
	return true;
}

/*
 * A fresh, empty entry (type still 0: the caller sets it).  Space locked.
 * Returns KERN_SUCCESS or KERN_NO_SPACE.
 */
kern_return_t
ipc_entry_alloc(struct ipc_space *s, mach_port_name_t *name,
    struct ipc_entry **ep)
{
	uint32_t i;
	struct ipc_entry *e;

	if (!s->active)
		return KERN_INVALID_TASK;
	if (s->free_head != 0) {
		i = s->free_head;
		s->free_head = s->table[i].next_free;
	} else {
		/* Every slot below the high-water mark is taken. */
		i = s->hiwater;
		if (i >= s->size && !ipc_space_grow(s))
			return KERN_NO_SPACE;
		s->hiwater = i + 1;
	}
	e = &s->table[i];
	e->port = NULL;
	e->pset = NULL;
	e->type = 0;
	e->urefs = 0;
	e->dnrequest = false;
	e->gen++;
	if (e->gen == 0 || MAKE_NAME(i, e->gen) == MACH_PORT_NAME_DEAD)
		e->gen = 1;
	s->used++;
	*name = MAKE_NAME(i, e->gen);
	*ep = e;
	return KERN_SUCCESS;
}

/* Unlink slot i from the free list.  Space locked. */
static void
free_list_remove(struct ipc_space *s, uint32_t i)
{
	uint32_t *pp = &s->free_head;

	while (*pp != 0 && *pp != i)
		pp = &s->table[*pp].next_free;
	if (*pp == i)
		*pp = s->table[i].next_free;
}

/*
 * The entry for a name the caller chose (mach_port_allocate_name,
 * mach_port_rename).  Returns KERN_SUCCESS, KERN_INVALID_VALUE (the name
 * cannot be a name), KERN_NAME_EXISTS or KERN_NO_SPACE.  Space locked.
 */
kern_return_t
ipc_entry_alloc_name(struct ipc_space *s, mach_port_name_t name,
    struct ipc_entry **ep)
{
	uint32_t i = NAME_INDEX(name);
	struct ipc_entry *e;

	if (!MACH_PORT_NAME_VALID(name) || i == 0 || NAME_GEN(name) == 0)
		return KERN_INVALID_VALUE;
	if (i >= IPC_SPACE_MAX_NAMES)
		return KERN_NO_SPACE;
	while (i >= s->size)
		if (!ipc_space_grow(s))
			return KERN_NO_SPACE;
	e = &s->table[i];
	if (e->type != 0)
		return KERN_NAME_EXISTS;
	/* Slots between the high-water mark and i join the free list. */
	for (uint32_t j = s->hiwater; j < i; j++) {
		s->table[j].next_free = s->free_head;
		s->free_head = j;
	}
	if (i < s->hiwater)
		free_list_remove(s, i);
	else
		s->hiwater = i + 1;
	e->port = NULL;
	e->pset = NULL;
	e->urefs = 0;
	e->dnrequest = false;
	e->gen = NAME_GEN(name);
	s->used++;
	*ep = e;
	return KERN_SUCCESS;
}

void
ipc_entry_free(struct ipc_space *s, mach_port_name_t name)
{
	uint32_t i = NAME_INDEX(name);
	struct ipc_entry *e = &s->table[i];

	e->port = NULL;
	e->type = 0;
	e->urefs = 0;
	e->dnrequest = false;
	e->next_free = s->free_head;
	s->free_head = i;
	s->used--;
}

/* The name under which s holds send or receive rights to p, or NULL. */
mach_port_name_t
ipc_space_find_port(struct ipc_space *s, struct ipc_port *p)
{
	for (uint32_t i = 1; i < s->hiwater; i++) {
		struct ipc_entry *e = &s->table[i];

		if (e->port == p && (e->type & (MACH_PORT_TYPE_SEND |
		    MACH_PORT_TYPE_RECEIVE)))
			return MAKE_NAME(i, e->gen);
	}
	return MACH_PORT_NAME_NULL;
}

/* Up to max names and their types (mach_port_names).  Space locked. */
uint32_t
ipc_space_list(struct ipc_space *s, mach_port_name_t *names,
    mach_port_type_t *types, uint32_t max)
{
	uint32_t n = 0;

	for (uint32_t i = 1; i < s->hiwater && n < max; i++) {
		struct ipc_entry *e = &s->table[i];

		if (e->type == 0)
			continue;
		ipc_right_check_dead(e);
		names[n] = MAKE_NAME(i, e->gen);
		types[n] = e->type | (e->dnrequest ?
		    MACH_PORT_TYPE_DNREQUEST : 0);
		n++;
	}
	return n;
}
