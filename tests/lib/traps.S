/*
 * traps.S -- user-side stubs of the Mach traps (ABI.md "Traps"): the trap
 * number negated in rax, the fourth argument moved from rcx to r10.
 */
.macro TRAP name, num
	.globl	\name
	.type	\name, @function
\name:
	movq	$-\num, %rax
	movq	%rcx, %r10
	syscall
	ret
.endm

	.text
	TRAP mach_msg_trap, 25
	TRAP mach_msg, 25
	TRAP mach_reply_port, 26
	TRAP mach_thread_self, 27
	TRAP mach_task_self, 28
	TRAP mach_host_self, 29
	TRAP mach_print, 30
	TRAP swtch_pri, 59
	TRAP syscall_vm_allocate, 65
	TRAP syscall_vm_deallocate, 66
	TRAP thread_set_self_state, 77
	TRAP swtch, 60
	TRAP thread_switch, 61

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
