/*
 * fpu_state.h -- a thread's x87/SSE state for thread_get_state and
 * thread_set_state (i386_FLOAT_STATE, i386_XFLOAT_STATE); fpu_state.c.
 * `current' says the thread is the running one, whose registers are live.
 */
#ifndef MACHINE_FPU_STATE_H
#define MACHINE_FPU_STATE_H

#include <stdbool.h>
#include <stdint.h>

struct machine_thread;

void	fpu_state_init(const uint8_t *clean_fxsave);
int	fpu_get_state(struct machine_thread *, bool current, int flavor,
	    unsigned int *state, unsigned int *count);
int	fpu_set_state(struct machine_thread *, bool current, int flavor,
	    const unsigned int *state, unsigned int count);

#endif
