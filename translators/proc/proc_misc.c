/*
 * proc_misc.c -- registering tasks as processes (proc_child), finding a
 * process's port from its task, pids, message ports and the permission
 * to signal, the identity proc learns from auth, task ports for root,
 * command lines and the listing ps reads.
 */
#include <string.h>
#include <errno.h>
#include <mach/mach_traps.h>
#include <mach/mach_port.h>
#include <mach/mach.h>
#include <mach/task_info.h>

#include "proc.h"
#include "proc_S.h"
#include "auth_types.h"
#include "proc_auth.h"

static unsigned reauth_running;

/* Is task a task port proc may register?  It must answer task_info. */
static bool
task_ok(mach_port_t task)
{
	struct task_basic_info bi;
	mach_msg_type_number_t n = TASK_BASIC_INFO_COUNT;

	if (!proc_send_ok(task) || task == mach_task_self())
		return false;
	return proc_kern_task_info(task, TASK_BASIC_INFO, (int *)&bi,
	    &n) == 0;
}

/* May a process of uid have one more process?  EAGAIN if not. */
static int
limits_ok(int64_t uid)
{
	struct proc *p;
	unsigned n = 0;

	if (proc_count >= PROC_PIDS_MAX)
		return EAGAIN;
	if (uid == 0)
		return 0;
	for (p = proc_all; p != NULL; p = p->all)
		n += p->uid == uid;
	return n >= PROC_PER_UID ? EAGAIN : 0;
}

kern_return_t
S_proc_child(srv_port_t process, mach_port_t task, mach_port_t *child,
    int32_t *pid)
{
	struct proc *par, *p;
	int err;

	if (!task_ok(task))
		return EINVAL;
	pthread_mutex_lock(&proc_lock);
	if ((par = proc_caller(process)) == NULL)
		err = EOPNOTSUPP;
	else if (proc_find_task(task) != NULL)
		err = EBUSY;
	else if ((err = limits_ok(par->uid)) == 0 &&
	    (err = proc_create(par, task, &p)) == 0) {
		*pid = p->pid;
		if (proc_port_send(p, child) != 0)
			*child = MACH_PORT_NULL;	/* task2proc later */
	}
	proc_unlock();
	return err;
}

kern_return_t
S_proc_task2proc(srv_port_t process, mach_port_t task, mach_port_t *port)
{
	struct proc *p;
	int err = 0;

	if (!proc_send_ok(task))
		return EINVAL;
	pthread_mutex_lock(&proc_lock);
	if (proc_caller(process) == NULL)
		err = EOPNOTSUPP;
	else if ((p = proc_find_task(task)) == NULL || p->zombie)
		err = ESRCH;
	else if ((err = proc_port_send(p, port)) == 0)
		mach_port_deallocate(mach_task_self(), task);
	proc_unlock();
	return err;
}

kern_return_t
S_proc_getpids(srv_port_t process, int32_t *pid, int32_t *ppid,
    int32_t *pgrp, int32_t *sid)
{
	struct proc *p;
	int err = 0;

	pthread_mutex_lock(&proc_lock);
	if ((p = proc_caller(process)) == NULL)
		err = EOPNOTSUPP;
	else {
		*pid = p->pid;
		*ppid = p->parent != NULL ? p->parent->pid : 0;
		*pgrp = p->pg->pgid;
		*sid = p->pg->s->sid;
	}
	proc_unlock();
	return err;
}

kern_return_t
S_proc_setmsgport(srv_port_t process, mach_port_t newport,
    mach_port_t *oldport)
{
	struct proc *p;
	int err = 0;

	pthread_mutex_lock(&proc_lock);
	if ((p = proc_caller(process)) == NULL)
		err = EOPNOTSUPP;
	else if (newport != MACH_PORT_NULL && !proc_send_ok(newport))
		err = EINVAL;
	else {
		*oldport = p->msgport;
		if (*oldport != MACH_PORT_NULL && !proc_send_ok(*oldport)) {
			mach_port_deallocate(mach_task_self(), *oldport);
			*oldport = MACH_PORT_NULL;	/* it died */
		}
		p->msgport = newport;
	}
	proc_unlock();
	return err;
}

/* May c signal t?  Itself, as root, or with the same known uid. */
static bool
may_signal(struct proc *c, struct proc *t)
{
	return c == t || c->uid == 0 ||
	    (c->uid != PROC_UID_NONE && c->uid == t->uid);
}

