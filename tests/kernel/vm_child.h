/*
 * vm_child.h -- what the vm_* tests share: running a function in a child
 * made by task_create with inherited memory (so in the child's copy of
 * the program), waiting until it and its thread are gone, and the
 * kernel's object counts (host_info HOST_WHORL_KERNEL_STATS) to check
 * that every page came back.
 */
#ifndef VM_CHILD_H
#define VM_CHILD_H

#include "test.h"
#include <mach/mach.h>
#include <mach/mach_host.h>
#include <mach/mach_port.h>
#include <mach/host_info.h>
#include <mach/task_info.h>
#include <mach/thread_status.h>

#define VM_CHILD_STACK	65536

struct vm_child {
	mach_port_t	task, thread;
};

/*
 * A child of the calling task with a thread about to run fn (which must
 * end with task_terminate, never return); it starts on vm_child_run, so
 * the parent may write its own memory first.  0, or -1 if a step failed.
 */
static inline int
vm_child_create(struct vm_child *c, void (*fn)(void))
{
	struct i386_thread_state st = { 0 };
	vm_address_t stack = 0;

	if (task_create(mach_task_self(), TRUE, &c->task) != 0)
		return -1;
	if (vm_allocate(c->task, &stack, VM_CHILD_STACK, TRUE) != 0 ||
	    thread_create(c->task, &c->thread) != 0)
		return -1;
	st.rip = (uint64_t)fn;
	st.ursp = stack + VM_CHILD_STACK - 8;	/* as if called */
	return thread_set_state(c->thread, i386_THREAD_STATE,
	    (thread_state_t)&st, i386_THREAD_STATE_COUNT) == 0 ? 0 : -1;
}

static inline int
vm_child_run(struct vm_child *c)
{
	return thread_resume(c->thread) == 0 ? 0 : -1;
}

/* Wait until the child task and its thread are dead names; drop them. */
static inline void
vm_child_wait(struct vm_child *c)
{
	mach_port_t self = mach_task_self();
	mach_port_type_t type;

	while (mach_port_type(self, c->task, &type) == 0 &&
	    type != MACH_PORT_TYPE_DEAD_NAME)
		swtch();
	while (mach_port_type(self, c->thread, &type) == 0 &&
	    type != MACH_PORT_TYPE_DEAD_NAME)
		swtch();
	mach_port_destroy(self, c->task);
	mach_port_destroy(self, c->thread);
}

/* The child's first step: its reply port name came from the parent. */
static inline void
vm_child_start(void)
{
	mig_forget_reply_port();
}

static inline void __attribute__((noreturn))
vm_child_exit(void)
{
	task_terminate(mach_task_self());
	for (;;)
		swtch();
}

static inline struct whorl_kernel_stats
vm_kernel_stats(void)
{
	struct whorl_kernel_stats ks = { 0 };
	mach_msg_type_number_t n = HOST_WHORL_KERNEL_STATS_COUNT;

	CHECK(host_info(mach_host_self(), HOST_WHORL_KERNEL_STATS,
	    (host_info_t)&ks, &n) == 0);
	return ks;
}

/* Are the counts the same?  Prints both when they are not. */
static inline int
vm_stats_same(const char *what, struct whorl_kernel_stats a,
    struct whorl_kernel_stats b)
{
	test_printf("%s: free pages %lu -> %lu, heap objects %lu -> %lu, "
	    "ports %lu -> %lu, tasks %lu -> %lu\n", what,
	    (unsigned long)a.free_pages, (unsigned long)b.free_pages,
	    (unsigned long)a.heap_objects, (unsigned long)b.heap_objects,
	    (unsigned long)a.ports, (unsigned long)b.ports,
	    (unsigned long)a.tasks, (unsigned long)b.tasks);
	return a.free_pages == b.free_pages &&
	    a.heap_objects == b.heap_objects && a.ports == b.ports &&
	    a.tasks == b.tasks;
}

#endif
