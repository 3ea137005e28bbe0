/*
 * exception.c -- what happens to a user thread that faults.  Mach sends
 * exception_raise to the thread's, then the task's exception port; those
 * ports arrive with the IPC issue.  Until then every exception is "no
 * handler": report it on the console and terminate the task.  The kernel
 * and every other task carry on.
 */
#include "kern/klib.h"
#include "kern/console.h"
#include "kern/exception.h"
#include "kern/sched.h"
#include "kern/task.h"
#include "machine/frame.h"

static const char *
exception_name(int exc)
{
	switch (exc) {
	case EXC_BAD_ACCESS:		return "EXC_BAD_ACCESS";
	case EXC_BAD_INSTRUCTION:	return "EXC_BAD_INSTRUCTION";
	case EXC_ARITHMETIC:		return "EXC_ARITHMETIC";
	case EXC_EMULATION:		return "EXC_EMULATION";
	case EXC_SOFTWARE:		return "EXC_SOFTWARE";
	case EXC_BREAKPOINT:		return "EXC_BREAKPOINT";
	default:			return "unknown exception";
	}
}

void
exception_raise_user(struct trapframe *tf, int exc, uint64_t code,
    uint64_t subcode)
{
	struct task *task = current_task();

	kprintf("whorl: task %d (%s): %s code %#lx subcode %#lx, "
	    "no handler: terminating the task\n", task->id, task->name,
	    exception_name(exc), code, subcode);
	frame_dump(tf);
	task_terminate(task);
}
