/*
 * authtest_fuzz.c -- malformed requests to the auth server: unknown ids,
 * wrong sizes and type names, rights where data belongs, no reply port
 * or a send right as reply port, forged notifications, random bytes,
 * and more waiting rendezvous than one handle may have.  Each gets an
 * error or nothing, auth keeps serving, and its counts come back to
 * where they started.  auth gives this task the root identity.
 */
static const char *at_name = "authtest_fuzz";
#include <stdlib.h>
#include <whorl/errno.h>
#include <mach/mig_errors.h>
#include <mach/notify.h>
#include <mach/task_special_ports.h>
#include "at_common.h"

#define NO_REPLY	0x7fffffff

static mach_port_t root, rp;

union msg {
	mach_msg_header_t	h;
	mig_reply_header_t	r;
	uint64_t		w[160];
};

static void
header(union msg *m, mach_msg_bits_t bits, mach_msg_size_t size,
    mach_port_t dest, mach_port_t reply, mach_msg_id_t id)
{
	memset(m, 0, sizeof(*m));
	m->h.msgh_bits = bits;
	m->h.msgh_size = size;
	m->h.msgh_remote_port = dest;
	m->h.msgh_local_port = reply;
	m->h.msgh_id = id;
}

/* Send m; the reply's RetCode on rp, NO_REPLY if none within 500 ms. */
static int
rpc(union msg *m)
{
	mach_msg_return_t mr;

	mr = mach_msg(&m->h, MACH_SEND_MSG, m->h.msgh_size, 0, 0, 0, 0);
	if (mr != MACH_MSG_SUCCESS)
		return mr;
	mr = mach_msg(&m->h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(*m),
	    rp, 500, 0);
	if (mr == MACH_RCV_TIMED_OUT)
		return NO_REPLY;
	return mr == MACH_MSG_SUCCESS ? m->r.RetCode : (int)mr;
}

/* A type descriptor word: name, size in bits, inline. */
static uint64_t
desc(unsigned name, unsigned bits, uint32_t number)
{
	return name | (uint64_t)bits << 8 | 1ull << 29 | (uint64_t)number << 32;
}

static int
has_senders(mach_port_t p)
{
	mach_port_status_t st;

	return mach_port_get_receive_status(mach_task_self(), p, &st) != 0 ||
	    st.mps_srights;
}

static void
check_malformed(void)
{
	const mach_msg_bits_t rpc_bits = MACH_MSGH_BITS(
	    MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE);
	mach_port_t p = at_port(), q = at_port();
	mach_port_type_t type;
	struct auth_ids ids;
	union msg m;

	header(&m, rpc_bits, 32, root, rp, 25099);
	CHECK(rpc(&m) == MIG_BAD_ID);
	header(&m, rpc_bits, 40, root, rp, 25000);		/* getids */
	CHECK(rpc(&m) == MIG_BAD_ARGUMENTS);
	header(&m, rpc_bits, 48, root, rp, 25001);		/* makeauth */
	m.w[4] = desc(MACH_MSG_TYPE_INTEGER_16, 16, 4);
	CHECK(rpc(&m) == MIG_BAD_ARGUMENTS);
	/* A right where an out-of-line array belongs: auth drops it. */
	header(&m, rpc_bits | MACH_MSGH_BITS_COMPLEX, 48, root, rp, 25001);
	m.w[4] = desc(MACH_MSG_TYPE_MAKE_SEND, 64, 1);
	m.w[5] = p;
	CHECK(rpc(&m) == MIG_BAD_ARGUMENTS);
	CHECK(!has_senders(p));
	/* user_authenticate with no reply port, or a send right for one. */
	header(&m, MACH_MSGH_BITS_COMPLEX | MACH_MSGH_BITS(
	    MACH_MSG_TYPE_COPY_SEND, 0), 48, root, MACH_PORT_NULL, 25002);
	m.w[4] = desc(MACH_MSG_TYPE_MAKE_SEND, 64, 1);
	m.w[5] = p;
	CHECK(rpc(&m) == NO_REPLY);
	header(&m, MACH_MSGH_BITS_COMPLEX | MACH_MSGH_BITS(
	    MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND), 48, root, rp,
	    25002);
	m.w[4] = desc(MACH_MSG_TYPE_MAKE_SEND, 64, 1);
	m.w[5] = p;
	CHECK(rpc(&m) == NO_REPLY);
	CHECK(auth_getids(root, &ids) == 0);	/* after those, in order */
	CHECK(!has_senders(p) && !has_senders(rp));
	/* A receive right as rendezvous: auth destroys it. */
	mach_port_insert_right(mach_task_self(), q, q, MACH_MSG_TYPE_MAKE_SEND);
	header(&m, rpc_bits | MACH_MSGH_BITS_COMPLEX, 48, root, rp, 25002);
	m.w[4] = desc(MACH_MSG_TYPE_MOVE_RECEIVE, 64, 1);
	m.w[5] = q;
	CHECK(rpc(&m) == MIG_BAD_ARGUMENTS);
	CHECK(mach_port_type(mach_task_self(), q, &type) == 0 &&
	    type == MACH_PORT_TYPE_DEAD_NAME);
	mach_port_destroy(mach_task_self(), p);
	mach_port_destroy(mach_task_self(), q);
}

