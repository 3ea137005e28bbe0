/*
 * gsync.c -- futex-like waits (gnumach.defs): a value mismatch is refused
 * at once, a timed wait times out, a waiter sleeps until woken (with
 * GSYNC_MUTATE storing the new value first), and gsync_requeue moves a
 * waiter to another address, where only a wake of that address frees it.
 */
#include "test.h"
#include <mach/mach.h>
#include <mach/gnumach.h>
#include <mach/gsync.h>
#include <mach/thread_status.h>

static volatile uint32_t word_a, word_b;
static volatile int waiter_state;	/* 1 waiting, 2 woken, 3 woke again */
static volatile kern_return_t waiter_kr[2];

static void
waiter(void)
{
	waiter_state = 1;
	waiter_kr[0] = gsync_wait(mach_task_self(), (vm_address_t)&word_a, 0,
	    0, 0, 0);
	waiter_state = 2;
	waiter_kr[1] = gsync_wait(mach_task_self(), (vm_address_t)&word_a, 1,
	    0, 0, 0);
	waiter_state = 3;
	for (;;)
		swtch();
}

static void
settle(void)
{
	for (int i = 0; i < 50; i++)
		swtch();
}

int
main(void)
{
	mach_port_t self = mach_task_self(), thread;
	vm_address_t stack = 0;

	CHECK(gsync_wait(self, (vm_address_t)&word_a, 5, 0, 0, 0) ==
	    KERN_INVALID_ARGUMENT);
	CHECK(gsync_wait(self, (vm_address_t)&word_a, 0, 0, 20, GSYNC_TIMED) ==
	    KERN_TIMEDOUT);
	CHECK(gsync_wait(self, 0xdead0000, 0, 0, 0, 0) == KERN_INVALID_ADDRESS);
	CHECK(gsync_wait(self, (vm_address_t)&word_a + 1, 0, 0, 0, 0) ==
	    KERN_INVALID_ADDRESS);

	CHECK((thread = test_thread_create(self, waiter, &stack)) !=
	    MACH_PORT_NULL);
	CHECK(thread_resume(thread) == 0);
	settle();
	CHECK(waiter_state == 1);		/* asleep on word_a */
	CHECK(gsync_wake(self, (vm_address_t)&word_a, 1, GSYNC_MUTATE) == 0);
	settle();
	CHECK(word_a == 1 && waiter_state == 2 && waiter_kr[0] == KERN_SUCCESS);
	/* Asleep on word_a again; move it to word_b. */
	settle();
	CHECK(gsync_requeue(self, (vm_address_t)&word_a, (vm_address_t)&word_b,
	    FALSE, 0) == 0);
	CHECK(gsync_wake(self, (vm_address_t)&word_a, 0, GSYNC_BROADCAST) == 0);
	settle();
	CHECK(waiter_state == 2);		/* not woken through word_a */
	CHECK(gsync_wake(self, (vm_address_t)&word_b, 0, 0) == 0);
	settle();
	CHECK(waiter_state == 3 && waiter_kr[1] == KERN_SUCCESS);
	CHECK(thread_terminate(thread) == 0);
	return 0;
}
