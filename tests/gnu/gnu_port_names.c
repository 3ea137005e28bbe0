/*
 * gnu_port_names.c -- names and their requests as GNU Mach keeps them:
 * calls on a name not in the space answer KERN_INVALID_NAME; a dead-name
 * request shows in mach_port_type, belongs to its name (cancelled with a
 * port-deleted notification when the name loses its rights, carried by
 * a rename, never heard by a reused name) and gives the dead name one
 * more user reference at port death; MOVE_SEND of a name that keeps
 * references counts the right that left (no early no-senders).
 */
#include <stddef.h>
#include <mach/message.h>
#include <mach/mach_types.h>
#include <mach/port.h>
#include <mach/notify.h>
#include "gnu_runtime.h"
#include "mach_port_user.h"
#include "mach_user.h"

struct right_msg {
	mach_msg_header_t		head;
	mach_msg_type_t			port_type;
	mach_port_name_inlined_t	port;
};

struct notice {
	mach_msg_header_t	head;
	mach_msg_type_t		type;
	unsigned int		value;
	char			room[64];
};

/* A name no allocation has handed out (for rename). */
#define CHOSEN_NAME	((5001u << 8) | 1)

static mach_port_t self, notify;

/* Send name with disposition disp in a message to dest (a receive right). */
static mach_msg_return_t
send_right(mach_port_t dest, mach_port_t name, mach_msg_type_name_t disp)
{
	struct right_msg m;

	memset(&m, 0, sizeof(m));
	m.head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) |
	    MACH_MSGH_BITS_COMPLEX;
	m.head.msgh_size = sizeof(m);
	m.head.msgh_remote_port = dest;
	m.head.msgh_id = 500;
	m.port_type.msgt_name = disp;
	m.port_type.msgt_size = 64;
	m.port_type.msgt_number = 1;
	m.port_type.msgt_inline = 1;
	m.port.name = name;
	return mach_msg(&m.head, MACH_SEND_MSG, sizeof(m), 0, MACH_PORT_NULL,
	    0, MACH_PORT_NULL);
}

/*
 * A send-only name: a port whose receive right waits in a message queued
 * at *holder.  Destroying *holder kills the port.
 */
static mach_port_t
send_only(mach_port_t *holder)
{
	mach_port_t r = MACH_PORT_NULL;

	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &r) == 0);
	CHECK(mach_port_insert_right(self, r, r, MACH_MSG_TYPE_MAKE_SEND) ==
	    0);
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, holder) == 0);
	CHECK(send_right(*holder, r, MACH_MSG_TYPE_MOVE_RECEIVE) == 0);
	return r;
}

static kern_return_t
request_dead(mach_port_t name)
{
	mach_port_t prev = MACH_PORT_NULL;

	return mach_port_request_notification(self, name,
	    MACH_NOTIFY_DEAD_NAME, 0, notify, MACH_MSG_TYPE_MAKE_SEND_ONCE,
	    &prev);
}

/* The next notification: its id, and the name or count it carries. */
static int
next_notice(unsigned int *value)
{
	struct notice n;

	memset(&n, 0, sizeof(n));
	if (gnu_receive(notify, &n.head, sizeof(n), 50) != MACH_MSG_SUCCESS)
		return 0;
	*value = n.value;
	return n.head.msgh_id;
}

static mach_port_type_t
type_of(mach_port_t name)
{
	mach_port_type_t t = 0;

	if (mach_port_type(self, name, &t) != KERN_SUCCESS)
		return 0;
	return t;
}

static mach_port_urefs_t
refs_of(mach_port_t name, mach_port_right_t right)
{
	mach_port_urefs_t n = 0;

	mach_port_get_refs(self, name, right, &n);
	return n;
}

