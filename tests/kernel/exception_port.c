/*
 * exception_port.c -- exceptions as messages.  A second thread faults;
 * this thread, holding the task's (and then the thread's) exception port,
 * receives exception_raise, repairs the cause (maps the page; skips the
 * bad instruction with thread_set_state) and replies KERN_SUCCESS, and
 * the faulting thread carries on.  A handler that answers with an error
 * passes the exception on from the thread's port to the task's.
 */
#include "test.h"
#include <mach/mach.h>
#include <mach/mach_port.h>
#include <mach/mig_errors.h>
#include <mach/task_special_ports.h>
#include <mach/thread_special_ports.h>
#include <mach/thread_status.h>
#include <mach/exception.h>

#define FAULT_ADDR	0xdead0000ul

struct exc_msg {
	mach_msg_header_t	head;
	mach_msg_type_t		thread_type;
	mach_port_name_inlined_t thread;
	mach_msg_type_t		task_type;
	mach_port_name_inlined_t task;
	mach_msg_type_t		exc_type;
	integer_t		exc, pad1;
	mach_msg_type_t		code_type;
	integer_t		code, pad2;
	mach_msg_type_t		subcode_type;
	int64_t			subcode;
	char			room[64];
};

static volatile int stage;

static void
faulter(void)
{
	*(volatile int *)FAULT_ADDR = 7;	/* unmapped: the handler maps it */
	stage = 1;
	__asm__ volatile("ud2");		/* the handler skips it */
	stage = 2;
	for (;;)
		swtch();
}

static void
reply(struct exc_msg *m, kern_return_t rc)
{
	mig_reply_header_t r = { 0 };

	r.Head.msgh_bits = MACH_MSGH_BITS(MACH_MSGH_BITS_REMOTE(
	    m->head.msgh_bits), 0);
	r.Head.msgh_size = sizeof(r);
	r.Head.msgh_remote_port = m->head.msgh_remote_port;
	r.Head.msgh_id = m->head.msgh_id + 100;
	r.RetCodeType.msgt_name = MACH_MSG_TYPE_INTEGER_32;
	r.RetCodeType.msgt_size = 32;
	r.RetCodeType.msgt_number = 1;
	r.RetCodeType.msgt_inline = 1;
	r.RetCode = rc;
	CHECK(mach_msg(&r.Head, MACH_SEND_MSG, sizeof(r), 0, 0, 0, 0) == 0);
}

static mach_port_t
new_port_with_send(void)
{
	mach_port_t p;

	CHECK(mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE,
	    &p) == 0);
	CHECK(mach_port_insert_right(mach_task_self(), p, p,
	    MACH_MSG_TYPE_MAKE_SEND) == 0);
	return p;
}

static void
skip_instruction(mach_port_t thread, int bytes)
{
	struct i386_thread_state st;
	mach_msg_type_number_t n = i386_THREAD_STATE_COUNT;

	CHECK(thread_get_state(thread, i386_THREAD_STATE, (thread_state_t)&st,
	    &n) == 0);
	st.rip += bytes;
	CHECK(thread_set_state(thread, i386_THREAD_STATE, (thread_state_t)&st,
	    n) == 0);
}

int
main(void)
{
	mach_port_t self = mach_task_self(), tport, thport, thread;
	vm_address_t stack = 0, page = FAULT_ADDR;
	struct exc_msg m;

	tport = new_port_with_send();
	thport = new_port_with_send();
	CHECK(task_set_special_port(self, TASK_EXCEPTION_PORT, tport) == 0);
	CHECK((thread = test_thread_create(self, faulter, &stack)) !=
	    MACH_PORT_NULL);
	CHECK(thread_resume(thread) == 0);

	/* 1. The page fault reaches the task's port; map the page, resume. */
	CHECK(mach_msg(&m.head, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(m),
	    tport, 3000, 0) == 0);
	CHECK(m.head.msgh_id == 2400 && m.exc == EXC_BAD_ACCESS);
	CHECK(m.code == KERN_INVALID_ADDRESS && m.subcode == (int64_t)FAULT_ADDR);
	CHECK(vm_allocate(self, &page, 4096, FALSE) == 0);
	CHECK(thread_set_special_port(m.thread.name, THREAD_EXCEPTION_PORT,
	    thport) == 0);
	reply(&m, KERN_SUCCESS);

	/* 2. ud2: the thread's port first; refusing passes it to the task's. */
	CHECK(mach_msg(&m.head, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(m),
	    thport, 3000, 0) == 0);
	CHECK(m.exc == EXC_BAD_INSTRUCTION && stage == 1);
	CHECK(*(volatile int *)FAULT_ADDR == 7);
	reply(&m, KERN_FAILURE);
	CHECK(mach_msg(&m.head, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(m),
	    tport, 3000, 0) == 0);
	CHECK(m.exc == EXC_BAD_INSTRUCTION);
	skip_instruction(m.thread.name, 2);
	reply(&m, KERN_SUCCESS);
	for (int i = 0; i < 100 && stage != 2; i++)
		swtch();
	CHECK(stage == 2);
	test_printf("exception_port: handled and resumed\n");
	CHECK(thread_terminate(thread) == 0);
	return 0;
}
