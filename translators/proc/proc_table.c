/*
 * proc_table.c -- the proc server's tables: processes by pid, process
 * groups and sessions, the one lock that protects them, and the life of
 * a process record from registration (proc_create) to reaping
 * (proc_reap).  A pid is free only when no process, group or session
 * uses it as its id.
 */
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <mach/mach_traps.h>
#include <mach/mach_port.h>
#include <mach/mach.h>
#include <mach/notify.h>

#include "proc.h"

pthread_mutex_t proc_lock = PTHREAD_MUTEX_INITIALIZER;
struct proc *proc_all;
unsigned proc_count;

static struct proc *pids[PROC_PID_LIMIT];
static struct proc_pgrp *pgrps[PROC_PID_LIMIT];
static struct proc_session *sessions[PROC_PID_LIMIT];
static int32_t next_pid = 1;
static unsigned npgrps, nsessions;
static struct proc_port *grave;	/* to destroy after unlock */

const struct srv_class proc_class = { "proc", NULL };

/* Unlock, then destroy the ports of processes that went meanwhile. */
void
proc_unlock(void)
{
	struct proc_port *pp = grave, *next;

	grave = NULL;
	pthread_mutex_unlock(&proc_lock);
	for (; pp != NULL; pp = next) {
		next = pp->grave;
		srv_port_destroy(&pp->sp);
		srv_port_release(&pp->sp);
	}
}

/* Queue p's port for destruction (lock held); p keeps no port. */
static void
port_bury(struct proc *p)
{
	if (p->port == NULL)
		return;
	p->port->p = NULL;
	p->port->grave = grave;
	grave = p->port;
	p->port = NULL;
}

/* The live process a request's port stands for (lock held), or NULL. */
struct proc *
proc_caller(srv_port_t sp)
{
	struct proc *p;

	if (sp == NULL || sp->class != &proc_class)
		return NULL;
	p = ((struct proc_port *)sp)->p;
	return p != NULL && !p->zombie ? p : NULL;
}

struct proc *
proc_find(int32_t pid)
{
	return pid > 0 && pid < PROC_PID_LIMIT ? pids[pid] : NULL;
}

struct proc_pgrp *
proc_pgrp_find(int32_t pgid)
{
	return pgid > 0 && pgid < PROC_PID_LIMIT ? pgrps[pgid] : NULL;
}

struct proc *
proc_find_task(mach_port_t task)
{
	struct proc *p;

	for (p = proc_all; p != NULL; p = p->all)
		if (p->task == task && MACH_PORT_VALID(task))
			return p;
	return NULL;
}

/* Ask for (on) or cancel a dead-name notification of name. */
void
proc_watch(mach_port_t name, bool on)
{
	mach_port_t prev = MACH_PORT_NULL;

	mach_port_request_notification(mach_task_self(), name,
	    MACH_NOTIFY_DEAD_NAME, 1, on ? proc_notify : MACH_PORT_NULL,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev);
	if (prev != MACH_PORT_NULL)
		mach_port_deallocate(mach_task_self(), prev);
}

/* Is name a live send right of ours (not null, dead or a receive)? */
bool
proc_send_ok(mach_port_t name)
{
	mach_port_type_t type;

	return MACH_PORT_VALID(name) &&
	    mach_port_type(mach_task_self(), name, &type) == 0 &&
	    (type & MACH_PORT_TYPE_SEND) != 0 &&
	    (type & MACH_PORT_TYPE_RECEIVE) == 0;
}

/*
 * A new reference to the send right name for a reply to move out, taken
 * under the lock (so that the name cannot be released and reused for
 * another right before the reply leaves); null if name is not a live
 * send right.
 */
mach_port_t
proc_send_ref(mach_port_t name)
{
	if (!proc_send_ok(name) || mach_port_mod_refs(mach_task_self(), name,
	    MACH_PORT_RIGHT_SEND, 1) != 0)
		return MACH_PORT_NULL;
	return name;
}

/* A free pid (not a process's, group's or session's), or 0. */
static int32_t
pid_alloc(void)
{
	int32_t i, pid;

	for (i = 1; i < PROC_PID_LIMIT; i++) {
		pid = next_pid;
		next_pid = next_pid + 1 < PROC_PID_LIMIT ? next_pid + 1 : 2;
		if (pids[pid] == NULL && pgrps[pid] == NULL &&
		    sessions[pid] == NULL)
			return pid;
	}
	return 0;
}

struct proc_session *
proc_session_new(struct proc *leader)
{
	struct proc_session *s = calloc(1, sizeof(*s));

	if (s == NULL)
		return NULL;
	s->sid = leader->pid;
	s->leader = leader;
	sessions[s->sid] = s;
	nsessions++;
	return s;
}

static void
session_unref(struct proc_session *s)
{
	if (--s->npgrps != 0)
		return;
	sessions[s->sid] = NULL;
	nsessions--;
	if (MACH_PORT_VALID(s->ctty) || s->ctty == MACH_PORT_DEAD)
		mach_port_deallocate(mach_task_self(), s->ctty);
	free(s);
}

