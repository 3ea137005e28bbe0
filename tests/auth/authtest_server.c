/*
 * authtest_server.c -- the auth tests' stand-in for a file server: it
 * learns its clients' identities only through the auth server's
 * rendezvous and answers authtest_whoami on the port each rendezvous
 * gave a client.  Started by authtest_root with its auth handle at
 * AT_AUTH and its service port at AT_SERVICE; runs until the machine
 * stops.
 */
static const char *at_name = "authtest_server";
#include "at_common.h"
#include "authtest_S.h"

extern boolean_t authtest_server(mach_msg_header_t *, mach_msg_header_t *);

#define CLIENTS_MAX	32

static struct client {
	mach_port_t	port;
	struct auth_ids	ids;
} clients[CLIENTS_MAX];
static int nclients;
static kern_return_t last_result = -1;
static struct auth_ids last_ids;
static mach_port_t portset;

/*
 * io_reauthenticate's part: a new port for the client, whose identity
 * is what auth says about the rendezvous' other side.
 */
kern_return_t
S_authtest_reauthenticate(mach_port_t service, mach_port_t rendezvous)
{
	mach_port_t self = mach_task_self(), port = at_port();

	(void)service;
	memset(&last_ids, 0, sizeof(last_ids));
	last_result = auth_server_authenticate(AT_AUTH, rendezvous,
	    MACH_MSG_TYPE_MOVE_SEND, port, MACH_MSG_TYPE_MAKE_SEND,
	    &last_ids);
	if (last_result != 0) {
		/* The rendezvous went to auth, which dropped it. */
		mach_port_mod_refs(self, port, MACH_PORT_RIGHT_RECEIVE, -1);
		return 0;
	}
	if (nclients < CLIENTS_MAX) {
		clients[nclients].port = port;
		clients[nclients++].ids = last_ids;
		mach_port_move_member(self, port, portset);
	}
	return 0;
}

kern_return_t
S_authtest_last(mach_port_t service, int *result, auth_ids_t *ids)
{
	(void)service;
	*result = last_result;
	*ids = last_ids;
	return 0;
}

kern_return_t
S_authtest_whoami(mach_port_t port, auth_ids_t *ids)
{
	int i;

	for (i = 0; i < nclients; i++) {
		if (clients[i].port == port) {
			*ids = clients[i].ids;
			return 0;
		}
	}
	return MIG_BAD_ID;
}

kern_return_t
S_authtest_report(mach_port_t port, int failures)
{
	(void)port, (void)failures;
	return MIG_BAD_ID;
}

int
main(void)
{
	union {
		mach_msg_header_t h;
		char b[2048];
	} in, out;
	mach_port_type_t type;

	/* The root task gives the ports while this task is suspended. */
	if (mach_port_type(mach_task_self(), AT_SERVICE, &type) != 0) {
		printf("TEST FAIL: %s has no service port\n", at_name);
		return 1;
	}
	mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_PORT_SET,
	    &portset);
	mach_port_move_member(mach_task_self(), AT_SERVICE, portset);
	for (;;) {
		if (mach_msg(&in.h, MACH_RCV_MSG, 0, sizeof(in), portset, 0,
		    0) != MACH_MSG_SUCCESS)
			continue;
		authtest_server(&in.h, &out.h);
		if (MACH_PORT_VALID(out.h.msgh_remote_port) &&
		    ((mig_reply_header_t *)&out)->RetCode != MIG_NO_REPLY)
			mach_msg(&out.h, MACH_SEND_MSG, out.h.msgh_size, 0, 0,
			    0, 0);
	}
}
