/*
 * proctest_init.c -- the proc tests' init: proc makes this task pid 1,
 * hands it its proc port (bootstrap port) and a root auth handle
 * (PROC_BOOT_AUTH).  Its children are empty tasks (pt_common.h), plus
 * the victim module, whose task it gets as argv[1].  Checks pids and
 * parents, wait statuses, zombies, orphans, groups and sessions, the
 * controlling terminal, identities and kill permission, the listing,
 * malformed requests, and that 200 cycles leave proc as it was.
 */
#include <stdlib.h>
#include <pthread.h>
#include <mach/mig_errors.h>
#include "pt_common.h"

static mach_port_t init, root;	/* our proc port, our auth handle */

#define PT_PER_UID	64	/* proc's PROC_PER_UID */

struct child {
	mach_port_t	task, proc;
	int32_t		pid;
};

/* A new child process of parent (a proc port) for a new empty task. */
static struct child
spawn(mach_port_t parent)
{
	struct child c = { MACH_PORT_NULL, MACH_PORT_NULL, 0 };

	CHECK(task_create(mach_task_self(), FALSE, &c.task) == 0);
	CHECK(proc_child(parent, c.task, &c.proc, &c.pid) == 0);
	CHECK(c.pid > 1);
	return c;
}

/* The child's task dies (after reporting status, unless -1). */
static void
end(struct child *c, int status)
{
	if (status != -1)
		CHECK(proc_mark_exit(c->proc, status) == 0);
	CHECK(task_terminate(c->task) == 0);
	mach_port_deallocate(mach_task_self(), c->task);
	mach_port_deallocate(mach_task_self(), c->proc);
}

/* Reap pid as parent's child (blocking); its status must be want. */
static void
reap(mach_port_t parent, int32_t pid, int32_t want)
{
	int32_t st = -1, got = -1;

	CHECK(proc_wait(parent, pid, 0, &st, &got) == 0);
	CHECK((pid > 0 ? got == pid : got > 1) && st == want);
	if (st != want)
		printf("  pid %d: status %#x, want %#x\n", pid, st, want);
}

static int64_t
info(mach_port_t caller, int32_t pid, int word)
{
	procinfo_t in;
	char args[PROC_ARGS_MAX];
	mach_msg_type_number_t n = sizeof(args);

	if (proc_getprocinfo(caller, pid, &in, args, &n) != 0)
		return -2;
	return in.w[word];
}

/* proc learns identities a little after auth answers the client. */
static int
wait_uid(int32_t pid, int64_t uid)
{
	int i;

	for (i = 0; i < 200 && info(init, pid, PROC_I_UID) != uid; i++)
		usleep(10000);
	return info(init, pid, PROC_I_UID) == uid;
}

/* The caller (proc port) proves to proc that it holds handle. */
static void
reauth(mach_port_t proc, mach_port_t handle)
{
	mach_port_t r = pt_port(), np = MACH_PORT_NULL;

	CHECK(proc_reauthenticate(proc, r, MACH_MSG_TYPE_MAKE_SEND) == 0);
	CHECK(auth_user_authenticate(handle, r, MACH_MSG_TYPE_MAKE_SEND,
	    &np) == 0);
	CHECK(np == MACH_PORT_NULL);
	mach_port_destroy(mach_task_self(), r);
}

static mach_port_t
make_handle(int uid)
{
	struct auth_ids ids;
	mach_port_t h = MACH_PORT_NULL;

	memset(&ids, 0, sizeof(ids));
	ids.n[AUTH_EUIDS] = ids.n[AUTH_EGIDS] = 1;
	ids.id[AUTH_EUIDS][0] = uid;
	ids.id[AUTH_EGIDS][0] = uid;
	CHECK(auth_makeauth(root, NULL, 0, ids, &h) == 0);
	return h;
}

struct counts {
	int32_t procs, waiters, pgrps, sessions, names, objects;
};

static struct counts
counts(void)
{
	struct counts c;

	memset(&c, 0xff, sizeof(c));
	CHECK(proc_debug_counts(init, &c.procs, &c.waiters, &c.pgrps,
	    &c.sessions, &c.names, &c.objects) == 0);
	return c;
}

