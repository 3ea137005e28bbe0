/*
 * boot.S -- first instructions: GRUB enters _start in 32-bit protected mode
 * (Multiboot v1).  Builds boot page tables mapping the first GiB three
 * times (identity, direct map, kernel image), enters long mode and calls
 * kmain(multiboot info physical address) on the boot stack.
 */
#include "machine/asm.h"

#define MB_MAGIC	0x1BADB002
#define MB_FLAGS	0x00000003	/* page-align modules, memory info */
#define MB_BOOT_MAGIC	0x2BADB002

	.section .multiboot, "a"
	.align 4
	.long	MB_MAGIC
	.long	MB_FLAGS
	.long	-(MB_MAGIC + MB_FLAGS)

	.section .boot.text, "ax"
	.code32
	.globl	_start
_start:
	cli
	movl	$boot_stack32_top, %esp
	cmpl	$MB_BOOT_MAGIC, %eax
	jne	boot_fail
	movl	%ebx, boot_mbinfo

	/* Long mode available? CPUID 0x80000001 EDX bit 29. */
	movl	$0x80000001, %eax
	cpuid
	testl	$(1 << 29), %edx
	jz	boot_fail

	/* 512 2-MiB pages of the first GiB in boot_pd. */
	movl	$boot_pd, %edi
	movl	$0x83, %eax		/* present, writable, 2 MiB */
	xorl	%ecx, %ecx
1:	movl	%eax, (%edi, %ecx, 8)
	movl	$0, 4(%edi, %ecx, 8)
	addl	$0x200000, %eax
	incl	%ecx
	cmpl	$512, %ecx
	jne	1b

	movl	$boot_pd + 3, boot_pdpt
	movl	$boot_pd + 3, boot_pdpt_hi + 510 * 8
	movl	$boot_pdpt + 3, boot_pml4		/* identity */
	movl	$boot_pdpt + 3, boot_pml4 + 256 * 8	/* direct map */
	movl	$boot_pdpt_hi + 3, boot_pml4 + 511 * 8	/* kernel */

	movl	%cr4, %eax
	orl	$(CR4_PAE | CR4_PGE), %eax
	movl	%eax, %cr4
	movl	$boot_pml4, %eax
	movl	%eax, %cr3
	movl	$MSR_EFER, %ecx
	rdmsr
	orl	$(EFER_LME | EFER_NXE | EFER_SCE), %eax
	wrmsr
	movl	%cr0, %eax
	orl	$(CR0_PG | CR0_WP | CR0_PE), %eax
	movl	%eax, %cr0

	lgdt	boot_gdtr
	ljmp	$0x08, $boot_long

boot_fail:
	/* Not Multiboot or no long mode: say so on COM1 and stop. */
	movl	$boot_failmsg, %esi
	movw	$0x3f8, %dx
2:	lodsb
	testb	%al, %al
	jz	3f
	outb	%al, %dx
	jmp	2b
3:	hlt
	jmp	3b

	.code64
boot_long:
	movw	$0x10, %ax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %ss
	xorw	%ax, %ax
	movw	%ax, %fs
	movw	%ax, %gs
	movabsq	$boot_high, %rax
	jmp	*%rax

	.section .boot.data, "aw"
	.align 4096
	.globl boot_pml4
boot_pml4:	.space 4096
boot_pdpt:	.space 4096
boot_pdpt_hi:	.space 4096
boot_pd:	.space 4096
boot_stack32:	.space 256
boot_stack32_top:
	.align 8
boot_gdt:
	.quad	0
	.quad	0x00AF9A000000FFFF	/* 64-bit code */
	.quad	0x00CF92000000FFFF	/* data */
boot_gdtr:
	.word	3 * 8 - 1
	.long	boot_gdt
	.globl	boot_mbinfo
boot_mbinfo:	.long 0
boot_failmsg:	.asciz "whorl: not loaded by a Multiboot loader, or no long mode\r\n"

	.text
boot_high:
	movabsq	$boot_stack_top, %rsp
	xorq	%rbp, %rbp
	movl	boot_mbinfo, %edi
	call	kmain
4:	cli
	hlt
	jmp	4b

	.bss
	.align 16
	.globl	boot_stack
boot_stack:
	.space	16384
	.globl	boot_stack_top
boot_stack_top:
