/*
 * traps.S -- the tests' own trap calls, for the kernel's refusals: a trap
 * with an unmapped stack, and any trap number.  The ordinary trap stubs are
 * libc's (libc/arch/x86_64/traps.S).
 */
	.text

/* bad_stack_trap(): mach_msg_trap with rsp on an unmapped page. */
	.globl	bad_stack_trap
bad_stack_trap:
	movq	%rsp, %r11
	movq	$0xdead0000, %rsp
	movq	$-25, %rax
	syscall
	movq	%r11, %rsp
	ret

/* raw_trap(n, a1..a5): any trap number, for tests of bad numbers. */
	.globl	raw_trap
raw_trap:
	movq	%rdi, %rax
	movq	%rsi, %rdi
	movq	%rdx, %rsi
	movq	%rcx, %rdx
	movq	%r8, %r10
	movq	%r9, %r8
	syscall
	ret
	.section .note.GNU-stack, "", @progbits