/* Wait (up to 5 s) until proc's counts are *want; whether they were. */
static int
settle(const struct counts *want)
{
	struct counts c;
	int i;

	for (i = 0; i < 500; i++) {
		c = counts();
		if (memcmp(&c, want, sizeof(c)) == 0)
			return 1;
		usleep(10000);
	}
	printf("  counts: %d procs %d waiters %d pgrps %d sessions %d names "
	    "%d objects, want %d %d %d %d %d %d\n", c.procs, c.waiters,
	    c.pgrps, c.sessions, c.names, c.objects, want->procs,
	    want->waiters, want->pgrps, want->sessions, want->names,
	    want->objects);
	return 0;
}

static void
check_pids(void)
{
	int32_t pid, ppid, pgrp, sid;
	struct child c = spawn(init), g;
	mach_port_t p = MACH_PORT_NULL, mine = pt_port();

	CHECK(proc_getpids(init, &pid, &ppid, &pgrp, &sid) == 0);
	CHECK(pid == 1 && ppid == 0 && pgrp == 1 && sid == 1);
	CHECK(proc_getpids(c.proc, &pid, &ppid, &pgrp, &sid) == 0);
	CHECK(pid == c.pid && ppid == 1 && pgrp == 1 && sid == 1);
	g = spawn(c.proc);
	CHECK(proc_getpids(g.proc, &pid, &ppid, &pgrp, &sid) == 0);
	CHECK(pid == g.pid && ppid == c.pid && pgrp == 1);
	/* Registered once; a task, not a port of ours; not null. */
	CHECK(proc_child(init, c.task, &p, &pid) == EBUSY);
	mach_port_insert_right(mach_task_self(), mine, mine,
	    MACH_MSG_TYPE_MAKE_SEND);
	CHECK(proc_child(init, mine, &p, &pid) == EINVAL);
	CHECK(proc_child(init, MACH_PORT_NULL, &p, &pid) == EINVAL);
	CHECK(proc_task2proc(init, c.task, &p) == 0 && p == c.proc);
	mach_port_deallocate(mach_task_self(), p);
	CHECK(proc_task2proc(init, mine, &p) == ESRCH);
	mach_port_destroy(mach_task_self(), mine);
	end(&g, PROC_W_EXITED(0));
	reap(c.proc, g.pid, 0);
	end(&c, PROC_W_EXITED(0));
	reap(init, c.pid, 0);
}

static void
check_exit_statuses(void)
{
	struct child a = spawn(init), b = spawn(init);
	int32_t st, pid;

	CHECK(proc_wait(init, a.pid, PROC_WNOHANG, &st, &pid) == 0 &&
	    pid == 0);
	CHECK(proc_mark_exit(a.proc, 0x7f) == EINVAL);
	CHECK(proc_mark_exit(a.proc, 0x10000) == EINVAL);
	CHECK(proc_mark_exit(a.proc, 0x17f) == EINVAL);
	CHECK(proc_mark_exit(a.proc, PROC_W_EXITED(3)) == 0);
	/* Marked, but its task lives: nothing to report yet. */
	CHECK(proc_wait(init, a.pid, PROC_WNOHANG, &st, &pid) == 0 &&
	    pid == 0);
	CHECK(info(init, a.pid, PROC_I_STATE) & PROC_S_EXITING);
	end(&a, -1);
	reap(init, a.pid, PROC_W_EXITED(3));
	end(&b, -1);		/* never reported: killed */
	reap(init, b.pid, PROC_W_SIGNALED(PROC_SIGKILL));
	CHECK(proc_wait(init, a.pid, 0, &st, &pid) == ECHILD);
	CHECK(proc_wait(init, -1, 0x40, &st, &pid) == EINVAL);
	CHECK(proc_wait(init, 424242, PROC_WNOHANG, &st, &pid) == ECHILD);
}

