/*
 * auth_map.c -- open addressing with linear probing and backward-shift
 * removal (no tombstones), keyed by port names.  Key 0 (MACH_PORT_NULL)
 * marks a free slot and is never stored.
 */
#include <stddef.h>
#include <whorl/errno.h>

#include "auth_map.h"

#define MASK	(AUTH_MAP_SLOTS - 1)

static unsigned
home(uint32_t key)
{
	return (key * 2654435761u) & MASK;
}

/* The slot holding key, or the free slot where it would go. */
static unsigned
find(const struct auth_map *m, uint32_t key)
{
	unsigned i = home(key);

	while (m->key[i] != 0 && m->key[i] != key)
		i = (i + 1) & MASK;
	return i;
}

void *
auth_map_get(const struct auth_map *m, uint32_t key)
{
	unsigned i = find(m, key);

	return key != 0 && m->key[i] == key ? m->value[i] : NULL;
}

/*
 * Add key -> value.  Returns 0, EINVAL for key 0 or a null value,
 * EEXIST if key is there, ENOSPC when half the slots are in use.
 */
int
auth_map_put(struct auth_map *m, uint32_t key, void *value)
{
	unsigned i;

	if (key == 0 || value == NULL)
		return EINVAL;
	i = find(m, key);
	if (m->key[i] == key)
		return EEXIST;
	if (m->count >= AUTH_MAP_SLOTS / 2)
		return ENOSPC;
	m->key[i] = key;
	m->value[i] = value;
	m->count++;
	return 0;
}

/* Remove key; returns its value, or NULL if it was not there. */
void *
auth_map_remove(struct auth_map *m, uint32_t key)
{
	unsigned i = find(m, key), j, h;
	void *value;

	if (key == 0 || m->key[i] != key)
		return NULL;
	value = m->value[i];
	/* Move back every later entry of the run that may sit past i. */
	for (j = (i + 1) & MASK; m->key[j] != 0; j = (j + 1) & MASK) {
		h = home(m->key[j]);
		if (((j - h) & MASK) >= ((j - i) & MASK)) {
			m->key[i] = m->key[j];
			m->value[i] = m->value[j];
			i = j;
		}
	}
	m->key[i] = 0;
	m->value[i] = NULL;
	m->count--;
	return value;
}
