/*
 * cpu.c -- descriptor tables and per-CPU state of x86_64: GDT with user
 * segments and the TSS, the IDT pointing at entry.S's vectors, and the MSRs
 * of the syscall instruction.  Called once per CPU from kmain.
 */
#include "kern/klib.h"
#include "kern/console.h"
#include "kern/lock.h"
#include "machine/cpu.h"
#include "machine/frame.h"

struct tss {
	uint32_t	reserved0;
	uint64_t	rsp0, rsp1, rsp2;
	uint64_t	reserved1;
	uint64_t	ist[7];
	uint64_t	reserved2;
	uint16_t	reserved3;
	uint16_t	iomap_base;
	uint8_t		iomap[IO_BITMAP_BYTES + 1];	/* +1: the CPU reads a byte past */
} __attribute__((packed));

#define IOMAP_NONE	0xFFFF	/* a base past the limit: every port denied */

struct idt_gate {
	uint16_t	off_lo;
	uint16_t	sel;
	uint8_t		ist;
	uint8_t		type;
	uint16_t	off_mid;
	uint32_t	off_hi;
	uint32_t	zero;
} __attribute__((packed));

struct desc_ptr {
	uint16_t	limit;
	uint64_t	base;
} __attribute__((packed));

#define NVECTORS	48
#define VECTOR_STRIDE	16	/* entry.S aligns each vector stub */

struct cpu cpu0;
int cpus_online;
uint8_t cpu_smap;		/* [I] SMAP is on: copy.S brackets with stac/clac */
static struct tss tss0;
static uint64_t gdt[7];
static struct idt_gate idt[256];
static uint8_t double_fault_stack[4096] __attribute__((aligned(16)));

extern char vector_table_start[];
extern void syscall_entry(void);

static void
gdt_init(void)
{
	uint64_t base = (uint64_t)&tss0;
	struct desc_ptr gp;

	gdt[0] = 0;
	gdt[1] = 0x00AF9A000000FFFFull;	/* kernel code, 64-bit */
	gdt[2] = 0x00CF92000000FFFFull;	/* kernel data */
	gdt[3] = 0x00CFF2000000FFFFull;	/* user data (DPL 3) */
	gdt[4] = 0x00AFFA000000FFFFull;	/* user code, 64-bit (DPL 3) */
	gdt[5] = (sizeof(tss0) - 1) | ((base & 0xFFFFFF) << 16) |
	    (0x89ull << 40) | (((base >> 24) & 0xFF) << 56);
	gdt[6] = base >> 32;
	tss0.iomap_base = IOMAP_NONE;
	memset(tss0.iomap, 0xFF, sizeof(tss0.iomap));
	tss0.ist[0] = (uint64_t)double_fault_stack + sizeof(double_fault_stack);

	/*
	 * ds and es stay null in the kernel (64-bit mode ignores them), so
	 * that sysretq, which leaves them alone, never hands a task the
	 * kernel's data selector; a task can only load null or its own.
	 */
	gp.limit = sizeof(gdt) - 1;
	gp.base = (uint64_t)gdt;
	__asm__ volatile(
	    "lgdt %0\n"
	    "movw %1, %%ax; movw %%ax, %%ss\n"
	    "xorl %%eax, %%eax; movw %%ax, %%ds; movw %%ax, %%es\n"
	    "pushq %2; leaq 1f(%%rip), %%rax; pushq %%rax; lretq; 1:\n"
	    "movw %3, %%ax; ltr %%ax\n"
	    :: "m"(gp), "i"(SEL_KDATA), "i"(SEL_KCODE), "i"(SEL_TSS)
	    : "rax", "memory");
}

static void
idt_set(int vec, uint64_t handler, int dpl, int ist)
{
	struct idt_gate *g = &idt[vec];

	g->off_lo = handler & 0xFFFF;
	g->sel = SEL_KCODE;
	g->ist = ist;
	g->type = 0x8E | (dpl << 5);	/* present, interrupt gate */
	g->off_mid = (handler >> 16) & 0xFFFF;
	g->off_hi = handler >> 32;
	g->zero = 0;
}

