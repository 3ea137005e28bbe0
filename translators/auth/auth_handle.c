/*
 * auth_handle.c -- auth handles: each is a port of the auth server that
 * stands for one identity.  Serves auth_getids, auth_makeauth and the
 * test-only auth_debug_counts, and ends a handle when its last send
 * right goes (no-senders).  Called by MIG's stubs from auth_msg.c.
 */
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <mach/mach_traps.h>
#include <mach/mach_port.h>
#include <mach/mach.h>
#include <mach/notify.h>

#include "auth.h"
#include "auth_map.h"
#include "auth_S.h"

static struct auth_map handles;		/* receive name -> handle */

struct auth_handle *
auth_handle_lookup(mach_port_t name)
{
	return auth_map_get(&handles, name);
}

unsigned
auth_handle_count(void)
{
	return handles.count;
}

/*
 * A new handle with ids: a receive right in the port set, one send
 * right in auth's space under the same name (*send: the caller moves it
 * to the client) and a no-senders request on the port itself, so that
 * when that right and its copies are gone the handle goes too.
 * Returns 0, EAGAIN at AUTH_HANDLES_MAX, ENOMEM.
 */
int
auth_handle_make(const struct auth_ids *ids, mach_port_t *send)
{
	mach_port_t self = mach_task_self(), name = MACH_PORT_NULL, prev;
	struct auth_handle *h;

	if (handles.count >= AUTH_HANDLES_MAX)
		return EAGAIN;
	if ((h = malloc(sizeof(*h))) == NULL)
		return ENOMEM;
	if (mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &name) != 0)
		goto fail;
	if (mach_port_insert_right(self, name, name,
	    MACH_MSG_TYPE_MAKE_SEND) != 0 ||
	    mach_port_request_notification(self, name,
	    MACH_NOTIFY_NO_SENDERS, 1, name, MACH_MSG_TYPE_MAKE_SEND_ONCE,
	    &prev) != 0 ||
	    mach_port_move_member(self, name, auth_portset) != 0)
		goto fail;
	h->name = name;
	h->ids = *ids;
	h->nrdv = 0;
	if (auth_map_put(&handles, name, h) != 0)
		goto fail;
	*send = name;
	return 0;
fail:
	if (name != MACH_PORT_NULL)
		mach_port_destroy(self, name);
	free(h);
	return ENOMEM;
}

/*
 * The kernel says the handle name has no senders (auth_msg.c checked
 * the message came through a send-once right, which only the kernel
 * holds).  Checked once more against the port, then the handle ends:
 * its records go (auth_rdv.c), then the port.
 */
void
auth_handle_no_senders(mach_port_t name)
{
	struct auth_handle *h = auth_handle_lookup(name);
	mach_port_status_t st;

	if (h == NULL || mach_port_get_receive_status(mach_task_self(),
	    name, &st) != 0 || st.mps_srights)
		return;
	auth_rdv_owner_gone(h);
	auth_map_remove(&handles, name);
	mach_port_destroy(mach_task_self(), name);
	free(h);
}

/* auth_getids: the handle's ids.  EOPNOTSUPP if it is not a handle. */
kern_return_t
S_auth_getids(auth_t handle, auth_ids_t *ids)
{
	struct auth_handle *h = auth_handle_lookup(handle);

	if (h == NULL)
		return EOPNOTSUPP;
	*ids = h->ids;
	return 0;
}

/* The identities of handle and others[], in held[]; EINVAL if one isn't. */
static int
held_ids(struct auth_handle *h, const mach_port_t *others, unsigned n,
    const struct auth_ids *held[])
{
	struct auth_handle *o;
	unsigned i;

	if (n > AUTH_OTHERS_MAX)
		return EINVAL;
	held[0] = &h->ids;
	for (i = 0; i < n; i++) {
		if ((o = auth_handle_lookup(others[i])) == NULL)
			return EINVAL;
		held[i + 1] = &o->ids;
	}
	return 0;
}

/*
 * auth_makeauth: a new handle with exactly the ids given, if handle and
 * others together may make them (auth_ids.c).  Returns EOPNOTSUPP,
 * EINVAL (an other that is not a handle, more than AUTH_OTHERS_MAX of
 * them, ids not well formed), EPERM, EAGAIN (too many handles), ENOMEM.
 * On success the others' rights and their out-of-line array are
 * consumed.
 */
kern_return_t
S_auth_makeauth(auth_t handle, auth_handles_t others,
    mach_msg_type_number_t othersCnt, auth_ids_t ids,
    mach_port_t *newhandle)
{
	const struct auth_ids *held[1 + AUTH_OTHERS_MAX];
	struct auth_handle *h = auth_handle_lookup(handle);
	unsigned i;
	int err;

	if (h == NULL)
		return EOPNOTSUPP;
	if ((err = held_ids(h, others, othersCnt, held)) != 0 ||
	    (err = auth_ids_check(&ids)) != 0 ||
	    (err = auth_ids_permitted(held, othersCnt + 1, &ids)) != 0 ||
	    (err = auth_handle_make(&ids, newhandle)) != 0)
		return err;
	for (i = 0; i < othersCnt; i++)
		mach_port_deallocate(mach_task_self(), others[i]);
	vm_deallocate(mach_task_self(), (vm_address_t)others,
	    othersCnt * sizeof(mach_port_t));
	return 0;
}

/* Test only: see auth.defs.  EOPNOTSUPP unless auth runs with --debug. */
kern_return_t
S_auth_debug_counts(auth_t handle, uint32_t *nhandles, uint32_t *waiting,
    uint32_t *spent, uint32_t *names)
{
	mach_port_name_array_t namev = NULL;
	mach_port_type_array_t typev = NULL;
	mach_msg_type_number_t n = 0, m = 0;

	if (auth_handle_lookup(handle) == NULL || !auth_debug)
		return EOPNOTSUPP;
	if (mach_port_names(mach_task_self(), &namev, &n, &typev, &m) != 0)
		return ENOMEM;
	vm_deallocate(mach_task_self(), (vm_address_t)namev,
	    n * sizeof(*namev));
	vm_deallocate(mach_task_self(), (vm_address_t)typev,
	    m * sizeof(*typev));
	*nhandles = auth_handle_count();
	auth_rdv_counts(waiting, spent);
	*names = n;
	return 0;
}
