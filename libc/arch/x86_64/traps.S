/*
 * traps.S -- user stubs of the Mach traps, one per entry of the MACH_TRAPS
 * list in <mach/mach_traps.h>: the trap number negated in rax, the fourth
 * argument moved from rcx to r10 (ABI.md "Traps").  mach_msg is the trap
 * itself: Whorl needs no retry loop around it.
 */
#include <mach/mach_traps.h>

.macro TRAP name, num
	.globl	\name
	.type	\name, @function
\name:
	movq	$-\num, %rax
	movq	%rcx, %r10
	syscall
	ret
	.size	\name, . - \name
.endm

#define LIBC_TRAP(name, num, nargs)	TRAP name, num;

	.text
	MACH_TRAPS(LIBC_TRAP)
	TRAP mach_msg, 25

	.section .note.GNU-stack, "", @progbits
