/*
 * proctest_ps.c -- init for the ps test: it makes a stopped child with
 * a command line and a zombie, then registers the ps module's task (its
 * argv[1]) as a child, hands it its proc port as bootstrap port and
 * waits for it.  ps.expect checks the listing ps prints.
 */
#include <stdlib.h>
#include "pt_common.h"

static mach_port_t init;

static void
reauth(mach_port_t handle)
{
	mach_port_t r = pt_port(), np = MACH_PORT_NULL;
	procinfo_t in;
	char args[PROC_ARGS_MAX];
	mach_msg_type_number_t n;
	int i;

	CHECK(proc_reauthenticate(init, r, MACH_MSG_TYPE_MAKE_SEND) == 0);
	CHECK(auth_user_authenticate(handle, r, MACH_MSG_TYPE_MAKE_SEND,
	    &np) == 0);
	mach_port_destroy(mach_task_self(), r);
	for (i = 0; i < 200; i++, usleep(10000)) {
		n = sizeof(args);
		if (proc_getprocinfo(init, 1, &in, args, &n) == 0 &&
		    in.w[PROC_I_UID] == 0)
			break;
	}
}

/* A child of init for a new empty task; its proc port and pid. */
static mach_port_t
child(int32_t *pid, mach_port_t *task)
{
	mach_port_t p = MACH_PORT_NULL;

	CHECK(task_create(mach_task_self(), FALSE, task) == 0);
	CHECK(proc_child(init, *task, &p, pid) == 0);
	return p;
}

int
main(int argc, char **argv)
{
	static const char me[] = "proctest_ps", sleeper[] = "sleep\0" "10",
	    psargs[] = "ps";
	mach_port_t s, z, pst, pstask, zt, st_;
	int32_t spid, zpid, pspid, status = -1, got = -1;
	procinfo_t in;
	char args[PROC_ARGS_MAX];
	mach_msg_type_number_t n = sizeof(args);

	if (argc != 2 || task_get_bootstrap_port(mach_task_self(),
	    &init) != 0) {
		printf("TEST FAIL: proctest_ps: no proc port or ps task\n");
		return 1;
	}
	pstask = (mach_port_t)strtoul(argv[1], NULL, 10);
	reauth(PROC_BOOT_AUTH);
	CHECK(proc_set_args(init, (char *)me, sizeof(me)) == 0);
	s = child(&spid, &st_);
	CHECK(proc_set_args(s, (char *)sleeper, sizeof(sleeper)) == 0);
	CHECK(proc_mark_stop(s, 19) == 0);
	z = child(&zpid, &zt);
	CHECK(proc_set_args(z, "zombie", 7) == 0);
	CHECK(proc_mark_exit(z, PROC_W_EXITED(0)) == 0);
	CHECK(task_terminate(zt) == 0);
	while (proc_getprocinfo(init, zpid, &in, args, &n) == 0 &&
	    !(in.w[PROC_I_STATE] & PROC_S_ZOMBIE))
		usleep(10000);
	CHECK(proc_child(init, pstask, &pst, &pspid) == 0);
	CHECK(proc_set_args(pst, (char *)psargs, sizeof(psargs)) == 0);
	CHECK(task_set_bootstrap_port(pstask, pst) == 0);
	mach_port_deallocate(mach_task_self(), pst);
	CHECK(task_resume(pstask) == 0);
	CHECK(proc_wait(init, pspid, 0, &status, &got) == 0);
	CHECK(got == pspid && status == PROC_W_EXITED(0));
	return check_done();
}
