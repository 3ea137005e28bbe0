/*
 * auth_types.h -- C types of the auth protocol (translators/defs/auth.defs)
 * for MIG's stubs, the auth server and its clients.
 */
#ifndef _AUTH_TYPES_H_
#define _AUTH_TYPES_H_

#include <stdint.h>
#include <mach/port.h>

#define AUTH_IDS_MAX	32	/* ids of each kind in one identity */
#define AUTH_OTHERS_MAX	8	/* extra handles in one auth_makeauth */

/* The kinds of ids, the first index of auth_ids.id. */
enum auth_kind {
	AUTH_EUIDS,		/* effective uids: what the holder may do */
	AUTH_AUIDS,		/* available uids: real, saved, others */
	AUTH_EGIDS,		/* effective gids */
	AUTH_AGIDS,		/* available gids */
	AUTH_KINDS
};

/* One identity, as it travels (132 32-bit words; auth.defs agrees). */
struct auth_ids {
	uint32_t	n[AUTH_KINDS];			/* ids of each kind */
	uint32_t	id[AUTH_KINDS][AUTH_IDS_MAX];	/* then unused: 0 */
};

typedef struct auth_ids auth_ids_t;
typedef mach_port_t auth_t;
typedef mach_port_t *auth_handles_t;

#endif