/* p leaves its group; an empty group goes, and its session with it. */
static void
pgrp_leave(struct proc *p)
{
	struct proc_pgrp *g = p->pg;
	struct proc **pp;

	if (g == NULL)
		return;
	for (pp = &g->members; *pp != p; pp = &(*pp)->pgnext)
		;
	*pp = p->pgnext;
	p->pg = NULL;
	if (g->members != NULL)
		return;
	pgrps[g->pgid] = NULL;
	npgrps--;
	session_unref(g->s);
	free(g);
}

void
proc_pgrp_join(struct proc *p, struct proc_pgrp *g)
{
	if (p->pg == g)
		return;
	pgrp_leave(p);
	p->pg = g;
	p->pgnext = g->members;
	g->members = p;
}

/* A new group with id p's pid in session s, and p joins it.  ENOMEM. */
int
proc_pgrp_new(struct proc *p, struct proc_session *s)
{
	struct proc_pgrp *g = calloc(1, sizeof(*g));

	if (g == NULL)
		return ENOMEM;
	g->pgid = p->pid;
	g->s = s;
	s->npgrps++;
	pgrps[g->pgid] = g;
	npgrps++;
	proc_pgrp_join(p, g);
	return 0;
}

/* A new proc port object for p (lock held).  ENOMEM. */
static int
port_new(struct proc *p)
{
	struct proc_port *pp;

	if (srv_port_create(&proc_bucket, &proc_class, sizeof(*pp), &pp) != 0)
		return ENOMEM;
	pp->p = p;
	port_bury(p);
	p->port = pp;
	return 0;
}

/* A send right to p's port in proc's space (to move out); a new port if
   the old one died of no-senders.  ENOMEM. */
int
proc_port_send(struct proc *p, mach_port_t *name)
{
	if (p->port != NULL && srv_port_make_send(&p->port->sp, name) == 0)
		return 0;
	if (port_new(p) != 0)
		return ENOMEM;
	return srv_port_make_send(&p->port->sp, name) == 0 ? 0 : ENOMEM;
}

/*
 * A process for task (a send right, now p's), child of parent (NULL:
 * init, which gets session and group 1), in its group, with its ids.
 * Lock held.  EAGAIN (no pid), ENOMEM.
 */
int
proc_create(struct proc *parent, mach_port_t task, struct proc **pp)
{
	struct proc *p = calloc(1, sizeof(*p));
	struct proc_session *s;

	if (p == NULL)
		return ENOMEM;
	if ((p->pid = pid_alloc()) == 0) {
		free(p);
		return EAGAIN;
	}
	if (port_new(p) != 0) {
		free(p);
		return ENOMEM;
	}
	p->uid = parent != NULL ? parent->uid : PROC_UID_NONE;
	if (parent != NULL) {
		p->nargs = parent->nargs;
		memcpy(p->args, parent->args, parent->nargs);
		proc_pgrp_join(p, parent->pg);
	} else if ((s = proc_session_new(p)) == NULL ||
	    proc_pgrp_new(p, s) != 0) {
		if (s != NULL) {
			sessions[s->sid] = NULL;
			nsessions--;
			free(s);
		}
		port_bury(p);
		free(p);
		return ENOMEM;
	}
	p->parent = parent;
	if (parent != NULL) {
		p->sib = parent->children;
		parent->children = p;
	}
	p->task = task;
	p->all = proc_all;
	proc_all = p;
	pids[p->pid] = p;
	proc_count++;
	proc_watch(task, true);
	*pp = p;
	return 0;
}

/* Remove p from its parent's children. */
static void
unlink_child(struct proc *p)
{
	struct proc **pp;

	if (p->parent == NULL)
		return;
	for (pp = &p->parent->children; *pp != p; pp = &(*pp)->sib)
		;
	*pp = p->sib;
	p->parent = NULL;
}

/* The end of a zombie: its pid, group membership, port, rights, record. */
void
proc_reap(struct proc *p)
{
	struct proc **pp;

	unlink_child(p);
	pgrp_leave(p);
	for (pp = &proc_all; *pp != p; pp = &(*pp)->all)
		;
	*pp = p->all;
	pids[p->pid] = NULL;
	proc_count--;
	port_bury(p);
	if (p->task != MACH_PORT_NULL) {
		proc_watch(p->task, false);
		mach_port_deallocate(mach_task_self(), p->task);
	}
	if (p->msgport != MACH_PORT_NULL)
		mach_port_deallocate(mach_task_self(), p->msgport);
	free(p);
}

void
proc_counts(int32_t *ngrp, int32_t *nsess, int32_t *nwait)
{
	struct proc *p;

	*ngrp = npgrps;
	*nsess = nsessions;
	*nwait = 0;
	for (p = proc_all; p != NULL; p = p->all)
		*nwait += p->nwaiters;
}
