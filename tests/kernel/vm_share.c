/*
 * vm_share.c -- VM_INHERIT_SHARE: parent and child map one memory object,
 * so a page first touched after task_create by either task is seen by
 * the other, both ways; vm_region calls such memory shared; a partial
 * vm_deallocate of it by one task leaves the other's view alone, and the
 * pages come back once neither maps them.  Then vm_maps of one device
 * pager in two tasks share one object.  Run twice: the second run must leave
 * the kernel's counts as they were.
 */
#include "vm_child.h"
#include <device/device.h>
#include <device/device_types.h>

#define PAGE		4096
/* The first word of page p of the shared region. */
#define WORD(p)		(shared[(p) * (PAGE / 4)])
#define SPIN_MAX	1000000

static volatile uint32_t *shared;	/* 5 pages: 0 is the handshake */

/* Wait until the handshake word says step; false after too long. */
static int
wait_step(uint32_t step)
{
	for (long i = 0; i < SPIN_MAX; i++) {
		if (WORD(0) == step)
			return 1;
		swtch();
	}
	test_printf("vm_share: no step %u (at %u)\n", step, WORD(0));
	return 0;
}

static void
child_main(void)
{
	uint32_t bad = 0;

	vm_child_start();
	bad |= WORD(2) != 0x5a;		/* the parent's first touch */
	bad |= (WORD(3) != 0) << 1;	/* ours, read only */
	WORD(1) = 0xc1;			/* ours, for the parent */
	WORD(4) = 0xc4;
	WORD(0) = 1 | bad << 8;
	if (!wait_step(2))
		vm_child_exit();
	bad |= (WORD(3) != 0x53) << 2;	/* the parent wrote a page we hold */
	bad |= (WORD(2) != 0x5a) << 3;	/* still ours after its deallocate */
	if (vm_deallocate(mach_task_self(), (vm_address_t)shared + 2 * PAGE,
	    2 * PAGE) != 0)
		bad |= 1 << 4;
	WORD(0) = 3 | bad << 8;
	wait_step(4);
	vm_child_exit();
}

static uint64_t
pages_outside_heap(struct whorl_kernel_stats ks)
{
	return ks.free_pages + ks.heap_pages;
}

static void
check_region(vm_address_t addr, boolean_t want_shared)
{
	vm_address_t r = addr;
	vm_size_t size;
	vm_prot_t prot, max;
	vm_inherit_t inh;
	boolean_t sh = !want_shared;
	mach_port_t name;
	vm_offset_t off;

	CHECK(vm_region(mach_task_self(), &r, &size, &prot, &max, &inh, &sh,
	    &name, &off) == 0 && r <= addr && sh == want_shared);
}

static void
run_share(void)
{
	mach_port_t self = mach_task_self();
	struct whorl_kernel_stats before, after;
	vm_address_t s = 0;
	struct vm_child c;

	CHECK(vm_allocate(self, &s, 5 * PAGE, TRUE) == 0);
	CHECK(vm_inherit(self, s, 5 * PAGE, VM_INHERIT_SHARE) == 0);
	shared = (volatile uint32_t *)s;
	check_region(s, FALSE);
	CHECK(vm_child_create(&c, child_main) == 0);
	WORD(2) = 0x5a;			/* first touched after the fork */
	CHECK(vm_child_run(&c) == 0);
	CHECK(wait_step(1 | 0 << 8));
	CHECK(WORD(1) == 0xc1);		/* the child's first touch */
	check_region(s, TRUE);
	WORD(3) = 0x53;
	CHECK(vm_deallocate(self, s + 2 * PAGE, 2 * PAGE) == 0);
	before = vm_kernel_stats();
	WORD(0) = 2;
	CHECK(wait_step(3 | 0 << 8));
	after = vm_kernel_stats();
	/* Pages 2 and 3: nobody maps them now. */
	CHECK(pages_outside_heap(after) == pages_outside_heap(before) + 2);
	CHECK(WORD(4) == 0xc4);
	WORD(0) = 4;
	vm_child_wait(&c);
	check_region(s, FALSE);
	CHECK(vm_deallocate(self, s, 2 * PAGE) == 0);
	CHECK(vm_deallocate(self, s + 4 * PAGE, PAGE) == 0);
}

/*
 * Map ROM at 0xF0000 here, and its upper half in a second task: one
 * object, so vm_region calls ours shared until the other mapping goes.
 */
static void
run_device(mach_port_t master)
{
	mach_port_t self = mach_task_self(), mem, pager, other;
	vm_address_t a = 0, b = 0;
	volatile uint8_t *ra;
	uint8_t rb;
	vm_offset_t data;
	mach_msg_type_number_t n;

	CHECK(device_open(master, D_READ, "mem", &mem) == 0);
	CHECK(device_map(mem, VM_PROT_READ, 0xF0000, 0x10000, &pager, 0) == 0);
	CHECK(mach_port_mod_refs(self, pager, MACH_PORT_RIGHT_SEND, 1) == 0);
	CHECK(task_create(self, FALSE, &other) == 0);
	CHECK(vm_map(self, &a, 0x10000, 0, TRUE, pager, 0, FALSE,
	    VM_PROT_READ, VM_PROT_READ, VM_INHERIT_NONE) == 0);
	check_region(a, FALSE);
	CHECK(vm_map(other, &b, 0x8000, 0, TRUE, pager, 0x8000, FALSE,
	    VM_PROT_READ, VM_PROT_READ, VM_INHERIT_NONE) == 0);
	check_region(a, TRUE);
	ra = (volatile uint8_t *)a;
	CHECK(vm_read(other, b + 0x7000, 0x1000, &data, &n) == 0);
	rb = ((volatile uint8_t *)data)[0xFF0];
	CHECK(ra[0xFFF0] == 0xEA && rb == 0xEA);
	CHECK(vm_deallocate(self, data, n) == 0);
	CHECK(vm_deallocate(other, b, 0x8000) == 0);
	check_region(a, FALSE);
	CHECK(vm_deallocate(self, a, 0x10000) == 0);
	CHECK(task_terminate(other) == 0);
	CHECK(mach_port_deallocate(self, mem) == 0);
}

int
main(int argc, char **argv)
{
	struct whorl_kernel_stats before, after;

	run_share();			/* warm-up: the same paths, once */
	before = vm_kernel_stats();
	run_share();
	after = vm_kernel_stats();
	CHECK(vm_stats_same("vm_share", before, after));
	if (argc > 1)
		run_device((mach_port_t)test_parse_number(argv[1]));
	return 0;
}
