/*
 * kernel_rpc.c -- the kernel interface through MIG's own user stubs:
 * mach_port (names, references, sets, notifications), virtual memory,
 * tasks and threads (a child task talking back through its bootstrap
 * port, a second thread interrupted in a receive), and the host.  Ends
 * the machine with host_reboot on the host port the boot script gave it.
 */
#include "test.h"
#include <mach/mach.h>
#include <mach/mach_port.h>
#include <mach/mach_host.h>
#include <mach/gnumach.h>
#include <mach/notify.h>
#include <mach/mig_errors.h>
#include <mach/task_special_ports.h>
#include <mach/task_info.h>
#include <mach/host_info.h>
#include <mach/thread_status.h>

struct msg_int {
	mach_msg_header_t	h;
	mach_msg_type_t		t;
	int32_t			value, pad;
};

struct notice {
	mach_msg_header_t	h;
	mach_msg_type_t		t;
	uint64_t		value;
	char			room[64];
};

static mach_port_t self;

static kern_return_t
send_int(mach_port_t dest, int disp, int value)
{
	struct msg_int m = { 0 };

	m.h.msgh_bits = MACH_MSGH_BITS(disp, 0);
	m.h.msgh_size = sizeof(m);
	m.h.msgh_remote_port = dest;
	m.h.msgh_id = 500;
	m.t.msgt_name = MACH_MSG_TYPE_INTEGER_32;
	m.t.msgt_size = 32;
	m.t.msgt_number = 1;
	m.t.msgt_inline = 1;
	m.value = value;
	return mach_msg(&m.h, MACH_SEND_MSG, sizeof(m), 0, 0, 0, 0);
}

static kern_return_t
recv_any(mach_port_t port, void *buf, size_t size, mach_msg_timeout_t ms)
{
	return mach_msg(buf, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, size, port,
	    ms, 0);
}

static void
test_names(void)
{
	mach_port_t p, d;
	mach_port_type_t type;
	mach_port_urefs_t refs;
	mach_port_name_array_t names;
	mach_port_type_array_t types;
	mach_msg_type_number_t n, nt;
	int found = 0;

	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p) == 0);
	CHECK(mach_port_type(self, p, &type) == 0 &&
	    type == MACH_PORT_TYPE_RECEIVE);
	CHECK(mach_port_insert_right(self, p, p, MACH_MSG_TYPE_MAKE_SEND) == 0);
	CHECK(mach_port_type(self, p, &type) == 0 &&
	    type == MACH_PORT_TYPE_SEND_RECEIVE);
	CHECK(mach_port_mod_refs(self, p, MACH_PORT_RIGHT_SEND, 2) == 0);
	CHECK(mach_port_get_refs(self, p, MACH_PORT_RIGHT_SEND, &refs) == 0 &&
	    refs == 3);
	CHECK(mach_port_mod_refs(self, p, MACH_PORT_RIGHT_SEND, -5) ==
	    KERN_INVALID_VALUE);
	CHECK(mach_port_deallocate(self, p) == 0);
	CHECK(mach_port_get_refs(self, p, MACH_PORT_RIGHT_SEND, &refs) == 0 &&
	    refs == 2);
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_DEAD_NAME, &d) == 0);
	CHECK(mach_port_type(self, d, &type) == 0 &&
	    type == MACH_PORT_TYPE_DEAD_NAME);
	CHECK(mach_port_allocate_name(self, MACH_PORT_RIGHT_RECEIVE, 0x4201) ==
	    0);
	CHECK(mach_port_allocate_name(self, MACH_PORT_RIGHT_RECEIVE, 0x4201) ==
	    KERN_NAME_EXISTS);
	CHECK(mach_port_names(self, &names, &n, &types, &nt) == 0 && n == nt);
	for (mach_msg_type_number_t i = 0; i < n; i++)
		found += (names[i] == p && types[i] ==
		    MACH_PORT_TYPE_SEND_RECEIVE) + (names[i] == 0x4201);
	CHECK(found == 2);
	CHECK(vm_deallocate(self, (vm_address_t)names, n * 4) == 0);
	CHECK(vm_deallocate(self, (vm_address_t)types, n * 4) == 0);
	CHECK(mach_port_rename(self, 0x4201, 0x4301) == 0);
	CHECK(mach_port_type(self, 0x4201, &type) == KERN_INVALID_NAME);
	CHECK(mach_port_destroy(self, 0x4301) == 0);
	CHECK(mach_port_destroy(self, d) == 0);
	CHECK(mach_port_destroy(self, p) == 0);
	CHECK(mach_port_type(self, p, &type) == KERN_INVALID_NAME);
}

