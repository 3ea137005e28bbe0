/*
 * proc_death.c -- what a parent learns about its children: exit, stop
 * and continue reports, the death of a task (a zombie, "killed" if it
 * never reported its exit), proc_wait with its deferred replies, the
 * re-parenting of orphans to init, and the detection of process groups
 * that a death orphans (reported to init through proc_orphan_wait).
 */
#include <stdlib.h>
#include <errno.h>
#include <mach/mach_traps.h>
#include <mach/mach_port.h>
#include <mach/mach.h>
#include <mach/mig_errors.h>

#include "proc.h"
#include "proc_S.h"
#include "proc_reply.h"

#define WAIT_OPTIONS	(PROC_WNOHANG | PROC_WUNTRACED | PROC_WCONTINUED)

/* The orphan reports for init, and init's waiting proc_orphan_wait. */
static int32_t orphanq[PROC_ORPHANQ_MAX];
static unsigned orphan_head, orphan_n;
static struct srv_reply orphan_waiter;

/*
 * POSIX: a group is orphaned when the parent of every member is in the
 * group or outside its session.  Zombies are not members.
 */
bool
proc_pgrp_orphaned(struct proc_pgrp *g)
{
	struct proc *m, *par;

	for (m = g->members; m != NULL; m = m->pgnext) {
		par = m->parent;
		if (m->zombie || par == NULL || par->zombie)
			continue;
		if (par->pg != g && par->pg->s == g->s)
			return false;
	}
	return true;
}

unsigned
proc_pgrp_stopped(struct proc_pgrp *g)
{
	struct proc *m;
	unsigned n = 0;

	for (m = g->members; m != NULL; m = m->pgnext)
		n += !m->zombie && m->stopped;
	return n;
}

/* Tell init that group g was orphaned with stopped members. */
static void
orphan_report(struct proc_pgrp *g)
{
	unsigned i;

	if (orphan_waiter.port != MACH_PORT_NULL) {
		proc_watch(orphan_waiter.port, false);
		if (proc_orphan_wait_reply(orphan_waiter.port,
		    orphan_waiter.poly, 0, g->pgid) != 0)
			mach_port_deallocate(mach_task_self(),
			    orphan_waiter.port);
		orphan_waiter.port = MACH_PORT_NULL;
		return;
	}
	for (i = 0; i < orphan_n; i++)
		if (orphanq[(orphan_head + i) % PROC_ORPHANQ_MAX] == g->pgid)
			return;
	if (orphan_n == PROC_ORPHANQ_MAX) {	/* the oldest goes */
		orphan_head = (orphan_head + 1) % PROC_ORPHANQ_MAX;
		orphan_n--;
	}
	orphanq[(orphan_head + orphan_n++) % PROC_ORPHANQ_MAX] = g->pgid;
}

/* Does child c match proc_wait's pid for parent par? */
static bool
wait_selects(struct proc *par, struct proc *c, int32_t pid)
{
	if (pid > 0)
		return c->pid == pid;
	if (pid == -1)
		return true;
	if (pid == 0)
		return c->pg == par->pg;
	return c->pg->pgid == -pid;
}

/*
 * The first reportable event of a child of par that pid and options
 * select: 0 with *status and *rpid (a zombie is reaped), EAGAIN if
 * some child matches but has nothing to report, ECHILD if none matches.
 */
static int
wait_match(struct proc *par, int32_t pid, int32_t options, int32_t *status,
    int32_t *rpid)
{
	struct proc *c;
	bool any = false;

	for (c = par->children; c != NULL; c = c->sib) {
		if (!wait_selects(par, c, pid))
			continue;
		any = true;
		*rpid = c->pid;
		if (c->zombie) {
			*status = c->status;
			proc_reap(c);
			return 0;
		}
		if (c->report != 0 && ((c->report == PROC_W_CONTINUED &&
		    (options & PROC_WCONTINUED)) ||
		    (c->report != PROC_W_CONTINUED &&
		    (options & PROC_WUNTRACED)))) {
			*status = c->report;
			c->report = 0;
			return 0;
		}
	}
	return any ? EAGAIN : ECHILD;
}

/* Answer w with code, status and rpid; the reply right is used up. */
static void
waiter_answer(struct proc_waiter *w, kern_return_t code, int32_t status,
    int32_t rpid)
{
	proc_watch(w->reply.port, false);
	if (proc_wait_reply(w->reply.port, w->reply.poly, code, status,
	    rpid) != 0)
		mach_port_deallocate(mach_task_self(), w->reply.port);
	free(w);
}