static void
check_stop_cont(void)
{
	struct child a = spawn(init);
	int32_t st, pid;

	CHECK(proc_mark_stop(a.proc, 0) == EINVAL);
	CHECK(proc_mark_stop(a.proc, 19) == 0);
	CHECK(proc_wait(init, a.pid, PROC_WNOHANG, &st, &pid) == 0 &&
	    pid == 0);
	CHECK(info(init, a.pid, PROC_I_STATE) & PROC_S_STOPPED);
	CHECK(proc_wait(init, a.pid, PROC_WNOHANG | PROC_WUNTRACED, &st,
	    &pid) == 0 && pid == a.pid && st == PROC_W_STOPPED(19));
	CHECK(st == 0x137f);
	CHECK(proc_wait(init, a.pid, PROC_WNOHANG | PROC_WUNTRACED, &st,
	    &pid) == 0 && pid == 0);
	CHECK(proc_mark_cont(a.proc) == 0);
	CHECK(proc_wait(init, -1, PROC_WNOHANG | PROC_WCONTINUED, &st,
	    &pid) == 0 && pid == a.pid && st == 0xffff);
	end(&a, PROC_W_EXITED(1));
	reap(init, -1, PROC_W_EXITED(1));
}

struct waitcall {
	int32_t		pid, st, got;
	kern_return_t	kr;
	volatile int	done;
};

static void *
wait_thread(void *arg)
{
	struct waitcall *w = arg;

	w->kr = proc_wait(init, w->pid, 0, &w->st, &w->got);
	w->done = 1;
	return NULL;
}

/* A wait that blocks is answered when the child exits. */
static void
check_blocking_wait(void)
{
	struct child a = spawn(init);
	struct waitcall w = { 0, 0, 0, -1, 0 };
	struct counts c = counts();
	pthread_t t;

	CHECK(pthread_create(&t, NULL, wait_thread, &w) == 0);
	usleep(100000);
	CHECK(!w.done);
	CHECK(counts().waiters == c.waiters + 1);
	end(&a, PROC_W_EXITED(42));
	pthread_join(t, NULL);
	CHECK(w.kr == 0 && w.got == a.pid && w.st == PROC_W_EXITED(42));
	CHECK(counts().waiters == c.waiters);
}

/* A wait for init's group loses its only child to setpgid: ECHILD. */
static void
check_wait_group_left(void)
{
	struct child a = spawn(init);
	struct waitcall w = { 0, 0, 0, -1, 0 };
	pthread_t t;

	CHECK(pthread_create(&t, NULL, wait_thread, &w) == 0);
	usleep(100000);
	CHECK(!w.done);
	CHECK(proc_setpgid(init, a.pid, 0) == 0);
	pthread_join(t, NULL);
	CHECK(w.kr == ECHILD);
	end(&a, PROC_W_EXITED(0));
	reap(init, a.pid, 0);
}

static int
waiters_are(int32_t n)
{
	int i;

	for (i = 0; i < 500 && counts().waiters != n; i++)
		usleep(10000);
	return counts().waiters == n;
}

/* The victim waits in proc_wait and is killed: proc forgets the wait. */
static void
check_dead_waiter(mach_port_t vtask)
{
	struct child v = { vtask, MACH_PORT_NULL, 0 }, vc;
	struct counts c = counts();
	int32_t ppid, x;

	CHECK(proc_child(init, vtask, &v.proc, &v.pid) == 0);
	vc = spawn(v.proc);
	CHECK(mach_port_insert_right(vtask, PT_PROC, v.proc,
	    MACH_MSG_TYPE_COPY_SEND) == 0);
	CHECK(task_resume(vtask) == 0);
	CHECK(waiters_are(c.waiters + 1));
	end(&v, -1);
	CHECK(waiters_are(c.waiters));
	reap(init, v.pid, PROC_W_SIGNALED(PROC_SIGKILL));
	/* Its child is init's now. */
	CHECK(proc_getpids(vc.proc, &x, &ppid, &x, &x) == 0 && ppid == 1);
	end(&vc, PROC_W_EXITED(7));
	reap(init, vc.pid, PROC_W_EXITED(7));
}

