/*
 * vm_hostile_ranges.c -- the vm RPCs with sizes, addresses and masks
 * chosen to overflow: vm_map with mask ~0 "anywhere" (GNU Mach: no
 * space; it must never give address 0 or overlap), fixed ranges that
 * wrap past the top of the address space, huge sizes, wrapping ranges
 * for vm_deallocate, vm_protect, vm_inherit, vm_read, vm_write, vm_copy,
 * vm_region at the top, out-of-line memory that wraps, and
 * vm_allocate_contiguous with hostile bounds.  They work on an empty
 * child task's map, which must afterwards hold only sane, sorted,
 * disjoint regions; when the child is gone the kernel's counts are back
 * where they were.  argv[1]: the privileged host port.
 */
#include "test.h"
#include "kern/klib.h"
#include <mach/mach.h>
#include <mach/mach_port.h>
#include <mach/mach_host.h>
#include <mach/host_info.h>
#include <mach/gnumach.h>

#define PAGE		4096ul
#define TOP		0xfffffffffffff000ul	/* the last page of 2^64 */
#define USER_END	0x00007ffffffff000ul	/* first address above user */

static int refused, cases;
static char wbuf[2 * PAGE] __attribute__((aligned(4096)));

/* A hostile call must fail; count it. */
static void
must_fail(kern_return_t kr, const char *what)
{
	cases++;
	if (kr != KERN_SUCCESS) {
		refused++;
		return;
	}
	test_printf("vm_hostile_ranges: %s succeeded\n", what);
	CHECK(kr != KERN_SUCCESS);
}

static kern_return_t
map_anon(mach_port_t t, vm_address_t *a, vm_size_t size, vm_address_t mask,
    boolean_t anywhere)
{
	return vm_map(t, a, size, mask, anywhere, MACH_PORT_NULL, 0, FALSE,
	    VM_PROT_DEFAULT, VM_PROT_ALL, VM_INHERIT_COPY);
}

/* vm_map and vm_allocate: masks, fixed ranges that wrap, huge sizes. */
static void
hostile_enter(mach_port_t t)
{
	static const vm_address_t masks[] = { ~0ul, ~0ul >> 1, ~0ul << 1,
	    0x7fffffffffffful, 0xffff800000000fffu, TOP };
	static const vm_size_t sizes[] = { ~0ul, ~0ul - PAGE + 2, USER_END,
	    1ul << 63, USER_END + 1 };
	vm_address_t a;

	for (unsigned i = 0; i < sizeof(masks) / sizeof(masks[0]); i++) {
		a = 0;
		kern_return_t kr = map_anon(t, &a, PAGE, masks[i], TRUE);

		cases++;
		refused += kr != KERN_SUCCESS;
		CHECK(kr == KERN_NO_SPACE || (kr == KERN_SUCCESS && a >= PAGE &&
		    a < USER_END && (a & masks[i]) == 0));
	}
	a = TOP;
	must_fail(map_anon(t, &a, 2 * PAGE, 0, FALSE), "vm_map wrapping");
	a = TOP;
	must_fail(vm_allocate(t, &a, 2 * PAGE, FALSE), "vm_allocate wrapping");
	a = USER_END - PAGE;
	must_fail(vm_allocate(t, &a, 2 * PAGE, FALSE), "vm_allocate past top");
	a = 0;
	must_fail(vm_allocate(t, &a, PAGE, FALSE), "vm_allocate at 0");
	for (unsigned i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		a = 0;
		must_fail(vm_allocate(t, &a, sizes[i], TRUE),
		    "huge vm_allocate");
		a = PAGE;
		must_fail(vm_allocate(t, &a, sizes[i], FALSE),
		    "huge fixed vm_allocate");
		a = 0;
		must_fail(map_anon(t, &a, sizes[i], 0, TRUE), "huge vm_map");
	}
}

/* The calls on a range: every start and size here wraps or leaves. */
static void
hostile_ranges(mach_port_t t, vm_address_t mapped)
{
	static const struct { vm_address_t a; vm_size_t s; } r[] = {
		{ TOP, 2 * PAGE }, { PAGE, ~0ul }, { PAGE, ~0ul - PAGE + 1 },
		{ ~0ul, 2 }, { USER_END - PAGE, 2 * PAGE }, { 0, ~0ul },
	};
	vm_offset_t data;
	mach_msg_type_number_t n;

	for (unsigned i = 0; i < sizeof(r) / sizeof(r[0]); i++) {
		must_fail(vm_deallocate(t, r[i].a, r[i].s), "vm_deallocate");
		must_fail(vm_protect(t, r[i].a, r[i].s, FALSE, VM_PROT_READ),
		    "vm_protect");
		must_fail(vm_inherit(t, r[i].a, r[i].s, VM_INHERIT_SHARE),
		    "vm_inherit");
		must_fail(vm_read(t, r[i].a, r[i].s, &data, &n), "vm_read");
		must_fail(vm_copy(t, r[i].a, r[i].s, mapped), "vm_copy from");
		must_fail(vm_copy(t, mapped, r[i].s, r[i].a), "vm_copy to");
	}
	must_fail(vm_write(t, TOP, (vm_offset_t)wbuf, 2 * PAGE), "vm_write");
	must_fail(vm_write(t, USER_END - 8, (vm_offset_t)wbuf, 16),
	    "vm_write past the top");
}

