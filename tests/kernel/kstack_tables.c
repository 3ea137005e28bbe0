/*
 * kstack_tables.c -- the page tables over kernel stacks go with the
 * stacks.  Each thread has a kernel stack (16 KiB over a guard page) in
 * the kernel's stack region; a page table there maps 2 MiB, about 100
 * stacks.  A task with many threads that then dies must give back every
 * page it cost, those tables included: the typed fuzzer (mig_fuzz) lost a
 * page each time its victim's threads outnumbered any before.  Three
 * rounds of a task with THREADS threads, terminated, must leave the
 * kernel's ports, heap objects, free pages and tasks where they were.
 */
#include "test.h"
#include <mach/mach.h>
#include <mach/mach_port.h>
#include <mach/mach_host.h>
#include <mach/host_info.h>

#define THREADS		300	/* 6 MiB of stacks: three page tables */
#define ROUNDS		3

/* Wait (up to about 10 s) until the kernel has no more than `tasks'. */
static void
stats_settled(struct whorl_kernel_stats *ks, uint64_t tasks)
{
	mach_port_t p;
	mach_msg_header_t h;

	CHECK(mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE,
	    &p) == 0);
	for (int i = 0; i < 1000; i++) {
		test_kernel_stats(ks);
		if (ks->tasks <= tasks)
			break;
		mach_msg(&h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(h), p,
		    10, 0);
	}
	CHECK(mach_port_destroy(mach_task_self(), p) == 0);
	test_kernel_stats(ks);
}

/* A task with THREADS threads (never run), terminated. */
static void
many_threads(void)
{
	mach_port_t self = mach_task_self(), task, thread;
	int made = 0;

	CHECK(task_create(self, FALSE, &task) == 0);
	for (int i = 0; i < THREADS; i++) {
		if (thread_create(task, &thread) != KERN_SUCCESS)
			break;
		made++;
		CHECK(mach_port_deallocate(self, thread) == 0);
	}
	CHECK(made == THREADS);
	CHECK(task_terminate(task) == 0);
	CHECK(mach_port_deallocate(self, task) == 0);
}

int
main(void)
{
	struct whorl_kernel_stats before, after;

	test_kernel_stats(&before);
	stats_settled(&before, before.tasks);
	for (int i = 0; i < ROUNDS; i++) {
		many_threads();
		stats_settled(&after, before.tasks);
	}
	test_kernel_stats_same("kstack_tables", &before, &after, KSTATS_ALL);
	return 0;
}
