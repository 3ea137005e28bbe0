/*
 * ipc_space.c -- name spaces of tasks: allocation, lookup, reverse lookup
 * and teardown.  Three indexes over the entries: the slot table for names
 * the kernel makes (grows by doubling), a hash table for names the task
 * chose (each entry allocated alone), and a hash table from port to entry
 * for copyout, which must reuse the name that already holds send or
 * receive rights to a port.  Fresh entries wait on an "unfiled" list until
 * the next reverse lookup files them, so callers simply set an entry's
 * port after allocating it.  Hash tables double when their load passes 2;
 * a failed growth only makes chains longer.  Called by ipc_right.c,
 * mach_port.c, the traps and the fast path, with the space locked except
 * for create and deallocate.
 */
#include "kern/klib.h"
#include "kern/kalloc.h"
#include "kern/task_limit.h"
#include "ipc/ipc_space.h"
#include "ipc/ipc_port.h"
#include "ipc/ipc_right.h"

#define MAKE_NAME(i, g)	(((i) << 8) | (g))
#define INITIAL_SIZE	64
#define INITIAL_CHOSEN	16
#define INITIAL_REV	64

static struct kmem_cache *space_cache;

void
ipc_space_init(void)
{
	space_cache = kmem_cache_create("ipc_space", sizeof(struct ipc_space),
	    8);
}

static inline uint32_t
name_hash(mach_port_name_t name, uint32_t mask)
{
	return (name * 0x9e3779b1u >> 16) & mask;
}

static inline uint32_t
port_hash(const struct ipc_port *p, uint32_t mask)
{
	uint64_t k = (uint64_t)(uintptr_t)p * 0x9e3779b97f4a7c15ull;

	return (uint32_t)(k >> 32) & mask;
}

static void
space_free_indexes(struct ipc_space *s)
{
	kfree(s->table);
	kfree(s->chosen);
	kfree(s->rev);
}

struct ipc_space *
ipc_space_create(void)
{
	struct ipc_space *s = kmem_cache_alloc(space_cache);

	if (s == NULL)
		return NULL;
	memset(s, 0, sizeof(*s));
	s->table = kzalloc(INITIAL_SIZE * sizeof(*s->table));
	s->chosen = kzalloc(INITIAL_CHOSEN * sizeof(*s->chosen));
	s->rev = kzalloc(INITIAL_REV * sizeof(*s->rev));
	if (s->table == NULL || s->chosen == NULL || s->rev == NULL) {
		space_free_indexes(s);
		kmem_cache_free(space_cache, s);
		return NULL;
	}
	s->table[0].name = MACH_PORT_NAME_DEAD;	/* slot 0 is never a name */
	s->size = INITIAL_SIZE;
	s->chosen_mask = INITIAL_CHOSEN - 1;
	s->rev_mask = INITIAL_REV - 1;
	s->refs = 1;
	s->hiwater = 1;
	s->active = true;
	return s;
}

/* A chosen entry that holds a right, or NULL. */
static struct ipc_entry *
chosen_any_right(struct ipc_space *s)
{
	struct ipc_entry *e;

	for (uint32_t b = 0; b <= s->chosen_mask; b++)
		for (e = s->chosen[b]; e != NULL; e = e->next)
			if (e->type != 0)
				return e;
	return NULL;
}

/* The task died: release every right the space holds. */
void
ipc_space_terminate(struct ipc_space *s)
{
	struct ipc_entry *e;

	spin_lock(&s->lock);
	if (!s->active) {
		spin_unlock(&s->lock);
		return;
	}
	for (uint32_t i = 1; i < s->hiwater; i++) {
		e = &s->table[i];
		if (e->name != MACH_PORT_NAME_NULL && e->type != 0)
			ipc_right_destroy(s, e->name, e);
	}
	while ((e = chosen_any_right(s)) != NULL)
		ipc_right_destroy(s, e->name, e);
	s->active = false;
	spin_unlock(&s->lock);
}

void
ipc_space_reference(struct ipc_space *s)
{
	__atomic_add_fetch(&s->refs, 1, __ATOMIC_RELAXED);
}

