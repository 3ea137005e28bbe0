/*
 * thread_md.c -- builds the initial kernel stack of a thread: a switch
 * frame that context_switch "returns" through into entry.S's start-up
 * stubs, and for user threads the trapframe that trap_return pops.
 */
#include "kern/klib.h"
#include "machine/frame.h"
#include "machine/thread.h"
#include "machine/cpu.h"
#include "machine/fpu_state.h"
#include "kern/thread.h"
#include "kern/console.h"
#include "kern/lock.h"
#include "machine/pmap.h"
#include "vm/vm_page.h"
#include <mach/kern_return.h>
#include <mach/machine/thread_status.h>

#define USER_LIMIT	0x00007ffffffff000ul

static struct machine_thread *
machine_current_md(void)
{
	return &cpu_self()->current->md;
}

extern char thread_start_kernel[], thread_start_user[];

static struct machine_thread fpu_initial;

/* Turn on SSE for user code and record the clean FPU state new threads get. */
void
machine_thread_fpu_init(void)
{
	uint64_t cr0, cr4;

	__asm__ volatile("movq %%cr0, %0" : "=r"(cr0));
	cr0 = (cr0 & ~(1ul << 2)) | (1ul << 1);		/* EM off, MP on */
	__asm__ volatile("movq %0, %%cr0" :: "r"(cr0));
	__asm__ volatile("movq %%cr4, %0" : "=r"(cr4));
	cr4 |= (1ul << 9) | (1ul << 10);		/* OSFXSR, OSXMMEXCPT */
	__asm__ volatile("movq %0, %%cr4" :: "r"(cr4));
	__asm__ volatile("fninit; fxsave %0" : "=m"(fpu_initial.fxsave));
	fpu_state_init(fpu_initial.fxsave);
}

void
machine_thread_setup(struct machine_thread *md)
{
	memcpy(md->fxsave, fpu_initial.fxsave, sizeof(md->fxsave));
	md->fs_base = 0;
	md->gs_base = 0;
}

/*
 * Eager FPU switching (simple, and user code uses SSE all the time), and
 * the user's TLS bases: fs directly, gs in KERNEL_GS_BASE, where swapgs
 * will put it on the way out.  Written every time: a task that loads %fs
 * or %gs changes the base under us, and the next thread must not see it.
 */
void
machine_thread_switch(struct machine_thread *prev, struct machine_thread *next)
{
	__asm__ volatile("fxsave %0" : "=m"(prev->fxsave));
	__asm__ volatile("fxrstor %0" :: "m"(next->fxsave));
	wrmsr(MSR_FS_BASE, next->fs_base);
	wrmsr(MSR_KERNEL_GS_BASE, next->gs_base);
}

static void
state_from_frame(const struct trapframe *tf, struct i386_thread_state *st)
{
	memset(st, 0, sizeof(*st));
	st->r8 = tf->r8; st->r9 = tf->r9; st->r10 = tf->r10;
	st->r11 = tf->r11; st->r12 = tf->r12; st->r13 = tf->r13;
	st->r14 = tf->r14; st->r15 = tf->r15;
	st->rdi = tf->rdi; st->rsi = tf->rsi; st->rbp = tf->rbp;
	st->rbx = tf->rbx; st->rdx = tf->rdx; st->rcx = tf->rcx;
	st->rax = tf->rax; st->rip = tf->rip; st->cs = tf->cs;
	st->rfl = tf->rflags; st->ursp = tf->rsp; st->ss = tf->ss;
}

/*
 * The flags a new state may not carry, as on GNU Mach: IOPL (iretq from
 * ring 0 would grant it), NT and RF; IF is always set.  The return to user
 * mode (entry.S) masks IOPL again whatever the frame went through.
 */
#define RFLAGS_USER_CLEAR	(RFL_IOPL | RFL_NT | RFL_RF)

/*
 * i386_REGS_SEGS_STATE names the selectors too.  GNU Mach refuses a null
 * selector or one without user privilege; the only other user selectors
 * here are each other's (data as code would fault in iretq), so anything
 * but the user code and stack selectors is refused.
 */
static int
state_check_segs(const struct i386_thread_state *st)
{
	if ((st->cs & 0xffff) != SEL_UCODE || (st->ss & 0xffff) != SEL_UDATA)
		return KERN_INVALID_ARGUMENT;
	return KERN_SUCCESS;
}

