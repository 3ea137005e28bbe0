/*
 * crt0.S -- entry point of a Whorl program started by the boot script (or,
 * later, by exec): rsp points at argc, argv[], NULL, envp[], NULL (ABI.md
 * "Boot").  Hands that pointer to __whorl_start (start.c), which never
 * returns.
 */
	.text
	.globl	_start
	.type	_start, @function
_start:
	xorl	%ebp, %ebp		/* outermost frame for debuggers */
	movq	%rsp, %rdi
	andq	$-16, %rsp		/* the C ABI's alignment at a call */
	call	__whorl_start
	ud2				/* not reached */
	.size	_start, . - _start

	.section .note.GNU-stack, "", @progbits
