/*
 * thread.c -- a second thread for the tests that need one: a Mach thread
 * aimed at a function on a fresh stack, left suspended so the test can set
 * more state before thread_resume.
 */
#include "test.h"
#include <mach/mach.h>
#include <mach/thread_status.h>

/*
 * A thread of task that will run fn on a new stack allocated in our own
 * memory (*stack; the caller frees TEST_STACK_SIZE bytes of it, and a child task
 * must have inherited it).  MACH_PORT_NULL if the kernel refused.
 */
mach_port_t
test_thread_create(mach_port_t task, void (*fn)(void), vm_address_t *stack)
{
	struct i386_thread_state st = { 0 };
	mach_port_t thread = MACH_PORT_NULL;

	if (*stack == 0 && vm_allocate(mach_task_self(), stack, TEST_STACK_SIZE,
	    TRUE) != KERN_SUCCESS)
		return MACH_PORT_NULL;
	if (thread_create(task, &thread) != KERN_SUCCESS)
		return MACH_PORT_NULL;
	st.rip = (uint64_t)fn;
	st.ursp = *stack + TEST_STACK_SIZE - 8;
	if (thread_set_state(thread, i386_THREAD_STATE, (thread_state_t)&st,
	    i386_THREAD_STATE_COUNT) != KERN_SUCCESS) {
		(void)thread_terminate(thread);
		return MACH_PORT_NULL;
	}
	return thread;
}
