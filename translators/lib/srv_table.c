/*
 * srv_table.c -- the object table of translators/lib (srv_table.h):
 * slots reached by handle, chained in a hash by port name.  Called by
 * srv_port.c under its lock and by the host test.  Every function
 * returns 0 or an errno (ENOMEM, ENOENT).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "srv_table.h"

#define SRV_TABLE_FIRST	16

static uint32_t
srv_table_hash(uint32_t name, uint32_t nbuckets)
{
	return (name * 2654435761u) & (nbuckets - 1);
}

void
srv_table_init(struct srv_table *t, uint32_t max)
{
	memset(t, 0, sizeof(*t));
	t->free_head = SRV_TABLE_NONE;
	t->max = max;
}

void
srv_table_fini(struct srv_table *t)
{
	free(t->slots);
	free(t->buckets);
	srv_table_init(t, t->max);
}

/* Rebuild the name chains for n buckets; ENOMEM leaves the table as is. */
static int
srv_table_rehash(struct srv_table *t, uint32_t n)
{
	uint32_t *b, i, h;

	b = malloc(n * sizeof(*b));
	if (b == NULL)
		return ENOMEM;
	for (i = 0; i < n; i++)
		b[i] = SRV_TABLE_NONE;
	for (i = 0; i < t->nslots; i++) {
		if (t->slots[i].obj == NULL)
			continue;
		h = srv_table_hash(t->slots[i].name, n);
		t->slots[i].next = b[h];
		b[h] = i;
	}
	free(t->buckets);
	t->buckets = b;
	t->nbuckets = n;
	return 0;
}

/* Double the slots (new ones free, generation 1) and the buckets. */
static int
srv_table_grow(struct srv_table *t)
{
	struct srv_table_slot *s;
	uint32_t n, i;

	n = t->nslots == 0 ? SRV_TABLE_FIRST : t->nslots * 2;
	if (n > t->max)
		n = t->max;
	if (n <= t->nslots)
		return ENOMEM;
	s = realloc(t->slots, n * sizeof(*s));
	if (s == NULL)
		return ENOMEM;
	t->slots = s;
	for (i = n; i > t->nslots; i--) {
		s[i - 1].obj = NULL;
		s[i - 1].gen = 1;
		s[i - 1].next = t->free_head;
		t->free_head = i - 1;
	}
	t->nslots = n;
	return srv_table_rehash(t, n);
}

/*
 * Put obj, whose receive right is name, into the table; *handle is what
 * srv_table_get takes.  ENOMEM: no memory or t->max objects already.
 */
int
srv_table_insert(struct srv_table *t, void *obj, uint32_t name,
    uint64_t *handle)
{
	struct srv_table_slot *s;
	uint32_t i, h;

	if (obj == NULL)
		return EINVAL;
	if (t->free_head == SRV_TABLE_NONE && srv_table_grow(t) != 0)
		return ENOMEM;
	i = t->free_head;
	s = &t->slots[i];
	t->free_head = s->next;
	s->obj = obj;
	s->name = name;
	h = srv_table_hash(name, t->nbuckets);
	s->next = t->buckets[h];
	t->buckets[h] = i;
	t->count++;
	*handle = ((uint64_t)s->gen << 32) | i;
	return 0;
}

/* The object of handle, or NULL if it is stale or was never given. */
void *
srv_table_get(const struct srv_table *t, uint64_t handle)
{
	uint32_t i = (uint32_t)handle, gen = (uint32_t)(handle >> 32);

	if (i >= t->nslots || t->slots[i].gen != gen)
		return NULL;
	return t->slots[i].obj;
}

/* The object whose port is name, or NULL. */
void *
srv_table_find(const struct srv_table *t, uint32_t name)
{
	uint32_t i;

	if (t->nbuckets == 0)
		return NULL;
	for (i = t->buckets[srv_table_hash(name, t->nbuckets)];
	    i != SRV_TABLE_NONE; i = t->slots[i].next)
		if (t->slots[i].name == name)
			return t->slots[i].obj;
	return NULL;
}

/* Take handle's object out; its slot's next object has a new generation. */
int
srv_table_remove(struct srv_table *t, uint64_t handle)
{
	uint32_t i = (uint32_t)handle, *link;
	struct srv_table_slot *s;

	if (srv_table_get(t, handle) == NULL)
		return ENOENT;
	s = &t->slots[i];
	link = &t->buckets[srv_table_hash(s->name, t->nbuckets)];
	while (*link != i)
		link = &t->slots[*link].next;
	*link = s->next;
	s->obj = NULL;
	if (++s->gen == 0)
		s->gen = 1;
	s->next = t->free_head;
	t->free_head = i;
	t->count--;
	return 0;
}
