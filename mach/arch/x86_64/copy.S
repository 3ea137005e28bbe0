/*
 * copy.S -- copies between the kernel and the current task's user memory
 * without walking the page tables: the CPU does it, and the page-fault
 * handler either resolves a fault (vm_fault) and retries, or resumes at
 * %gs:CPU_RECOVER, which makes the copy return 1.  Under SMAP these are
 * the only places the kernel touches user pages, with AC set (stac)
 * for the copy alone; everything else goes through the direct map.
 */
#include "machine/asm.h"

/* int copy_from_user(void *kdst, const void *usrc, uint64_t len) */
	.globl	copy_from_user
	.globl	copy_to_user
copy_from_user:
copy_to_user:
	leaq	1f(%rip), %rax
	movq	%rax, %gs:CPU_RECOVER
	cmpb	$0, cpu_smap(%rip)	/* SMAP: open user pages (AC) */
	je	2f
	stac
2:	movq	%rdx, %rcx
	shrq	$3, %rcx
	cld
	rep movsq			/* eight bytes a step, then the rest */
	movq	%rdx, %rcx
	andq	$7, %rcx
	rep movsb
	xorl	%eax, %eax
3:	movq	$0, %gs:CPU_RECOVER
	cmpb	$0, cpu_smap(%rip)
	je	4f
	clac
4:	ret
1:	movl	$1, %eax
	jmp	3b
	.section .note.GNU-stack, "", @progbits
