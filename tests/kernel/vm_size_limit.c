/*
 * vm_size_limit.c -- vm_set_size_limit and vm_get_size_limit
 * (gnumach.defs): the unlimited defaults, a set/get round trip, the
 * refusals (current above max, a bad host port, a raised max without the
 * privileged host port), vm_allocate and vm_map (anywhere and fixed) past
 * the current limit refused with KERN_NO_SPACE and under it allowed,
 * deallocation and VM_PROT_NONE making room, and a child of task_create
 * with inherit_memory keeping its parent's limits.  argv[1]: the
 * privileged host port.
 */
#include "test.h"
#include <mach/mach.h>
#include <mach/mach_port.h>
#include <mach/gnumach.h>

#define PAGE		4096ul
#define LIMIT		(64 * PAGE)
#define MAX		(128 * PAGE)
#define UNLIMITED	(~(vm_size_t)0)

/* Whether t's limits are cur and max. */
static int
limits_are(mach_port_t t, vm_size_t cur, vm_size_t max)
{
	vm_size_t c = 0, m = 0;

	return vm_get_size_limit(t, &c, &m) == KERN_SUCCESS && c == cur &&
	    m == max;
}

static kern_return_t
map_anon(mach_port_t t, vm_address_t *a, vm_size_t size, boolean_t anywhere,
    vm_prot_t prot)
{
	return vm_map(t, a, size, 0, anywhere, MACH_PORT_NULL, 0, FALSE, prot,
	    prot, VM_INHERIT_COPY);
}

/* Setting and reading the limits of t, with host and with priv. */
static void
limits_set(mach_port_t t, mach_port_t host, mach_port_t priv)
{
	vm_size_t c, m;

	CHECK(limits_are(t, UNLIMITED, UNLIMITED));
	CHECK(vm_set_size_limit(host, t, MAX, LIMIT) ==
	    KERN_INVALID_ARGUMENT);
	CHECK(vm_set_size_limit(t, t, LIMIT, MAX) == KERN_INVALID_HOST);
	CHECK(vm_get_size_limit(host, &c, &m) != KERN_SUCCESS);
	CHECK(limits_are(t, UNLIMITED, UNLIMITED));
	CHECK(vm_set_size_limit(host, t, LIMIT, MAX) == KERN_SUCCESS);
	CHECK(limits_are(t, LIMIT, MAX));
	CHECK(vm_set_size_limit(host, t, LIMIT, MAX + PAGE) ==
	    KERN_NO_ACCESS);
	CHECK(limits_are(t, LIMIT, MAX));
	CHECK(vm_set_size_limit(host, t, MAX, MAX) == KERN_SUCCESS);
	CHECK(limits_are(t, MAX, MAX));
	CHECK(vm_set_size_limit(priv, t, LIMIT, 2 * MAX) == KERN_SUCCESS);
	CHECK(limits_are(t, LIMIT, 2 * MAX));
	CHECK(vm_set_size_limit(host, t, LIMIT, MAX) == KERN_SUCCESS);
	CHECK(limits_are(t, LIMIT, MAX));
}

/* t (empty, limited to LIMIT) gets exactly LIMIT bytes, and no more. */
static void
limits_enforced(mach_port_t t)
{
	vm_address_t a = 0, b = 0, r = 0, free_at;

	CHECK(vm_allocate(t, &a, LIMIT - 2 * PAGE, TRUE) == KERN_SUCCESS);
	CHECK(map_anon(t, &b, 2 * PAGE, TRUE, VM_PROT_DEFAULT) ==
	    KERN_SUCCESS);
	free_at = b + 16 * PAGE;
	CHECK(vm_allocate(t, &r, PAGE, TRUE) == KERN_NO_SPACE);
	CHECK(map_anon(t, &r, PAGE, TRUE, VM_PROT_DEFAULT) == KERN_NO_SPACE);
	r = free_at;
	CHECK(vm_allocate(t, &r, PAGE, FALSE) == KERN_NO_SPACE);
	CHECK(map_anon(t, &r, PAGE, FALSE, VM_PROT_DEFAULT) == KERN_NO_SPACE);
	/* A VM_PROT_NONE reservation does not count (GNU Mach). */
	r = 0;
	CHECK(map_anon(t, &r, 4 * MAX, TRUE, VM_PROT_NONE) == KERN_SUCCESS);
	CHECK(vm_deallocate(t, r, 4 * MAX) == KERN_SUCCESS);
	/* Deallocating makes room again, and only as much. */
	CHECK(vm_deallocate(t, b, PAGE) == KERN_SUCCESS);
	r = free_at;
	CHECK(map_anon(t, &r, PAGE, FALSE, VM_PROT_DEFAULT) == KERN_SUCCESS);
	CHECK(r == free_at);
	r = 0;
	CHECK(vm_allocate(t, &r, PAGE, TRUE) == KERN_NO_SPACE);
	CHECK(vm_deallocate(t, free_at, PAGE) == KERN_SUCCESS);
	CHECK(vm_allocate(t, &r, PAGE, TRUE) == KERN_SUCCESS);
	/* So does taking a region's access away (GNU Mach's size_none). */
	CHECK(vm_protect(t, a, 2 * PAGE, FALSE, VM_PROT_NONE) ==
	    KERN_SUCCESS);
	r = 0;
	CHECK(vm_allocate(t, &r, 2 * PAGE, TRUE) == KERN_SUCCESS);
	CHECK(vm_allocate(t, &r, PAGE, TRUE) == KERN_NO_SPACE);
}

/* A child made with inherit_memory keeps its parent's limits. */
static void
limits_inherited(mach_port_t self, mach_port_t host, mach_port_t priv)
{
	mach_port_t child;

	CHECK(vm_set_size_limit(host, self, 1ul << 40, 1ul << 41) ==
	    KERN_SUCCESS);
	CHECK(task_create(self, TRUE, &child) == KERN_SUCCESS);
	CHECK(limits_are(child, 1ul << 40, 1ul << 41));
	CHECK(task_terminate(child) == KERN_SUCCESS);
	CHECK(mach_port_destroy(self, child) == KERN_SUCCESS);
	CHECK(vm_set_size_limit(host, self, UNLIMITED, UNLIMITED) ==
	    KERN_NO_ACCESS);
	CHECK(vm_set_size_limit(priv, self, UNLIMITED, UNLIMITED) ==
	    KERN_SUCCESS);
	CHECK(limits_are(self, UNLIMITED, UNLIMITED));
}

int
main(int argc, char **argv)
{
	mach_port_t self = mach_task_self(), host = mach_host_self();
	mach_port_t priv, child;

	CHECK(argc > 1);
	priv = argc > 1 ? (mach_port_t)test_parse_number(argv[1]) : 0;
	CHECK(limits_are(self, UNLIMITED, UNLIMITED));
	CHECK(task_create(self, FALSE, &child) == KERN_SUCCESS);
	limits_set(child, host, priv);
	limits_enforced(child);
	CHECK(task_terminate(child) == KERN_SUCCESS);
	CHECK(mach_port_destroy(self, child) == KERN_SUCCESS);
	limits_inherited(self, host, priv);
	return 0;
}
