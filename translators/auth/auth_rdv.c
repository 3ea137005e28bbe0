/*
 * auth_rdv.c -- the rendezvous of a client, a server and auth, keyed by
 * auth's name for the client's rendezvous port.  Whoever comes first
 * waits without holding a thread: its reply port is kept and answered
 * when the other side comes (MIG_NO_REPLY).  Dead-name requests on the
 * rendezvous port and on the waiter's reply port tell auth when either
 * party gives up.  A matched or abandoned rendezvous stays marked until
 * its port dies, so that it cannot be used again.  Called by MIG's stubs
 * and by the notification handlers of auth_msg.c.
 */
#include <stdlib.h>
#include <errno.h>
#include <mach/mach_traps.h>
#include <mach/mach_port.h>
#include <mach/mach.h>
#include <mach/notify.h>

#include "auth.h"
#include "auth_map.h"
#include "auth_S.h"
#include "auth_reply.h"

#define ID_USER		25002	/* auth_user_authenticate's request id */
#define ID_SERVER	25003	/* auth_server_authenticate's */

static struct auth_map names;		/* every name a record holds */
static struct auth_rdv *records;	/* all records */
static unsigned nrecords;

static void
watch(mach_port_t name, bool on)
{
	mach_port_t prev = MACH_PORT_NULL;

	mach_port_request_notification(mach_task_self(), name,
	    MACH_NOTIFY_DEAD_NAME, 0, on ? auth_notify : MACH_PORT_NULL,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev);
	if (prev != MACH_PORT_NULL)
		mach_port_deallocate(mach_task_self(), prev);
}

/* Forget name (one of r's): no more notifications, no more rights. */
static void
release(mach_port_t name, bool watched)
{
	if (!MACH_PORT_VALID(name))
		return;
	auth_map_remove(&names, name);
	if (watched)
		watch(name, false);
	mach_port_deallocate(mach_task_self(), name);
}

/*
 * Is name usable as a rendezvous or a newport?  Not null or dead, not
 * one of auth's own ports (a handle), and not a name some record holds
 * (except, for a rendezvous, as the rendezvous itself: a match).
 */
static bool
port_ok(mach_port_t name, bool rendezvous)
{
	mach_port_type_t type;
	struct auth_rdv *r;

	if (!MACH_PORT_VALID(name) ||
	    mach_port_type(mach_task_self(), name, &type) != 0 ||
	    (type & MACH_PORT_TYPE_SEND) == 0 ||
	    (type & MACH_PORT_TYPE_RECEIVE) != 0)
		return false;
	r = auth_map_get(&names, name);
	return r == NULL || (rendezvous && r->rendezvous == name);
}

/* The waiter's answer when no match will come. */
static void
end_wait(struct auth_rdv *r, kern_return_t code)
{
	if (r->reply == MACH_PORT_NULL)
		return;
	auth_map_remove(&names, r->reply);
	watch(r->reply, false);
	auth_reply_error(r->reply, r->state == AUTH_RDV_USER_WAITS ?
	    ID_USER : ID_SERVER, code);
	r->reply = MACH_PORT_NULL;
	release(r->newport, false);
	r->newport = MACH_PORT_NULL;
}

/* Remove r and everything it holds; a waiter hears code. */
static void
rdv_free(struct auth_rdv *r, kern_return_t code)
{
	struct auth_rdv **pp;

	end_wait(r, code);
	release(r->rendezvous, true);
	for (pp = &records; *pp != r; pp = &(*pp)->next)
		;
	*pp = r->next;
	nrecords--;
	r->owner->nrdv--;
	free(r);
}

/*
 * A new record for the first side of a rendezvous, waiting with reply.
 * Returns MIG_NO_REPLY (the request's rights are the record's now),
 * EAGAIN at a limit or ENOMEM.
 */
