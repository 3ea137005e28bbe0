/*
 * at_common.h -- what the auth tests' programs share (tests/auth/): the
 * names at which the root task puts rights into the tasks it starts, the
 * checks, identities, and waiting on the auth server's counts (auth runs
 * with --debug in these tests).
 */
#ifndef AT_COMMON_H
#define AT_COMMON_H

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <mach/mach_traps.h>
#include <mach/mach_port.h>
#include <mach/mach.h>

#include "auth.h"
#include "authtest.h"

/*
 * Rights the root task inserts into the tasks it starts.  A name is an
 * index (bits 8 and up) and a generation: each needs its own index.
 */
#define AT_AUTH		0x11001	/* send: the task's auth handle */
#define AT_AUTH2	0x11101	/* send: a second handle (user: a group) */
#define AT_SERVICE	0x11201	/* the test server's port (receive/send) */
#define AT_REPORT	0x11301	/* send: the root task's report port */

static int at_failures __attribute__((unused));

#define CHECK(c) do {							\
	if (!(c)) {							\
		at_failures++;						\
		printf("%s: check failed: %s (line %d)\n", at_name, #c,	\
		    __LINE__);						\
		fflush(stdout);						\
	}								\
} while (0)

/* An identity from up to four short lists; -1 ends a list. */
static inline struct auth_ids
at_ids(const int *eu, const int *au, const int *eg, const int *ag)
{
	const int *lists[] = { eu, au, eg, ag };
	struct auth_ids r;
	int k;

	memset(&r, 0, sizeof(r));
	for (k = 0; k < AUTH_KINDS; k++)
		for (r.n[k] = 0; lists[k] != NULL && lists[k][r.n[k]] != -1;
		    r.n[k]++)
			r.id[k][r.n[k]] = (uint32_t)lists[k][r.n[k]];
	return r;
}

static inline int
at_ids_equal(const struct auth_ids *a, const struct auth_ids *b)
{
	return memcmp(a, b, sizeof(*a)) == 0;
}

struct at_counts {
	uint32_t	handles, waiting, spent, names;
};

static inline struct at_counts
at_counts(mach_port_t h)
{
	struct at_counts c = { 0, 0, 0, 0 };

	if (auth_debug_counts(h, &c.handles, &c.waiting, &c.spent,
	    &c.names) != 0)
		c.handles = c.waiting = c.spent = c.names = 0xffffffff;
	return c;
}

static inline int
at_counts_equal(struct at_counts a, struct at_counts b)
{
	return a.handles == b.handles && a.waiting == b.waiting &&
	    a.spent == b.spent && a.names == b.names;
}

/*
 * Wait (up to 20 s) until auth's counts satisfy ok(counts, arg); returns
 * whether they did.  Notifications reach auth a little after the event.
 */
static inline int
at_wait_counts(mach_port_t h, int (*ok)(struct at_counts, const void *),
    const void *arg)
{
	struct at_counts c;
	int i;

	for (i = 0; i < 2000; i++) {
		c = at_counts(h);
		if (ok(c, arg))
			return 1;
		usleep(10000);
	}
	printf("%s: counts stuck at %u handles %u waiting %u spent %u names\n",
	    at_name, c.handles, c.waiting, c.spent, c.names);
	return 0;
}

static inline int
at_same(struct at_counts c, const void *arg)
{
	return at_counts_equal(c, *(const struct at_counts *)arg);
}

/* n waiting rendezvous (the point of *arg's waiting plus one). */
static inline int
at_one_more_waiting(struct at_counts c, const void *arg)
{
	return c.waiting == ((const struct at_counts *)arg)->waiting + 1;
}

/* A send right made from a fresh receive right, which is then destroyed. */
static inline mach_port_t
at_dead_name(void)
{
	mach_port_t p;

	mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &p);
	mach_port_insert_right(mach_task_self(), p, p,
	    MACH_MSG_TYPE_MAKE_SEND);
	mach_port_mod_refs(mach_task_self(), p, MACH_PORT_RIGHT_RECEIVE, -1);
	return p;
}

static inline mach_port_t
at_port(void)
{
	mach_port_t p = MACH_PORT_NULL;

	mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &p);
	return p;
}

#endif
