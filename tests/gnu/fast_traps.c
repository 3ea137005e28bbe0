/*
 * fast_traps.c -- GNU Mach's trap shortcuts of RPCs (syscall_sw.h, -68 to
 * -76), each against what its RPC does and GNU Mach's kern/ipc_mig.c
 * (MACH_SEND_INTERRUPTED for a name that is not the object, the RPC's
 * codes otherwise); the rest of the table answers KERN_INVALID_ARGUMENT;
 * a number outside it raises EXC_BAD_INSTRUCTION with EXC_I386_INVOP and
 * subcode 0, and a thread its handler terminates stays terminated while
 * its task goes on.
 */
#include <mach/message.h>
#include <mach/mach_types.h>
#include <mach/port.h>
#include <mach/exception.h>
#include <mach/machine/exception.h>
#include <mach/thread_status.h>
#include <mach/mig_errors.h>
#include <mach/task_special_ports.h>
#include <mach/thread_special_ports.h>
#include "gnu_runtime.h"
#include "mach_user.h"
#include "mach_port_user.h"

kern_return_t	syscall_task_create(mach_port_t, boolean_t, mach_port_t *);
kern_return_t	syscall_task_terminate(mach_port_t);
kern_return_t	syscall_task_suspend(mach_port_t);
kern_return_t	syscall_task_set_special_port(mach_port_t, int, mach_port_t);
kern_return_t	syscall_mach_port_allocate(mach_port_t, mach_port_right_t,
		    mach_port_t *);
kern_return_t	syscall_mach_port_deallocate(mach_port_t, mach_port_t);
kern_return_t	syscall_mach_port_insert_right(mach_port_t, mach_port_t,
		    mach_port_t, mach_msg_type_name_t);
kern_return_t	syscall_mach_port_allocate_name(mach_port_t,
		    mach_port_right_t, mach_port_t);
kern_return_t	syscall_thread_depress_abort(mach_port_t);
mach_port_t	mach_thread_self(void);
long		trap_raw(long number);

__asm__(
"	.text\n"
"	.globl trap_raw\n"
"trap_raw:\n"
"	movq %rdi, %rax\n"
"	syscall\n"
"	ret\n");

static mach_port_t self;

static mach_port_type_t
type_of(mach_port_t name)
{
	mach_port_type_t t = 0;

	if (mach_port_type(self, name, &t) != KERN_SUCCESS)
		return 0;
	return t;
}

static void
test_port_traps(void)
{
	mach_port_t host = mach_host_self(), p, q;

	CHECK(syscall_mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p) ==
	    KERN_SUCCESS && type_of(p) == MACH_PORT_TYPE_RECEIVE);
	CHECK(syscall_mach_port_allocate(host, MACH_PORT_RIGHT_RECEIVE, &q) ==
	    MACH_SEND_INTERRUPTED);
	CHECK(syscall_mach_port_allocate(self, 99, &q) ==
	    mach_port_allocate(self, 99, &q));
	CHECK(syscall_mach_port_allocate_name(self, MACH_PORT_RIGHT_RECEIVE,
	    0x1234) == KERN_SUCCESS && type_of(0x1234) ==
	    MACH_PORT_TYPE_RECEIVE);
	CHECK(syscall_mach_port_allocate_name(self, MACH_PORT_RIGHT_RECEIVE,
	    0x1234) == KERN_NAME_EXISTS);
	CHECK(syscall_mach_port_allocate_name(0x4321, MACH_PORT_RIGHT_RECEIVE,
	    0x1235) == MACH_SEND_INTERRUPTED);
	CHECK(syscall_mach_port_insert_right(self, p, p,
	    MACH_MSG_TYPE_MAKE_SEND) == KERN_SUCCESS &&
	    type_of(p) == (MACH_PORT_TYPE_RECEIVE | MACH_PORT_TYPE_SEND));
	CHECK(syscall_mach_port_insert_right(self, p, p, 99) ==
	    KERN_INVALID_VALUE);
	CHECK(syscall_mach_port_insert_right(self, 0x777, 0x778,
	    MACH_MSG_TYPE_COPY_SEND) == KERN_INVALID_NAME);
	CHECK(syscall_mach_port_insert_right(self, 0x777, 0x1234,
	    MACH_MSG_TYPE_COPY_SEND) == KERN_INVALID_RIGHT);
	CHECK(syscall_mach_port_insert_right(self, 0x777, 0x1234,
	    MACH_MSG_TYPE_MAKE_SEND) == KERN_SUCCESS &&
	    type_of(0x777) == MACH_PORT_TYPE_SEND);
	CHECK(syscall_mach_port_deallocate(self, 0x777) == KERN_SUCCESS &&
	    type_of(0x777) == 0);
	CHECK(syscall_mach_port_deallocate(self, p) == KERN_SUCCESS &&
	    type_of(p) == MACH_PORT_TYPE_RECEIVE);
	CHECK(syscall_mach_port_deallocate(self, p) ==
	    mach_port_deallocate(self, p));	/* no send right left */
	CHECK(syscall_mach_port_deallocate(host, p) == MACH_SEND_INTERRUPTED);
	CHECK(mach_port_destroy(self, p) == 0 &&
	    mach_port_destroy(self, 0x1234) == 0);
}

