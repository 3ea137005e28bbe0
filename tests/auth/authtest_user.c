/*
 * authtest_user.c -- the auth tests' unprivileged client: it holds the
 * identity uid 1000 / gid 100 (AT_AUTH) and a group-only one, gid 200
 * (AT_AUTH2), given by authtest_root.  It checks what it can make, that
 * the test server learns exactly its ids through a rendezvous in either
 * order, and that forged or reused rendezvous get errors.  Its verdict
 * goes to authtest_root (AT_REPORT).
 */
static const char *at_name = "authtest_user";
#include <pthread.h>
#include <whorl/errno.h>
#include "at_common.h"

static const int u1000[] = { 1000, -1 }, u1000x2[] = { 1000, 1000, -1 },
    g100[] = { 100, -1 }, g100x2[] = { 100, 100, -1 }, g200[] = { 200, -1 },
    u0[] = { 0, -1 }, u1001[] = { 1001, -1 }, g0[] = { 0, -1 };

static struct auth_ids me;		/* what AT_AUTH must say */

static void
check_makeauth(void)
{
	struct auth_ids got, want;
	mach_port_t h = MACH_PORT_NULL, h2 = MACH_PORT_NULL, bad[2];

	want = at_ids(u0, NULL, NULL, NULL);
	CHECK(auth_makeauth(AT_AUTH, NULL, 0, want, &h) == EPERM);
	want = at_ids(u1001, NULL, NULL, NULL);
	CHECK(auth_makeauth(AT_AUTH, NULL, 0, want, &h) == EPERM);
	want = at_ids(NULL, u0, NULL, NULL);
	CHECK(auth_makeauth(AT_AUTH, NULL, 0, want, &h) == EPERM);
	want = at_ids(u1000, NULL, g0, NULL);
	CHECK(auth_makeauth(AT_AUTH, NULL, 0, want, &h) == EPERM);
	want = at_ids(u1000, NULL, g200, NULL);
	CHECK(auth_makeauth(AT_AUTH, NULL, 0, want, &h) == EPERM);
	/* Smaller: uid 1000 alone.  It cannot grow back. */
	want = at_ids(u1000, NULL, NULL, NULL);
	CHECK(auth_makeauth(AT_AUTH, NULL, 0, want, &h) == 0);
	CHECK(auth_getids(h, &got) == 0 && at_ids_equal(&got, &want));
	want = at_ids(u1000, NULL, g100, NULL);
	CHECK(auth_makeauth(h, NULL, 0, want, &h2) == EPERM);
	/* Two handles combine: uid 1000 from one, gid 200 from the other. */
	want = at_ids(u1000, u1000, g200, g100);
	CHECK(auth_makeauth(AT_AUTH, (mach_port_t[]){ AT_AUTH2 }, 1, want,
	    &h2) == 0);
	CHECK(auth_getids(h2, &got) == 0 && at_ids_equal(&got, &want));
	/* Forged others: a port of its own, a dead name. */
	bad[0] = at_port();
	mach_port_insert_right(mach_task_self(), bad[0], bad[0],
	    MACH_MSG_TYPE_MAKE_SEND);
	bad[1] = at_dead_name();
	want = at_ids(u1000, NULL, NULL, NULL);
	CHECK(auth_makeauth(AT_AUTH, &bad[0], 1, want, &h2) == EINVAL);
	CHECK(auth_makeauth(AT_AUTH, &bad[1], 1, want, &h2) == EINVAL);
	/* Malformed ids. */
	want.n[AUTH_EUIDS] = AUTH_IDS_MAX + 1;
	CHECK(auth_makeauth(AT_AUTH, NULL, 0, want, &h2) == EINVAL);
	mach_port_destroy(mach_task_self(), bad[0]);
	mach_port_destroy(mach_task_self(), bad[1]);
	mach_port_deallocate(mach_task_self(), h);
	mach_port_deallocate(mach_task_self(), h2);
}

/* A client thread's half of a rendezvous, for the client-first order. */
struct user_call {
	mach_port_t	handle, rendezvous, newport;
	kern_return_t	result;
};

static void *
user_thread(void *arg)
{
	struct user_call *c = arg;

	c->result = auth_user_authenticate(c->handle, c->rendezvous,
	    MACH_MSG_TYPE_MAKE_SEND, &c->newport);
	return NULL;
}

/* What the server says its last auth_server_authenticate returned. */
static kern_return_t
server_last(struct auth_ids *ids)
{
	int result = -1;

	CHECK(authtest_last(AT_SERVICE, &result, ids) == 0);
	return result;
}

