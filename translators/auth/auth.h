/*
 * auth.h -- the auth server's objects (handles and rendezvous records),
 * its limits, and what its files share: auth_handle.c (identities),
 * auth_rdv.c (the rendezvous), auth_msg.c (the request loop and
 * replies), main.c (start-up).  docs/auth.md describes the protocol.
 */
#ifndef AUTH_H
#define AUTH_H

#include <stdbool.h>
#include <mach/mach_types.h>
#include <mach/message.h>

#include "auth_ids.h"

#define AUTH_HANDLES_MAX	1024	/* live handles */
#define AUTH_RDV_MAX		512	/* rendezvous records, all handles */
#define AUTH_RDV_PER_HANDLE	16	/* records charged to one handle */
#define AUTH_MSG_MAX		2048	/* largest request or reply, bytes */

/* One identity: a port whose send rights are handed to its holders. */
struct auth_handle {
	mach_port_t	name;		/* receive right, in auth_portset */
	struct auth_ids	ids;
	unsigned	nrdv;		/* records charged to this handle */
};

enum auth_rdv_state {
	AUTH_RDV_USER_WAITS,		/* a client waits for its server */
	AUTH_RDV_SERVER_WAITS,		/* a server waits for its client */
	AUTH_RDV_DONE,			/* matched: used, until it dies */
	AUTH_RDV_ABORTED		/* its waiter went away unmatched */
};

/*
 * One rendezvous port auth has seen, keyed by auth's name for it.  Each
 * port name a record holds (rendezvous, reply, newport) is held for that
 * record alone (auth_rdv.c refuses any other), so it can go with it.
 */
struct auth_rdv {
	struct auth_rdv		*next;		/* all records */
	enum auth_rdv_state	 state;
	mach_port_t		 rendezvous;	/* a send right, watched */
	mach_port_t		 reply;		/* waiter's, watched */
	mach_port_t		 newport;	/* SERVER_WAITS: the client's */
	struct auth_handle	*owner;		/* charged: waiter, client */
};

extern mach_port_t auth_portset;	/* handles: what the loop receives */
extern mach_port_t auth_notify;		/* dead-name notifications */
extern bool auth_debug;			/* serve auth_debug_counts */

/* auth_handle.c */
struct auth_handle *auth_handle_lookup(mach_port_t name);
int	auth_handle_make(const struct auth_ids *ids, mach_port_t *send);
unsigned auth_handle_count(void);
void	auth_handle_no_senders(mach_port_t name);

/* auth_rdv.c */
void	auth_rdv_owner_gone(struct auth_handle *h);
void	auth_rdv_dead_name(mach_port_t name);
void	auth_rdv_counts(uint32_t *waiting, uint32_t *spent);

/* auth_msg.c */
void	auth_msg_destroy(mach_msg_header_t *m);
void	auth_reply_error(mach_port_t reply, mach_msg_id_t id,
	    kern_return_t code);
void	auth_loop(void) __attribute__((noreturn));

#endif