static void
test_sets_and_status(void)
{
	mach_port_t p, s;
	mach_port_status_t st;
	mach_port_name_array_t members;
	mach_msg_type_number_t n;
	struct msg_int m;

	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p) == 0);
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_PORT_SET, &s) == 0);
	CHECK(mach_port_move_member(self, p, s) == 0);
	CHECK(mach_port_get_set_status(self, s, &members, &n) == 0 && n == 1 &&
	    members[0] == p);
	CHECK(mach_port_set_qlimit(self, p, 2) == 0);
	CHECK(mach_port_get_receive_status(self, p, &st) == 0);
	CHECK(st.mps_pset == s && st.mps_qlimit == 2 && st.mps_msgcount == 0);
	CHECK(send_int(p, MACH_MSG_TYPE_MAKE_SEND, 41) == 0);
	CHECK(recv_any(s, &m, sizeof(m), 100) == 0);
	CHECK(m.value == 41 && m.h.msgh_local_port == p);
	CHECK(recv_any(s, &m, sizeof(m), 0) == MACH_RCV_TIMED_OUT);
	CHECK(mach_port_move_member(self, p, MACH_PORT_NULL) == 0);
	/* A protected payload replaces the port's name in received headers. */
	CHECK(mach_port_set_protected_payload(self, p, 0xfeedface1234ul) == 0);
	CHECK(send_int(p, MACH_MSG_TYPE_MAKE_SEND, 42) == 0);
	CHECK(recv_any(p, &m, sizeof(m), 100) == 0 && m.value == 42);
	CHECK(MACH_MSGH_BITS_LOCAL(m.h.msgh_bits) ==
	    MACH_MSG_TYPE_PROTECTED_PAYLOAD &&
	    m.h.msgh_protected_payload == 0xfeedface1234ul);
	CHECK(mach_port_clear_protected_payload(self, p) == 0);
	CHECK(send_int(p, MACH_MSG_TYPE_MAKE_SEND, 43) == 0);
	CHECK(recv_any(p, &m, sizeof(m), 100) == 0 && m.h.msgh_local_port == p);
	CHECK(mach_port_get_receive_status(self, p, &st) == 0 &&
	    st.mps_pset == MACH_PORT_NULL && st.mps_mscount == 3);
	CHECK(mach_port_destroy(self, s) == 0);
	CHECK(mach_port_destroy(self, p) == 0);
}

