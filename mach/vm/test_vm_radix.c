/*
 * test_vm_radix.c -- host test of a memory object's page index under
 * AddressSanitizer: heights for object sizes, a random workload of
 * inserts, lookups and walks that take pages out, checked against a plain
 * array, a failed insert when the heap is out of pages, and no node left
 * once the tree is empty.
 */
#include <string.h>
#include "kern/klib.h"
#include "kern/kalloc.h"
#include "vm/vm_radix.h"
#include "kern/host_test.h"

#define NPAGES	5000		/* three levels: more than 64 * 64 */
#define OPS	200000

static bool pages_fail;

static void *
pages_get(size_t n)
{
	if (pages_fail || n == 0)
		return NULL;
	return aligned_alloc(KMEM_PAGE_SIZE, n * KMEM_PAGE_SIZE);
}

static void
pages_put(void *p, size_t n)
{
	(void)n;
	free(p);
}

static uint64_t
node_objects(void)
{
	struct kmem_stats st;

	kmem_stats(&st);
	for (unsigned i = 0; i < st.ncaches; i++)
		if (strcmp(st.cache[i].name, "vm_radix_node") == 0)
			return st.cache[i].objects;
	return ~0ull;
}

static void
test_heights(void)
{
	static const struct { uint64_t npages; unsigned height; } cases[] = {
		{ 1, 1 }, { 64, 1 }, { 65, 2 }, { 4096, 2 }, { 4097, 3 },
		{ 1ull << 35, 6 },
	};
	struct vm_radix t;

	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		vm_radix_create(&t, cases[i].npages);
		CHECKF(t.height == cases[i].height, "%lu pages: height %u",
		    (unsigned long)cases[i].npages, t.height);
	}
}

static uint64_t model[NPAGES];

struct take {
	uint64_t	first, end, last;
	bool		ordered;
};

/* Visit: check against the model and take every other page out. */
static void
take_visit(uint64_t index, uint64_t *pa, void *arg)
{
	struct take *w = arg;

	CHECK(index >= w->first && index < w->end);
	CHECKF(model[index] == *pa, "index %lu", (unsigned long)index);
	if (w->last != ~0ull && index <= w->last)
		w->ordered = false;
	w->last = index;
	if (index % 2 == 0) {
		*pa = 0;
		model[index] = 0;
	}
}

/* Visit: check against the model and take the page out. */
static void
take_all(uint64_t index, uint64_t *pa, void *arg)
{
	(void)arg;
	CHECKF(model[index] == *pa, "index %lu", (unsigned long)index);
	*pa = 0;
	model[index] = 0;
}

static void
test_random(void)
{
	struct vm_radix t;

	vm_radix_create(&t, NPAGES);
	for (int op = 0; op < OPS; op++) {
		uint64_t i = test_below(NPAGES);

		if (test_below(4) != 0) {
			uint64_t pa = (test_below(1ull << 30) + 1) << 12;

			CHECK(vm_radix_insert(&t, i, pa) == 0);
			model[i] = pa;
		} else if (test_below(8) != 0) {
			CHECK(vm_radix_lookup(&t, i) == model[i]);
		} else {
			struct take w = { i, i + test_below(300), ~0ull, true };

			if (w.end > NPAGES)
				w.end = NPAGES;
			vm_radix_walk(&t, w.first, w.end, take_visit, &w);
			CHECK(w.ordered);
		}
	}
	for (uint64_t i = 0; i < NPAGES; i++)
		CHECK(vm_radix_lookup(&t, i) == model[i]);
	CHECK(vm_radix_lookup(&t, NPAGES * 64 * 64) == 0);
	/* A whole walk takes the even pages, a second one the rest. */
	struct take w = { 0, NPAGES, ~0ull, true };

	vm_radix_walk(&t, 0, NPAGES, take_visit, &w);
	CHECK(w.ordered);
	for (uint64_t i = 0; i < NPAGES; i++)
		CHECK(vm_radix_lookup(&t, i) == model[i] &&
		    (i % 2 == 1 || model[i] == 0));
	vm_radix_walk(&t, 0, NPAGES, take_all, NULL);
	CHECK(t.root == NULL);
	CHECK(node_objects() == 0);
}

/* Out of heap pages: the insert fails and changes no page. */
static void
test_no_memory(void)
{
	struct vm_radix t;
	int failed = 0;

	vm_radix_create(&t, NPAGES);
	CHECK(vm_radix_insert(&t, 7, 0x7000) == 0);
	kmem_reap();
	pages_fail = true;
	/* Enough inserts far apart to need a slab the heap cannot get. */
	for (uint64_t i = 64 * 64; i < NPAGES && !failed; i += 64)
		failed = vm_radix_insert(&t, i, 0x9000) != 0;
	pages_fail = false;
	CHECK(failed);
	CHECK(vm_radix_lookup(&t, 7) == 0x7000);
	for (uint64_t i = 0; i < NPAGES; i++)
		model[i] = vm_radix_lookup(&t, i);
	vm_radix_walk(&t, 0, NPAGES, take_all, NULL);
	CHECK(t.root == NULL);
	CHECK(node_objects() == 0);
}

int
main(void)
{
	test_seed();
	kmem_init(pages_get, pages_put);
	vm_radix_init();
	test_heights();
	test_random();
	test_no_memory();
	return test_done("test_vm_radix");
}