/* A zombie stays (listed) until reaped; orphans go to init. */
static void
check_zombies_orphans(void)
{
	struct child a = spawn(init), g = spawn(a.proc), z = spawn(g.proc);
	int32_t x, ppid;

	end(&z, PROC_W_EXITED(5));	/* g does not reap it */
	usleep(50000);
	CHECK(info(init, z.pid, PROC_I_STATE) & PROC_S_ZOMBIE);
	CHECK(info(init, z.pid, PROC_I_STATUS) == PROC_W_EXITED(5));
	end(&a, -1);
	reap(init, a.pid, PROC_W_SIGNALED(PROC_SIGKILL));
	CHECK(proc_getpids(g.proc, &x, &ppid, &x, &x) == 0 && ppid == 1);
	end(&g, PROC_W_EXITED(6));
	reap(init, g.pid, PROC_W_EXITED(6));
	/* z is still g's zombie: re-parented to init with g's death. */
	reap(init, z.pid, PROC_W_EXITED(5));
	CHECK(info(init, z.pid, PROC_I_PID) == -2);
}

/* setsid and setpgid, with POSIX's errors. */
static void
check_groups(struct child *s, struct child *a, struct child *b)
{
	int32_t x;

	CHECK(proc_setsid(s->proc, &x) == 0 && x == s->pid);
	CHECK(proc_getsid(init, s->pid, &x) == 0 && x == s->pid);
	CHECK(proc_getpgid(s->proc, 0, &x) == 0 && x == s->pid);
	CHECK(proc_setsid(s->proc, &x) == EPERM);	/* a group leader */
	CHECK(proc_setpgid(s->proc, 0, 0) == EPERM);	/* session leader */
	CHECK(proc_setpgid(init, s->pid, 1) == EPERM);
	*a = spawn(s->proc);
	*b = spawn(s->proc);
	CHECK(proc_getsid(a->proc, 0, &x) == 0 && x == s->pid);
	CHECK(proc_setpgid(s->proc, a->pid, 0) == 0);
	CHECK(proc_getpgid(init, a->pid, &x) == 0 && x == a->pid);
	CHECK(proc_setpgid(s->proc, b->pid, a->pid) == 0);
	CHECK(proc_getpgid(b->proc, 0, &x) == 0 && x == a->pid);
	CHECK(proc_setpgid(s->proc, b->pid, 1) == EPERM);	/* session 1 */
	CHECK(proc_setpgid(s->proc, b->pid, 30000) == EPERM); /* none */
	CHECK(proc_setpgid(s->proc, b->pid, -2) == EINVAL);
	CHECK(proc_setpgid(s->proc, 30000, 0) == ESRCH);
	CHECK(proc_setpgid(init, a->pid, 0) == ESRCH); /* not its child */
	CHECK(proc_getpgid(init, 30000, &x) == ESRCH);
	CHECK(proc_getsid(init, -5, &x) == ESRCH);
	CHECK(proc_mark_exec(b->proc) == 0);
	CHECK(proc_setpgid(s->proc, b->pid, 0) == EACCES);
	CHECK(proc_setpgid(b->proc, 0, 0) == 0);	/* itself: allowed */
	CHECK(proc_setpgid(b->proc, 0, a->pid) == 0);
	CHECK(proc_setsid(b->proc, &x) == 0 && x == b->pid);
	CHECK(proc_setpgid(s->proc, b->pid, a->pid) == EACCES);
}

/* The terminal: set by the leader, read by members, gone with it. */
static void
check_ctty(struct child *s, struct child *a, mach_port_t tty)
{
	mach_port_t got = MACH_PORT_NULL, dead = pt_dead_name();

	CHECK(proc_getctty(s->proc, &got) == ENXIO);
	CHECK(proc_setctty(a->proc, tty) == EPERM);
	CHECK(proc_setctty(s->proc, dead) == EINVAL);
	CHECK(proc_setctty(s->proc, tty) == 0);
	CHECK(proc_getctty(a->proc, &got) == 0 && got == tty);
	mach_port_deallocate(mach_task_self(), got);
	CHECK(proc_getctty(init, &got) == ENXIO);
	mach_port_destroy(mach_task_self(), dead);
}

struct orphancall {
	int32_t		pgid;
	kern_return_t	kr;
};

static void *
orphan_thread(void *arg)
{
	struct orphancall *o = arg;

	o->kr = proc_orphan_wait(init, &o->pgid);
	return NULL;
}