kern_return_t
S_proc_getmsgport(srv_port_t process, int32_t pid, mach_port_t *msgport)
{
	struct proc *c, *t;
	int err = 0;

	pthread_mutex_lock(&proc_lock);
	if ((c = proc_caller(process)) == NULL)
		err = EOPNOTSUPP;
	else if ((t = proc_find(pid)) == NULL)
		err = ESRCH;
	else if (!may_signal(c, t))
		err = EPERM;
	else
		*msgport = proc_send_ref(t->msgport);
	proc_unlock();
	return err;
}

kern_return_t
S_proc_pid2task(srv_port_t process, int32_t pid, mach_port_t *task)
{
	struct proc *c, *t;
	int err = 0;

	pthread_mutex_lock(&proc_lock);
	if ((c = proc_caller(process)) == NULL)
		err = EOPNOTSUPP;
	else if (c->uid != 0)
		err = EPERM;
	else if ((t = proc_find(pid)) == NULL || t->zombie ||
	    (*task = proc_send_ref(t->task)) == MACH_PORT_NULL)
		err = ESRCH;
	proc_unlock();
	return err;
}

kern_return_t
S_proc_mark_exec(srv_port_t process)
{
	struct proc *p;
	int err = 0;

	pthread_mutex_lock(&proc_lock);
	if ((p = proc_caller(process)) == NULL)
		err = EOPNOTSUPP;
	else
		p->execed = true;
	proc_unlock();
	return err;
}

kern_return_t
S_proc_set_args(srv_port_t process, char *args, mach_msg_type_number_t n)
{
	struct proc *p;
	int err = 0;

	pthread_mutex_lock(&proc_lock);
	if ((p = proc_caller(process)) == NULL)
		err = EOPNOTSUPP;
	else if (n > PROC_ARGS_MAX)
		err = EINVAL;
	else {
		memcpy(p->args, args, n);
		p->nargs = n;
	}
	proc_unlock();
	return err;
}

/*
 * proc_reauthenticate: proc learns the caller's ids from auth (its
 * euid, or none).  The call waits in this worker for the client's half
 * of the rendezvous, 2 s at most (proc_auth.defs); at most
 * PROC_REAUTH_MAX run at once, one per process.
 */
kern_return_t
S_proc_reauthenticate(srv_port_t process, mach_port_t rendezvous)
{
	struct auth_ids ids;
	struct proc *p;
	kern_return_t kr;

	if (!proc_send_ok(rendezvous))
		return EINVAL;
	pthread_mutex_lock(&proc_lock);
	if ((p = proc_caller(process)) == NULL || p->reauth ||
	    reauth_running >= PROC_REAUTH_MAX) {
		proc_unlock();
		return p == NULL ? EOPNOTSUPP : EBUSY;
	}
	p->reauth = true;
	reauth_running++;
	proc_unlock();
	memset(&ids, 0, sizeof(ids));
	kr = proc_auth_server_authenticate(proc_auth, rendezvous,
	    MACH_MSG_TYPE_MOVE_SEND, MACH_PORT_NULL, MACH_MSG_TYPE_COPY_SEND,
	    &ids);
	if ((kr & 0xffffc000) == 0x10000000)	/* not sent: still ours */
		mach_port_deallocate(mach_task_self(), rendezvous);
	pthread_mutex_lock(&proc_lock);
	reauth_running--;
	if ((p = ((struct proc_port *)process)->p) != NULL) {
		p->reauth = false;
		if (kr == 0 && !p->zombie)
			p->uid = ids.n[AUTH_EUIDS] > 0 && ids.n[AUTH_EUIDS] <=
			    AUTH_IDS_MAX ? ids.id[AUTH_EUIDS][0] :
			    PROC_UID_NONE;
	}
	proc_unlock();
	return 0;
}

kern_return_t
S_proc_getallpids(srv_port_t process, int32_t *pids,
    mach_msg_type_number_t *n)
{
	struct proc *p;
	unsigned i = 0;
	int err = 0;

	pthread_mutex_lock(&proc_lock);
	if (proc_caller(process) == NULL)
		err = EOPNOTSUPP;
	else
		for (p = proc_all; p != NULL && i < PROC_PIDS_MAX; p = p->all)
			pids[i++] = p->pid;
	*n = i;
	proc_unlock();
	return err;
}