/* A whole rendezvous with handle h; the server must learn want. */
static void
rendezvous(mach_port_t h, int server_first, const struct auth_ids *want)
{
	struct user_call c = { h, at_port(), MACH_PORT_NULL, -1 };
	struct at_counts base = at_counts(AT_AUTH);
	struct auth_ids got;
	pthread_t t;

	if (server_first) {
		CHECK(authtest_reauthenticate(AT_SERVICE, c.rendezvous,
		    MACH_MSG_TYPE_MAKE_SEND) == 0);
		CHECK(at_wait_counts(AT_AUTH, at_one_more_waiting, &base));
		user_thread(&c);
	} else {
		CHECK(pthread_create(&t, NULL, user_thread, &c) == 0);
		CHECK(at_wait_counts(AT_AUTH, at_one_more_waiting, &base));
		CHECK(authtest_reauthenticate(AT_SERVICE, c.rendezvous,
		    MACH_MSG_TYPE_MAKE_SEND) == 0);
		pthread_join(t, NULL);
	}
	CHECK(c.result == 0);
	CHECK(server_last(&got) == 0 && at_ids_equal(&got, want));
	CHECK(authtest_whoami(c.newport, &got) == 0 &&
	    at_ids_equal(&got, want));
	/* Used: neither side may use it again. */
	CHECK(auth_user_authenticate(h, c.rendezvous, MACH_MSG_TYPE_MAKE_SEND,
	    &c.newport) == EBUSY);
	CHECK(authtest_reauthenticate(AT_SERVICE, c.rendezvous,
	    MACH_MSG_TYPE_MAKE_SEND) == 0);
	CHECK(server_last(&got) == EBUSY && got.n[AUTH_EUIDS] == 0);
	mach_port_destroy(mach_task_self(), c.rendezvous);
	mach_port_deallocate(mach_task_self(), c.newport);
}

static void
check_forgeries(void)
{
	mach_port_t r = at_port(), np = MACH_PORT_NULL, dead = at_dead_name();
	struct user_call c = { AT_AUTH, at_port(), MACH_PORT_NULL, -1 };
	struct at_counts base = at_counts(AT_AUTH);
	struct auth_ids got;
	pthread_t t;

	/* Not a rendezvous: null, a dead name, an auth handle. */
	CHECK(auth_user_authenticate(AT_AUTH, MACH_PORT_NULL,
	    MACH_MSG_TYPE_COPY_SEND, &np) == EINVAL);
	CHECK(auth_user_authenticate(AT_AUTH, dead, MACH_MSG_TYPE_COPY_SEND,
	    &np) == EINVAL);
	CHECK(auth_user_authenticate(AT_AUTH, AT_AUTH2,
	    MACH_MSG_TYPE_COPY_SEND, &np) == EINVAL);
	CHECK(authtest_reauthenticate(AT_SERVICE, AT_AUTH,
	    MACH_MSG_TYPE_COPY_SEND) == 0);
	CHECK(server_last(&got) == EINVAL && got.n[AUTH_EUIDS] == 0);
	CHECK(authtest_reauthenticate(AT_SERVICE, dead,
	    MACH_MSG_TYPE_COPY_SEND) == 0);
	CHECK(server_last(&got) == EINVAL && got.n[AUTH_EUIDS] == 0);
	/* The same side twice, then the first gives up (destroys it). */
	CHECK(pthread_create(&t, NULL, user_thread, &c) == 0);
	CHECK(at_wait_counts(AT_AUTH, at_one_more_waiting, &base));
	CHECK(auth_user_authenticate(AT_AUTH, c.rendezvous,
	    MACH_MSG_TYPE_MAKE_SEND, &np) == EBUSY);
	mach_port_destroy(mach_task_self(), c.rendezvous);
	pthread_join(t, NULL);
	CHECK(c.result == EINTR);
	/* A client that gives up on a waiting server: it hears EINTR. */
	CHECK(authtest_reauthenticate(AT_SERVICE, r, MACH_MSG_TYPE_MAKE_SEND)
	    == 0);
	CHECK(at_wait_counts(AT_AUTH, at_one_more_waiting, &base));
	mach_port_destroy(mach_task_self(), r);
	CHECK(server_last(&got) == EINTR && got.n[AUTH_EUIDS] == 0);
	mach_port_destroy(mach_task_self(), dead);
}

int
main(void)
{
	struct auth_ids got, small;
	mach_port_t h = MACH_PORT_NULL;
	struct at_counts base;

	me = at_ids(u1000, u1000x2, g100, g100x2);
	CHECK(auth_getids(AT_AUTH, &got) == 0 && at_ids_equal(&got, &me));
	base = at_counts(AT_AUTH);
	check_makeauth();
	rendezvous(AT_AUTH, 1, &me);
	rendezvous(AT_AUTH, 0, &me);
	/* A smaller handle: the server learns just that. */
	small = at_ids(u1000, NULL, NULL, NULL);
	CHECK(auth_makeauth(AT_AUTH, NULL, 0, small, &h) == 0);
	rendezvous(h, 1, &small);
	mach_port_deallocate(mach_task_self(), h);
	check_forgeries();
	CHECK(at_wait_counts(AT_AUTH, at_same, &base));
	printf("%s: %d checks failed\n", at_name, at_failures);
	fflush(stdout);
	authtest_report(AT_REPORT, at_failures);
	return 0;
}
