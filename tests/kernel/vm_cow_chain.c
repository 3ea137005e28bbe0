/*
 * vm_cow_chain.c -- copy-on-write after task_create, three generations
 * deep: each generation writes to pages it inherited and to pages nobody
 * had touched, both before and after making its child, and checks that
 * it sees its own writes and its ancestors' writes from before its birth,
 * and nothing else.  Results travel in a page every generation shares
 * (VM_INHERIT_SHARE).  The chain runs twice; the second run must leave
 * the kernel's page and object counts exactly as they were.
 */
#include "vm_child.h"

#define NPAGES		4
#define GENERATIONS	4		/* the test itself and three below */

/* What a generation writes: before making its child, and after. */
struct writes {
	uint32_t	before[NPAGES], after[NPAGES];	/* 0: no write */
};

static const struct writes gen_writes[GENERATIONS] = {
	{ { 0xa0, 0xa1, 0, 0 }, { 0, 0, 0, 0xa3 } },
	{ { 0xb0, 0, 0xb2, 0 }, { 0, 0xb1, 0, 0 } },
	{ { 0xc0, 0, 0, 0xc3 }, { 0, 0, 0xc2, 0 } },
	{ { 0, 0xd1, 0, 0xd3 }, { 0, 0, 0, 0 } },
};

/* What each generation must see on entry and once its child is gone. */
static const uint32_t seen_at_birth[GENERATIONS][NPAGES] = {
	{ 0, 0, 0, 0 },
	{ 0xa0, 0xa1, 0, 0 },
	{ 0xb0, 0xa1, 0xb2, 0 },
	{ 0xc0, 0xa1, 0xb2, 0xc3 },
};
static const uint32_t seen_at_end[GENERATIONS][NPAGES] = {
	{ 0xa0, 0xa1, 0, 0xa3 },
	{ 0xb0, 0xb1, 0xb2, 0 },
	{ 0xc0, 0xa1, 0xc2, 0xc3 },
	{ 0xc0, 0xd1, 0xb2, 0xd3 },
};

struct results {
	uint32_t	done[GENERATIONS];
	uint32_t	wrong[GENERATIONS];	/* bit per page seen wrong */
};

static volatile uint32_t *region;	/* NPAGES pages, VM_INHERIT_COPY */
static volatile struct results *results;	/* VM_INHERIT_SHARE */
static int next_generation;		/* set just before task_create */

static uint32_t
compare(int gen, const uint32_t want[NPAGES], const char *when)
{
	uint32_t wrong = 0;

	for (int p = 0; p < NPAGES; p++) {
		uint32_t v = region[p * 1024];

		if (v != want[p]) {
			test_printf("generation %d %s: page %d holds %#x, "
			    "not %#x\n", gen, when, p, v, want[p]);
			wrong |= 1u << p;
		}
	}
	return wrong;
}

static void
write_pages(const uint32_t what[NPAGES])
{
	for (int p = 0; p < NPAGES; p++)
		if (what[p] != 0)
			region[p * 1024] = what[p];
}

static void generation_main(void);

/* One generation's life; the youngest makes no child. */
static void
generation(int gen)
{
	struct vm_child c;
	uint32_t wrong = compare(gen, seen_at_birth[gen], "at birth");

	write_pages(gen_writes[gen].before);
	if (gen + 1 < GENERATIONS) {
		next_generation = gen + 1;
		if (vm_child_create(&c, generation_main) != 0) {
			test_printf("generation %d: no child\n", gen);
			wrong |= 0x100;
		} else {
			write_pages(gen_writes[gen].after);
			CHECK(vm_child_run(&c) == 0);
			vm_child_wait(&c);
		}
	}
	wrong |= compare(gen, seen_at_end[gen], "at the end");
	results->wrong[gen] = wrong;
	results->done[gen] = 1;
}

static void
generation_main(void)
{
	vm_child_start();
	generation(next_generation);
	vm_child_exit();
}

static void
run_chain(void)
{
	vm_address_t r = 0, s = 0;
	mach_port_t self = mach_task_self();

	CHECK(vm_allocate(self, &r, NPAGES * 4096, TRUE) == 0);
	CHECK(vm_allocate(self, &s, 4096, TRUE) == 0);
	CHECK(vm_inherit(self, s, 4096, VM_INHERIT_SHARE) == 0);
	region = (volatile uint32_t *)r;
	results = (volatile struct results *)s;
	generation(0);
	for (int g = 0; g < GENERATIONS; g++)
		CHECK(results->done[g] == 1 && results->wrong[g] == 0);
	CHECK(vm_deallocate(self, r, NPAGES * 4096) == 0);
	CHECK(vm_deallocate(self, s, 4096) == 0);
}

int
main(void)
{
	struct whorl_kernel_stats before, after;

	run_chain();			/* warm-up: the same paths, once */
	before = vm_kernel_stats();
	run_chain();
	after = vm_kernel_stats();
	CHECK(vm_stats_same("vm_cow_chain", before, after));
	return 0;
}
