/*
 * entry.S -- every way into and out of the kernel: exception and interrupt
 * vectors, the syscall instruction, the return to user mode and the switch
 * between kernel threads.  All entries build a struct trapframe
 * (machine/frame.h) and call a C handler with it.
 */
#include "machine/asm.h"

#define T_SYSCALL 0x100

.macro PUSH_REGS
	pushq	%rax
	pushq	%rbx
	pushq	%rcx
	pushq	%rdx
	pushq	%rsi
	pushq	%rdi
	pushq	%rbp
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
.endm

.macro POP_REGS
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rbp
	popq	%rdi
	popq	%rsi
	popq	%rdx
	popq	%rcx
	popq	%rbx
	popq	%rax
.endm

/* Vectors without a CPU error code push a zero so that frames agree. */
.macro VECTOR n, has_err
	.align	16
vector_\n:
	.if \has_err == 0
	pushq	$0
	.endif
	pushq	$\n
	jmp	trap_common
.endm

	.text
	.globl	vector_table_start
vector_table_start:
	VECTOR 0, 0
	VECTOR 1, 0
	VECTOR 2, 0
	VECTOR 3, 0
	VECTOR 4, 0
	VECTOR 5, 0
	VECTOR 6, 0
	VECTOR 7, 0
	VECTOR 8, 1
	VECTOR 9, 0
	VECTOR 10, 1
	VECTOR 11, 1
	VECTOR 12, 1
	VECTOR 13, 1
	VECTOR 14, 1
	VECTOR 15, 0
	VECTOR 16, 0
	VECTOR 17, 1
	VECTOR 18, 0
	VECTOR 19, 0
	VECTOR 20, 0
	VECTOR 21, 1
	VECTOR 22, 0
	VECTOR 23, 0
	VECTOR 24, 0
	VECTOR 25, 0
	VECTOR 26, 0
	VECTOR 27, 0
	VECTOR 28, 0
	VECTOR 29, 1
	VECTOR 30, 1
	VECTOR 31, 0
	VECTOR 32, 0
	VECTOR 33, 0
	VECTOR 34, 0
	VECTOR 35, 0
	VECTOR 36, 0
	VECTOR 37, 0
	VECTOR 38, 0
	VECTOR 39, 0
	VECTOR 40, 0
	VECTOR 41, 0
	VECTOR 42, 0
	VECTOR 43, 0
	VECTOR 44, 0
	VECTOR 45, 0
	VECTOR 46, 0
	VECTOR 47, 0

/*
 * Common path: swapgs when coming from user mode, call trap(frame).  The
 * CPU cleared TF and NT; DF and AC are the interrupted context's, and AC
 * would switch SMAP off: clear both.
 */
trap_common:
	testb	$3, 24(%rsp)		/* cs of the interrupted context */
	jz	1f
	swapgs
1:	PUSH_REGS
	pushfq
	andq	$~(RFL_AC | RFL_DF), (%rsp)
	popfq
	movq	%rsp, %rdi
	call	trap
	.globl	trap_return
trap_return:
	POP_REGS
	addq	$16, %rsp		/* trapno, err */
	testb	$3, 8(%rsp)
	jz	2f
	/*
	 * Back to user mode, whatever the frame went through: the user
	 * selectors, interrupts on, and never IOPL (iretq from ring 0 would
	 * grant it).  The task's own NT stays: iretq looks at the kernel's.
	 */
	movq	$SEL_UCODE, 8(%rsp)
	movq	$SEL_UDATA, 32(%rsp)
	andq	$~(RFL_IOPL | RFL_VM), 16(%rsp)
	orq	$RFL_IF, 16(%rsp)
	swapgs
2:	iretq

/*
 * syscall: rip in rcx, rflags in r11, user rsp untouched; interrupts are
 * masked by FMASK.  Switch to the thread's kernel stack and build the same
 * frame an interrupt from user mode would.
 */
	.globl	syscall_entry
syscall_entry:
	swapgs
	movq	%rsp, %gs:CPU_USTACK
	movq	%gs:CPU_KSTACK, %rsp
	pushq	$SEL_UDATA		/* ss */
	pushq	%gs:CPU_USTACK		/* rsp */
	pushq	%r11			/* rflags */
	pushq	$SEL_UCODE		/* cs */
	pushq	%rcx			/* rip */
	pushq	$0			/* err */
	pushq	$T_SYSCALL		/* trapno */
	PUSH_REGS
	sti
	cld
	movq	%rsp, %rdi
	call	syscall_handler
	cli
	/*
	 * Return with sysretq when the frame still describes plain user
	 * state (thread_set_state may have changed it: then iretq, which is
	 * exact).  The rip check keeps sysretq away from non-canonical
	 * addresses, where it would fault in kernel mode.
	 */
	cmpq	$T_SYSCALL, 120(%rsp)		/* trapno: frame replaced? */
	jne	trap_return
	cmpq	$SEL_UCODE, 144(%rsp)		/* cs */
	jne	trap_return
	cmpq	$SEL_UDATA, 168(%rsp)		/* ss */
	jne	trap_return
	movq	$0x00007ffffffff000, %rcx
	cmpq	%rcx, 136(%rsp)			/* rip */
	jae	trap_return
	POP_REGS
	movq	16(%rsp), %rcx			/* rip */
	movq	32(%rsp), %r11			/* rflags */
	andq	$~(RFL_IOPL | RFL_VM), %r11	/* sysretq loads IOPL */
	orq	$RFL_IF, %r11
	movq	40(%rsp), %rsp			/* user rsp */
	swapgs
	sysretq

/*
 * context_switch(uint64_t *save_rsp, uint64_t new_rsp): save the callee
 * registers of this thread on its stack, switch stacks, restore the other
 * thread's and return into it.
 */
	.globl	context_switch
context_switch:
	pushq	%rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	%rsp, (%rdi)
	movq	%rsi, %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	ret

/* First instructions of a new thread (see thread_md.c). */
	.globl	thread_start_kernel
thread_start_kernel:
	call	sched_thread_started
	sti
	movq	%r13, %rdi
	call	*%r12
	call	thread_exit

	.globl	thread_start_user
thread_start_user:
	call	sched_thread_started
	call	sched_return_to_user	/* a task killed before it ran */
	jmp	trap_return
