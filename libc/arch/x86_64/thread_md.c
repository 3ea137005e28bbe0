/*
 * thread_md.c -- the machine's half of libc's threads on x86_64: the fs
 * base that holds a thread's TLS pointer, and the registers a new thread
 * starts with.  tls.c and pthread/thread.c call these and nothing else of
 * the thread_state flavours.
 */
#include <stdint.h>
#include <mach/mach.h>
#include <mach/mach_traps.h>
#include <mach/thread_status.h>
#include <whorl/tls.h>

int
__whorl_tls_set(void *tp)
{
	struct i386_fsgs_base_state st = { .fs_base = (unsigned long)tp };

	return thread_set_self_state(i386_FSGS_BASE_STATE,
	    (thread_state_t)&st, i386_FSGS_BASE_STATE_COUNT);
}

/*
 * Aim the suspended thread kthread at entry(arg) on the stack that ends
 * at stack_end, with tp as its thread pointer.  The stack is aligned as
 * the ABI wants at a function's entry (a null return address pushed).
 */
kern_return_t
__whorl_thread_aim(thread_t kthread, void (*entry)(void *), void *arg,
    uintptr_t stack_end, void *tp)
{
	struct i386_thread_state st = { 0 };
	struct i386_fsgs_base_state fs = { .fs_base = (unsigned long)tp };
	uint64_t *top = (uint64_t *)(stack_end & ~15UL);
	kern_return_t kr;

	*--top = 0;
	st.rip = (uint64_t)entry;
	st.rdi = (uint64_t)arg;
	st.ursp = (uint64_t)top;
	kr = thread_set_state(kthread, i386_THREAD_STATE, (thread_state_t)&st,
	    i386_THREAD_STATE_COUNT);
	if (kr == KERN_SUCCESS)
		kr = thread_set_state(kthread, i386_FSGS_BASE_STATE,
		    (thread_state_t)&fs, i386_FSGS_BASE_STATE_COUNT);
	return kr;
}
