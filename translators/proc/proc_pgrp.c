/*
 * proc_pgrp.c -- process groups and sessions with POSIX's rules
 * (setpgid, setsid, getpgid, getsid), the controlling terminal of a
 * session (set by its leader, read by its members), and the orphaned
 * state of a group.
 */
#include <errno.h>
#include <mach/mach_traps.h>
#include <mach/mach_port.h>
#include <mach/mach.h>

#include "proc.h"
#include "proc_S.h"

/* The target of setpgid(pid): the caller or one of its children. */
static int
setpgid_target(struct proc *c, int32_t pid, struct proc **tp)
{
	struct proc *t = pid == 0 ? c : proc_find(pid);

	if (pid < 0)
		return EINVAL;
	if (t == NULL || t->zombie || (t != c && t->parent != c))
		return ESRCH;
	if (t != c && t->execed)
		return EACCES;
	if (t->pg->s->sid == t->pid)		/* a session leader */
		return EPERM;
	if (t->pg->s != c->pg->s)
		return EPERM;
	*tp = t;
	return 0;
}

kern_return_t
S_proc_setpgid(srv_port_t process, int32_t pid, int32_t pgid)
{
	struct proc *c, *t = NULL;
	struct proc_pgrp *g;
	int err;

	pthread_mutex_lock(&proc_lock);
	if ((c = proc_caller(process)) == NULL)
		err = EOPNOTSUPP;
	else if (pgid < 0)
		err = EINVAL;
	else if ((err = setpgid_target(c, pid, &t)) != 0)
		;
	else if (pgid == 0 || pgid == t->pid) {
		g = proc_pgrp_find(t->pid);
		if (g != NULL && g->s != t->pg->s)
			err = EPERM;
		else if (g != NULL)
			proc_pgrp_join(t, g);
		else
			err = proc_pgrp_new(t, t->pg->s);
	} else if ((g = proc_pgrp_find(pgid)) == NULL || g->s != t->pg->s)
		err = EPERM;
	else if (g != t->pg)
		proc_pgrp_join(t, g);
	/* A wait for a group may have lost its last child. */
	if (err == 0 && t->parent != NULL)
		proc_wait_check(t->parent);
	proc_unlock();
	return err;
}

/* The process pid names for a query (0: the caller). */
static struct proc *
query_target(struct proc *c, int32_t pid)
{
	return pid == 0 ? c : proc_find(pid);
}

/* The process group (or, if sid, the session) id of pid as seen by the
 * caller on process.  EOPNOTSUPP ESRCH */
static int
query_id(srv_port_t process, int32_t pid, int sid, int32_t *id)
{
	struct proc *c, *t;
	int err = 0;

	pthread_mutex_lock(&proc_lock);
	if ((c = proc_caller(process)) == NULL)
		err = EOPNOTSUPP;
	else if ((t = query_target(c, pid)) == NULL)
		err = ESRCH;
	else
		*id = sid ? t->pg->s->sid : t->pg->pgid;
	proc_unlock();
	return err;
}

kern_return_t
S_proc_getpgid(srv_port_t process, int32_t pid, int32_t *pgid)
{
	return query_id(process, pid, 0, pgid);
}

kern_return_t
S_proc_getsid(srv_port_t process, int32_t pid, int32_t *sid)
{
	return query_id(process, pid, 1, sid);
}

/* setsid: EPERM if a group with the caller's pid as its id exists. */
kern_return_t
S_proc_setsid(srv_port_t process, int32_t *sid)
{
	struct proc_session *s;
	struct proc *c;
	int err = 0;

	pthread_mutex_lock(&proc_lock);
	if ((c = proc_caller(process)) == NULL)
		err = EOPNOTSUPP;
	else if (proc_pgrp_find(c->pid) != NULL)
		err = EPERM;
	else if ((s = proc_session_new(c)) == NULL)
		err = ENOMEM;
	else if ((err = proc_pgrp_new(c, s)) == 0) {
		*sid = s->sid;
		if (c->parent != NULL)
			proc_wait_check(c->parent);
	}
	proc_unlock();
	return err;
}

/*
 * The session's terminal: only its leader sets it (null clears it).  On
 * success proc keeps the right.  EPERM, EINVAL (a dead name or a port
 * of proc's own).
 */
kern_return_t
S_proc_setctty(srv_port_t process, mach_port_t tty)
{
	struct proc_session *s;
	struct proc *c;
	int err = 0;

	pthread_mutex_lock(&proc_lock);
	if ((c = proc_caller(process)) == NULL)
		err = EOPNOTSUPP;
	else if (c->pg->s->leader != c)
		err = EPERM;
	else if (tty != MACH_PORT_NULL && !proc_send_ok(tty))
		err = EINVAL;
	else {
		s = c->pg->s;
		if (s->ctty != MACH_PORT_NULL)
			mach_port_deallocate(mach_task_self(), s->ctty);
		s->ctty = tty;
	}
	proc_unlock();
	return err;
}

kern_return_t
S_proc_getctty(srv_port_t process, mach_port_t *tty)
{
	struct proc *c;
	int err = 0;

	pthread_mutex_lock(&proc_lock);
	if ((c = proc_caller(process)) == NULL)
		err = EOPNOTSUPP;
	else if ((*tty = proc_send_ref(c->pg->s->ctty)) == MACH_PORT_NULL)
		err = ENXIO;
	proc_unlock();
	return err;
}

kern_return_t
S_proc_pgrp_state(srv_port_t process, int32_t pgid, int32_t *orphaned,
    int32_t *stopped)
{
	struct proc_pgrp *g;
	int err = 0;

	pthread_mutex_lock(&proc_lock);
	if (proc_caller(process) == NULL)
		err = EOPNOTSUPP;
	else if ((g = proc_pgrp_find(pgid)) == NULL)
		err = ESRCH;
	else {
		*orphaned = proc_pgrp_orphaned(g);
		*stopped = proc_pgrp_stopped(g);
	}
	proc_unlock();
	return err;
}