static void
test_task_traps(void)
{
	mach_port_t child = MACH_PORT_NULL, p, got;

	CHECK(syscall_task_create(mach_host_self(), 0, &child) ==
	    MACH_SEND_INTERRUPTED);
	CHECK(syscall_task_create(self, 0, &child) == KERN_SUCCESS &&
	    type_of(child) == MACH_PORT_TYPE_SEND);
	CHECK(syscall_task_suspend(child) == KERN_SUCCESS);
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p) == 0);
	CHECK(syscall_task_set_special_port(child, TASK_BOOTSTRAP_PORT, p) ==
	    KERN_INVALID_RIGHT);		/* a receive right, no send */
	CHECK(mach_port_insert_right(self, p, p, MACH_MSG_TYPE_MAKE_SEND) ==
	    0);
	CHECK(syscall_task_set_special_port(child, TASK_BOOTSTRAP_PORT, p) ==
	    KERN_SUCCESS);
	CHECK(task_get_special_port(child, TASK_BOOTSTRAP_PORT, &got) == 0 &&
	    got == p);
	CHECK(syscall_task_set_special_port(child, 99, p) ==
	    task_set_special_port(child, 99, p));
	CHECK(syscall_task_terminate(self + 0x10000) == MACH_SEND_INTERRUPTED);
	CHECK(syscall_task_terminate(child) == KERN_SUCCESS);
	CHECK(syscall_thread_depress_abort(mach_thread_self()) ==
	    KERN_SUCCESS);
	CHECK(syscall_thread_depress_abort(self) == MACH_SEND_INTERRUPTED);
	CHECK(mach_port_destroy(self, p) == 0);
}

static void
test_table(void)
{
	static const long invalid[] = { 0, -1, -14, -31, -62, -67, -78, -129 };

	for (unsigned i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++)
		CHECK(trap_raw(invalid[i]) == KERN_INVALID_ARGUMENT);
}

/* exception_raise as GNU MIG lays it out from GNU Mach's exc.defs. */
struct exc_msg {
	mach_msg_header_t	head;
	mach_msg_type_t		thread_type;
	mach_port_name_inlined_t thread;
	mach_msg_type_t		task_type;
	mach_port_name_inlined_t task;
	mach_msg_type_t		exc_type;
	int			exc, exc_pad;
	mach_msg_type_t		code_type;
	int			code, code_pad;
	mach_msg_type_t		subcode_type;
	long			subcode;
	char			room[64];
};

static char worker_stack[4096] __attribute__((aligned(16)));
static volatile int worker_after;

static void
worker(void)
{
	trap_raw(-200);
	worker_after = 1;
	for (;;)
		swtch();
}

static mach_port_t
start_worker(mach_port_t eport)
{
	struct i386_thread_state st;
	mach_port_t th;

	memset(&st, 0, sizeof(st));
	st.rip = (unsigned long)worker;
	st.ursp = (unsigned long)(worker_stack + sizeof(worker_stack) - 8);
	CHECK(thread_create(self, &th) == KERN_SUCCESS);
	CHECK(thread_set_state(th, i386_THREAD_STATE, (thread_state_t)&st,
	    i386_THREAD_STATE_COUNT) == KERN_SUCCESS);
	CHECK(thread_set_special_port(th, THREAD_EXCEPTION_PORT, eport) == 0);
	CHECK(thread_resume(th) == KERN_SUCCESS);
	return th;
}

static void
test_bad_trap(void)
{
	struct exc_msg m;
	mach_port_t eport, th;
	mig_reply_header_t r;

	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &eport) == 0);
	CHECK(mach_port_insert_right(self, eport, eport,
	    MACH_MSG_TYPE_MAKE_SEND) == 0);
	th = start_worker(eport);
	memset(&m, 0, sizeof(m));
	CHECK(mach_msg(&m.head, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(m),
	    eport, 5000, MACH_PORT_NULL) == MACH_MSG_SUCCESS);
	CHECK(m.head.msgh_id == 2400);
	gnu_print_hex("fast_traps: exception ", m.exc);
	gnu_print_hex("fast_traps: code ", (unsigned)m.code);
	gnu_print_hex("fast_traps: subcode ", m.subcode);
	CHECK(m.exc == EXC_BAD_INSTRUCTION && m.code == EXC_I386_INVOP &&
	    m.subcode == 0);
	/* The handler ends the thread, then answers. */
	CHECK(thread_terminate(th) == KERN_SUCCESS);
	memset(&r, 0, sizeof(r));
	r.Head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0);
	r.Head.msgh_size = sizeof(r);
	r.Head.msgh_remote_port = m.head.msgh_remote_port;
	r.Head.msgh_id = 2500;
	r.RetCodeType.msgt_name = MACH_MSG_TYPE_INTEGER_32;
	r.RetCodeType.msgt_size = 32;
	r.RetCodeType.msgt_number = 1;
	r.RetCodeType.msgt_inline = 1;
	r.RetCode = KERN_SUCCESS;
	mach_msg(&r.Head, MACH_SEND_MSG, sizeof(r), 0, 0, 0, 0);
	for (int i = 0; i < 20; i++)
		swtch();
	CHECK(worker_after == 0);
	mach_port_destroy(self, eport);
}

int
main(void)
{
	self = mach_task_self();
	mach_print("fast_traps: GNU Mach's trap shortcuts\n");
	test_port_traps();
	test_task_traps();
	test_table();
	test_bad_trap();
	mach_print("fast_traps: the task goes on\n");
	return 0;
}