static int
state_to_frame(const struct i386_thread_state *st, struct trapframe *tf)
{
	if (st->rip >= USER_LIMIT || st->ursp >= USER_LIMIT)
		return KERN_INVALID_ARGUMENT;
	tf->r8 = st->r8; tf->r9 = st->r9; tf->r10 = st->r10;
	tf->r11 = st->r11; tf->r12 = st->r12; tf->r13 = st->r13;
	tf->r14 = st->r14; tf->r15 = st->r15;
	tf->rdi = st->rdi; tf->rsi = st->rsi; tf->rbp = st->rbp;
	tf->rbx = st->rbx; tf->rdx = st->rdx; tf->rcx = st->rcx;
	tf->rax = st->rax; tf->rip = st->rip; tf->rsp = st->ursp;
	tf->cs = SEL_UCODE;		/* checked, or not the user's */
	tf->ss = SEL_UDATA;
	tf->rflags = (st->rfl & ~(uint64_t)RFLAGS_USER_CLEAR) | RFL_IF;
	tf->trapno = T_STATE_SET;	/* return through iretq, all registers */
	return KERN_SUCCESS;
}

int
machine_thread_get_state(void *kstack, size_t size, struct machine_thread *md,
    int flavor, unsigned int *state, unsigned int *count)
{
	struct trapframe *tf = machine_thread_frame(kstack, size);

	if (flavor == i386_THREAD_STATE || flavor == i386_REGS_SEGS_STATE) {
		if (*count < i386_THREAD_STATE_COUNT)
			return KERN_INVALID_ARGUMENT;
		state_from_frame(tf, (struct i386_thread_state *)state);
		*count = i386_THREAD_STATE_COUNT;
	} else if (flavor == i386_FSGS_BASE_STATE) {
		struct i386_fsgs_base_state *fs = (void *)state;

		if (*count < i386_FSGS_BASE_STATE_COUNT)
			return KERN_INVALID_ARGUMENT;
		fs->fs_base = md->fs_base;
		fs->gs_base = md->gs_base;
		*count = i386_FSGS_BASE_STATE_COUNT;
	} else if (flavor == i386_FLOAT_STATE || flavor == i386_XFLOAT_STATE) {
		return fpu_get_state(md, md == machine_current_md(), flavor,
		    state, count);
	} else {
		return KERN_INVALID_ARGUMENT;
	}
	return KERN_SUCCESS;
}

int
machine_thread_set_state(void *kstack, size_t size, struct machine_thread *md,
    int flavor, const unsigned int *state, unsigned int count)
{
	struct trapframe *tf = machine_thread_frame(kstack, size);

	if (flavor == i386_THREAD_STATE || flavor == i386_REGS_SEGS_STATE) {
		const struct i386_thread_state *st = (const void *)state;

		if (count < i386_THREAD_STATE_COUNT)
			return KERN_INVALID_ARGUMENT;
		if (flavor == i386_REGS_SEGS_STATE &&
		    state_check_segs(st) != KERN_SUCCESS)
			return KERN_INVALID_ARGUMENT;
		return state_to_frame(st, tf);
	}
	if (flavor == i386_FSGS_BASE_STATE) {
		const struct i386_fsgs_base_state *fs = (const void *)state;

		if (count < i386_FSGS_BASE_STATE_COUNT ||
		    fs->fs_base >= USER_LIMIT || fs->gs_base >= USER_LIMIT)
			return KERN_INVALID_ARGUMENT;
		md->fs_base = fs->fs_base;
		md->gs_base = fs->gs_base;
		if (md == machine_current_md()) {
			wrmsr(MSR_FS_BASE, md->fs_base);
			wrmsr(MSR_KERNEL_GS_BASE, md->gs_base);
		}
		return KERN_SUCCESS;
	}
	if (flavor == i386_FLOAT_STATE || flavor == i386_XFLOAT_STATE)
		return fpu_set_state(md, md == machine_current_md(), flavor,
		    state, count);
	return KERN_INVALID_ARGUMENT;
}

/*
 * Kernel stacks live in their own region (PML4 slot 508), in slots of a
 * guard page and KSTACK_SIZE of stack: running off the bottom of a stack
 * faults on the unmapped guard (a double fault, on its own stack) and
 * trap.c reports a kernel stack overflow, instead of the thread writing
 * over whatever lay below.  A bitmap of slots under kstack_lock (a leaf).
 */
#define KSTACK_REGION	0xFFFFFE0000000000ul
#define KSTACK_STRIDE	(KSTACK_SIZE + PAGE_SIZE)
#define KSTACK_SLOTS	16384

static uint64_t kstack_used[KSTACK_SLOTS / 64];	/* [k] */
static struct spinlock kstack_lock;

static int
kstack_slot_take(void)
{
	int slot = -1;

	spin_lock(&kstack_lock);
	for (int w = 0; w < KSTACK_SLOTS / 64 && slot < 0; w++) {
		if (kstack_used[w] == ~0ul)
			continue;
		slot = w * 64 + __builtin_ctzl(~kstack_used[w]);
		kstack_used[w] |= 1ul << (slot % 64);
	}
	spin_unlock(&kstack_lock);
	return slot;
}

