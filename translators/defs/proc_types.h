/*
 * proc_types.h -- C types and constants of the proc protocol
 * (translators/defs/proc.defs) for MIG's stubs, the proc server and its
 * clients.  docs/proc.md describes every routine.
 */
#ifndef _PROC_TYPES_H_
#define _PROC_TYPES_H_

#include <stdint.h>
#include <mach/port.h>

typedef mach_port_t process_t;

/* proc_wait's options (the values of POSIX's <sys/wait.h> on Whorl). */
#define PROC_WNOHANG	1	/* answer at once, pid 0 if nothing */
#define PROC_WUNTRACED	2	/* report stopped children */
#define PROC_WCONTINUED	8	/* report continued children */

/* Wait status words, as POSIX's W* macros read them. */
#define PROC_W_EXITED(code)	(((code) & 0xff) << 8)
#define PROC_W_SIGNALED(sig)	((sig) & 0x7f)
#define PROC_W_STOPPED(sig)	((((sig) & 0xff) << 8) | 0x7f)
#define PROC_W_CONTINUED	0xffff
#define PROC_SIGKILL		9	/* a task that died without exit */
#define PROC_NSIG		64	/* signals are 1..PROC_NSIG-1 */

/* proc_getprocinfo's record: 16 int64_t words. */
enum proc_info_word {
	PROC_I_PID, PROC_I_PPID, PROC_I_PGRP, PROC_I_SID, PROC_I_UID,
	PROC_I_STATE,		/* PROC_S_* bits */
	PROC_I_UTIME_US,	/* user CPU time, microseconds */
	PROC_I_STIME_US,	/* system CPU time, microseconds */
	PROC_I_VSIZE,		/* virtual size, bytes */
	PROC_I_STATUS,		/* zombie: its wait status */
	PROC_I_WORDS = 16
};
#define PROC_S_ZOMBIE	0x01	/* exited or killed, not reaped */
#define PROC_S_STOPPED	0x02	/* stopped (proc_mark_stop) */
#define PROC_S_EXECED	0x04	/* proc_mark_exec was called */
#define PROC_S_LEADER	0x08	/* session leader */
#define PROC_S_EXITING	0x10	/* proc_mark_exit, task still alive */
#define PROC_S_NOTASK	0x20	/* its task is gone */
typedef struct {
	int64_t	w[PROC_I_WORDS];
} procinfo_t;

#define PROC_UID_NONE	((int64_t)-1)	/* not learned from auth yet */
#define PROC_ARGS_MAX	1024	/* bytes of a command line */
#define PROC_PIDS_MAX	1024	/* processes (zombies too) in all */
typedef int32_t *pidarray_t;
typedef char *proc_args_t;

/*
 * The boot hand-off (docs/proc.md): the name at which proc puts a copy
 * of its own auth handle into the init task it starts.
 */
#define PROC_BOOT_AUTH	0x13001

#endif
