/*
 * pt_common.h -- what the proc tests' programs share (tests/proc/): the
 * names at which init puts rights into the tasks it starts, ports, and
 * making child processes of empty tasks (task_create): proc needs no
 * code running in a task to treat it as a process, and the parent,
 * which holds each child's proc port, acts for it as libc's fork will
 * before the child runs.
 */
#ifndef PT_COMMON_H
#define PT_COMMON_H

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <whorl/errno.h>
#include <mach/mach_traps.h>
#include <mach/mach_port.h>
#include <mach/mach.h>
#include <mach/task_special_ports.h>

#include "proc_types.h"
#include "proc.h"
#include "auth.h"
#include "check.h"

#define PT_PROC		0x14001	/* send: its proc port */

static inline mach_port_t
pt_port(void)
{
	mach_port_t p = MACH_PORT_NULL;

	mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &p);
	return p;
}

/* A send right made from a fresh receive right, which is then destroyed. */
static inline mach_port_t
pt_dead_name(void)
{
	mach_port_t p = pt_port();

	mach_port_insert_right(mach_task_self(), p, p,
	    MACH_MSG_TYPE_MAKE_SEND);
	mach_port_mod_refs(mach_task_self(), p, MACH_PORT_RIGHT_RECEIVE, -1);
	return p;
}

#endif
