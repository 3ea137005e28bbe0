/*
 * rpc_coverage.c -- the kernel routines no other test reached (issue 3
 * wants one for every routine): task_suspend/task_resume and thread_info
 * on a child task's spinning thread, thread_get_special_port,
 * task_set_name and thread_set_name, mach_port_set_mscount and
 * mach_port_set_seqno, host_get_time64 and host_get_uptime64, and
 * device_get_status/device_set_status, each with its error cases.
 */
#include "test.h"
#include <mach/mach.h>
#include <mach/mach_port.h>
#include <mach/mach_host.h>
#include <mach/gnumach.h>
#include <mach/thread_info.h>
#include <mach/thread_special_ports.h>
#include <mach/thread_status.h>
#include <device/device.h>
#include <device/device_types.h>

/* The child's counter, in a page it shares with us (VM_INHERIT_SHARE). */
static volatile uint64_t shared[512] __attribute__((aligned(4096)));
static mach_port_t self;

static void
spin(void)
{
	for (;;)
		shared[0]++;
}

static void
settle(void)
{
	for (int i = 0; i < 30; i++)
		swtch();
}

static int
run_state(mach_port_t thread, int *suspend_count)
{
	struct thread_basic_info bi;
	mach_msg_type_number_t n = THREAD_BASIC_INFO_COUNT;

	if (thread_info(thread, THREAD_BASIC_INFO, (thread_info_t)&bi, &n) !=
	    0 || n != THREAD_BASIC_INFO_COUNT)
		return -1;
	*suspend_count = bi.suspend_count;
	return bi.run_state;
}

static void
test_suspend_resume(void)
{
	mach_port_t child, thread, kport = MACH_PORT_NULL;
	struct i386_thread_state st = { 0 };
	struct thread_basic_info bi;
	mach_msg_type_number_t n = THREAD_BASIC_INFO_COUNT;
	vm_address_t stack = 0;
	uint64_t a, b;
	int sc = -1;

	shared[0] = 1;
	CHECK(vm_inherit(self, (vm_address_t)shared, 4096,
	    VM_INHERIT_SHARE) == 0);
	CHECK(vm_allocate(self, &stack, 65536, TRUE) == 0);
	CHECK(task_create(self, TRUE, &child) == 0);
	CHECK(thread_create(child, &thread) == 0);
	CHECK(run_state(thread, &sc) == TH_STATE_STOPPED && sc == 1);
	st.rip = (uint64_t)spin;
	st.ursp = stack + 65536 - 8;
	CHECK(thread_set_state(thread, i386_THREAD_STATE, (thread_state_t)&st,
	    i386_THREAD_STATE_COUNT) == 0);
	CHECK(thread_resume(thread) == 0);
	settle();
	CHECK(run_state(thread, &sc) == TH_STATE_RUNNING && sc == 0);
	CHECK(shared[0] > 1);			/* it runs */

	CHECK(task_suspend(child) == 0);
	settle();
	a = shared[0];
	settle();
	b = shared[0];
	CHECK(a == b);				/* it stopped */
	CHECK(run_state(thread, &sc) == TH_STATE_STOPPED);
	CHECK(task_resume(child) == 0);
	settle();
	CHECK(shared[0] > b);			/* it runs again */
	CHECK(task_resume(child) == KERN_FAILURE);	/* not suspended */
	CHECK(task_suspend(thread) != 0);	/* not a task port */

	CHECK(thread_info(thread, 99, (thread_info_t)&bi, &n) ==
	    KERN_INVALID_ARGUMENT);
	CHECK(thread_info(child, THREAD_BASIC_INFO, (thread_info_t)&bi, &n)
	    != 0);				/* a task is not a thread */
	CHECK(thread_get_special_port(thread, THREAD_KERNEL_PORT, &kport) ==
	    0 && kport == thread);		/* one name per port */
	CHECK(thread_get_special_port(thread, 42, &kport) ==
	    KERN_INVALID_ARGUMENT);

	/* The new name shows when the kernel reports the task's end. */
	CHECK(task_set_name(child, "renamed_child") == 0);
	CHECK(thread_set_name(thread, "renamed_thread") == 0);
	CHECK(task_terminate(child) == 0);
	CHECK(mach_port_deallocate(self, thread) == 0);
	CHECK(mach_port_deallocate(self, thread) == 0);	/* kport's ref */
	CHECK(mach_port_deallocate(self, child) == 0);
}

static void
test_port_counters(void)
{
	mach_port_t p;
	mach_port_status_t st;
	struct {
		mach_msg_header_t	h;
		char			room[64];
	} m = { 0 };

	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p) == 0);
	CHECK(mach_port_set_mscount(self, p, 7) == 0);
	CHECK(mach_port_set_seqno(self, p, 41) == 0);
	CHECK(mach_port_get_receive_status(self, p, &st) == 0);
	CHECK(st.mps_mscount == 7 && st.mps_seqno == 41);
	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0);
	m.h.msgh_size = sizeof(m.h);
	m.h.msgh_remote_port = p;
	CHECK(mach_msg(&m.h, MACH_SEND_MSG, sizeof(m.h), 0, 0, 0, 0) == 0);
	CHECK(mach_msg(&m.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(m), p,
	    0, 0) == 0 && m.h.msgh_seqno == 41);
	CHECK(mach_port_get_receive_status(self, p, &st) == 0);
	CHECK(st.mps_mscount == 8 && st.mps_seqno == 42);
	CHECK(mach_port_set_mscount(self, 0x4242, 1) == KERN_INVALID_NAME);
	CHECK(mach_port_set_seqno(self, mach_host_self(), 1) ==
	    KERN_INVALID_RIGHT);		/* a send right only */
	CHECK(mach_port_destroy(self, p) == 0);
}

static void
test_host_time(void)
{
	mach_port_t host = mach_host_self();
	time_value64_t up1, up2, now;
	time_value_t now32;

	CHECK(host_get_uptime64(host, &up1) == 0);
	settle();
	CHECK(host_get_uptime64(host, &up2) == 0);
	CHECK(up2.seconds > up1.seconds || (up2.seconds == up1.seconds &&
	    up2.nanoseconds >= up1.nanoseconds));
	CHECK(up1.nanoseconds < 1000000000);
	CHECK(host_get_time64(host, &now) == 0 && now.seconds > 1700000000);
	CHECK(host_get_time(host, &now32) == 0);
	CHECK(now32.seconds - now.seconds <= 1);
	CHECK(host_get_time64(self, &now) != 0);	/* not a host port */
	CHECK(host_get_uptime64(self, &up1) != 0);
}

static void
test_device_status(mach_port_t master)
{
	mach_port_t console;
	int status[16];
	mach_msg_type_number_t n = 16;

	CHECK(device_open(master, D_READ | D_WRITE, "console", &console) == 0);
	CHECK(device_get_status(console, 1, status, &n) ==
	    D_INVALID_OPERATION);
	CHECK(device_set_status(console, 1, status, 4) == D_INVALID_OPERATION);
	CHECK(device_get_status(self, 1, status, &n) != 0);
	CHECK(mach_port_deallocate(self, console) == 0);
}

int
main(int argc, char **argv)
{
	mach_port_t master;

	self = mach_task_self();
	master = argc > 1 ? (mach_port_t)test_parse_number(argv[1]) : 0;
	test_suspend_resume();
	test_port_counters();
	test_host_time();
	test_device_status(master);
	return 0;
}