static void
check_sessions(void)
{
	struct child s = spawn(init), a, b;
	struct orphancall o = { 0, -1 };
	mach_port_t tty = pt_port(), got;
	int32_t orph = -1, stopped = -1, x;
	pthread_t t;

	mach_port_insert_right(mach_task_self(), tty, tty,
	    MACH_MSG_TYPE_MAKE_SEND);
	check_groups(&s, &a, &b);
	check_ctty(&s, &a, tty);
	CHECK(proc_pgrp_state(init, a.pid, &orph, &stopped) == 0);
	CHECK(orph == 0 && stopped == 0);
	CHECK(proc_mark_stop(a.proc, 19) == 0);
	CHECK(proc_orphan_wait(a.proc, &x) == EPERM);
	CHECK(pthread_create(&t, NULL, orphan_thread, &o) == 0);
	/* The leader dies: a's group (a, its parent gone to init in another
	   session) is orphaned with a stopped member; init hears of it. */
	end(&s, -1);
	pthread_join(t, NULL);
	CHECK(o.kr == 0 && o.pgid == a.pid);
	CHECK(proc_pgrp_state(init, a.pid, &orph, &stopped) == 0);
	CHECK(orph == 1 && stopped == 1);
	CHECK(proc_getctty(a.proc, &got) == ENXIO);
	CHECK(proc_pgrp_state(init, 30000, &orph, &stopped) == ESRCH);
	reap(init, s.pid, PROC_W_SIGNALED(PROC_SIGKILL));
	end(&a, -1);
	end(&b, PROC_W_EXITED(0));
	reap(init, a.pid, PROC_W_SIGNALED(PROC_SIGKILL));
	reap(init, b.pid, 0);
	mach_port_destroy(mach_task_self(), tty);
}

/* uid 1000 may signal its own processes, not root's; root may all. */
static void
check_kill(struct child *u, struct child *u2, mach_port_t msg)
{
	mach_port_t got = MACH_PORT_NULL, old = MACH_PORT_NULL;

	CHECK(proc_setmsgport(init, msg, &old) == 0 && old == MACH_PORT_NULL);
	CHECK(proc_getmsgport(u->proc, 1, &got) == EPERM);
	CHECK(got == MACH_PORT_NULL);
	CHECK(proc_getmsgport(init, 1, &got) == 0 && got == msg);
	mach_port_deallocate(mach_task_self(), got);
	CHECK(proc_setmsgport(u2->proc, msg, &old) == 0);
	CHECK(proc_getmsgport(u->proc, u2->pid, &got) == 0 && got == msg);
	mach_port_deallocate(mach_task_self(), got);
	CHECK(proc_getmsgport(init, u2->pid, &got) == 0 && got == msg);
	mach_port_deallocate(mach_task_self(), got);
	CHECK(proc_getmsgport(u->proc, 30000, &got) == ESRCH);
	CHECK(proc_pid2task(u->proc, u2->pid, &got) == EPERM);
	CHECK(proc_pid2task(init, u2->pid, &got) == 0 && got == u2->task);
	mach_port_deallocate(mach_task_self(), got);
	CHECK(proc_pid2task(init, 30000, &got) == ESRCH);
}

/* A uid's process limit: EAGAIN at PROC_PER_UID; root has none. */
static void
check_limit(struct child *u)
{
	static struct child c[PT_PER_UID];
	mach_port_t t, p;
	int32_t pid;
	int i, n = 0;

	for (i = 0; i < PT_PER_UID; i++) {
		CHECK(task_create(mach_task_self(), FALSE, &t) == 0);
		if (proc_child(u->proc, t, &p, &pid) != 0) {
			task_terminate(t);
			mach_port_deallocate(mach_task_self(), t);
			break;
		}
		c[n++] = (struct child){ t, p, pid };
	}
	/* u and u2 count too. */
	CHECK(n == PT_PER_UID - 2);
	for (i = 0; i < n; i++)
		end(&c[i], PROC_W_EXITED(0));
	for (i = 0; i < n; i++)
		reap(u->proc, -1, 0);
}

/*
 * A client that starts a rendezvous and never comes: proc gives up
 * after 2 s (auth then says ECONNABORTED to the late client), and the
 * process can reauthenticate again.
 */
