/*
 * auth_ids.c -- the identity rules of the auth server.  A set of held
 * identities may make a new one if one of them has euid 0, or if every
 * uid the new one names (effective or available) is a uid some held
 * identity has (effective or available), and likewise every gid.  So
 * nobody but root ever gains an id; available ids may become effective
 * (a saved uid regained), as POSIX's setuid rules allow.
 */
#include <string.h>
#include <whorl/errno.h>

#include "auth_ids.h"

/*
 * Fill ids from four arrays (in enum auth_kind order) of counts[k] ids.
 * Returns 0, or EINVAL if any array is longer than AUTH_IDS_MAX; ids is
 * untouched then.
 */
int
auth_ids_set(struct auth_ids *ids, const uint32_t *const arrays[],
    const uint32_t counts[])
{
	int k;

	for (k = 0; k < AUTH_KINDS; k++)
		if (counts[k] > AUTH_IDS_MAX)
			return EINVAL;
	memset(ids, 0, sizeof(*ids));
	for (k = 0; k < AUTH_KINDS; k++) {
		ids->n[k] = counts[k];
		if (counts[k] != 0)
			memcpy(ids->id[k], arrays[k],
			    counts[k] * sizeof(uint32_t));
	}
	return 0;
}

/*
 * Is ids, as a client sent it, well formed?  Returns 0, or EINVAL if a
 * count is over AUTH_IDS_MAX or an unused slot is not 0 (so that equal
 * identities are equal bytes).
 */
int
auth_ids_check(const struct auth_ids *ids)
{
	uint32_t i;
	int k;

	for (k = 0; k < AUTH_KINDS; k++) {
		if (ids->n[k] > AUTH_IDS_MAX)
			return EINVAL;
		for (i = ids->n[k]; i < AUTH_IDS_MAX; i++)
			if (ids->id[k][i] != 0)
				return EINVAL;
	}
	return 0;
}

static bool
array_has(const struct auth_ids *ids, enum auth_kind k, uint32_t id)
{
	uint32_t i;

	for (i = 0; i < ids->n[k]; i++)
		if (ids->id[k][i] == id)
			return true;
	return false;
}

/* Root is an effective uid 0; an available 0 must be made effective. */
bool
auth_ids_is_root(const struct auth_ids *ids)
{
	return array_has(ids, AUTH_EUIDS, 0);
}

/* Does any held identity have id among its uids (gid false) or gids? */
static bool
held_has(const struct auth_ids *const held[], unsigned nheld, bool gid,
    uint32_t id)
{
	enum auth_kind eff = gid ? AUTH_EGIDS : AUTH_EUIDS;
	enum auth_kind avail = gid ? AUTH_AGIDS : AUTH_AUIDS;
	unsigned i;

	for (i = 0; i < nheld; i++)
		if (array_has(held[i], eff, id) ||
		    array_has(held[i], avail, id))
			return true;
	return false;
}

/*
 * May the nheld identities in held make want?  Returns 0 or EPERM (also
 * for nheld 0: nothing held, nothing made).
 */
int
auth_ids_permitted(const struct auth_ids *const held[], unsigned nheld,
    const struct auth_ids *want)
{
	unsigned i;
	int k;

	if (nheld == 0)
		return EPERM;
	for (i = 0; i < nheld; i++)
		if (auth_ids_is_root(held[i]))
			return 0;
	for (k = 0; k < AUTH_KINDS; k++)
		for (i = 0; i < want->n[k]; i++)
			if (!held_has(held, nheld, k >= AUTH_EGIDS,
			    want->id[k][i]))
				return EPERM;
	return 0;
}