static void
test_invalid_name(void)
{
	mach_port_t p, prev, gone;
	mach_port_urefs_t refs = 77;
	mach_port_type_t type;
	mach_port_status_t st;

	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &gone) == 0);
	CHECK(mach_port_destroy(self, gone) == 0);
	CHECK(mach_port_get_refs(self, gone, MACH_PORT_RIGHT_SEND, &refs) ==
	    KERN_INVALID_NAME);
	CHECK(mach_port_get_refs(self, MACH_PORT_NULL, MACH_PORT_RIGHT_RECEIVE,
	    &refs) == KERN_INVALID_NAME);
	CHECK(mach_port_type(self, gone, &type) == KERN_INVALID_NAME);
	CHECK(mach_port_deallocate(self, gone) == KERN_INVALID_NAME);
	CHECK(mach_port_destroy(self, gone) == KERN_INVALID_NAME);
	CHECK(mach_port_mod_refs(self, gone, MACH_PORT_RIGHT_SEND, 1) ==
	    KERN_INVALID_NAME);
	CHECK(mach_port_get_receive_status(self, gone, &st) ==
	    KERN_INVALID_NAME);
	CHECK(mach_port_set_qlimit(self, gone, 3) == KERN_INVALID_NAME);
	CHECK(mach_port_set_mscount(self, gone, 3) == KERN_INVALID_NAME);
	CHECK(mach_port_set_seqno(self, gone, 3) == KERN_INVALID_NAME);
	CHECK(mach_port_move_member(self, gone, MACH_PORT_NULL) ==
	    KERN_INVALID_NAME);
	CHECK(mach_port_request_notification(self, gone, MACH_NOTIFY_DEAD_NAME,
	    0, notify, MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev) ==
	    KERN_INVALID_NAME);
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p) == 0);
	CHECK(mach_port_rename(self, gone, p + 0x100000) == KERN_INVALID_NAME);
	CHECK(mach_port_destroy(self, p) == 0);
}

/* The request shows in the type while it is registered, not after. */
static void
test_type_dnrequest(void)
{
	mach_port_t p, h, prev = MACH_PORT_NULL;

	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p) == 0);
	CHECK(request_dead(p) == 0);
	CHECK(type_of(p) == (MACH_PORT_TYPE_RECEIVE | MACH_PORT_TYPE_DNREQUEST));
	CHECK(mach_port_request_notification(self, p, MACH_NOTIFY_DEAD_NAME,
	    0, MACH_PORT_NULL, MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev) == 0 &&
	    prev != MACH_PORT_NULL);
	CHECK(type_of(p) == MACH_PORT_TYPE_RECEIVE);
	CHECK(mach_port_deallocate(self, prev) == 0);	/* send-once notice */
	CHECK(mach_port_destroy(self, p) == 0);
	p = send_only(&h);
	CHECK(request_dead(p) == 0);
	CHECK(type_of(p) == (MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_DNREQUEST));
	CHECK(mach_port_destroy(self, h) == 0);		/* the port dies */
	CHECK(type_of(p) == MACH_PORT_TYPE_DEAD_NAME);
	CHECK(mach_port_destroy(self, p) == 0);
}

static void
drain(void)
{
	unsigned int v;

	while (next_notice(&v) != 0)
		;
}

/* Losing the rights cancels the request: port-deleted, then nothing. */
static void
test_cancel(int how)
{
	mach_port_t p, h, q;
	unsigned int v = 0;

	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &q) == 0);
	p = send_only(&h);
	CHECK(request_dead(p) == 0);
	if (how == 0)
		CHECK(mach_port_deallocate(self, p) == 0);
	else if (how == 1)
		CHECK(mach_port_destroy(self, p) == 0);
	else
		CHECK(send_right(q, p, MACH_MSG_TYPE_MOVE_SEND) == 0);
	CHECK(next_notice(&v) == MACH_NOTIFY_PORT_DELETED && v == p);
	/* The name is free; taken again, it must not hear of the old port. */
	CHECK(mach_port_allocate_name(self, MACH_PORT_RIGHT_RECEIVE, p) == 0);
	CHECK(type_of(p) == MACH_PORT_TYPE_RECEIVE);
	CHECK(mach_port_destroy(self, q) == 0);
	CHECK(mach_port_destroy(self, h) == 0);		/* the old port dies */
	CHECK(next_notice(&v) == 0);
	CHECK(type_of(p) == MACH_PORT_TYPE_RECEIVE);
	CHECK(mach_port_destroy(self, p) == 0);
	drain();
}