static void
check_reauth_timeout(struct child *u, mach_port_t h)
{
	mach_port_t r = pt_port(), np = MACH_PORT_NULL;

	CHECK(proc_reauthenticate(u->proc, r, MACH_MSG_TYPE_MAKE_SEND) == 0);
	usleep(2500000);
	CHECK(auth_user_authenticate(h, r, MACH_MSG_TYPE_MAKE_SEND, &np) ==
	    ECONNABORTED);
	mach_port_destroy(mach_task_self(), r);
	reauth(u->proc, root);
	CHECK(wait_uid(u->pid, 0));
	reauth(u->proc, h);
	CHECK(wait_uid(u->pid, 1000));
}

static void
check_identity(void)
{
	mach_port_t h = make_handle(1000), msg = pt_port(), old;
	struct child u = spawn(init), u2;

	mach_port_insert_right(mach_task_self(), msg, msg,
	    MACH_MSG_TYPE_MAKE_SEND);
	CHECK(info(init, u.pid, PROC_I_UID) == 0);	/* as its parent */
	reauth(u.proc, h);
	CHECK(wait_uid(u.pid, 1000));
	check_reauth_timeout(&u, h);
	u2 = spawn(u.proc);
	CHECK(info(init, u2.pid, PROC_I_UID) == 1000);
	check_kill(&u, &u2, msg);
	check_limit(&u);
	end(&u2, PROC_W_EXITED(0));
	reap(u.proc, u2.pid, 0);
	end(&u, PROC_W_EXITED(0));
	reap(init, u.pid, 0);
	CHECK(proc_setmsgport(init, MACH_PORT_NULL, &old) == 0 && old == msg);
	mach_port_deallocate(mach_task_self(), old);
	mach_port_destroy(mach_task_self(), msg);
	mach_port_deallocate(mach_task_self(), h);
}

/* What ps reads: every pid, and each one's record and command line. */
static void
check_listing(void)
{
	static const char cmd[] = "sleep\0" "10";
	struct child a = spawn(init);
	int32_t pids[PROC_PIDS_MAX];
	mach_msg_type_number_t n = PROC_PIDS_MAX, i, na = PROC_ARGS_MAX;
	char args[PROC_ARGS_MAX];
	procinfo_t in;
	int seen = 0;

	CHECK(proc_set_args(a.proc, (char *)cmd, sizeof(cmd)) == 0);
	CHECK(proc_mark_stop(a.proc, 19) == 0);
	CHECK(proc_getallpids(init, pids, &n) == 0);
	for (i = 0; i < n; i++)
		seen |= (pids[i] == 1) | (pids[i] == a.pid) << 1;
	CHECK(seen == 3);
	CHECK(proc_getprocinfo(init, a.pid, &in, args, &na) == 0);
	CHECK(in.w[PROC_I_PID] == a.pid && in.w[PROC_I_PPID] == 1);
	CHECK(in.w[PROC_I_PGRP] == 1 && in.w[PROC_I_SID] == 1);
	CHECK(in.w[PROC_I_UID] == 0 && in.w[PROC_I_STATE] == PROC_S_STOPPED);
	CHECK(na == sizeof(cmd) && memcmp(args, cmd, na) == 0);
	na = PROC_ARGS_MAX;
	CHECK(proc_getprocinfo(init, 1, &in, args, &na) == 0);
	CHECK(in.w[PROC_I_STATE] == PROC_S_LEADER);
	/* CPU time is charged a clock tick at a time: spin until one lands. */
	for (int tries = 0; tries < 500 &&
	    in.w[PROC_I_UTIME_US] + in.w[PROC_I_STIME_US] == 0; tries++) {
		for (volatile int spin = 0; spin < 200000; spin++)
			;
		na = PROC_ARGS_MAX;
		CHECK(proc_getprocinfo(init, 1, &in, args, &na) == 0);
	}
	CHECK(in.w[PROC_I_UTIME_US] + in.w[PROC_I_STIME_US] > 0);
	CHECK(in.w[PROC_I_VSIZE] > 0);
	CHECK(proc_getprocinfo(init, 30000, &in, args, &na) == ESRCH);
	end(&a, PROC_W_EXITED(0));
	reap(init, a.pid, 0);
}

