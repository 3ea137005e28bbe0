/*
 * syscall.c -- the x86_64 trap convention (ABI.md): trap number negated in
 * rax, arguments 1-6 in rdi, rsi, rdx, r10, r8, r9, arguments 7+ on the
 * user stack above the return address.  Called from entry.S with
 * interrupts enabled.
 */
#include "kern/klib.h"
#include "kern/mach_traps.h"
#include "kern/exception.h"
#include "kern/sched.h"
#include "kern/task.h"
#include "vm/vm_map.h"
#include "machine/cpu.h"
#include "machine/frame.h"
#include <mach/machine/exception.h>

static int
syscall_args(struct trapframe *tf, int nargs, uint64_t *args)
{
	uint64_t len;

	args[0] = tf->rdi;
	args[1] = tf->rsi;
	args[2] = tf->rdx;
	args[3] = tf->r10;
	args[4] = tf->r8;
	args[5] = tf->r9;
	if (nargs <= 6)
		return 0;
	/* The caller's own stack, so the CPU copies it (copy.S). */
	len = (nargs - 6) * sizeof(uint64_t);
	return vm_copyin_current(tf->rsp + 8, &args[6], len) == KERN_SUCCESS ?
	    0 : -1;
}

void
syscall_handler(struct trapframe *tf)
{
	const struct mach_trap *t = NULL;
	uint64_t args[MACH_TRAP_MAX_ARGS];
	int32_t n = (int32_t)tf->rax;	/* GNU Mach reads eax only */

	if (n <= 0)
		t = mach_trap_lookup(-(int64_t)n);
	if (t == NULL)			/* as GNU Mach: an invalid opcode */
		exception_raise_user(tf, EXC_BAD_INSTRUCTION, EXC_I386_INVOP,
		    0);
	else if (syscall_args(tf, t->nargs, args) != 0)
		exception_raise_user(tf, EXC_BAD_ACCESS, KERN_INVALID_ADDRESS,
		    tf->rsp + 8);
	else {
		uint64_t r = t->fn(args);

		/* thread_set_self_state replaced the frame: keep its rax. */
		if (tf->trapno == T_SYSCALL)
			tf->rax = r;
	}
	intr_disable();
	sched_return_to_user();
}