static void
test_notifications(void)
{
	mach_port_t p, q, n, prev, once;
	mach_msg_type_name_t t;
	mach_port_type_t type;
	struct notice m;

	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &n) == 0);
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p) == 0);
	/* No-senders: the last send right goes, the notice comes. */
	CHECK(mach_port_insert_right(self, p, p, MACH_MSG_TYPE_MAKE_SEND) == 0);
	CHECK(mach_port_request_notification(self, p, MACH_NOTIFY_NO_SENDERS,
	    0, n, MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev) == 0 &&
	    prev == MACH_PORT_NULL);
	CHECK(recv_any(n, &m, sizeof(m), 0) == MACH_RCV_TIMED_OUT);
	CHECK(mach_port_deallocate(self, p) == 0);
	CHECK(recv_any(n, &m, sizeof(m), 100) == 0);
	CHECK(m.h.msgh_id == MACH_NOTIFY_NO_SENDERS && (uint32_t)m.value == 1);
	/* Dead-name: the receive right dies, the send right's name learns. */
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &q) == 0);
	CHECK(mach_port_insert_right(self, q, q, MACH_MSG_TYPE_MAKE_SEND) == 0);
	CHECK(mach_port_request_notification(self, q, MACH_NOTIFY_DEAD_NAME,
	    0, n, MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev) == 0);
	CHECK(mach_port_mod_refs(self, q, MACH_PORT_RIGHT_RECEIVE, -1) == 0);
	CHECK(recv_any(n, &m, sizeof(m), 100) == 0);
	CHECK(m.h.msgh_id == MACH_NOTIFY_DEAD_NAME && (uint32_t)m.value == q);
	CHECK(mach_port_type(self, q, &type) == 0 &&
	    type == MACH_PORT_TYPE_DEAD_NAME);
	CHECK(mach_port_destroy(self, q) == 0);
	/* Send-once: an unused send-once right is destroyed. */
	CHECK(mach_port_extract_right(self, n, MACH_MSG_TYPE_MAKE_SEND_ONCE,
	    &once, &t) == 0 && t == MACH_MSG_TYPE_PORT_SEND_ONCE);
	CHECK(mach_port_deallocate(self, once) == 0);
	CHECK(recv_any(n, &m, sizeof(m), 100) == 0);
	CHECK(m.h.msgh_id == MACH_NOTIFY_SEND_ONCE);
	CHECK(mach_port_destroy(self, p) == 0);
	CHECK(mach_port_destroy(self, n) == 0);
}

static void
test_vm(void)
{
	vm_address_t a = 0, r, b;
	vm_size_t size;
	vm_prot_t prot, max;
	vm_inherit_t inh;
	boolean_t shared;
	mach_port_t obj;
	vm_offset_t off, data;
	mach_msg_type_number_t cnt;
	char *p;

	CHECK(vm_allocate(self, &a, 3 * 4096, TRUE) == 0 && a != 0);
	p = (char *)a;
	for (int i = 0; i < 4096; i++)
		p[i] = (char)i;
	CHECK(vm_allocate(self, &a, 4096, FALSE) == KERN_NO_SPACE);
	CHECK(vm_protect(self, a + 4096, 4096, FALSE, VM_PROT_READ) == 0);
	r = a;
	CHECK(vm_region(self, &r, &size, &prot, &max, &inh, &shared, &obj,
	    &off) == 0 && r == a && size == 4096 && prot == VM_PROT_DEFAULT);
	r = a + 4096;
	CHECK(vm_region(self, &r, &size, &prot, &max, &inh, &shared, &obj,
	    &off) == 0 && size == 4096 && prot == VM_PROT_READ);
	CHECK(vm_protect(self, a, 4096, TRUE, VM_PROT_READ) == 0);
	CHECK(vm_protect(self, a, 4096, FALSE, VM_PROT_ALL) ==
	    KERN_PROTECTION_FAILURE);
	CHECK(vm_read(self, a, 4096, &data, &cnt) == 0 && cnt == 4096);
	CHECK(((char *)data)[100] == 100 && data != a);
	CHECK(vm_write(self, a + 8192, data, cnt) == 0);
	CHECK(p[8192 + 200] == (char)200);
	CHECK(vm_deallocate(self, data, cnt) == 0);
	CHECK(vm_copy(self, a + 8192, 4096, a + 8192) == 0);
	CHECK(vm_deallocate(self, a + 4096, 4096) == 0);
	r = a + 4096;
	CHECK(vm_region(self, &r, &size, &prot, &max, &inh, &shared, &obj,
	    &off) == 0 && r == a + 8192);
	CHECK(vm_read(self, a + 4096, 4096, &data, &cnt) ==
	    KERN_INVALID_ADDRESS);
	b = 0;
	CHECK(vm_map(self, &b, 65536, 65535, TRUE, MACH_PORT_NULL, 0, FALSE,
	    VM_PROT_DEFAULT, VM_PROT_ALL, VM_INHERIT_COPY) == 0 &&
	    (b & 65535) == 0);
	CHECK(vm_deallocate(self, b, 65536) == 0);
	CHECK(vm_deallocate(self, a, 3 * 4096) == 0);
}

