/*
 * io_perm.c -- I/O ports for user-space drivers: with a permission made
 * through the device master port and enabled for this task, the task
 * reads the CMOS clock's registers itself; disabled again, the same
 * instruction faults (caught on our exception port and skipped), and a
 * permission cannot be had through any other port.
 */
#include "test.h"
#include <mach/mach.h>
#include <mach/mach_port.h>
#include <mach/mach_i386.h>
#include <mach/exception.h>
#include <mach/mig_errors.h>
#include <mach/task_special_ports.h>
#include <mach/thread_status.h>

static volatile int stage;

static inline uint8_t
cmos_read(uint8_t reg)
{
	uint8_t v;

	__asm__ volatile("outb %0, $0x70" :: "a"(reg));
	__asm__ volatile("inb $0x71, %0" : "=a"(v));	/* 2 bytes: e4 71 */
	return v;
}

static void
prober(void)
{
	uint8_t v;

	__asm__ volatile("inb $0x71, %0" : "=a"(v));	/* must fault */
	stage = 1;
	for (;;)
		swtch();
}

int
main(int argc, char **argv)
{
	mach_port_t self = mach_task_self(), master, perm, exc, thread;
	vm_address_t stack = 0;
	struct i386_thread_state st = { 0 };
	mach_msg_type_number_t n = i386_THREAD_STATE_COUNT;
	struct {
		mach_msg_header_t	h;
		char			body[256];
	} m;
	mig_reply_header_t r = { 0 };
	uint8_t sec;

	master = argc > 1 ? (mach_port_t)test_parse_number(argv[1]) : 0;
	CHECK(i386_io_perm_create(self, 0x70, 0x71, &perm) != KERN_SUCCESS);
	CHECK(i386_io_perm_create(master, 0x71, 0x70, &perm) != KERN_SUCCESS);
	CHECK(i386_io_perm_create(master, 0x70, 0x71, &perm) == KERN_SUCCESS);
	CHECK(i386_io_perm_modify(self, perm, TRUE) == KERN_SUCCESS);
	sec = cmos_read(0x00);
	CHECK(sec < 0x60 || (sec & 0x0f) < 10);	/* BCD or binary seconds */
	test_printf("io_perm: CMOS seconds register %#x read from user space\n",
	    sec);
	CHECK(i386_io_perm_modify(self, perm, FALSE) == KERN_SUCCESS);

	/* Now a thread that tries faults; we catch it and skip the insn. */
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &exc) == 0);
	CHECK(mach_port_insert_right(self, exc, exc, MACH_MSG_TYPE_MAKE_SEND) ==
	    0);
	CHECK(task_set_special_port(self, TASK_EXCEPTION_PORT, exc) == 0);
	CHECK((thread = test_thread_create(self, prober, &stack)) !=
	    MACH_PORT_NULL);
	CHECK(thread_resume(thread) == 0);
	CHECK(mach_msg(&m.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(m), exc,
	    3000, 0) == 0 && m.h.msgh_id == 2400);
	CHECK(thread_get_state(thread, i386_THREAD_STATE, (thread_state_t)&st,
	    &n) == 0);
	st.rip += 2;
	CHECK(thread_set_state(thread, i386_THREAD_STATE, (thread_state_t)&st,
	    n) == 0);
	r.Head.msgh_bits = MACH_MSGH_BITS(MACH_MSGH_BITS_REMOTE(m.h.msgh_bits),
	    0);
	r.Head.msgh_size = sizeof(r);
	r.Head.msgh_remote_port = m.h.msgh_remote_port;
	r.Head.msgh_id = 2500;
	r.RetCodeType.msgt_name = MACH_MSG_TYPE_INTEGER_32;
	r.RetCodeType.msgt_size = 32;
	r.RetCodeType.msgt_number = 1;
	r.RetCodeType.msgt_inline = 1;
	CHECK(mach_msg(&r.Head, MACH_SEND_MSG, sizeof(r), 0, 0, 0, 0) == 0);
	for (int i = 0; i < 100 && stage == 0; i++)
		swtch();
	CHECK(stage == 1);
	CHECK(thread_terminate(thread) == 0);
	return 0;
}
