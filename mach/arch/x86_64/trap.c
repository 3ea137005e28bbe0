/*
 * trap.c -- C side of every interrupt and exception (entry.S calls trap()).
 * Interrupts go to the clock or the device layer; user faults become Mach
 * exceptions (kern/exception.c); a fault in the kernel is a bug: dump the
 * registers and stop.
 */
#include "kern/klib.h"
#include "kern/console.h"
#include "kern/sched.h"
#include "kern/host.h"
#include "kern/task.h"
#include "kern/exception.h"
#include "kern/intr.h"
#include "vm/vm_map.h"
#include "machine/cpu.h"
#include "machine/frame.h"
#include "machine/console.h"
#include "machine/pmap.h"
#include "machine/thread.h"
#include <mach/machine/exception.h>

static const char *const trap_names[32] = {
	"divide error", "debug", "NMI", "breakpoint", "overflow",
	"bound range", "invalid opcode", "device not available",
	"double fault", "coprocessor overrun", "invalid TSS",
	"segment not present", "stack fault", "general protection",
	"page fault", "reserved", "x87 error", "alignment check",
	"machine check", "SIMD error", "virtualization", "control protection",
};

const char *
trap_name(uint64_t trapno)
{
	if (trapno < 32 && trap_names[trapno] != NULL)
		return trap_names[trapno];
	return "unknown trap";
}

void
frame_dump(const struct trapframe *tf)
{
	kprintf("  rip %016lx  cs %04lx  rflags %016lx\n",
	    tf->rip, tf->cs, tf->rflags);
	kprintf("  rsp %016lx  ss %04lx  err %lx  cr2 %016lx\n",
	    tf->rsp, tf->ss, tf->err, read_cr2());
	kprintf("  rax %016lx  rbx %016lx  rcx %016lx\n",
	    tf->rax, tf->rbx, tf->rcx);
	kprintf("  rdx %016lx  rsi %016lx  rdi %016lx\n",
	    tf->rdx, tf->rsi, tf->rdi);
	kprintf("  rbp %016lx  r8  %016lx  r9  %016lx\n",
	    tf->rbp, tf->r8, tf->r9);
	kprintf("  r10 %016lx  r11 %016lx  r12 %016lx\n",
	    tf->r10, tf->r11, tf->r12);
	kprintf("  r13 %016lx  r14 %016lx  r15 %016lx\n",
	    tf->r13, tf->r14, tf->r15);
}

/* Return addresses up the frame-pointer chain (the kernel keeps rbp). */
static void
trap_backtrace(uint64_t rbp)
{
	kprintf("  backtrace:");
	for (int i = 0; i < 12 && rbp >= DIRECT_MAP_BASE &&
	    (rbp & 7) == 0; i++) {
		uint64_t *f = (uint64_t *)rbp;

		kprintf(" %lx", f[1]);
		rbp = f[0];
	}
	kprintf("\n");
}

/*
 * A page fault in the kernel on a user address: a direct user copy
 * (copy.S) touched a page not yet there, or shared copy-on-write.  Resolve
 * it as the user's own fault would be; if that fails, resume the copy at
 * its recovery point.  True if handled.
 */
static bool
trap_user_copy_fault(struct trapframe *tf)
{
	struct cpu *cpu = cpu_self();
	uint64_t addr = read_cr2();

	if (tf->trapno != T_PAGE_FAULT || cpu->recover == 0 ||
	    addr >= USER_MAX || cpu->current->task == NULL)
		return false;
	if (cpu_smap && (tf->rflags & RFL_AC) == 0)
		return false;		/* SMAP caught a touch outside copy.S */
	if (vm_fault(cpu->current->task->map, addr, (tf->err & PF_WRITE) ?
	    VM_PROT_WRITE : VM_PROT_READ) != KERN_SUCCESS)
		tf->rip = cpu->recover;
	return true;
}

static void
trap_kernel_fault(struct trapframe *tf)
{
	if (trap_user_copy_fault(tf))
		return;
	if ((tf->trapno == 8 || tf->trapno == T_PAGE_FAULT) &&
	    machine_kstack_guard(read_cr2())) {
		kprintf("\nkernel fault: kernel stack overflow in thread %s "
		    "(%s at %lx)\n", cpu_self()->current->name,
		    trap_name(tf->trapno), read_cr2());
		frame_dump(tf);
		panic("kernel stack overflow");
	}
	kprintf("\nkernel fault: %s (trap %lu)\n", trap_name(tf->trapno),
	    tf->trapno);
	frame_dump(tf);
	trap_backtrace(tf->rbp);
	panic("fault in kernel mode");
}

/* Map a CPU exception to a Mach exception (exc, code, subcode). */
static void
trap_user_exception(struct trapframe *tf)
{
	uint64_t addr = 0;
	int exc, code;

	switch (tf->trapno) {
	case T_PAGE_FAULT:
		addr = read_cr2();
		code = vm_fault(current_task()->map, addr,
		    (tf->err & PF_WRITE) ? VM_PROT_WRITE :
		    (tf->err & PF_EXEC) ? VM_PROT_EXECUTE : VM_PROT_READ);
		if (code == KERN_SUCCESS)
			return;
		exc = EXC_BAD_ACCESS;
		break;
	case T_INVALID_OP:
		exc = EXC_BAD_INSTRUCTION;
		code = EXC_I386_INVOP;
		break;
	case T_DIVIDE:
		exc = EXC_ARITHMETIC;
		code = EXC_I386_DIV;
		break;
	case 16:	/* x87 */
	case 19:	/* SIMD */
		exc = EXC_ARITHMETIC;
		code = EXC_I386_EXTERR;
		break;
	case T_BREAKPOINT:
		exc = EXC_BREAKPOINT;
		code = EXC_I386_BPT;
		break;
	case T_DEBUG:
		exc = EXC_BREAKPOINT;
		code = EXC_I386_SGL;
		break;
	default:	/* general protection, stack, alignment, ... */
		exc = EXC_BAD_INSTRUCTION;
		code = tf->trapno;
		addr = tf->err;
		break;
	}
	exception_raise_user(tf, exc, code, addr);
}

void
trap(struct trapframe *tf)
{
	if (tf->trapno >= T_IRQ0 && tf->trapno < T_IRQ0 + 16) {
		int irq = tf->trapno - T_IRQ0;

		if (irq == 0) {
			host_clock_tick(frame_from_user(tf));
			sched_clock_tick();
		} else
			intr_device_irq(irq);	/* masks it until the driver acks */
		irq_eoi(irq);
	} else if (frame_from_user(tf)) {
		trap_user_exception(tf);
	} else {
		trap_kernel_fault(tf);
	}
	if (frame_from_user(tf))
		sched_return_to_user();
}

void
frame_init_user(struct trapframe *tf, uint64_t rip, uint64_t rsp)
{
	memset(tf, 0, sizeof(*tf));
	tf->rip = rip;
	tf->rsp = rsp;
	tf->cs = SEL_UCODE;
	tf->ss = SEL_UDATA;
	tf->rflags = 0x202;		/* IF */
	tf->trapno = T_SYSCALL;
}