static void
idt_init(void)
{
	struct desc_ptr ip;
	int v;

	for (v = 0; v < NVECTORS; v++)
		idt_set(v, (uint64_t)vector_table_start + v * VECTOR_STRIDE,
		    v == T_BREAKPOINT ? 3 : 0, v == 8 ? 1 : 0);
	ip.limit = sizeof(idt) - 1;
	ip.base = (uint64_t)idt;
	__asm__ volatile("lidt %0" :: "m"(ip));
}

static void
syscall_init(void)
{
	/* sysret base 0x10: user ss = 0x18|3, user cs = 0x20|3. */
	wrmsr(MSR_STAR, ((uint64_t)0x10 << 48) | ((uint64_t)SEL_KCODE << 32));
	wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
	wrmsr(MSR_FMASK, RFL_SYSCALL_MASK);
}

#define CR4_SMEP	(1ul << 20)
#define CR4_SMAP	(1ul << 21)
#define CPUID7_SMEP	(1u << 7)
#define CPUID7_SMAP	(1u << 20)

/*
 * SMEP (the kernel never runs user code) and SMAP (the kernel touches user
 * pages only inside copy.S) where the CPU has them.
 */
static void
cpu_protect_init(void)
{
	uint32_t a, b, c, d;
	uint64_t cr4;

	__asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d)
	    : "a"(0));
	if (a < 7) {
		kprintf("whorl: cpu: no SMEP, no SMAP\n");
		return;
	}
	__asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d)
	    : "a"(7), "c"(0));
	__asm__ volatile("movq %%cr4, %0" : "=r"(cr4));
	if (b & CPUID7_SMEP)
		cr4 |= CR4_SMEP;
	if (b & CPUID7_SMAP) {
		cr4 |= CR4_SMAP;
		cpu_smap = 1;
	}
	__asm__ volatile("movq %0, %%cr4" :: "r"(cr4) : "memory");
	kprintf("whorl: cpu: SMEP %s, SMAP %s\n", (b & CPUID7_SMEP) ? "on" :
	    "absent", cpu_smap ? "on" : "absent");
}

void
cpu_init(void)
{
	cpu0.self = &cpu0;
	cpu0.id = 0;
	cpus_online = 1;
	gdt_init();
	idt_init();
	wrmsr(MSR_GS_BASE, (uint64_t)&cpu0);
	wrmsr(MSR_KERNEL_GS_BASE, 0);
	syscall_init();
	cpu_protect_init();
}

/*
 * The I/O ports the running task may use: its bitmap (a set bit denies the
 * port), or NULL for none.  Only driver tasks have one, so the 8 KiB copy
 * happens only on switches into them.
 */
void
cpu_set_io_bitmap(const uint8_t *bitmap)
{
	ASSERT_ONE_CPU();		/* one TSS */
	if (bitmap == NULL) {
		tss0.iomap_base = IOMAP_NONE;
		return;
	}
	memcpy(tss0.iomap, bitmap, IO_BITMAP_BYTES);
	tss0.iomap_base = offsetof(struct tss, iomap);
}

void
cpu_set_kstack(uint64_t top)
{
	tss0.rsp0 = top;
	cpu_self()->kstack_top = top;
}

/* QEMU's isa-debug-exit device at 0xf4 ends the VM with (code << 1) | 1. */
void
machine_poweroff(int code)
{
	intr_disable();
	outb(0xf4, (uint8_t)code);
	for (;;)
		cpu_halt();
}

/* Reset the machine: each way in turn, for the machines without the one before. */
void
machine_reboot(void)
{
	static const struct desc_ptr null_idt = { 0, 0 };

	intr_disable();
	acpi_init();
	acpi_reset();
	for (int i = 0; i < 100000 && (inb(0x64) & 2) != 0; i++)
		inb(0x80);
	kprintf("whorl: reset through the keyboard controller\n");
	outb(0x64, 0xfe);
	for (int i = 0; i < 100000; i++)
		inb(0x80);
	kprintf("whorl: reset by a triple fault\n");
	__asm__ volatile("lidt %0; int3" :: "m"(null_idt));
	for (;;)
		cpu_halt();
}

/* Halt the machine, powered off if ACPI can. */
void
machine_halt(void)
{
	intr_disable();
	acpi_init();
	acpi_poweroff();
	kprintf("whorl: halted\n");
	for (;;)
		cpu_halt();
}
