/*
 * process.c -- process calls for newlib before a proc server exists: a
 * task is alone, so it is its own process (pid 1, no children, no other
 * process to signal), and it ends through task_terminate.  See
 * docs/libc.md for the errno each call returns and why.
 */
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <unistd.h>
#include <mach/mach.h>
#include <mach/mach_traps.h>

/* Until proc assigns pids, every task is the only process it can see. */
#define PROCESS_PID	1

/* newlib's __libc_init_array and __libc_fini_array call these. */
void _init(void) {}
void _fini(void) {}

/* The exit status has nowhere to go until proc exists. */
void
_exit(int status)
{
	(void)status;
	task_terminate(mach_task_self());
	for (;;)		/* the kernel refused: fault the task */
		__builtin_trap();
}

pid_t
getpid(void)
{
	return PROCESS_PID;
}

/* Signals to ourselves take their default action; there is no one else. */
int
kill(pid_t pid, int sig)
{
	if (sig < 0 || sig >= NSIG) {
		errno = EINVAL;
		return -1;
	}
	if (pid != PROCESS_PID && pid != 0 && pid != -1) {
		errno = ESRCH;
		return -1;
	}
	switch (sig) {
	case 0:
	case SIGCHLD:
	case SIGURG:
	case SIGWINCH:
	case SIGCONT:
		return 0;	/* nothing happens: default is ignore */
	default:
		_exit(128 + sig);
	}
}

/* Making a process needs the proc and exec servers. */
pid_t
fork(void)
{
	errno = ENOSYS;
	return -1;
}

int
execve(const char *path, char *const argv[], char *const envp[])
{
	(void)path;
	(void)argv;
	(void)envp;
	errno = ENOSYS;
	return -1;
}

/* fork never succeeds, so there is never a child to wait for. */
pid_t
wait(int *status)
{
	(void)status;
	errno = ECHILD;
	return -1;
}

/* No signal can be delivered, so there is no mask to keep. */
int
sigprocmask(int how, const sigset_t *set, sigset_t *old)
{
	(void)how;
	(void)set;
	(void)old;
	errno = ENOSYS;
	return -1;
}

/* No entropy source is reachable yet (no random server, no device). */
int
getentropy(void *buf, size_t len)
{
	(void)buf;
	(void)len;
	errno = ENOSYS;
	return -1;
}