/* Moving a send-once right, or a lone receive right, cancels too. */
static void
test_cancel_moved(void)
{
	mach_port_t r, so = MACH_PORT_NULL, q, p;
	mach_msg_type_name_t t;
	mach_msg_header_t h;
	unsigned int v = 0;

	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &r) == 0);
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &q) == 0);
	CHECK(mach_port_extract_right(self, r, MACH_MSG_TYPE_MAKE_SEND_ONCE,
	    &so, &t) == 0);
	CHECK(request_dead(so) == 0);
	CHECK(send_right(q, so, MACH_MSG_TYPE_MOVE_SEND_ONCE) == 0);
	CHECK(next_notice(&v) == MACH_NOTIFY_PORT_DELETED && v == so);
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p) == 0);
	CHECK(request_dead(p) == 0);
	CHECK(send_right(q, p, MACH_MSG_TYPE_MOVE_RECEIVE) == 0);
	CHECK(next_notice(&v) == MACH_NOTIFY_PORT_DELETED && v == p);
	/* p dies in q's queue; the send-once right there is destroyed. */
	CHECK(mach_port_destroy(self, q) == 0);
	CHECK(next_notice(&v) == 0);
	CHECK(gnu_receive(r, &h, sizeof(h), 100) == 0 &&
	    h.msgh_id == MACH_NOTIFY_SEND_ONCE);
	CHECK(mach_port_destroy(self, r) == 0);
}

/*
 * At death the dead name keeps its user references plus one for the
 * notification; a name with several references loses the request only
 * with the last.
 */
static void
test_death_urefs(void)
{
	mach_port_t p, h;
	unsigned int v = 0;

	p = send_only(&h);
	CHECK(mach_port_mod_refs(self, p, MACH_PORT_RIGHT_SEND, 2) == 0);
	CHECK(request_dead(p) == 0);
	CHECK(mach_port_deallocate(self, p) == 0);	/* 3 refs to 2 */
	CHECK(next_notice(&v) == 0);
	CHECK(type_of(p) & MACH_PORT_TYPE_DNREQUEST);
	CHECK(mach_port_destroy(self, h) == 0);
	CHECK(next_notice(&v) == MACH_NOTIFY_DEAD_NAME && v == p);
	CHECK(type_of(p) == MACH_PORT_TYPE_DEAD_NAME);
	CHECK(refs_of(p, MACH_PORT_RIGHT_DEAD_NAME) == 3);
	CHECK(mach_port_mod_refs(self, p, MACH_PORT_RIGHT_DEAD_NAME, -3) == 0);
	CHECK(mach_port_type(self, p, &v) == KERN_INVALID_NAME);
}

/* The same for a send-once right: one reference, plus one. */
static void
test_death_send_once(void)
{
	mach_port_t r, so = MACH_PORT_NULL, h;
	mach_msg_type_name_t t;
	unsigned int v = 0;

	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &r) == 0);
	CHECK(mach_port_extract_right(self, r, MACH_MSG_TYPE_MAKE_SEND_ONCE,
	    &so, &t) == 0);
	CHECK(type_of(so) == MACH_PORT_TYPE_SEND_ONCE);
	CHECK(request_dead(so) == 0);
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &h) == 0);
	CHECK(send_right(h, r, MACH_MSG_TYPE_MOVE_RECEIVE) == 0);
	CHECK(mach_port_destroy(self, h) == 0);
	CHECK(next_notice(&v) == MACH_NOTIFY_DEAD_NAME && v == so);
	CHECK(type_of(so) == MACH_PORT_TYPE_DEAD_NAME);
	CHECK(refs_of(so, MACH_PORT_RIGHT_DEAD_NAME) == 2);
	CHECK(mach_port_mod_refs(self, so, MACH_PORT_RIGHT_DEAD_NAME, -2) ==
	    0);
	drain();
}

/*
 * A receive right with a send right beside it: destroying the receive
 * right leaves a dead name, whose request fires (reference added); a
 * receive right alone: the request is cancelled.
 */
