/*
 * copy.S -- copies between the kernel and the current task's user memory
 * without walking the page tables: the CPU does it, and the page-fault
 * handler either resolves a fault (vm_fault) and retries, or resumes at
 * %gs:CPU_RECOVER, which makes the copy return 1.
 */
#include "machine/asm.h"

/* int copy_from_user(void *kdst, const void *usrc, uint64_t len) */
	.globl	copy_from_user
	.globl	copy_to_user
copy_from_user:
copy_to_user:
	leaq	1f(%rip), %rax
	movq	%rax, %gs:CPU_RECOVER
	movq	%rdx, %rcx
	shrq	$3, %rcx
	cld
	rep movsq			/* eight bytes a step, then the rest */
	movq	%rdx, %rcx
	andq	$7, %rcx
	rep movsb
	movq	$0, %gs:CPU_RECOVER
	xorl	%eax, %eax
	ret
1:	movq	$0, %gs:CPU_RECOVER
	movl	$1, %eax
	ret
	.section .note.GNU-stack, "", @progbits
