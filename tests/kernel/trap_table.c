/*
 * trap_table.c -- every Mach trap of ABI.md's table with its error cases:
 * the port traps (a new name each time for mach_reply_port, one name and
 * one more user reference per call for the self ports), mach_print, the
 * yields (thread_switch's options, its wait), the traps that answer
 * MACH_PORT_NULL, and the vm and thread-state shortcuts given bad
 * arguments.  mach_msg_trap has tests of its own (ipc_basic and others).
 */
#include "test.h"
#include <mach/mach.h>
#include <mach/mach_port.h>
#include <mach/mach_host.h>
#include <mach/thread_switch.h>
#include <mach/thread_status.h>

static mach_port_t self;

static mach_port_urefs_t
send_refs(mach_port_t name)
{
	mach_port_urefs_t n = 0;

	CHECK(mach_port_get_refs(self, name, MACH_PORT_RIGHT_SEND, &n) == 0);
	return n;
}

static void
test_port_traps(void)
{
	mach_port_t a = mach_reply_port(), b = mach_reply_port();
	mach_port_t (*selfs[3])(void) = { mach_task_self, mach_thread_self,
	    mach_host_self };
	mach_port_type_t type;

	CHECK(MACH_PORT_VALID(a) && MACH_PORT_VALID(b) && a != b);
	CHECK(mach_port_type(self, a, &type) == 0 &&
	    type == MACH_PORT_TYPE_RECEIVE);
	CHECK(mach_port_destroy(self, a) == 0);
	CHECK(mach_port_destroy(self, b) == 0);
	for (int i = 0; i < 3; i++) {
		mach_port_t p = selfs[i]();
		mach_port_urefs_t n = send_refs(p);

		CHECK(MACH_PORT_VALID(p) && selfs[i]() == p);
		CHECK(send_refs(p) == n + 1);
		CHECK(mach_port_type(self, p, &type) == 0 &&
		    type == MACH_PORT_TYPE_SEND);
		CHECK(mach_port_deallocate(self, p) == 0);
	}
}

static void
test_print(void)
{
	CHECK(mach_print_checked("trap_table: mach_print\n") == KERN_SUCCESS);
	CHECK(mach_print_checked((const char *)0xdead0000) ==
	    KERN_INVALID_ADDRESS);
	CHECK(mach_print_checked((const char *)0xffff800000000000ul) ==
	    KERN_INVALID_ADDRESS);	/* the kernel's, not ours */
}

static uint64_t
uptime_ms(void)
{
	time_value64_t t;

	CHECK(host_get_uptime64(mach_host_self(), &t) == 0);
	return t.seconds * 1000 + t.nanoseconds / 1000000;
}

static void
test_yields(void)
{
	uint64_t t0;

	swtch();
	swtch_pri(0);
	CHECK(thread_switch(MACH_PORT_NULL, SWITCH_OPTION_NONE, 0) == 0);
	CHECK(thread_switch(mach_thread_self(), SWITCH_OPTION_DEPRESS, 10) ==
	    0);
	CHECK(thread_switch(MACH_PORT_NULL, 3, 0) == KERN_INVALID_ARGUMENT);
	CHECK(thread_switch(MACH_PORT_NULL, -1, 0) == KERN_INVALID_ARGUMENT);
	t0 = uptime_ms();
	CHECK(thread_switch(MACH_PORT_NULL, SWITCH_OPTION_WAIT, 100) == 0);
	CHECK(uptime_ms() - t0 >= 90);		/* a tick of slack */
}

static void
test_null_traps(void)
{
	static const long nums[] = { 10, 11, 12, 13, 55, 56 };

	for (unsigned i = 0; i < sizeof(nums) / sizeof(nums[0]); i++)
		CHECK(raw_trap(-nums[i], 1, 2, 3, 4, 5) == MACH_PORT_NULL);
	/* The rest of GNU Mach's table is kern_invalid. */
	CHECK(raw_trap(0, 0, 0, 0, 0, 0) == KERN_INVALID_ARGUMENT);
	CHECK(raw_trap(-67, 0, 0, 0, 0, 0) == KERN_INVALID_ARGUMENT);
	CHECK(raw_trap(-129, 0, 0, 0, 0, 0) == KERN_INVALID_ARGUMENT);
}

static void
test_shortcuts(void)
{
	vm_address_t a = 0;
	natural_t state[8] = { 0 };

	CHECK(syscall_vm_allocate(self, (vm_address_t *)0xdead0000, 4096,
	    TRUE) != 0);
	/* Not a task: GNU Mach's cue to send the RPC instead. */
	CHECK(syscall_vm_allocate(mach_host_self(), &a, 4096, TRUE) ==
	    MACH_SEND_INTERRUPTED);
	CHECK(syscall_vm_deallocate(0x4242, 0x10000, 4096) ==
	    MACH_SEND_INTERRUPTED);
	CHECK(syscall_vm_allocate(self, &a, 4096, TRUE) == 0 && a != 0);
	*(volatile char *)a = 1;
	CHECK(syscall_vm_deallocate(self, a, 4096) == 0);
	CHECK(thread_set_self_state(i386_THREAD_STATE, state, 2000) ==
	    KERN_INVALID_ARGUMENT);		/* more than a state holds */
	CHECK(thread_set_self_state(i386_THREAD_STATE,
	    (natural_t *)0xdead0000, 8) == KERN_INVALID_ARGUMENT);
	CHECK(thread_set_self_state(i386_THREAD_STATE, state, 0) ==
	    KERN_INVALID_ARGUMENT);
	CHECK(thread_set_self_state(99, state, 8) == KERN_INVALID_ARGUMENT);
}

int
main(void)
{
	self = mach_task_self();
	test_port_traps();
	test_print();
	test_yields();
	test_null_traps();
	test_shortcuts();
	return 0;
}
