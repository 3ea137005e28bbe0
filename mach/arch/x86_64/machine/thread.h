/*
 * thread.h -- machine layout of a new thread's kernel stack: the frames
 * that make its first context switch land in the right start-up code.
 */
#ifndef MACHINE_THREAD_H
#define MACHINE_THREAD_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

/* Machine state of a thread beyond its kernel stack: the FPU/SSE area. */
struct machine_thread {
	uint8_t		fxsave[512] __attribute__((aligned(16)));
	uint64_t	fs_base;	/* user TLS bases */
	uint64_t	gs_base;
};

void	machine_thread_fpu_init(void);		/* once, at boot */
void	*machine_kstack_alloc(size_t size);	/* over a guard page */
void	machine_kstack_free(void *kstack, size_t size);
bool	machine_kstack_guard(uint64_t addr);	/* addr in a guard page? */
void	machine_thread_setup(struct machine_thread *);
void	machine_thread_switch(struct machine_thread *prev,
	    struct machine_thread *next);
uint64_t machine_thread_init_kernel(void *kstack, size_t size,
	    void (*fn)(void *), void *arg);
uint64_t machine_thread_init_user(void *kstack, size_t size, uint64_t rip,
	    uint64_t rsp);
struct trapframe *machine_thread_frame(void *kstack, size_t size);
int	machine_thread_get_state(void *kstack, size_t size,
	    struct machine_thread *, int flavor, unsigned int *state,
	    unsigned int *count);
int	machine_thread_set_state(void *kstack, size_t size,
	    struct machine_thread *, int flavor, const unsigned int *state,
	    unsigned int count);

#endif