/* Pages the child inherits: copied (copy-on-write) and shared. */
static char cow_page[4096] __attribute__((aligned(4096)));
static char shared_page[4096] __attribute__((aligned(4096)));

/* The child: runs in a copy of our memory, reports through bootstrap. */
static void
child_main(void)
{
	mach_port_t boot;

	mig_forget_reply_port();
	if (task_get_special_port(mach_task_self(), TASK_BOOTSTRAP_PORT,
	    &boot) == KERN_SUCCESS)
		send_int(boot, MACH_MSG_TYPE_COPY_SEND,
		    4242 + (cow_page[0] == 'p' && shared_page[0] == 's'));
	cow_page[0] = 'c';		/* private: the parent keeps 'p' */
	shared_page[0] = 'S';		/* shared: the parent sees it */
	task_terminate(mach_task_self());
	for (;;)
		swtch();
}

static void
set_entry(mach_port_t thread, void (*fn)(void), vm_address_t stack)
{
	struct i386_thread_state st = { 0 };

	st.rip = (uint64_t)fn;
	st.ursp = stack - 8;		/* as if called */
	CHECK(thread_set_state(thread, i386_THREAD_STATE, (thread_state_t)&st,
	    i386_THREAD_STATE_COUNT) == 0);
}

static void
test_child_task(void)
{
	mach_port_t child, thread, port;
	thread_array_t threads;
	mach_msg_type_number_t n = TASK_BASIC_INFO_COUNT;
	struct task_basic_info info;
	vm_address_t stack = 0;
	struct msg_int m;
	kern_return_t kr;

	CHECK(task_info(self, TASK_BASIC_INFO, (task_info_t)&info, &n) == 0);
	CHECK(info.virtual_size > 0 && info.resident_size > 0);
	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &port) == 0);
	cow_page[0] = 'p';
	shared_page[0] = 's';
	CHECK(vm_inherit(self, (vm_address_t)shared_page, 4096,
	    VM_INHERIT_SHARE) == 0);
	CHECK(task_create(self, TRUE, &child) == 0);
	kr = task_threads(child, &threads, &n);
	CHECK(kr == 0 && n == 0);
	if (kr != 0 || n != 0)
		test_printf("task_threads: %#x %u\n", kr, n);
	CHECK(mach_port_insert_right(self, port, port,
	    MACH_MSG_TYPE_MAKE_SEND) == 0);
	CHECK(task_set_special_port(child, TASK_BOOTSTRAP_PORT, port) == 0);
	CHECK(vm_allocate(child, &stack, 65536, TRUE) == 0);
	CHECK(thread_create(child, &thread) == 0);
	set_entry(thread, child_main, stack + 65536);
	CHECK(thread_resume(thread) == 0);
	CHECK(recv_any(port, &m, sizeof(m), 2000) == 0 && m.value == 4243);
	for (int i = 0; i < 100; i++)
		swtch();
	CHECK(cow_page[0] == 'p' && shared_page[0] == 'S');
	/* The child is gone: its task port is a dead name now. */
	CHECK(task_info(child, TASK_BASIC_INFO, (task_info_t)&info, &n) != 0);
	CHECK(mach_port_destroy(self, port) == 0);
}

static volatile int second_result = -1;
static mach_port_t second_port;

static void
second_main(void)
{
	struct msg_int m;

	second_result = mach_msg(&m.h, MACH_RCV_MSG, 0, sizeof(m),
	    second_port, 0, 0);
	for (;;)
		swtch();
}

