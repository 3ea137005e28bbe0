/*
 * test.h -- the tiny library of Whorl's in-guest tests: console output
 * through mach_print, checks that count failures, and the end markers that
 * tests/qemu-test reads from the serial log.
 */
#ifndef TEST_H
#define TEST_H

#include <stdint.h>
#include <stddef.h>
#include <stdarg.h>

#include <mach/message.h>
#include <mach/mach_traps.h>

/* Traps (lib/traps.S) beyond mach/mach_traps.h and mach/message.h. */
long		bad_stack_trap(void);
long		raw_trap(long num, long a1, long a2, long a3, long a4, long a5);

/* mach_print with its kern_return_t (the ABI's prototype says void). */
static inline int
mach_print_checked(const char *s)
{
	return (int)raw_trap(-30, (long)s, 0, 0, 0, 0);
}
void		mig_forget_reply_port(void);

void	test_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	test_check(int ok, const char *what, const char *file, int line);
void	test_exit(int status) __attribute__((noreturn));
void	test_exit_noidle(void);
uint64_t test_parse_number(const char *);
void	test_idle(void) __attribute__((noreturn));

/* The kernel's counts (lib/kstats.c), for tests that must leak nothing. */
struct whorl_kernel_stats;
#define KSTATS_PORTS	0x1
#define KSTATS_HEAP	0x2
#define KSTATS_PAGES	0x4
#define KSTATS_TASKS	0x8
#define KSTATS_ALL	0xf
void	test_kernel_stats(struct whorl_kernel_stats *);
void	test_kernel_stats_same(const char *who,
	    const struct whorl_kernel_stats *before,
	    const struct whorl_kernel_stats *after, unsigned which);

/*
 * A suspended thread of task that will run fn on a 64 KiB stack allocated
 * at *stack unless *stack is set already (lib/thread.c).
 */
#define TEST_STACK_SIZE	65536
mach_port_t test_thread_create(mach_port_t task, void (*fn)(void),
	    vm_address_t *stack);

#define CHECK(c)	test_check((c) != 0, #c, __FILE__, __LINE__)

static inline uint64_t
test_rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

#endif