/* t's record for the listing (lock held); a reference to its task. */
static mach_port_t
info_fill(struct proc *t, int64_t *info, char *args,
    mach_msg_type_number_t *nargs)
{
	struct proc_session *s = t->pg->s;

	memset(info, 0, PROC_I_WORDS * sizeof(*info));
	info[PROC_I_PID] = t->pid;
	info[PROC_I_PPID] = t->parent != NULL ? t->parent->pid : 0;
	info[PROC_I_PGRP] = t->pg->pgid;
	info[PROC_I_SID] = s->sid;
	info[PROC_I_UID] = t->uid;
	info[PROC_I_STATE] = (t->zombie ? PROC_S_ZOMBIE : 0) |
	    (t->stopped ? PROC_S_STOPPED : 0) |
	    (t->execed ? PROC_S_EXECED : 0) |
	    (s->leader == t ? PROC_S_LEADER : 0) |
	    (t->exiting && !t->zombie ? PROC_S_EXITING : 0) |
	    (t->task == MACH_PORT_NULL ? PROC_S_NOTASK : 0);
	info[PROC_I_STATUS] = t->zombie ? t->status : 0;
	memcpy(args, t->args, t->nargs);
	*nargs = t->nargs;
	if (t->task == MACH_PORT_NULL || mach_port_mod_refs(mach_task_self(),
	    t->task, MACH_PORT_RIGHT_SEND, 1) != 0)
		return MACH_PORT_NULL;
	return t->task;
}

static int64_t
usec(const rpc_time_value_t *t)
{
	return (int64_t)t->seconds * 1000000 + t->microseconds;
}

/* CPU times and size from the kernel (asked without the lock). */
static void
info_times(mach_port_t task, int64_t *info)
{
	struct task_basic_info bi;
	struct task_thread_times_info tt;
	mach_msg_type_number_t n = TASK_BASIC_INFO_COUNT;

	if (proc_kern_task_info(task, TASK_BASIC_INFO, (int *)&bi, &n) == 0) {
		info[PROC_I_UTIME_US] = usec(&bi.user_time);
		info[PROC_I_STIME_US] = usec(&bi.system_time);
		info[PROC_I_VSIZE] = bi.virtual_size;
	}
	n = TASK_THREAD_TIMES_INFO_COUNT;
	if (proc_kern_task_info(task, TASK_THREAD_TIMES_INFO, (int *)&tt,
	    &n) == 0) {
		info[PROC_I_UTIME_US] += usec(&tt.user_time);
		info[PROC_I_STIME_US] += usec(&tt.system_time);
	}
	mach_port_deallocate(mach_task_self(), task);
}

kern_return_t
S_proc_getprocinfo(srv_port_t process, int32_t pid, procinfo_t *info,
    char *args, mach_msg_type_number_t *nargs)
{
	mach_port_t task = MACH_PORT_NULL;
	struct proc *c, *t;
	int err = 0;

	pthread_mutex_lock(&proc_lock);
	if ((c = proc_caller(process)) == NULL)
		err = EOPNOTSUPP;
	else if ((t = pid == 0 ? c : proc_find(pid)) == NULL)
		err = ESRCH;
	else
		task = info_fill(t, info->w, args, nargs);
	proc_unlock();
	if (task != MACH_PORT_NULL)
		info_times(task, info->w);
	return err;
}

kern_return_t
S_proc_debug_counts(srv_port_t process, int32_t *procs, int32_t *waiters,
    int32_t *pgrps, int32_t *sessions, int32_t *names, int32_t *objects)
{
	mach_port_name_array_t namev = NULL;
	mach_port_type_array_t typev = NULL;
	mach_msg_type_number_t n = 0, m = 0;
	int err = 0;

	pthread_mutex_lock(&proc_lock);
	if (proc_caller(process) == NULL || !proc_debug)
		err = EOPNOTSUPP;
	else if (mach_port_names(mach_task_self(), &namev, &n, &typev,
	    &m) != 0)
		err = ENOMEM;
	else {
		vm_deallocate(mach_task_self(), (vm_address_t)namev,
		    n * sizeof(*namev));
		vm_deallocate(mach_task_self(), (vm_address_t)typev,
		    m * sizeof(*typev));
		*procs = proc_count;
		proc_counts(pgrps, sessions, waiters);
		*names = n;
		*objects = srv_port_count();
	}
	proc_unlock();
	return err;
}