/* Drop a reference (the name is MIG's); the last one frees the space. */
void
space_deallocate(struct ipc_space *s)
{
	struct ipc_entry *e;

	if (s == NULL || __atomic_sub_fetch(&s->refs, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	ipc_space_terminate(s);
	for (uint32_t b = 0; b <= s->chosen_mask; b++)
		while ((e = s->chosen[b]) != NULL) {
			s->chosen[b] = e->next;
			kfree(e);		/* empty ones never filled */
			task_limit_uncharge(s->ledger, TL_NAMES, 1);
		}
	task_limit_uncharge(s->ledger, TL_NAMES, s->size);
	task_limit_release(s->ledger);
	space_free_indexes(s);
	kmem_cache_free(space_cache, s);
}

/* A name the task chose, or NULL (ipc_entry_lookup_any's slow half). */
struct ipc_entry *
ipc_entry_lookup_chosen(struct ipc_space *s, mach_port_name_t name)
{
	struct ipc_entry *e;

	for (e = s->chosen[name_hash(name, s->chosen_mask)]; e != NULL;
	    e = e->next)
		if (e->name == name)
			return e;
	return NULL;
}

/* Put e, empty, on the unfiled list. */
static inline void
unfiled_push(struct ipc_space *s, struct ipc_entry *e)
{
	e->rnext = s->unfiled;
	if (e->rnext != NULL)
		e->rnext->rpprev = &e->rnext;
	e->rpprev = &s->unfiled;
	s->unfiled = e;
}

/* Take e off the reverse index or the unfiled list. */
static void
entry_unlink_rev(struct ipc_space *s, struct ipc_entry *e)
{
	if (e->rpprev == NULL)
		return;
	*e->rpprev = e->rnext;
	if (e->rnext != NULL)
		e->rnext->rpprev = e->rpprev;
	e->rnext = NULL;
	e->rpprev = NULL;
	if (e->filed)
		s->nfiled--;
	e->filed = false;
}

/* File e under its port in the reverse index. */
static void
rev_insert(struct ipc_space *s, struct ipc_entry *e)
{
	struct ipc_entry **b = &s->rev[port_hash(e->port, s->rev_mask)];

	e->rnext = *b;
	if (e->rnext != NULL)
		e->rnext->rpprev = &e->rnext;
	e->rpprev = b;
	*b = e;
	e->filed = true;
	s->nfiled++;
}

/* Put e back on the list its flags say it was on (after a move). */
static void
rev_relink(struct ipc_space *s, struct ipc_entry *e)
{
	bool filed = e->filed, listed = e->rpprev != NULL;

	e->rnext = NULL;
	e->rpprev = NULL;
	e->filed = false;
	if (filed && e->port != NULL)
		rev_insert(s, e);
	else if (listed && !filed)
		unfiled_push(s, e);
}

/*
 * Rebuild the reverse index and the unfiled list into nrev buckets (or
 * the same, if nrev is 0 or memory is short): after the table moved, or
 * to grow.  The pointers in the chains are stale; the flags are not.
 */
static void
rev_rebuild(struct ipc_space *s, uint32_t nrev)
{
	struct ipc_entry **t = nrev != 0 ? kzalloc(nrev * sizeof(*t)) : NULL;
	struct ipc_entry *e;

	if (t != NULL) {
		kfree(s->rev);
		s->rev = t;
		s->rev_mask = nrev - 1;
	} else {
		memset(s->rev, 0, (s->rev_mask + 1) * sizeof(*s->rev));
	}
	s->unfiled = NULL;
	s->nfiled = 0;
	for (uint32_t i = 1; i < s->hiwater; i++)
		if (s->table[i].name != MACH_PORT_NAME_NULL)
			rev_relink(s, &s->table[i]);
	for (uint32_t b = 0; b <= s->chosen_mask; b++)
		for (e = s->chosen[b]; e != NULL; e = e->next)
			rev_relink(s, e);
}

/* Double the slot table; false if it is at its cap or memory is short. */
static bool
table_grow(struct ipc_space *s)
{
	uint32_t n = s->size * 2;
	struct ipc_entry *t;

	if (n > IPC_SPACE_MAX_NAMES ||
	    !task_limit_charge(s->ledger, TL_NAMES, n - s->size))
		return false;
	if ((t = kzalloc(n * sizeof(*t))) == NULL) {
		task_limit_uncharge(s->ledger, TL_NAMES, n - s->size);
		return false;
	}
	memcpy(t, s->table, s->size * sizeof(*t));
	kfree(s->table);
	s->table = t;
	s->size = n;
	rev_rebuild(s, 0);
	return true;
}

/* The next generation of slot i whose name no chosen name holds, or 0. */
static mach_port_name_t
slot_next_name(struct ipc_space *s, uint32_t i)
{
	struct ipc_entry *e = &s->table[i];
	mach_port_name_t name;

	for (int tries = 0; tries < 255; tries++) {
		if (++e->gen == 0)
			e->gen = 1;
		name = MAKE_NAME(i, e->gen);
		if (s->nchosen == 0 || ipc_entry_lookup_chosen(s, name) == NULL)
			return name;
	}
	return MACH_PORT_NAME_NULL;
}

/*
 * A free slot and its new name, or NULL when the table cannot grow.  A
 * slot all of whose 255 names chosen names hold is left off the free list
 * for good (it takes 255 chosen names).
 */
static struct ipc_entry *
slot_take(struct ipc_space *s)
{
	mach_port_name_t name = MACH_PORT_NAME_NULL;
	uint32_t i;

	while (name == MACH_PORT_NAME_NULL) {
		if (s->free_head != 0) {
			i = s->free_head;
			s->free_head = s->table[i].next_free;
		} else if (s->hiwater < s->size || table_grow(s)) {
			i = s->hiwater++;
		} else {
			return NULL;
		}
		name = slot_next_name(s, i);
	}
	s->table[i].name = name;
	return &s->table[i];
}

/*
 * A fresh, empty entry (type still 0: the caller sets it) under a name the
 * kernel makes.  Space locked.  Returns KERN_SUCCESS, KERN_INVALID_TASK or
 * KERN_NO_SPACE (the task's cap, or memory short).
 */
kern_return_t
ipc_entry_alloc(struct ipc_space *s, mach_port_name_t *name,
    struct ipc_entry **ep)
{
	struct ipc_entry *e;

	if (!s->active)
		return KERN_INVALID_TASK;
	if (s->used >= IPC_SPACE_MAX_NAMES || (e = slot_take(s)) == NULL)
		return KERN_NO_SPACE;
	unfiled_push(s, e);
	s->used++;
	*name = e->name;
	*ep = e;
	return KERN_SUCCESS;
}

/* Rehash the chosen names into twice the buckets, if memory allows. */
static void
chosen_grow(struct ipc_space *s)
{
	uint32_t n = (s->chosen_mask + 1) * 2;
	struct ipc_entry **t, *e;

	if ((t = kzalloc(n * sizeof(*t))) == NULL)
		return;
	for (uint32_t b = 0; b <= s->chosen_mask; b++)
		while ((e = s->chosen[b]) != NULL) {
			s->chosen[b] = e->next;
			e->next = t[name_hash(e->name, n - 1)];
			t[name_hash(e->name, n - 1)] = e;
		}
	kfree(s->chosen);
	s->chosen = t;
	s->chosen_mask = n - 1;
}

/*
 * The entry for a name the caller chose (mach_port_allocate_name,
 * mach_port_rename, mach_port_insert_right): any name but MACH_PORT_NULL
 * and MACH_PORT_DEAD, as on GNU Mach.  Returns KERN_SUCCESS,
 * KERN_INVALID_VALUE, KERN_NAME_EXISTS, KERN_NO_SPACE or
 * KERN_RESOURCE_SHORTAGE.  Space locked.
 */
kern_return_t
ipc_entry_alloc_name(struct ipc_space *s, mach_port_name_t name,
    struct ipc_entry **ep)
{
	struct ipc_entry *e, **b;

	if (!MACH_PORT_NAME_VALID(name))
		return KERN_INVALID_VALUE;
	if (ipc_entry_lookup_any(s, name) != NULL)
		return KERN_NAME_EXISTS;
	if (s->used >= IPC_SPACE_MAX_NAMES)
		return KERN_NO_SPACE;
	if (!task_limit_charge(s->ledger, TL_NAMES, 1))
		return KERN_RESOURCE_SHORTAGE;
	if ((e = kzalloc(sizeof(*e))) == NULL) {
		task_limit_uncharge(s->ledger, TL_NAMES, 1);
		return KERN_RESOURCE_SHORTAGE;
	}
	if (s->nchosen >= 2 * (s->chosen_mask + 1))
		chosen_grow(s);
	e->name = name;
	e->chosen = true;
	b = &s->chosen[name_hash(name, s->chosen_mask)];
	e->next = *b;
	*b = e;
	unfiled_push(s, e);
	s->nchosen++;
	s->used++;
	*ep = e;
	return KERN_SUCCESS;
}

/* Unlink chosen entry e from its hash chain. */
static void
chosen_remove(struct ipc_space *s, struct ipc_entry *e)
{
	struct ipc_entry **pp = &s->chosen[name_hash(e->name, s->chosen_mask)];

	while (*pp != NULL && *pp != e)
		pp = &(*pp)->next;
	if (*pp == e)
		*pp = e->next;
	s->nchosen--;
}

/*
 * Forget name.  A kernel-made name's entry stays readable (type 0) until
 * the next allocation; a chosen name's entry is freed.  Space locked.
 */
void
ipc_entry_free(struct ipc_space *s, mach_port_name_t name)
{
	struct ipc_entry *e = ipc_entry_lookup_any(s, name);
	uint32_t i = name >> 8;

	if (e == NULL)
		return;
	entry_unlink_rev(s, e);
	s->used--;
	if (e->chosen) {
		chosen_remove(s, e);
		kfree(e);
		task_limit_uncharge(s->ledger, TL_NAMES, 1);
		return;
	}
	e->port = NULL;
	e->pset = NULL;
	e->type = 0;
	e->urefs = 0;
	e->dnrequest = false;
	e->name = MACH_PORT_NAME_NULL;
	e->next_free = s->free_head;
	s->free_head = i;
}

/*
 * File the fresh entries that have their port by now.  One still empty
 * (type 0) waits for a later call; a set or dead name needs no filing.
 */
static void
rev_file_fresh(struct ipc_space *s)
{
	struct ipc_entry *e, *next;

	for (e = s->unfiled; e != NULL; e = next) {
		next = e->rnext;
		if (e->port == NULL && e->type == 0)
			continue;
		entry_unlink_rev(s, e);
		if (e->port != NULL)
			rev_insert(s, e);
	}
	if (s->nfiled > 2 * (s->rev_mask + 1))
		rev_rebuild(s, 2 * (s->rev_mask + 1));
}

/*
 * The name under which s holds send or receive rights to p, or NULL.
 * Entries whose port died stay in the chains until freed; they are
 * skipped.  Space locked.
 */
mach_port_name_t
ipc_space_find_port(struct ipc_space *s, struct ipc_port *p)
{
	struct ipc_entry *e;

	rev_file_fresh(s);
	for (e = s->rev[port_hash(p, s->rev_mask)]; e != NULL; e = e->rnext)
		if (e->port == p && (e->type & (MACH_PORT_TYPE_SEND |
		    MACH_PORT_TYPE_RECEIVE)))
			return e->name;
	return MACH_PORT_NAME_NULL;
}

/* Add e to the list if it holds rights. */
static void
list_one(struct ipc_entry *e, mach_port_name_t *names,
    mach_port_type_t *types, uint32_t *n)
{
	if (e->name == MACH_PORT_NAME_NULL || e->type == 0)
		return;
	ipc_right_check_dead(e);
	names[*n] = e->name;
	types[*n] = e->type | (e->dnrequest ? MACH_PORT_TYPE_DNREQUEST : 0);
	(*n)++;
}

/* Up to max names and their types (mach_port_names).  Space locked. */
uint32_t
ipc_space_list(struct ipc_space *s, mach_port_name_t *names,
    mach_port_type_t *types, uint32_t max)
{
	struct ipc_entry *e;
	uint32_t n = 0;

	for (uint32_t i = 1; i < s->hiwater && n < max; i++)
		list_one(&s->table[i], names, types, &n);
	for (uint32_t b = 0; b <= s->chosen_mask; b++)
		for (e = s->chosen[b]; e != NULL && n < max; e = e->next)
			list_one(e, names, types, &n);
	return n;
}