static void
kstack_slot_give(uint64_t base)
{
	uint64_t slot = (base - KSTACK_REGION) / KSTACK_STRIDE;

	spin_lock(&kstack_lock);
	kstack_used[slot / 64] &= ~(1ul << (slot % 64));
	spin_unlock(&kstack_lock);
}

static void
kstack_unmap(uint64_t base, size_t mapped)
{
	uint64_t pa;

	for (size_t off = 0; off < mapped; off += PAGE_SIZE) {
		if (pmap_extract(pmap_kernel(), base + off, &pa)) {
			pmap_kremove(base + off);
			vm_page_free_pa(pa);
		}
	}
}

void
machine_kstack_free(void *kstack, size_t size)
{
	uint64_t base = (uint64_t)kstack;

	KASSERT(size == KSTACK_SIZE);
	kstack_unmap(base, size);
	kstack_slot_give(base);
}

static void machine_pmap_selfcheck(uint64_t stack);

/* A kernel stack of size bytes (KSTACK_SIZE) over its guard, or NULL. */
void *
machine_kstack_alloc(size_t size)
{
	static bool checked;
	int slot = kstack_slot_take();
	uint64_t base, pa;
	size_t off;

	KASSERT(size == KSTACK_SIZE);
	if (slot < 0)
		return NULL;
	base = KSTACK_REGION + (uint64_t)slot * KSTACK_STRIDE + PAGE_SIZE;
	for (off = 0; off < size; off += PAGE_SIZE) {
		if (vm_page_alloc_pa(&pa) != 0)
			goto unmap;
		if (pmap_kenter(base + off, pa) != 0) {
			vm_page_free_pa(pa);
			goto unmap;
		}
	}
	if (!checked) {
		checked = true;
		machine_pmap_selfcheck(base);
	}
	return (void *)base;
unmap:
	kstack_unmap(base, off);
	kstack_slot_give(base);
	return NULL;
}

/* Is addr in the guard page of a kernel stack? */
bool
machine_kstack_guard(uint64_t addr)
{
	return addr >= KSTACK_REGION &&
	    addr < KSTACK_REGION + (uint64_t)KSTACK_SLOTS * KSTACK_STRIDE &&
	    (addr - KSTACK_REGION) % KSTACK_STRIDE < PAGE_SIZE;
}

/*
 * Once, at the first kernel stack: print how the kernel's own pages are
 * mapped and stop if any is wrong (text r-x, rodata r--, data, the direct
 * map and stacks rw-, the direct map's alias of the text r--, a stack
 * guard not mapped at all).
 */
static void
machine_pmap_selfcheck(uint64_t stack)
{
	extern char _text_start[], _rodata_start[], _data_start[];
	static const char *const want[7] = {
		"r-x", "r--", "rw-", "rw-", "r--", "rw-", "---"
	};
	uint64_t va[7] = { (uint64_t)_text_start, (uint64_t)_rodata_start,
	    (uint64_t)_data_start, DIRECT_MAP_BASE,
	    (uint64_t)phys_to_virt(virt_to_phys(_text_start)), stack,
	    stack - 1 };
	char got[7][4];
	bool ok = true;

	for (int i = 0; i < 7; i++) {
		pmap_kernel_prot(va[i], got[i]);
		ok = ok && strcmp(got[i], want[i]) == 0;
	}
	kprintf("whorl: pmap: text %s rodata %s data %s direct %s "
	    "text alias %s stack %s guard %s\n", got[0], got[1], got[2],
	    got[3], got[4], got[5], got[6]);
	if (!ok)
		panic("pmap: the kernel's pages are not mapped as they must be");
}

struct trapframe *
machine_thread_frame(void *kstack, size_t size)
{
	return (struct trapframe *)((char *)kstack + size) - 1;
}

uint64_t
machine_thread_init_kernel(void *kstack, size_t size, void (*fn)(void *),
    void *arg)
{
	struct switch_frame *sf;

	sf = (struct switch_frame *)((char *)kstack + size - 16) - 1;
	memset(sf, 0, sizeof(*sf));
	sf->r12 = (uint64_t)fn;
	sf->r13 = (uint64_t)arg;
	sf->rip = (uint64_t)thread_start_kernel;
	return (uint64_t)sf;
}

uint64_t
machine_thread_init_user(void *kstack, size_t size, uint64_t rip,
    uint64_t rsp)
{
	struct trapframe *tf = machine_thread_frame(kstack, size);
	struct switch_frame *sf = (struct switch_frame *)tf - 1;

	frame_init_user(tf, rip, rsp);
	memset(sf, 0, sizeof(*sf));
	sf->rip = (uint64_t)thread_start_user;
	return (uint64_t)sf;
}