static kern_return_t
rdv_wait(struct auth_handle *h, enum auth_rdv_state state,
    mach_port_t rendezvous, mach_port_t reply, mach_port_t newport)
{
	struct auth_rdv *r;

	if (h->nrdv >= AUTH_RDV_PER_HANDLE || nrecords >= AUTH_RDV_MAX)
		return EAGAIN;
	if ((r = malloc(sizeof(*r))) == NULL)
		return ENOMEM;
	r->state = state;
	r->rendezvous = rendezvous;
	r->reply = reply;
	r->newport = newport;
	r->owner = h;
	if (auth_map_put(&names, rendezvous, r) != 0 ||
	    auth_map_put(&names, reply, r) != 0 ||
	    (MACH_PORT_VALID(newport) &&
	    auth_map_put(&names, newport, r) != 0)) {
		auth_map_remove(&names, rendezvous);
		auth_map_remove(&names, reply);
		free(r);
		return ENOMEM;
	}
	r->next = records;
	records = r;
	nrecords++;
	h->nrdv++;
	watch(rendezvous, true);
	watch(reply, true);
	return MIG_NO_REPLY;
}

/*
 * The common checks of both halves.  Returns 0 with *rp the record of
 * the rendezvous (NULL if none), or the error the caller returns.
 */
static kern_return_t
rdv_arrive(struct auth_handle *h, mach_port_t reply,
    mach_msg_type_name_t reply_type, mach_port_t rendezvous,
    enum auth_rdv_state same, struct auth_rdv **rp)
{
	struct auth_rdv *r;

	if (h == NULL)
		return EOPNOTSUPP;
	if (reply_type != MACH_MSG_TYPE_PORT_SEND_ONCE ||
	    !MACH_PORT_VALID(reply) || !port_ok(rendezvous, true))
		return EINVAL;
	r = auth_map_get(&names, rendezvous);
	if (r != NULL && r->state == AUTH_RDV_ABORTED)
		return ECONNABORTED;
	if (r != NULL && r->state != AUTH_RDV_USER_WAITS &&
	    r->state != AUTH_RDV_SERVER_WAITS)
		return EBUSY;
	if (r != NULL && r->state == same)
		return EBUSY;
	*rp = r;
	return 0;
}

/* The matched record r is used now; the arriving rendezvous right goes. */
static void
rdv_done(struct auth_rdv *r, struct auth_handle *client,
    mach_port_t rendezvous)
{
	r->state = AUTH_RDV_DONE;
	r->owner->nrdv--;
	r->owner = client;
	client->nrdv++;
	mach_port_deallocate(mach_task_self(), rendezvous);
}

/*
 * auth_user_authenticate.  Returns 0 with *newport when the server was
 * there first; MIG_NO_REPLY when the client waits; EOPNOTSUPP, EINVAL
 * (bad rendezvous or reply port), EBUSY (the rendezvous has a waiting
 * client or was used), ECONNABORTED (its server went away), EAGAIN,
 * ENOMEM.  Later, the waiter hears EINTR if the rendezvous port or its
 * handle dies first.
 */
kern_return_t
S_auth_user_authenticate(auth_t handle, mach_port_t reply,
    mach_msg_type_name_t replyPoly, mach_port_t rendezvous,
    mach_port_t *newport)
{
	struct auth_handle *h = auth_handle_lookup(handle);
	struct auth_rdv *r = NULL;
	kern_return_t err;

	if ((err = rdv_arrive(h, reply, replyPoly, rendezvous,
	    AUTH_RDV_USER_WAITS, &r)) != 0)
		return err;
	if (r == NULL)
		return rdv_wait(h, AUTH_RDV_USER_WAITS, rendezvous, reply,
		    MACH_PORT_NULL);
	if (h->nrdv >= AUTH_RDV_PER_HANDLE)
		return EAGAIN;
	/* The server waits: it hears the client's ids, the client its port. */
	auth_map_remove(&names, r->reply);
	watch(r->reply, false);
	if (auth_server_authenticate_reply(r->reply, 0, h->ids) !=
	    MACH_MSG_SUCCESS)
		mach_port_deallocate(mach_task_self(), r->reply);
	auth_map_remove(&names, r->newport);
	*newport = r->newport;
	r->reply = r->newport = MACH_PORT_NULL;
	rdv_done(r, h, rendezvous);
	return 0;
}

