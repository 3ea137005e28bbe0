/*
 * thread_md.c -- builds the initial kernel stack of a thread: a switch
 * frame that context_switch "returns" through into entry.S's start-up
 * stubs, and for user threads the trapframe that trap_return pops.
 */
#include "kern/klib.h"
#include "machine/frame.h"
#include "machine/thread.h"

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
}

void
machine_thread_setup(struct machine_thread *md)
{
	memcpy(md->fxsave, fpu_initial.fxsave, sizeof(md->fxsave));
}

/* Eager FPU switching: simple, and user code uses SSE all the time. */
void
machine_thread_switch(struct machine_thread *prev, struct machine_thread *next)
{
	__asm__ volatile("fxsave %0" : "=m"(prev->fxsave));
	__asm__ volatile("fxrstor %0" :: "m"(next->fxsave));
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
