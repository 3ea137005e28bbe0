/*
 * whorl/tls.h -- thread-local storage for Whorl threads (x86_64 TLS
 * variant II): the thread pointer (fs base) points at a TCB whose first
 * word points to itself, and the program's TLS block (PT_TLS: .tdata then
 * .tbss) sits just below it.  Implemented in libc/tls.c; start-up sets up
 * the main thread, pthreads the others.
 */
#ifndef _WHORL_TLS_H_
#define _WHORL_TLS_H_

#include <stdint.h>

/*
 * The thread control block at the thread pointer: 64 bytes.  self must stay
 * first (%fs:0 gives the thread pointer); stack_guard sits at 0x28, where
 * gcc's -fstack-protector reads its canary.  pthread belongs to libc's
 * pthreads; the spare words are free for it too.
 */
struct __whorl_tcb {
	void		*self;
	void		*pthread;
	void		*__spare0[3];
	uintptr_t	stack_guard;
	void		*__spare1[2];
};

/*
 * A fresh TLS block and TCB: .tdata copied, .tbss zeroed, self set.
 * Returns the thread pointer, or NULL when memory is short.  Uses only
 * traps (no MIG, no errno), so it works before any TLS exists.
 */
void	*__whorl_tls_alloc(void);
/* Release a block from __whorl_tls_alloc (not the calling thread's own). */
void	__whorl_tls_free(void *tp);
/* Make tp the calling thread's thread pointer; 0 or a kern_return_t. */
int	__whorl_tls_set(void *tp);

/* The calling thread's thread pointer (its TCB). */
static inline struct __whorl_tcb *
__whorl_tcb_self(void)
{
	struct __whorl_tcb *tcb;

	__asm__ ("movq %%fs:0, %0" : "=r" (tcb));
	return tcb;
}

#endif /* _WHORL_TLS_H_ */
