/*
 * authtest_root.c -- the auth tests' root task: auth gives it the root
 * identity as its bootstrap port.  It makes smaller identities and gives
 * them, with the test server's port, to the suspended tasks named in
 * argv (server, user, and two victims), collects the user's verdict,
 * then kills each victim in the middle of a rendezvous and checks that
 * auth keeps serving and is left with nothing of them.
 */
static const char *at_name = "authtest_root";
#include <stdlib.h>
#include <whorl/errno.h>
#include <mach/task_special_ports.h>
#include "at_common.h"
#include "authtest_S.h"

extern boolean_t authtest_server(mach_msg_header_t *, mach_msg_header_t *);

static const int u0[] = { 0, -1 }, u0x2[] = { 0, 0, -1 },
    u1000[] = { 1000, -1 }, u1000x2[] = { 1000, 1000, -1 },
    g100[] = { 100, -1 }, g100x2[] = { 100, 100, -1 }, g200[] = { 200, -1 },
    u50[] = { 50, -1 }, u2000[] = { 2000, -1 };

static mach_port_t root;
static int report = -1;

kern_return_t
S_authtest_report(mach_port_t port, int failures)
{
	(void)port;
	report = failures;
	return 0;
}

kern_return_t
S_authtest_reauthenticate(mach_port_t s, mach_port_t r)
{
	(void)s, (void)r;
	return MIG_BAD_ID;
}

kern_return_t
S_authtest_last(mach_port_t s, int *r, auth_ids_t *ids)
{
	(void)s, (void)r, (void)ids;
	return MIG_BAD_ID;
}

kern_return_t
S_authtest_whoami(mach_port_t p, auth_ids_t *ids)
{
	(void)p, (void)ids;
	return MIG_BAD_ID;
}

static mach_port_t
make(struct auth_ids ids)
{
	mach_port_t h = MACH_PORT_NULL;

	CHECK(auth_makeauth(root, NULL, 0, ids, &h) == 0);
	return h;
}

static void
give(mach_port_t task, mach_port_t name, mach_port_t right,
    mach_msg_type_name_t how)
{
	kern_return_t kr = mach_port_insert_right(task, name, right, how);

	if (kr != 0)
		printf("%s: insert %#x (%u) into %u: %#x\n", at_name, name,
		    how, task, kr);
	CHECK(kr == 0);
}

/* Start the server and the user, and wait for the user's verdict. */
static void
run_user(mach_port_t srv, mach_port_t usr)
{
	mach_port_t self = mach_task_self(), service = at_port();
	mach_port_t rp = at_port(), u, g, s;
	union { mach_msg_header_t h; char b[256]; } in, out;

	u = make(at_ids(u1000, u1000x2, g100, g100x2));
	g = make(at_ids(NULL, NULL, g200, NULL));
	s = make(at_ids(u50, NULL, NULL, NULL));
	give(srv, AT_AUTH, s, MACH_MSG_TYPE_MOVE_SEND);
	give(usr, AT_SERVICE, service, MACH_MSG_TYPE_MAKE_SEND);
	give(srv, AT_SERVICE, service, MACH_MSG_TYPE_MOVE_RECEIVE);
	give(usr, AT_AUTH, u, MACH_MSG_TYPE_MOVE_SEND);
	give(usr, AT_AUTH2, g, MACH_MSG_TYPE_MOVE_SEND);
	give(usr, AT_REPORT, rp, MACH_MSG_TYPE_MAKE_SEND);
	CHECK(task_resume(srv) == 0 && task_resume(usr) == 0);
	CHECK(mach_msg(&in.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(in),
	    rp, 50000, 0) == MACH_MSG_SUCCESS);
	CHECK(authtest_server(&in.h, &out.h) && report == 0);
	task_terminate(usr);
	mach_port_destroy(self, rp);
}

static int
settled(struct at_counts c, const void *arg)
{
	(void)arg;
	/* The root handle and the server's; nothing waiting or used. */
	return c.handles == 2 && c.waiting == 0 && c.spent == 0;
}

static int
one_waiting_one_more_handle(struct at_counts c, const void *arg)
{
	const struct at_counts *b = arg;

	return c.waiting == b->waiting + 1 && c.handles == b->handles + 1;
}

static int
one_abandoned(struct at_counts c, const void *arg)
{
	const struct at_counts *b = arg;

	return c.waiting == b->waiting && c.spent == b->spent + 1;
}

/* A client dies waiting: its record, handle and rights go. */
static void
kill_waiting_user(mach_port_t v, struct at_counts base)
{
	struct auth_ids ids;

	give(v, AT_AUTH, make(at_ids(u2000, NULL, NULL, NULL)),
	    MACH_MSG_TYPE_MOVE_SEND);
	CHECK(task_resume(v) == 0);
	CHECK(at_wait_counts(root, one_waiting_one_more_handle, &base));
	/* auth is not stalled by it. */
	CHECK(auth_getids(root, &ids) == 0 && ids.n[AUTH_EUIDS] == 1);
	CHECK(task_terminate(v) == 0);
	CHECK(at_wait_counts(root, at_same, &base));
}

/*
 * A server dies waiting on a rendezvous whose port lives on: the client
 * that comes later hears ECONNABORTED at once; the mark goes with the
 * port.
 */
static void
kill_waiting_server(mach_port_t v, struct at_counts base)
{
	mach_port_t r = at_port(), h, np = MACH_PORT_NULL;

	h = make(at_ids(u50, NULL, NULL, NULL));
	give(v, AT_AUTH, h, MACH_MSG_TYPE_COPY_SEND);
	give(v, AT_SERVICE, r, MACH_MSG_TYPE_MAKE_SEND);
	CHECK(task_resume(v) == 0);
	CHECK(at_wait_counts(root, one_waiting_one_more_handle, &base));
	CHECK(task_terminate(v) == 0);
	CHECK(at_wait_counts(root, one_abandoned, &base));
	CHECK(auth_user_authenticate(root, r, MACH_MSG_TYPE_MAKE_SEND, &np) ==
	    ECONNABORTED);
	mach_port_destroy(mach_task_self(), r);
	mach_port_deallocate(mach_task_self(), h);
	CHECK(at_wait_counts(root, at_same, &base));
}

int
main(int argc, char **argv)
{
	struct auth_ids ids, want = at_ids(u0, u0x2, u0, u0x2);
	struct at_counts base;
	mach_port_t t[4];
	int i;

	if (argc != 5 ||
	    task_get_bootstrap_port(mach_task_self(), &root) != 0) {
		printf("TEST FAIL: %s: no root handle or tasks\n", at_name);
		return 1;
	}
	for (i = 0; i < 4; i++)
		t[i] = (mach_port_t)strtoul(argv[i + 1], NULL, 10);
	CHECK(auth_getids(root, &ids) == 0 && at_ids_equal(&ids, &want));
	run_user(t[0], t[1]);
	CHECK(at_wait_counts(root, settled, NULL));
	base = at_counts(root);
	kill_waiting_user(t[2], base);
	kill_waiting_server(t[3], base);
	if (at_failures == 0)
		printf("TEST PASS\n");
	else
		printf("TEST FAIL: %s: %d checks failed\n", at_name,
		    at_failures);
	fflush(stdout);
	return 0;
}
