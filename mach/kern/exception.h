/*
 * exception.h -- user-mode faults become Mach exceptions.  Until exception
 * ports exist (IPC issue) an exception is reported on the console and the
 * task is terminated; the kernel and other tasks go on.
 */
#ifndef KERN_EXCEPTION_H
#define KERN_EXCEPTION_H

#include <stdint.h>
#include <mach/exception.h>

struct trapframe;

void	exception_raise_user(struct trapframe *, int exc, uint64_t code,
	    uint64_t subcode);

#endif
