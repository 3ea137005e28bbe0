/*
 * ps.c -- Whorl's ps: lists every process the proc server knows (pid,
 * parent, group, session, uid, state, CPU time, command line), from
 * proc_getallpids and proc_getprocinfo (docs/proc.md).  Its proc port is
 * its bootstrap port until exec hands programs their init ports.
 *
 * STAT letters: Z zombie, T stopped, E exiting (marked, not dead yet),
 * s session leader, x exec'd, R otherwise.
 */
#include <stdio.h>
#include <string.h>
#include <mach/mach_traps.h>
#include <mach/mach.h>
#include <mach/task_special_ports.h>

#include "proc_types.h"
#include "proc.h"

/* The state letters of info's PROC_I_STATE, in buf (at least 6 bytes). */
static void
ps_state(int64_t state, char *buf)
{
	char *p = buf;

	if (state & PROC_S_ZOMBIE)
		*p++ = 'Z';
	else if (state & PROC_S_STOPPED)
		*p++ = 'T';
	else if (state & PROC_S_EXITING)
		*p++ = 'E';
	else
		*p++ = 'R';
	if (state & PROC_S_LEADER)
		*p++ = 's';
	if (state & PROC_S_EXECED)
		*p++ = 'x';
	*p = '\0';
}

/* The command line, its NUL separators turned into spaces. */
static void
ps_args(char *args, mach_msg_type_number_t n)
{
	mach_msg_type_number_t i;

	while (n > 0 && args[n - 1] == '\0')
		n--;
	for (i = 0; i < n; i++)
		if (args[i] == '\0')
			args[i] = ' ';
	args[n] = '\0';
}

/* One line for pid; 0, or the error proc gave (a pid that just went). */
static kern_return_t
ps_line(mach_port_t proc, int32_t pid, FILE *out)
{
	char args[PROC_ARGS_MAX + 1], st[8];
	mach_msg_type_number_t n = PROC_ARGS_MAX;
	procinfo_t in;
	int64_t t;
	kern_return_t kr;

	if ((kr = proc_getprocinfo(proc, pid, &in, args, &n)) != 0)
		return kr;
	ps_args(args, n);
	ps_state(in.w[PROC_I_STATE], st);
	t = (in.w[PROC_I_UTIME_US] + in.w[PROC_I_STIME_US]) / 10000;
	fprintf(out, "%5d %5d %5d %5d %5lld %-4s %4lld:%02lld.%02lld %s\n",
	    (int)in.w[PROC_I_PID], (int)in.w[PROC_I_PPID],
	    (int)in.w[PROC_I_PGRP], (int)in.w[PROC_I_SID],
	    (long long)in.w[PROC_I_UID], st, (long long)(t / 6000),
	    (long long)(t / 100 % 60), (long long)(t % 100), args);
	return 0;
}

/* The whole listing, in pid order.  0 or proc's error. */
static kern_return_t
ps_print(mach_port_t proc, FILE *out)
{
	int32_t pids[PROC_PIDS_MAX], tmp;
	mach_msg_type_number_t n = PROC_PIDS_MAX, i, j;
	kern_return_t kr;

	if ((kr = proc_getallpids(proc, pids, &n)) != 0)
		return kr;
	for (i = 1; i < n; i++)		/* insertion sort: n is small */
		for (j = i; j > 0 && pids[j - 1] > pids[j]; j--) {
			tmp = pids[j];
			pids[j] = pids[j - 1];
			pids[j - 1] = tmp;
		}
	fprintf(out, "%5s %5s %5s %5s %5s %-4s %10s %s\n", "PID", "PPID",
	    "PGRP", "SID", "UID", "STAT", "TIME", "COMMAND");
	for (i = 0; i < n; i++)
		ps_line(proc, pids[i], out);
	return 0;
}

int
main(void)
{
	mach_port_t proc = MACH_PORT_NULL;
	kern_return_t kr;

	if (task_get_bootstrap_port(mach_task_self(), &proc) != 0 ||
	    !MACH_PORT_VALID(proc)) {
		fprintf(stderr, "ps: no proc port\n");
		return 1;
	}
	if ((kr = ps_print(proc, stdout)) != 0)
		fprintf(stderr, "ps: proc: %#x\n", kr);
	fflush(stdout);
	proc_mark_exit(proc, PROC_W_EXITED(kr != 0));
	return kr != 0;
}
