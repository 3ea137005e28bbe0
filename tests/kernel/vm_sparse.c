/*
 * vm_sparse.c -- a 16 MiB anonymous object touched sparsely: only the
 * pages touched become resident; a child made by task_create sees them
 * copy-on-write; deallocating half of the region gives back exactly the
 * pages touched in that half; and after the whole run the kernel's page
 * and object counts are exactly as before.  Prints what task_create and
 * vm_deallocate of the region cost (rdtsc).
 */
#include "vm_child.h"

#define PAGE		4096ul
#define NPAGES		4096ul			/* 16 MiB */
#define STRIDE		100ul			/* touch every 100th page */
#define NTOUCHED	(NPAGES / STRIDE + 2)	/* 0, 100, ... 4000, 4095 */

static volatile uint64_t *region;
static volatile uint64_t *verdict;	/* the child's, VM_INHERIT_SHARE */

static volatile uint64_t *
page_word(uint64_t p)
{
	return region + p * (PAGE / 8);
}

static uint64_t
touched_page(uint64_t i)
{
	return i * STRIDE < NPAGES ? i * STRIDE : NPAGES - 1;
}

static uint64_t
resident(void)
{
	struct task_basic_info info;
	mach_msg_type_number_t n = TASK_BASIC_INFO_COUNT;

	CHECK(task_info(mach_task_self(), TASK_BASIC_INFO, (task_info_t)&info,
	    &n) == 0);
	return info.resident_size / PAGE;
}

/* The child checks what it inherited, then writes over it. */
static void
child_main(void)
{
	uint64_t bad = 0;

	vm_child_start();
	for (uint64_t i = 0; i < NTOUCHED; i++) {
		uint64_t p = touched_page(i);

		bad += *page_word(p) != p + 1;
		*page_word(p) = 0xc0de;
	}
	bad += *page_word(1) != 0;
	*verdict = bad + 1;
	vm_child_exit();
}

static void
run_sparse(int report)
{
	mach_port_t self = mach_task_self();
	vm_address_t r = 0, v = 0;
	uint64_t res0, t0, t1, t2, t3, half_touched = 0, freed;
	struct whorl_kernel_stats a, b;
	struct vm_child c;

	CHECK(vm_allocate(self, &r, NPAGES * PAGE, TRUE) == 0);
	CHECK(vm_allocate(self, &v, PAGE, TRUE) == 0);
	CHECK(vm_inherit(self, v, PAGE, VM_INHERIT_SHARE) == 0);
	region = (volatile uint64_t *)r;
	verdict = (volatile uint64_t *)v;
	res0 = resident();
	for (uint64_t i = 0; i < NTOUCHED; i++) {
		*page_word(touched_page(i)) = touched_page(i) + 1;
		half_touched += touched_page(i) >= NPAGES / 2;
	}
	CHECK(resident() == res0 + NTOUCHED);

	t0 = test_rdtsc();
	CHECK(vm_child_create(&c, child_main) == 0);
	t1 = test_rdtsc();
	CHECK(vm_child_run(&c) == 0);
	vm_child_wait(&c);
	CHECK(*verdict == 1);			/* the child saw it all */
	for (uint64_t i = 0; i < NTOUCHED; i++)	/* and wrote its own copy */
		CHECK(*page_word(touched_page(i)) == touched_page(i) + 1);

	a = vm_kernel_stats();
	t2 = test_rdtsc();
	CHECK(vm_deallocate(self, r + NPAGES / 2 * PAGE, NPAGES / 2 * PAGE) ==
	    0);
	t3 = test_rdtsc();
	b = vm_kernel_stats();
	freed = (b.free_pages + b.heap_pages) - (a.free_pages + a.heap_pages);
	CHECK(freed == half_touched);
	CHECK(*page_word(0) == 1 && *page_word(STRIDE) == STRIDE + 1);
	CHECK(vm_deallocate(self, r, NPAGES / 2 * PAGE) == 0);
	CHECK(vm_deallocate(self, v, PAGE) == 0);
	if (report)
		test_printf("vm_sparse: %lu of %lu pages touched; task_create "
		    "%lu cycles, vm_deallocate of 8 MiB %lu cycles (%lu pages "
		    "back)\n", (unsigned long)NTOUCHED, (unsigned long)NPAGES,
		    (unsigned long)(t1 - t0), (unsigned long)(t3 - t2),
		    (unsigned long)freed);
}

int
main(void)
{
	struct whorl_kernel_stats before, after;

	run_sparse(0);			/* warm-up: the same paths, once */
	before = vm_kernel_stats();
	run_sparse(1);
	after = vm_kernel_stats();
	CHECK(vm_stats_same("vm_sparse", before, after));
	return 0;
}