static void
test_receive_names(void)
{
	mach_port_t p;
	unsigned int v = 0;

	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p) == 0);
	CHECK(mach_port_insert_right(self, p, p, MACH_MSG_TYPE_MAKE_SEND) ==
	    0);
	CHECK(request_dead(p) == 0);
	CHECK(mach_port_mod_refs(self, p, MACH_PORT_RIGHT_RECEIVE, -1) == 0);
	CHECK(next_notice(&v) == MACH_NOTIFY_DEAD_NAME && v == p);
	CHECK(type_of(p) == MACH_PORT_TYPE_DEAD_NAME);
	CHECK(refs_of(p, MACH_PORT_RIGHT_DEAD_NAME) == 2);
	CHECK(mach_port_mod_refs(self, p, MACH_PORT_RIGHT_DEAD_NAME, -2) == 0);
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p) == 0);
	CHECK(request_dead(p) == 0);
	CHECK(mach_port_mod_refs(self, p, MACH_PORT_RIGHT_RECEIVE, -1) == 0);
	CHECK(next_notice(&v) == MACH_NOTIFY_PORT_DELETED && v == p);
	CHECK(next_notice(&v) == 0);
}

/* A renamed name keeps its request, under the new name (GNU Mach). */
static void
test_rename(void)
{
	mach_port_t p, h, n;
	unsigned int v = 0;

	p = send_only(&h);
	n = CHOSEN_NAME;
	CHECK(request_dead(p) == 0);
	CHECK(mach_port_rename(self, p, n) == 0);
	CHECK(type_of(n) == (MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_DNREQUEST));
	CHECK(mach_port_allocate_name(self, MACH_PORT_RIGHT_RECEIVE, p) == 0);
	CHECK(mach_port_destroy(self, h) == 0);
	CHECK(next_notice(&v) == MACH_NOTIFY_DEAD_NAME && v == n);
	CHECK(next_notice(&v) == 0);
	CHECK(type_of(p) == MACH_PORT_TYPE_RECEIVE);
	CHECK(refs_of(n, MACH_PORT_RIGHT_DEAD_NAME) == 2);
	CHECK(mach_port_destroy(self, n) == 0 && mach_port_destroy(self, p) ==
	    0);
}

/*
 * MOVE_SEND of a name that keeps references: the right in the message
 * is a send right of its own, so destroying the message leaves the
 * name's right, and no-senders waits for it.
 */
static void
test_move_send_counts(void)
{
	mach_port_t p, q, prev;
	mach_port_status_t st;
	unsigned int v = 0;

	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p) == 0);
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &q) == 0);
	CHECK(mach_port_insert_right(self, p, p, MACH_MSG_TYPE_MAKE_SEND) ==
	    0);
	CHECK(mach_port_mod_refs(self, p, MACH_PORT_RIGHT_SEND, 1) == 0);
	CHECK(mach_port_request_notification(self, p, MACH_NOTIFY_NO_SENDERS,
	    0, notify, MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev) == 0);
	CHECK(send_right(q, p, MACH_MSG_TYPE_MOVE_SEND) == 0);
	CHECK(refs_of(p, MACH_PORT_RIGHT_SEND) == 1);
	CHECK(mach_port_destroy(self, q) == 0);		/* drops the moved right */
	CHECK(next_notice(&v) == 0);
	CHECK(mach_port_get_receive_status(self, p, &st) == 0 &&
	    st.mps_srights);
	CHECK(mach_port_deallocate(self, p) == 0);
	CHECK(next_notice(&v) == MACH_NOTIFY_NO_SENDERS);
	CHECK(mach_port_destroy(self, p) == 0);
}

int
main(void)
{
	self = mach_task_self();
	mach_print("gnu_port_names\n");
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &notify) == 0);
	test_invalid_name();
	test_type_dnrequest();
	drain();
	test_cancel(0);
	test_cancel(1);
	test_cancel(2);
	test_cancel_moved();
	test_death_urefs();
	test_death_send_once();
	test_receive_names();
	test_rename();
	test_move_send_counts();
	return 0;
}
