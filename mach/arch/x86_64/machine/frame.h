/*
 * frame.h -- the register frame every kernel entry (interrupt, exception,
 * syscall) pushes on the thread's kernel stack, and the thread start-up
 * and context-switch primitives built on it.
 */
#ifndef MACHINE_FRAME_H
#define MACHINE_FRAME_H

#include <stdint.h>

struct trapframe {
	uint64_t	r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t	rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t	trapno, err;
	uint64_t	rip, cs, rflags, rsp, ss;	/* pushed by the CPU */
};

#define T_DIVIDE	0
#define T_DEBUG		1
#define T_BREAKPOINT	3
#define T_INVALID_OP	6
#define T_GPF		13
#define T_PAGE_FAULT	14
#define T_IRQ0		32
#define T_SYSCALL	0x100	/* not a vector: marks a syscall frame */
#define T_STATE_SET	0x101	/* a frame thread_set_state replaced */

#define PF_PRESENT	0x1
#define PF_WRITE	0x2
#define PF_USER		0x4
#define PF_EXEC		0x10

static inline int
frame_from_user(const struct trapframe *tf)
{
	return (tf->cs & 3) == 3;
}

/* Saved callee state of a thread that is not running. */
struct switch_frame {
	uint64_t	r15, r14, r13, r12, rbx, rbp, rip;
};

void	context_switch(uint64_t *save_rsp, uint64_t new_rsp);
void	trap_return(void);		/* pop a trapframe, iretq */
void	frame_init_user(struct trapframe *, uint64_t rip, uint64_t rsp);
void	frame_dump(const struct trapframe *);

#endif /* MACHINE_FRAME_H */
