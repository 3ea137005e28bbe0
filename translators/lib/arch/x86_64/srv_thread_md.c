/*
 * srv_thread_md.c -- the machine's half of translators/lib's program
 * loader (srv_elf.c) on x86_64: aim a new task's first thread at the
 * program's entry with its stack pointer at argc, as crt0.S expects.
 */
#include <stdint.h>
#include <mach/mach.h>
#include <mach/mach_traps.h>
#include <mach/thread_status.h>

kern_return_t srv_thread_aim(thread_t thread, uint64_t entry, uint64_t sp);

kern_return_t
srv_thread_aim(thread_t thread, uint64_t entry, uint64_t sp)
{
	struct i386_thread_state st = { 0 };

	st.rip = entry;
	st.ursp = sp;
	return thread_set_state(thread, i386_THREAD_STATE,
	    (thread_state_t)&st, i386_THREAD_STATE_COUNT);
}
