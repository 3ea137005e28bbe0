/*
 * start.S -- entry of a freestanding Whorl program started by the boot
 * script: rsp points at argc, then argv[] (ABI.md "Boot").
 */
	.section .text.start, "ax"
	.globl	_start
_start:
	movq	(%rsp), %rdi		/* argc */
	leaq	8(%rsp), %rsi		/* argv */
	xorq	%rbp, %rbp
	andq	$-16, %rsp
	call	main
	movl	%eax, %edi
	call	test_exit
1:	jmp	1b
	.section .note.GNU-stack, "", @progbits
