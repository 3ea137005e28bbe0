/*
 * gnu_thread_terminate.c -- thread_terminate of another thread of the
 * task: once it returns, task_threads no longer lists that thread (GNU
 * Mach takes it out of its task at once), whether it was running or
 * blocked in a receive.
 */
#include <mach/message.h>
#include <mach/mach_types.h>
#include <mach/port.h>
#include "gnu_runtime.h"
#include "mach_port_user.h"
#include "mach_user.h"

static void
spinner(void)
{
	for (;;)
		swtch();
}

static void
blocker(void)
{
	mach_port_t p = MACH_PORT_NULL;
	mach_msg_header_t h;

	/* A port of its own: the main thread's MIG reply port is not ours. */
	p = mach_reply_port();
	for (;;)
		mach_msg(&h, MACH_RCV_MSG, 0, sizeof(h), p, 0, MACH_PORT_NULL);
}

/* How many threads task_threads lists, and whether th is one of them. */
static unsigned int
threads_listed(mach_port_t th, int *found)
{
	thread_array_t list;
	mach_msg_type_number_t n = 0, i;

	*found = 0;
	if (task_threads(mach_task_self(), &list, &n) != KERN_SUCCESS)
		return 0;
	for (i = 0; i < n; i++) {
		if (list[i] == th)
			*found = 1;
		else
			mach_port_deallocate(mach_task_self(), list[i]);
	}
	vm_deallocate(mach_task_self(), (vm_address_t)list,
	    n * sizeof(*list));
	return n;
}

static void
test_terminate(void (*fn)(void))
{
	mach_port_t th;
	int found;

	th = gnu_thread_start(fn);
	CHECK(th != MACH_PORT_NULL);
	gnu_sleep(20);
	CHECK(threads_listed(th, &found) == 2 && found);
	CHECK(thread_terminate(th) == KERN_SUCCESS);
	CHECK(threads_listed(th, &found) == 1 && !found);
	CHECK(mach_port_deallocate(mach_task_self(), th) == 0);
}

int
main(void)
{
	mach_print("gnu_thread_terminate\n");
	gnu_sleep(1);
	test_terminate(spinner);
	test_terminate(blocker);
	return 0;
}
