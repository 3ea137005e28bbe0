/*
 * mach_traps.h -- the trap table: the few kernel calls that are not
 * messages, numbered as GNU Mach numbers them (ABI.md "Traps").  The
 * machine's syscall entry looks up -rax here.
 */
#ifndef KERN_MACH_TRAPS_H
#define KERN_MACH_TRAPS_H

#include <stdint.h>

#define MACH_TRAP_COUNT		130
#define MACH_TRAP_MAX_ARGS	7

struct mach_trap {
	int		 nargs;
	uint64_t	(*fn)(const uint64_t *args);
	const char	*name;
};

/* The trap for number n (the positive value of -rax), or NULL. */
const struct mach_trap *mach_trap_lookup(int64_t n);

#endif
