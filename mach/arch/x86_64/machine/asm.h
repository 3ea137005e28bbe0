/*
 * asm.h -- constants shared by assembly and C: control-register bits, MSRs,
 * segment selectors.
 */
#ifndef MACHINE_ASM_H
#define MACHINE_ASM_H

#define CR0_PE		(1 << 0)
#define CR0_WP		(1 << 16)
#define CR0_PG		(1 << 31)
#define CR4_PAE		(1 << 5)
#define CR4_PGE		(1 << 7)

#define MSR_EFER	0xC0000080
#define MSR_STAR	0xC0000081
#define MSR_LSTAR	0xC0000082
#define MSR_FMASK	0xC0000084
#define MSR_FS_BASE	0xC0000100
#define MSR_GS_BASE	0xC0000101
#define MSR_KERNEL_GS_BASE 0xC0000102
#define EFER_SCE	(1 << 0)
#define EFER_LME	(1 << 8)
#define EFER_NXE	(1 << 11)

/* RFLAGS bits the entry code masks or forces. */
#define RFL_TF		0x00000100
#define RFL_IF		0x00000200
#define RFL_DF		0x00000400
#define RFL_IOPL	0x00003000
#define RFL_NT		0x00004000
#define RFL_RF		0x00010000
#define RFL_VM		0x00020000
#define RFL_AC		0x00040000

/*
 * Cleared by the syscall instruction (FMASK): a kernel must never run with
 * a task's TF, DF, NT (iretq would fault) or AC (SMAP would be off).
 */
#define RFL_SYSCALL_MASK (RFL_IF | RFL_DF | RFL_TF | RFL_NT | RFL_AC | \
	RFL_IOPL)

#define SEL_KCODE	0x08
#define SEL_KDATA	0x10
#define SEL_UDATA	(0x18 | 3)
#define SEL_UCODE	(0x20 | 3)
#define SEL_TSS		0x28

/* struct cpu field offsets used by the entry code (see machine/cpu.h). */
#define CPU_SELF	0
#define CPU_KSTACK	8
#define CPU_USTACK	16
#define CPU_RECOVER	24

#endif