/* proc_wait's request, laid out as MIG's stub lays it out. */
struct wait_req {
	mach_msg_header_t	head;
	mach_msg_type_t		pid_type;
	int32_t			pid;
	char			pad1[4];
	mach_msg_type_t		opt_type;
	int32_t			options;
	char			pad2[4];
};

union raw {
	mach_msg_header_t	h;
	mig_reply_header_t	r;
	struct wait_req		w;
	char			b[512];
};

/* Send m (size bytes) to dest with reply port rp made as how; the
   answer's RetCode, or -1 if none came within a second. */
static kern_return_t
raw_call(union raw *m, mach_msg_size_t size, mach_port_t dest,
    mach_port_t rp, mach_msg_type_name_t how)
{
	m->h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, how);
	m->h.msgh_size = size;
	m->h.msgh_remote_port = dest;
	m->h.msgh_local_port = rp;
	if (mach_msg(&m->h, MACH_SEND_MSG, size, 0, MACH_PORT_NULL, 0,
	    MACH_PORT_NULL) != 0)
		return -1;
	if (mach_msg(&m->h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(*m),
	    rp, 1000, MACH_PORT_NULL) != 0)
		return -1;
	return m->r.RetCode;
}

static void
wait_request(union raw *m, int32_t pid, int32_t options)
{
	static const mach_msg_type_t i32 = {
		.msgt_name = MACH_MSG_TYPE_INTEGER_32, .msgt_size = 32,
		.msgt_number = 1, .msgt_inline = TRUE };

	memset(m, 0, sizeof(*m));
	m->h.msgh_id = 31009;
	m->w.pid_type = i32;
	m->w.pid = pid;
	m->w.opt_type = i32;
	m->w.options = options;
}

/* Random requests at a throwaway child's port. */
static void
fuzz(mach_port_t target, mach_port_t rp)
{
	union raw m;
	unsigned i, j, size;

	srand(12345);
	for (i = 0; i < 300; i++) {
		memset(&m, 0, sizeof(m));
		size = sizeof(mach_msg_header_t) + 8 * (rand() % 24);
		for (j = sizeof(mach_msg_header_t); j < size; j++)
			m.b[j] = rand();
		m.h.msgh_id = 31000 + rand() % 30;
		m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
		    MACH_MSG_TYPE_MAKE_SEND_ONCE);
		m.h.msgh_size = size;
		m.h.msgh_remote_port = target;
		m.h.msgh_local_port = i % 3 ? rp : MACH_PORT_NULL;
		if (m.h.msgh_local_port == MACH_PORT_NULL)
			m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
			    0);
		mach_msg(&m.h, MACH_SEND_MSG, size, 0, MACH_PORT_NULL, 0,
		    MACH_PORT_NULL);
	}
	/* Drain the answers. */
	while (mach_msg(&m.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(m),
	    rp, 500, MACH_PORT_NULL) == 0)
		;
}

static void
check_malformed(void)
{
	struct counts base = counts();
	struct child f = spawn(init), a = spawn(f.proc);
	mach_port_t rp = pt_port();
	union raw m;
	int32_t pid, x;

	wait_request(&m, -1, PROC_WNOHANG);
	CHECK(raw_call(&m, sizeof(m.w), f.proc, rp,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE) == 0);
	wait_request(&m, -1, PROC_WNOHANG);
	m.h.msgh_id = 31077;
	CHECK(raw_call(&m, sizeof(m.w), f.proc, rp,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE) == MIG_BAD_ID);
	wait_request(&m, -1, 0);
	m.w.opt_type.msgt_size = 16;
	CHECK(raw_call(&m, sizeof(m.w), f.proc, rp,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE) == MIG_BAD_ARGUMENTS);
	wait_request(&m, -1, 0);
	CHECK(raw_call(&m, sizeof(m.w) - 16, f.proc, rp,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE) == MIG_BAD_ARGUMENTS);
	/* A blocking wait with a send right as its reply port: refused. */
	wait_request(&m, -1, 0);
	CHECK(raw_call(&m, sizeof(m.w), f.proc, rp,
	    MACH_MSG_TYPE_MAKE_SEND) == EINVAL);
	fuzz(f.proc, rp);
	CHECK(proc_getpids(init, &pid, &x, &x, &x) == 0 && pid == 1);
	CHECK(proc_getpids(a.proc, &x, &pid, &x, &x) == 0 && pid == f.pid);
	end(&a, PROC_W_EXITED(0));
	end(&f, PROC_W_EXITED(0));
	reap(init, f.pid, 0);
	reap(init, a.pid, 0);	/* re-parented to init */
	mach_port_destroy(mach_task_self(), rp);
	CHECK(settle(&base));
}