/* Out-of-line memory that wraps or leaves user space is refused. */
static void
hostile_ool(void)
{
	static const struct { uint64_t a; uint32_t n; } r[] = {
		{ TOP, 2 * PAGE }, { TOP + 0x800, PAGE }, { USER_END - 8, 16 },
		{ 0, 16 },
	};
	struct {
		mach_msg_header_t	h;
		mach_msg_type_t		t;
		uint64_t		addr;
	} m;
	mach_port_t p;

	CHECK(mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE,
	    &p) == 0);
	for (unsigned i = 0; i < sizeof(r) / sizeof(r[0]); i++) {
		memset(&m, 0, sizeof(m));
		m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) |
		    MACH_MSGH_BITS_COMPLEX;
		m.h.msgh_size = sizeof(m);
		m.h.msgh_remote_port = p;
		m.t.msgt_name = MACH_MSG_TYPE_BYTE;
		m.t.msgt_size = 8;
		m.t.msgt_number = r[i].n;
		m.addr = r[i].a;
		cases++;
		CHECK(mach_msg(&m.h, MACH_SEND_MSG | MACH_SEND_TIMEOUT,
		    sizeof(m), 0, 0, 0, 0) == MACH_SEND_INVALID_MEMORY);
		refused++;
	}
	CHECK(mach_port_destroy(mach_task_self(), p) == 0);
}

/* DMA memory: hostile sizes, bounds and alignments are refused. */
static void
hostile_contiguous(mach_port_t host, mach_port_t t)
{
	static const rpc_phys_addr_t v[][4] = {	/* size, pmin, pmax, align */
		{ ~0ul, 0, 0, 0 }, { 0, 0, 0, 0 }, { PAGE, 0, 0, 1ul << 63 },
		{ PAGE, ~0ul - PAGE, 0, 0 }, { PAGE, 0, 1, 0 },
		{ PAGE, 0, 0, 3 * PAGE }, { PAGE, 1ul << 40, 1ul << 41, 0 },
	};
	vm_address_t va;
	rpc_phys_addr_t pa;

	for (unsigned i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		must_fail(vm_allocate_contiguous(host, t, &va, &pa, v[i][0],
		    v[i][1], v[i][2], v[i][3]), "vm_allocate_contiguous");
}

/* Every region of t lies in user space, in order, without overlap. */
static void
check_map(mach_port_t t)
{
	vm_address_t a = 0, last = 0;
	vm_size_t s;
	vm_prot_t prot, max;
	vm_inherit_t inh;
	boolean_t shared;
	mach_port_t name;
	vm_offset_t off;
	int regions = 0;

	while (vm_region(t, &a, &s, &prot, &max, &inh, &shared, &name,
	    &off) == KERN_SUCCESS && regions < 64) {
		regions++;
		CHECK(a >= PAGE && a >= last && s > 0 && a + s > a &&
		    a + s <= USER_END);
		last = a + s;
		if (a + s <= a)
			break;
		a += s;
	}
	test_printf("vm_hostile_ranges: the child's map has %d regions\n",
	    regions);
	a = ~0ul;
	must_fail(vm_region(t, &a, &s, &prot, &max, &inh, &shared, &name,
	    &off), "vm_region at the top");
}

int
main(int argc, char **argv)
{
	struct whorl_kernel_stats before, after;
	mach_port_t self = mach_task_self(), host, child;
	vm_address_t mapped = 0x100000;

	CHECK(argc > 1);
	host = argc > 1 ? (mach_port_t)test_parse_number(argv[1]) : 0;
	hostile_ool();			/* warm up the paths */
	memset(wbuf, 1, sizeof(wbuf));	/* and our own pages */
	test_kernel_stats(&before);
	CHECK(task_create(self, FALSE, &child) == 0);
	CHECK(vm_allocate(child, &mapped, 4 * PAGE, FALSE) == 0);
	hostile_enter(child);
	hostile_ranges(child, mapped);
	hostile_ool();
	hostile_contiguous(host, child);
	check_map(child);
	CHECK(task_terminate(child) == 0);
	CHECK(mach_port_destroy(self, child) == 0);
	test_printf("vm_hostile_ranges: %d of %d hostile calls refused\n",
	    refused, cases);
	test_kernel_stats(&after);
	test_kernel_stats_same("vm_hostile_ranges", &before, &after,
	    KSTATS_ALL);
	return 0;
}
