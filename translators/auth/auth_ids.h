/*
 * auth_ids.h -- identities of the auth server: four arrays of ids
 * (effective and available uids and gids) and the rule that decides
 * which identities a set of held ones may make.  Pure logic: the server
 * (auth_handle.c) and the host tests (tests/test_auth_ids.c) use it.
 */
#ifndef AUTH_IDS_H
#define AUTH_IDS_H

#include <stdbool.h>
#include <stdint.h>

#include "auth_types.h"

int	auth_ids_check(const struct auth_ids *ids);
int	auth_ids_set(struct auth_ids *ids, const uint32_t *const arrays[],
	    const uint32_t counts[]);
bool	auth_ids_is_root(const struct auth_ids *ids);
int	auth_ids_permitted(const struct auth_ids *const held[], unsigned nheld,
	    const struct auth_ids *want);

#endif