/*
 * A waiter that gives up (destroys its reply port) while its process
 * lives: proc forgets the wait, and the child's zombie stays for a
 * later wait instead of going to nobody.
 */
static void
check_abandoned_wait(void)
{
	struct child a = spawn(init);
	int32_t n = counts().waiters;
	mach_port_t rp = pt_port();
	union raw m;

	wait_request(&m, a.pid, 0);
	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE);
	m.h.msgh_size = sizeof(m.w);
	m.h.msgh_remote_port = init;
	m.h.msgh_local_port = rp;
	CHECK(mach_msg(&m.h, MACH_SEND_MSG, sizeof(m.w), 0, MACH_PORT_NULL,
	    0, MACH_PORT_NULL) == 0);
	CHECK(waiters_are(n + 1));
	mach_port_destroy(mach_task_self(), rp);
	CHECK(waiters_are(n));
	end(&a, PROC_W_EXITED(9));
	reap(init, a.pid, PROC_W_EXITED(9));
}

/* The total limit: EAGAIN at PROC_PIDS_MAX processes, zombies too. */
static void
check_total_limit(void)
{
	static struct child c[PROC_PIDS_MAX];
	int32_t have = counts().procs, pid;
	mach_port_t t, p;
	int i, n = 0;

	for (i = 0; i < PROC_PIDS_MAX; i++) {
		CHECK(task_create(mach_task_self(), FALSE, &t) == 0);
		if (proc_child(init, t, &p, &pid) != 0) {
			CHECK(proc_child(init, t, &p, &pid) == EAGAIN);
			task_terminate(t);
			mach_port_deallocate(mach_task_self(), t);
			break;
		}
		c[n++] = (struct child){ t, p, pid };
	}
	CHECK(n == PROC_PIDS_MAX - have);
	for (i = 0; i < n; i++)
		end(&c[i], PROC_W_EXITED(0));
	for (i = 0; i < n; i++)
		reap(init, -1, 0);
}

/* 200 create/exit/reap cycles: proc ends as it began. */
static void
check_cycles(void)
{
	struct counts base = counts();
	struct child c;
	int i;

	for (i = 0; i < 200; i++) {
		c = spawn(init);
		end(&c, PROC_W_EXITED(i & 0xff));
		reap(init, c.pid, PROC_W_EXITED(i & 0xff));
	}
	for (i = 0; i < 200; i++) {
		c = spawn(init);
		end(&c, -1);
		reap(init, -1, PROC_W_SIGNALED(PROC_SIGKILL));
	}
	CHECK(settle(&base));
}

int
main(int argc, char **argv)
{
	mach_port_t victim;

	if (argc != 2 || task_get_bootstrap_port(mach_task_self(),
	    &init) != 0 || !MACH_PORT_VALID(init)) {
		printf("TEST FAIL: proctest_init: no proc port or victim\n");
		return 1;
	}
	victim = (mach_port_t)strtoul(argv[1], NULL, 10);
	root = PROC_BOOT_AUTH;
	/* Before its rendezvous proc knows no ids: no task ports. */
	CHECK(info(init, 1, PROC_I_UID) == PROC_UID_NONE);
	CHECK(proc_pid2task(init, 1, &(mach_port_t){ 0 }) == EPERM);
	reauth(init, root);
	CHECK(wait_uid(1, 0));
	check_pids();
	check_exit_statuses();
	check_stop_cont();
	check_blocking_wait();
	check_wait_group_left();
	check_dead_waiter(victim);
	check_zombies_orphans();
	check_sessions();
	check_identity();
	check_listing();
	check_malformed();
	check_abandoned_wait();
	check_total_limit();
	check_cycles();
	return check_done();
}