static void
test_second_thread(void)
{
	mach_port_t thread;
	vm_address_t stack = 0;
	struct i386_thread_state st;
	mach_msg_type_number_t n = i386_THREAD_STATE_COUNT;
	int i;

	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE,
	    &second_port) == 0);
	CHECK(vm_allocate(self, &stack, 65536, TRUE) == 0);
	CHECK(thread_create(self, &thread) == 0);
	set_entry(thread, second_main, stack + 65536);
	CHECK(thread_get_state(thread, i386_THREAD_STATE, (thread_state_t)&st,
	    &n) == 0 && st.rip == (uint64_t)second_main);
	CHECK(thread_resume(thread) == 0);
	CHECK(thread_resume(thread) == KERN_FAILURE);	/* not suspended */
	for (i = 0; i < 50; i++)
		swtch();		/* let it block in its receive */
	CHECK(second_result == -1);
	CHECK(thread_abort(thread) == 0);
	for (i = 0; i < 50 && second_result == -1; i++)
		swtch();
	CHECK(second_result == MACH_RCV_INTERRUPTED);
	CHECK(thread_terminate(thread) == 0);
	CHECK(mach_port_destroy(self, second_port) == 0);
}

static void
test_host(mach_port_t priv)
{
	mach_port_t host = mach_host_self();
	struct host_basic_info hi;
	mach_msg_type_number_t n = HOST_BASIC_INFO_COUNT;
	time_value_t now;
	kernel_version_t version;

	CHECK(host_info(host, HOST_BASIC_INFO, (host_info_t)&hi, &n) == 0);
	CHECK(hi.memory_size > 64 << 20 && hi.avail_cpus >= 1);
	CHECK(host_get_time(host, &now) == 0 && now.seconds > 1700000000);
	CHECK(host_get_kernel_version(host, version) == 0 &&
	    version[0] == 'W');
	CHECK(host_reboot(host, 0) != KERN_SUCCESS);	/* not privileged */
	CHECK(MACH_PORT_VALID(priv));
}

static void
test_traps_and_dma(mach_port_t priv)
{
	vm_address_t a = 0, va = 0;
	rpc_phys_addr_t pa = 0;

	CHECK(syscall_vm_allocate(self, &a, 8192, TRUE) == 0 && a != 0);
	((volatile char *)a)[4096] = 1;
	CHECK(syscall_vm_deallocate(self, a, 8192) == 0);
	CHECK(syscall_vm_allocate(0x4242, &a, 8192, TRUE) == MACH_SEND_INTERRUPTED);
	CHECK(vm_allocate_contiguous(mach_host_self(), self, &va, &pa, 8192, 0,
	    0, 0) != KERN_SUCCESS);
	CHECK(vm_allocate_contiguous(priv, self, &va, &pa, 3 * 4096, 0, 0,
	    16384) == 0);
	CHECK(va != 0 && pa != 0 && (pa & 16383) == 0);
	((volatile char *)va)[8192] = 2;
	CHECK(vm_deallocate(self, va, 3 * 4096) == 0);
}

/* Reached through thread_set_self_state, with rdi = the host port. */
static void
finish(mach_port_t priv)
{
	test_printf("kernel_rpc: done\n");
	test_exit_noidle();
	host_reboot(priv, 0);
	for (;;)
		swtch();
}

int
main(int argc, char **argv)
{
	mach_port_t priv = argc > 1 ? (mach_port_t)test_parse_number(argv[1]) :
	    MACH_PORT_NULL;

	self = mach_task_self();
	test_names();
	test_sets_and_status();
	test_notifications();
	test_vm();
	test_child_task();
	test_second_thread();
	test_host(priv);
	test_traps_and_dma(priv);
	{
		static char stack[8192] __attribute__((aligned(16)));
		struct i386_thread_state st = { 0 };

		st.rip = (uint64_t)finish;
		st.rdi = priv;
		st.ursp = (uint64_t)stack + sizeof(stack) - 8;
		thread_set_self_state(i386_THREAD_STATE, (natural_t *)&st,
		    i386_THREAD_STATE_COUNT);
	}
	CHECK(!"thread_set_self_state returned");
	test_exit_noidle();
	return 1;
}