/* Answer every waiter of parent that has an answer now. */
void
proc_wait_check(struct proc *parent)
{
	struct proc_waiter **wp = &parent->waiters, *w;
	int32_t status = 0, rpid = 0;
	int err;

	while ((w = *wp) != NULL) {
		err = wait_match(parent, w->pid, w->options, &status, &rpid);
		if (err == EAGAIN) {
			wp = &w->next;
			continue;
		}
		*wp = w->next;
		parent->nwaiters--;
		waiter_answer(w, err, err ? 0 : status, err ? 0 : rpid);
	}
}

/* p's blocked waits end with code (p died). */
void
proc_waiters_drop(struct proc *p, kern_return_t code)
{
	struct proc_waiter *w;

	while ((w = p->waiters) != NULL) {
		p->waiters = w->next;
		p->nwaiters--;
		waiter_answer(w, code, 0, 0);
	}
}

/*
 * A reply port proc keeps died (its waiter gave up or died): forget the
 * wait.  Returns whether name was one.
 */
bool
proc_reply_died(mach_port_t name)
{
	struct proc_waiter **wp, *w;
	struct proc *p;

	if (orphan_waiter.port == name && name != MACH_PORT_NULL) {
		mach_port_deallocate(mach_task_self(), name);
		orphan_waiter.port = MACH_PORT_NULL;
		return true;
	}
	for (p = proc_all; p != NULL; p = p->all)
		for (wp = &p->waiters; (w = *wp) != NULL; wp = &w->next)
			if (w->reply.port == name) {
				*wp = w->next;
				p->nwaiters--;
				mach_port_deallocate(mach_task_self(), name);
				free(w);
				return true;
			}
	return false;
}

/* The groups whose orphaned state p's death may change: its own, and
   its children's.  Up to n of them in g[], each once. */
static unsigned
affected_groups(struct proc *p, struct proc_pgrp **g, bool *was, unsigned n)
{
	struct proc *c;
	unsigned k = 0, i;

	g[k] = p->pg;
	was[k] = proc_pgrp_orphaned(p->pg);
	k++;
	for (c = p->children; c != NULL && k < n; c = c->sib) {
		for (i = 0; i < k && g[i] != c->pg; i++)
			;
		if (i < k)
			continue;
		g[k] = c->pg;
		was[k++] = proc_pgrp_orphaned(c->pg);
	}
	return k;
}

/*
 * p's children go to init (or, if init is dead or p, to nobody).
 * Returns init if it got any (its waits are to be checked), else NULL.
 */
static struct proc *
reparent_children(struct proc *p)
{
	struct proc *init = proc_find(1), *c;
	bool moved = false;

	if (init != NULL && (init == p || init->zombie))
		init = NULL;
	while ((c = p->children) != NULL) {
		p->children = c->sib;
		c->parent = init;
		c->sib = NULL;
		if (init != NULL) {
			c->sib = init->children;
			init->children = c;
			moved = true;
		} else if (c->zombie) {
			proc_reap(c);
		}
	}
	return moved ? init : NULL;
}

/*
 * p's task died (lock held): p becomes a zombie with the status it
 * reported, or "killed by SIGKILL"; its waits end, its children go to
 * init, groups it orphans are reported, its parent's waits see it.
 */
void
proc_task_died(struct proc *p)
{
	struct proc_pgrp *g[16];
	struct proc *init, *par;
	bool was[16];
	unsigned n, i;

	mach_port_deallocate(mach_task_self(), p->task);
	p->task = MACH_PORT_NULL;
	n = affected_groups(p, g, was, 16);
	p->zombie = true;
	p->status = p->exiting ? p->status : PROC_W_SIGNALED(PROC_SIGKILL);
	p->report = 0;
	proc_waiters_drop(p, EINTR);
	if (p->msgport != MACH_PORT_NULL)
		mach_port_deallocate(mach_task_self(), p->msgport);
	p->msgport = MACH_PORT_NULL;
	if (p->pg->s->leader == p) {	/* the terminal is nobody's now */
		p->pg->s->leader = NULL;
		if (p->pg->s->ctty != MACH_PORT_NULL)
			mach_port_deallocate(mach_task_self(), p->pg->s->ctty);
		p->pg->s->ctty = MACH_PORT_NULL;
	}
	init = reparent_children(p);
	for (i = 0; i < n; i++)
		if (!was[i] && proc_pgrp_orphaned(g[i]) &&
		    proc_pgrp_stopped(g[i]) != 0)
			orphan_report(g[i]);
	/* p may be reaped by either check: not used after them. */
	if ((par = p->parent) == NULL)
		proc_reap(p);
	if (init != NULL && init != par)
		proc_wait_check(init);
	if (par != NULL)
		proc_wait_check(par);
}

