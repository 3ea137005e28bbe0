/*
 * proc.h -- the proc server's objects and what its files share:
 * proc_table.c (processes, pids, groups, sessions, the lock),
 * proc_death.c (exit, stop, continue, death, wait, orphans),
 * proc_pgrp.c (setpgid, setsid, the controlling terminal),
 * proc_misc.c (registration, identity, message ports, listing),
 * main.c (start-up, the notification thread).  docs/proc.md.
 *
 * Locking: one mutex, proc_lock, protects every process, group, session
 * and waiter.  It is taken before translators/lib's own lock, never
 * after: ports to destroy are queued and destroyed by proc_unlock.
 */
#ifndef PROC_H
#define PROC_H

#include <stdbool.h>
#include <stdint.h>
#include <pthread.h>
#include <mach/mach_types.h>

#include "srv.h"
#include "proc_types.h"

#define PROC_PID_LIMIT		32768	/* pids: 1..PROC_PID_LIMIT-1 */
#define PROC_PER_UID		64	/* processes of one uid but 0 */
#define PROC_WAITERS_MAX	8	/* blocked waits of one process */
#define PROC_REAUTH_MAX		4	/* rendezvous running at once */
#define PROC_ORPHANQ_MAX	64	/* orphan reports kept for init */
#define PROC_MAX_WORKERS	16	/* the worker pool's bound */

struct proc;

/* A proc port: the library's object, for one process (or none now). */
struct proc_port {
	struct srv_port		sp;
	struct proc		*p;		/* NULL once reaped */
	struct proc_port	*grave;	/* queued for proc_unlock */
};

/* A blocked proc_wait: its reply, kept for later. */
struct proc_waiter {
	struct proc_waiter	*next;
	struct srv_reply	reply;
	int32_t			pid, options;
};

struct proc_session {
	int32_t			sid;
	unsigned		npgrps;
	struct proc		*leader;	/* NULL once it died */
	mach_port_t		ctty;		/* send right or null */
};

struct proc_pgrp {
	int32_t			pgid;
	struct proc_session	*s;
	struct proc		*members;	/* through pgnext */
};

struct proc {
	int32_t			pid;
	struct proc		*all;		/* every process */
	struct proc		*parent;	/* NULL: none (init) */
	struct proc		*children, *sib;
	struct proc_pgrp	*pg;
	struct proc		*pgnext;
	struct proc_port	*port;		/* holds a reference */
	mach_port_t		task;		/* watched; null: dead */
	mach_port_t		msgport;
	int64_t			uid;		/* or PROC_UID_NONE */
	bool			zombie, exiting, execed, stopped;
	bool			reauth;		/* in a rendezvous */
	int32_t			status;		/* exit status */
	int32_t			report;		/* stop/cont to report */
	struct proc_waiter	*waiters;
	unsigned		nwaiters;
	uint32_t		nargs;
	char			args[PROC_ARGS_MAX];
};

extern pthread_mutex_t proc_lock;
extern struct srv_bucket proc_bucket;
extern const struct srv_class proc_class;
extern mach_port_t proc_notify;		/* dead-name notifications */
extern mach_port_t proc_auth;		/* proc's own auth handle */
extern bool proc_debug;
extern struct proc *proc_all;
extern unsigned proc_count;

/* proc_table.c */
void	proc_unlock(void);
struct proc *proc_caller(srv_port_t sp);
struct proc *proc_find(int32_t pid);
struct proc *proc_find_task(mach_port_t task);
struct proc_pgrp *proc_pgrp_find(int32_t pgid);
int	proc_create(struct proc *parent, mach_port_t task, struct proc **pp);
int	proc_port_send(struct proc *p, mach_port_t *name);
void	proc_reap(struct proc *p);
void	proc_pgrp_join(struct proc *p, struct proc_pgrp *g);
int	proc_pgrp_new(struct proc *p, struct proc_session *s);
struct proc_session *proc_session_new(struct proc *leader);
void	proc_watch(mach_port_t name, bool on);
void	proc_counts(int32_t *pgrps, int32_t *sessions, int32_t *waiters);
bool	proc_send_ok(mach_port_t name);
mach_port_t proc_send_ref(mach_port_t name);

/* proc_death.c */
void	proc_task_died(struct proc *p);
void	proc_wait_check(struct proc *parent);
void	proc_waiters_drop(struct proc *p, kern_return_t code);
bool	proc_reply_died(mach_port_t name);
bool	proc_pgrp_orphaned(struct proc_pgrp *g);
unsigned proc_pgrp_stopped(struct proc_pgrp *g);

/* proc_kern.defs: task_info with a timeout */
kern_return_t proc_kern_task_info(mach_port_t task, int flavor,
    int *info, mach_msg_type_number_t *count);

#endif
