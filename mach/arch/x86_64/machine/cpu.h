/*
 * cpu.h -- the machine interface generic kernel code uses: per-CPU data,
 * interrupt masking, port I/O, halting.  Only this header and the other
 * machine/ headers are included from generic code.
 */
#ifndef MACHINE_CPU_H
#define MACHINE_CPU_H

#include <stdint.h>
#include <stdbool.h>
#include "machine/asm.h"

struct thread;

/*
 * Per-CPU data, reached through %gs in the kernel.  The first fields are
 * read by the syscall entry (asm.h offsets).
 */
struct cpu {
	struct cpu	*self;		/* [I] */
	uint64_t	 kstack_top;	/* kernel stack of the current thread */
	uint64_t	 user_rsp;	/* scratch for the syscall entry */
	uint64_t	 recover;	/* where a user copy's fault resumes */
	struct thread	*current;
	struct thread	*idle;
	int		 id;		/* [I] */
	bool		 need_resched;
	uint64_t	 ticks;
	struct thread	*handoff;	/* woken, to run at the next switch */
};

extern struct cpu cpu0;
extern int cpus_online;		/* CPUs running the kernel */
extern uint8_t cpu_smap;	/* SMAP is on (copy.S opens user pages) */

static inline int
cpu_online_count(void)
{
	return __atomic_load_n(&cpus_online, __ATOMIC_RELAXED);
}

static inline struct cpu *
cpu_self(void)
{
	struct cpu *c;

	__asm__ volatile("movq %%gs:0, %0" : "=r"(c));
	return c;
}

static inline void
cpu_relax(void)
{
	__asm__ volatile("pause");
}

static inline void
cpu_halt(void)
{
	__asm__ volatile("hlt");
}

/* Enable interrupts and wait for one, atomically (sti's shadow). */
static inline void
cpu_idle_wait(void)
{
	__asm__ volatile("sti; hlt; cli" ::: "memory");
}

static inline uint64_t
intr_disable(void)
{
	uint64_t flags;

	__asm__ volatile("pushfq; popq %0; cli" : "=r"(flags) :: "memory");
	return flags;
}

static inline void
intr_restore(uint64_t flags)
{
	if (flags & 0x200)
		__asm__ volatile("sti" ::: "memory");
}

static inline void
intr_enable(void)
{
	__asm__ volatile("sti" ::: "memory");
}

static inline void
outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" :: "a"(v), "Nd"(port));
}

static inline uint8_t
inb(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void
outw(uint16_t port, uint16_t v)
{
	__asm__ volatile("outw %0, %1" :: "a"(v), "Nd"(port));
}

static inline uint16_t
inw(uint16_t port)
{
	uint16_t v;

	__asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void
outl(uint16_t port, uint32_t v)
{
	__asm__ volatile("outl %0, %1" :: "a"(v), "Nd"(port));
}

static inline uint64_t
rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static inline void
wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr" :: "c"(msr), "a"((uint32_t)v),
	    "d"((uint32_t)(v >> 32)));
}

static inline uint64_t
rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline uint64_t
read_cr2(void)
{
	uint64_t v;

	__asm__ volatile("movq %%cr2, %0" : "=r"(v));
	return v;
}

static inline void
write_cr3(uint64_t v)
{
	__asm__ volatile("movq %0, %%cr3" :: "r"(v) : "memory");
}

static inline uint64_t
read_cr3(void)
{
	uint64_t v;

	__asm__ volatile("movq %%cr3, %0" : "=r"(v));
	return v;
}

static inline void
invlpg(uint64_t va)
{
	__asm__ volatile("invlpg (%0)" :: "r"(va) : "memory");
}

/* The machine, as the banner and host_info name it. */
#define MACHINE_NAME		"x86_64"
#define MACHINE_CPU_TYPE	21	/* CPU_TYPE_X86_64 */
#define MACHINE_CPU_SUBTYPE	1	/* CPU_SUBTYPE_AT386 */

void	cpu_init(void);			/* GDT, TSS, IDT, syscall MSRs */

/*
 * Copy to or from the current task's user memory directly; a fault that
 * cannot be resolved makes them return nonzero (copy.S).  The caller has
 * checked that the range lies in user space.
 */
int	copy_from_user(void *kdst, const void *usrc, uint64_t len);
int	copy_to_user(void *udst, const void *ksrc, uint64_t len);
void	cpu_set_kstack(uint64_t top);	/* TSS rsp0 and syscall stack */

#define IO_PORTS	65536
#define IO_BITMAP_BYTES	(IO_PORTS / 8)
void	cpu_set_io_bitmap(const uint8_t *bitmap);	/* NULL: no ports */
void	machine_poweroff(int code) __attribute__((noreturn));

/*
 * Stop a real PC (host_reboot): reset it (the ACPI reset register, the
 * keyboard controller, a triple fault), or halt it, powered off through
 * ACPI's S5 where the firmware says how (acpi.c).
 */
void	machine_reboot(void) __attribute__((noreturn));
void	machine_halt(void) __attribute__((noreturn));
void	acpi_init(void);
void	acpi_poweroff(void);
void	acpi_reset(void);

#endif /* MACHINE_CPU_H */