/* A valid status word for proc_mark_exit: exited, or killed by a signal. */
static bool
exit_status_ok(int32_t st)
{
	if (st < 0 || st > 0xffff)
		return false;
	if ((st & 0x7f) == 0)
		return (st & 0x80) == 0;
	return (st & 0x7f) != 0x7f && (st & 0x7f) < PROC_NSIG &&
	    (st & 0xff00) == 0;
}

kern_return_t
S_proc_mark_exit(srv_port_t process, int32_t status)
{
	struct proc *p;
	int err = 0;

	pthread_mutex_lock(&proc_lock);
	if ((p = proc_caller(process)) == NULL)
		err = EOPNOTSUPP;
	else if (!exit_status_ok(status))
		err = EINVAL;
	else {
		p->exiting = true;
		p->status = status;
	}
	proc_unlock();
	return err;
}

/* A stop or continue report: the parent's waits may take it. */
static int
mark(srv_port_t process, bool stop, int32_t signo)
{
	struct proc *p;
	int err = 0;

	pthread_mutex_lock(&proc_lock);
	if ((p = proc_caller(process)) == NULL)
		err = EOPNOTSUPP;
	else if (stop && (signo <= 0 || signo >= PROC_NSIG))
		err = EINVAL;
	else if (p->stopped != stop) {
		p->stopped = stop;
		p->report = stop ? PROC_W_STOPPED(signo) : PROC_W_CONTINUED;
		if (p->parent != NULL)
			proc_wait_check(p->parent);
	}
	proc_unlock();
	return err;
}

kern_return_t
S_proc_mark_stop(srv_port_t process, int32_t signo)
{
	return mark(process, true, signo);
}

kern_return_t
S_proc_mark_cont(srv_port_t process)
{
	return mark(process, false, 0);
}

/* Keep the request's reply in a new waiter of p.  0, EAGAIN, ENOMEM. */
static int
wait_defer(struct proc *p, int32_t pid, int32_t options)
{
	struct proc_waiter *w;

	if (p->nwaiters >= PROC_WAITERS_MAX)
		return EAGAIN;
	if ((w = calloc(1, sizeof(*w))) == NULL)
		return ENOMEM;
	/* Only a send-once reply right: a send right could make proc wait
	   on a full queue. */
	if (srv_reply_defer(&w->reply) != 0 ||
	    w->reply.poly != MACH_MSG_TYPE_PORT_SEND_ONCE) {
		free(w);
		return EINVAL;
	}
	w->pid = pid;
	w->options = options;
	w->next = p->waiters;
	p->waiters = w;
	p->nwaiters++;
	proc_watch(w->reply.port, true);
	return MIG_NO_REPLY;
}

kern_return_t
S_proc_wait(srv_port_t process, mach_port_t reply, int32_t pid, int32_t options,
    int32_t *status, int32_t *rpid)
{
	struct proc *p;
	int err;

	(void)reply;
	pthread_mutex_lock(&proc_lock);
	if ((p = proc_caller(process)) == NULL)
		err = EOPNOTSUPP;
	else if ((options & ~WAIT_OPTIONS) != 0 || pid == INT32_MIN)
		err = EINVAL;
	else if ((err = wait_match(p, pid, options, status, rpid)) == EAGAIN) {
		if (options & PROC_WNOHANG) {
			*status = *rpid = 0;
			err = 0;
		} else {
			err = wait_defer(p, pid, options);
		}
	}
	proc_unlock();
	return err;
}

kern_return_t
S_proc_orphan_wait(srv_port_t process, mach_port_t reply, int32_t *pgid)
{
	struct proc *p;
	int err = 0;

	(void)reply;
	pthread_mutex_lock(&proc_lock);
	if ((p = proc_caller(process)) == NULL)
		err = EOPNOTSUPP;
	else if (p->pid != 1)
		err = EPERM;
	else if (orphan_n != 0) {
		*pgid = orphanq[orphan_head];
		orphan_head = (orphan_head + 1) % PROC_ORPHANQ_MAX;
		orphan_n--;
	} else if (orphan_waiter.port != MACH_PORT_NULL)
		err = EBUSY;
	else if (srv_reply_defer(&orphan_waiter) != 0 ||
	    orphan_waiter.poly != MACH_MSG_TYPE_PORT_SEND_ONCE) {
		orphan_waiter.port = MACH_PORT_NULL;
		err = EINVAL;
	}
	else {
		proc_watch(orphan_waiter.port, true);
		err = MIG_NO_REPLY;
	}
	proc_unlock();
	return err;
}