/* Notifications forged by a client (through a send right) are ignored. */
static void
check_forged_notifications(void)
{
	struct auth_ids ids;
	union msg m;


	header(&m, MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0), 48, root,
	    MACH_PORT_NULL, MACH_NOTIFY_NO_SENDERS);
	m.w[4] = desc(MACH_MSG_TYPE_INTEGER_32, 32, 1);
	CHECK(rpc(&m) == NO_REPLY);
	header(&m, MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0), 48, root,
	    MACH_PORT_NULL, MACH_NOTIFY_DEAD_NAME);
	m.w[4] = desc(MACH_MSG_TYPE_PORT_NAME, 32, 1);
	m.w[5] = root;
	CHECK(rpc(&m) == NO_REPLY);
	CHECK(auth_getids(root, &ids) == 0 && ids.n[AUTH_EUIDS] == 1);
}

/*
 * Both halves from one task, the server's by hand and first, with a dead
 * name for newport: the client gets null, the server the client's ids.
 */
static void
check_dead_newport(void)
{
	mach_port_t r = at_port(), dead = at_dead_name(), np = root;
	struct auth_ids want, *got;
	union msg m;

	CHECK(auth_getids(root, &want) == 0);
	header(&m, MACH_MSGH_BITS_COMPLEX | MACH_MSGH_BITS(
	    MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE), 64, root,
	    rp, 25003);
	m.w[4] = desc(MACH_MSG_TYPE_MAKE_SEND, 64, 1);
	m.w[5] = r;
	m.w[6] = desc(MACH_MSG_TYPE_COPY_SEND, 64, 1);
	m.w[7] = dead;
	CHECK(mach_msg(&m.h, MACH_SEND_MSG, 64, 0, 0, 0, 0) == 0);
	CHECK(auth_user_authenticate(root, r, MACH_MSG_TYPE_MAKE_SEND, &np) ==
	    0 && np == MACH_PORT_NULL);
	CHECK(mach_msg(&m.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(m),
	    rp, 5000, 0) == 0);
	got = (struct auth_ids *)&m.w[7];	/* after RetCode, a type */
	CHECK(m.h.msgh_id == 25103 && m.r.RetCode == 0 &&
	    m.h.msgh_size == 48 + 8 + sizeof(*got) &&
	    at_ids_equal(got, &want));
	mach_port_destroy(mach_task_self(), r);
	mach_port_destroy(mach_task_self(), dead);
}