/*
 * auth_server_authenticate.  Returns 0 with the client's ids when the
 * client was there first (newport is on its way to it); MIG_NO_REPLY
 * when the server waits; EOPNOTSUPP, EINVAL (bad rendezvous, newport or
 * reply port), EBUSY (a server waits on it, or it was used),
 * ECONNABORTED (its client went away), EAGAIN, ENOMEM.  Later, the
 * waiter hears EINTR if the rendezvous port or its handle dies first.
 */
kern_return_t
S_auth_server_authenticate(auth_t handle, mach_port_t reply,
    mach_msg_type_name_t replyPoly, mach_port_t rendezvous,
    mach_port_t newport, auth_ids_t *ids)
{
	struct auth_handle *h = auth_handle_lookup(handle);
	struct auth_rdv *r = NULL;
	kern_return_t err;

	if ((err = rdv_arrive(h, reply, replyPoly, rendezvous,
	    AUTH_RDV_SERVER_WAITS, &r)) != 0)
		return err;
	if (newport == MACH_PORT_DEAD)		/* the client gets null */
		newport = MACH_PORT_NULL;
	if (MACH_PORT_VALID(newport) &&
	    (newport == rendezvous || !port_ok(newport, false)))
		return EINVAL;
	if (r == NULL)
		return rdv_wait(h, AUTH_RDV_SERVER_WAITS, rendezvous, reply,
		    newport);
	/* The client waits: it gets newport, the server its ids. */
	*ids = r->owner->ids;
	auth_map_remove(&names, r->reply);
	watch(r->reply, false);
	if (auth_user_authenticate_reply(r->reply, 0, newport) !=
	    MACH_MSG_SUCCESS) {
		mach_port_deallocate(mach_task_self(), r->reply);
		if (MACH_PORT_VALID(newport))
			mach_port_deallocate(mach_task_self(), newport);
	}
	r->reply = MACH_PORT_NULL;
	rdv_done(r, r->owner, rendezvous);
	return 0;
}

/* Handle h is ending: its records go, their waiters hear EINTR. */
void
auth_rdv_owner_gone(struct auth_handle *h)
{
	struct auth_rdv *r, *next;

	for (r = records; r != NULL; r = next) {
		next = r->next;
		if (r->owner == h)
			rdv_free(r, EINTR);
	}
}

/*
 * A dead-name notification for name.  The rendezvous port died: its
 * record goes (a waiter hears EINTR).  A waiter's reply port died: the
 * record is marked abandoned, so that the other side, if it comes,
 * hears ECONNABORTED instead of waiting.  A name auth no longer holds
 * for a record is a late notification: auth drops the reference such a
 * notification may carry, if the name is still dead.
 */
void
auth_rdv_dead_name(mach_port_t name)
{
	struct auth_rdv *r = auth_map_get(&names, name);
	mach_port_type_t type;

	if (mach_port_type(mach_task_self(), name, &type) != 0 ||
	    (type & MACH_PORT_TYPE_DEAD_NAME) == 0)
		return;
	if (r == NULL) {
		mach_port_mod_refs(mach_task_self(), name,
		    MACH_PORT_RIGHT_DEAD_NAME, -1);
	} else if (name == r->rendezvous) {
		auth_map_remove(&names, name);
		r->rendezvous = MACH_PORT_NULL;
		mach_port_destroy(mach_task_self(), name);
		rdv_free(r, EINTR);
	} else if (name == r->reply) {
		auth_map_remove(&names, name);
		r->reply = MACH_PORT_NULL;
		mach_port_destroy(mach_task_self(), name);
		release(r->newport, false);
		r->newport = MACH_PORT_NULL;
		r->state = AUTH_RDV_ABORTED;
	}
}

/* For auth_debug_counts: records with a waiter, and used or abandoned. */
void
auth_rdv_counts(uint32_t *waiting, uint32_t *spent)
{
	struct auth_rdv *r;

	*waiting = *spent = 0;
	for (r = records; r != NULL; r = r->next) {
		if (r->state == AUTH_RDV_USER_WAITS ||
		    r->state == AUTH_RDV_SERVER_WAITS)
			(*waiting)++;
		else
			(*spent)++;
	}
}
