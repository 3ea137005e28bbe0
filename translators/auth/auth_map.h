/*
 * auth_map.h -- a fixed-size map from port names to pointers, for the
 * auth server's handles and rendezvous records.  Pure logic, unit-tested
 * on the host (tests/test_auth_map.c).
 */
#ifndef AUTH_MAP_H
#define AUTH_MAP_H

#include <stdint.h>

#define AUTH_MAP_SLOTS	4096	/* a power of two, twice the most entries */

struct auth_map {
	unsigned	count;
	uint32_t	key[AUTH_MAP_SLOTS];	/* 0: free slot */
	void		*value[AUTH_MAP_SLOTS];
};

void	*auth_map_get(const struct auth_map *m, uint32_t key);
int	 auth_map_put(struct auth_map *m, uint32_t key, void *value);
void	*auth_map_remove(struct auth_map *m, uint32_t key);

#endif