/* Random bodies, simple and complex, to every routine and others. */
static void
check_random(void)
{
	struct auth_ids ids;
	union msg m;
	int i, j, n;

	srand(7);
	for (i = 0; i < 300; i++) {
		n = 4 + rand() % 120;
		header(&m, MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
		    MACH_MSG_TYPE_MAKE_SEND_ONCE), n * 8, root, rp,
		    i % 3 ? 25000 + rand() % 6 : rand());
		if (i % 4 == 0)
			m.h.msgh_bits |= MACH_MSGH_BITS_COMPLEX;
		for (j = 4; j < n; j++)
			m.w[j] = (uint64_t)rand() << 33 ^ (uint64_t)rand() << 11
			    ^ rand();
		if (i % 5 == 0)		/* a plausible descriptor */
			m.w[4] = desc(rand() % 24, 8 << (rand() % 4),
			    rand() % 200);
		rpc(&m);
	}
	CHECK(auth_getids(root, &ids) == 0 && ids.n[AUTH_EUIDS] == 1);
}

/*
 * One handle may have AUTH_RDV_PER_HANDLE (16) waiting rendezvous: the
 * 17th hears EAGAIN at once; the 16 hear EINTR when their ports die.
 */
static void
check_cap(void)
{
	static const int u3000[] = { 3000, -1 };
	mach_port_t h = MACH_PORT_NULL, r[17], reply[17];
	union msg m;
	int i, intr = 0;

	CHECK(auth_makeauth(root, NULL, 0, at_ids(u3000, NULL, NULL, NULL),
	    &h) == 0);
	for (i = 0; i < 17; i++) {
		r[i] = at_port();
		reply[i] = at_port();
		header(&m, MACH_MSGH_BITS_COMPLEX | MACH_MSGH_BITS(
		    MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE),
		    48, h, reply[i], 25002);
		m.w[4] = desc(MACH_MSG_TYPE_MAKE_SEND, 64, 1);
		m.w[5] = r[i];
		CHECK(mach_msg(&m.h, MACH_SEND_MSG, 48, 0, 0, 0, 0) == 0);
	}
	CHECK(mach_msg(&m.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(m),
	    reply[16], 5000, 0) == 0 && m.r.RetCode == EAGAIN);
	for (i = 0; i < 16; i++) {
		CHECK(mach_msg(&m.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
		    sizeof(m), reply[i], 0, 0) == MACH_RCV_TIMED_OUT);
		mach_port_destroy(mach_task_self(), r[i]);
	}
	for (i = 0; i < 16; i++)
		if (mach_msg(&m.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
		    sizeof(m), reply[i], 5000, 0) == 0 && m.r.RetCode == EINTR)
			intr++;
	CHECK(intr == 16);
	for (i = 0; i < 17; i++)
		mach_port_destroy(mach_task_self(), reply[i]);
	mach_port_destroy(mach_task_self(), r[16]);
	mach_port_deallocate(mach_task_self(), h);
}

int
main(void)
{
	struct at_counts base;

	if (task_get_bootstrap_port(mach_task_self(), &root) != 0 ||
	    !MACH_PORT_VALID(root)) {
		printf("TEST FAIL: %s has no root handle\n", at_name);
		return 1;
	}
	rp = at_port();
	base = at_counts(root);
	CHECK(base.handles == 1 && base.waiting == 0 && base.spent == 0);
	check_malformed();
	check_forged_notifications();
	CHECK(at_wait_counts(root, at_same, &base));
	check_dead_newport();
	CHECK(at_wait_counts(root, at_same, &base));
	check_random();
	CHECK(at_wait_counts(root, at_same, &base));
	check_cap();
	CHECK(at_wait_counts(root, at_same, &base));
	if (at_failures == 0)
		printf("TEST PASS\n");
	else
		printf("TEST FAIL: %s: %d checks failed\n", at_name,
		    at_failures);
	fflush(stdout);
	return 0;
}
