/*
 * kstats.c -- the kernel's own counts (host_info flavor
 * HOST_WHORL_KERNEL_STATS) for tests that prove they leave nothing behind.
 */
#include "test.h"
#include <mach/mach.h>
#include <mach/mach_host.h>

void
test_kernel_stats(struct whorl_kernel_stats *ks)
{
	mach_msg_type_number_t n = HOST_WHORL_KERNEL_STATS_COUNT;

	CHECK(host_info(mach_host_self(), HOST_WHORL_KERNEL_STATS,
	    (host_info_t)ks, &n) == 0);
}

/* One count, printed as before -> after and checked when asked to be. */
static void
kstats_one(const char *name, uint64_t before, uint64_t after, int check)
{
	test_printf(", %s %lu -> %lu", name, (unsigned long)before,
	    (unsigned long)after);
	if (check)
		test_check(before == after, name, __FILE__, __LINE__);
}

/*
 * Print what changed between two snapshots, after the words of `who`, and
 * check that each count named in `which` (KSTATS_*) is back where it was.
 */
void
test_kernel_stats_same(const char *who, const struct whorl_kernel_stats *b,
    const struct whorl_kernel_stats *a, unsigned which)
{
	test_printf("%s: kernel counts", who);
	kstats_one("ports", b->ports, a->ports, which & KSTATS_PORTS);
	kstats_one("heap objects", b->heap_objects, a->heap_objects,
	    which & KSTATS_HEAP);
	kstats_one("free pages", b->free_pages, a->free_pages,
	    which & KSTATS_PAGES);
	kstats_one("tasks", b->tasks, a->tasks, which & KSTATS_TASKS);
	test_printf("\n");
}
