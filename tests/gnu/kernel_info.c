/*
 * kernel_info.c -- the kernel's reports and controls a GNU Mach program
 * reads, against GNU Mach's headers and stubs: host_info's processor
 * slots, scheduling and load flavours; task_info's events and thread
 * times, which must count what this test does (faults, zero fills,
 * copy-on-write, messages, user time while it spins); vm_statistics;
 * vm_wire and vm_wire_all (argument and privilege checks, and pages
 * really resident afterwards: touching them faults no more); and the
 * "time" device's mapped time page, read with GNU Mach's protocol.
 * Booted with the host-privileged and device-master ports.
 */
#include <stddef.h>
#include <mach/message.h>
#include <mach/mach_types.h>
#include <mach/port.h>
#include <mach/kern_return.h>
#include <mach/host_info.h>
#include <mach/task_info.h>
#include <mach/vm_statistics.h>
#include <mach/vm_wire.h>
#include <mach/time_value.h>
#include <device/device_types.h>
#include "gnu_runtime.h"
#include "mach_user.h"
#include "mach_port_user.h"
#include "mach_host_user.h"
#include "gnumach_user.h"
#include "device_user.h"

#define PAGE		4096ul
#define LOAD_SCALE	1000

static mach_port_t self, host, host_priv, master;

static unsigned long
parse(const char *s)
{
	unsigned long v = 0;

	while (*s >= '0' && *s <= '9')
		v = v * 10 + (unsigned long)(*s++ - '0');
	return v;
}

static int64_t
now_us(void)
{
	time_value_t t;

	if (host_get_time(host, &t) != KERN_SUCCESS)
		return 0;
	return (int64_t)t.seconds * 1000000 + t.microseconds;
}

static void
events(struct task_events_info *ei)
{
	mach_msg_type_number_t n = TASK_EVENTS_INFO_COUNT;

	CHECK(task_info(self, TASK_EVENTS_INFO, (task_info_t)ei, &n) == 0 &&
	    n == TASK_EVENTS_INFO_COUNT);
}

static void
test_host_info(void)
{
	host_info_data_t d;
	struct host_sched_info *si = (void *)d;
	mach_msg_type_number_t n = HOST_INFO_MAX;

	CHECK(host_info(host, HOST_PROCESSOR_SLOTS, d, &n) == 0 && n >= 1 &&
	    d[0] == 0);
	n = 0;
	CHECK(host_info(host, HOST_PROCESSOR_SLOTS, d, &n) ==
	    KERN_INVALID_ARGUMENT);
	n = HOST_SCHED_INFO_COUNT;
	CHECK(host_info(host, HOST_SCHED_INFO, d, &n) == 0 &&
	    n == HOST_SCHED_INFO_COUNT);
	CHECK(si->min_timeout > 0 && si->min_timeout <= 1000 &&
	    si->min_quantum >= si->min_timeout && si->min_quantum <= 1000);
	n = HOST_SCHED_INFO_COUNT - 1;
	CHECK(host_info(host, HOST_SCHED_INFO, d, &n) == KERN_FAILURE);
	n = HOST_LOAD_INFO_COUNT - 1;
	CHECK(host_info(host, HOST_LOAD_INFO, d, &n) == KERN_FAILURE);
	n = HOST_INFO_MAX;
	CHECK(host_info(host, 77, d, &n) == KERN_INVALID_ARGUMENT);
}

/*
 * Spin in user mode past a load sample (5 s): the 5-second load average
 * must show it, and the live threads' user time must have grown by about
 * as long as the spin.
 */
static void
test_load_and_times(void)
{
	struct host_load_info li;
	struct task_thread_times_info a, b;
	mach_msg_type_number_t n = TASK_THREAD_TIMES_INFO_COUNT;
	int64_t t0, spun, user;

	CHECK(task_info(self, TASK_THREAD_TIMES_INFO, (task_info_t)&a, &n) ==
	    0 && n == TASK_THREAD_TIMES_INFO_COUNT);
	t0 = now_us();
	while (now_us() - t0 < 6000000)
		for (volatile int i = 0; i < 200000; i++)
			;		/* user mode, mostly */
	spun = now_us() - t0;
	n = TASK_THREAD_TIMES_INFO_COUNT;
	CHECK(task_info(self, TASK_THREAD_TIMES_INFO, (task_info_t)&b, &n) ==
	    0);
	user = (b.user_time64.seconds - a.user_time64.seconds) * 1000000 +
	    (b.user_time64.nanoseconds - a.user_time64.nanoseconds) / 1000;
	gnu_print_hex("kernel_info: user microseconds in a 6 s spin ", user);
	CHECK(user > spun / 2 && user <= spun + 20000);
	CHECK(b.user_time.seconds == b.user_time64.seconds &&
	    b.user_time.microseconds == b.user_time64.nanoseconds / 1000);
	CHECK(b.system_time64.seconds >= a.system_time64.seconds);
	n = HOST_LOAD_INFO_COUNT;
	CHECK(host_info(host, HOST_LOAD_INFO, (host_info_t)&li, &n) == 0 &&
	    n == HOST_LOAD_INFO_COUNT);
	gnu_print_hex("kernel_info: 5-second load average ", li.avenrun[0]);
	CHECK(li.avenrun[0] > 0 && li.avenrun[0] <= 4 * LOAD_SCALE);
	for (int i = 0; i < 3; i++)
		CHECK(li.avenrun[i] >= 0 && li.mach_factor[i] >= 0 &&
		    li.mach_factor[i] <= LOAD_SCALE);
}

/* Ping n messages through a port of our own. */
static void
ping(int n)
{
	mach_msg_header_t m;
	mach_port_t p;

	CHECK(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p) == 0);
	for (int i = 0; i < n; i++) {
		memset(&m, 0, sizeof(m));
		m.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0);
		m.msgh_size = sizeof(m);
		m.msgh_remote_port = p;
		CHECK(mach_msg(&m, MACH_SEND_MSG | MACH_RCV_MSG, sizeof(m),
		    sizeof(m), p, 0, 0) == MACH_MSG_SUCCESS);
	}
	CHECK(mach_port_destroy(self, p) == 0);
}

/* Faults, zero fills, a copy-on-write fault and messages are counted. */
static void
test_events(void)
{
	struct task_events_info a, b;
	vm_address_t mem = 0, copy = 0;
	mach_msg_type_number_t n = 1;

	events(&a);
	CHECK(vm_allocate(self, &mem, 16 * PAGE, 1) == 0);
	for (int i = 0; i < 16; i++)
		((volatile char *)mem)[i * PAGE] = 1;
	CHECK(vm_read(self, mem, PAGE, &copy, &n) == 0 && n == PAGE);
	((volatile char *)mem)[0] = 2;		/* shared with the copy */
	ping(5);
	events(&b);
	CHECK(b.faults - a.faults >= 17 && b.zero_fills - a.zero_fills >= 16);
	CHECK(b.cow_faults - a.cow_faults >= 1);
	CHECK(b.messages_sent - a.messages_sent >= 5 &&
	    b.messages_received - a.messages_received >= 5);
	CHECK(b.pageins == 0 && b.reactivations == 0);
	CHECK(((volatile char *)copy)[0] == 1);
	CHECK(vm_deallocate(self, mem, 16 * PAGE) == 0);
	CHECK(vm_deallocate(self, copy, PAGE) == 0);
	n = TASK_EVENTS_INFO_COUNT - 1;
	CHECK(task_info(self, TASK_EVENTS_INFO, (task_info_t)&a, &n) ==
	    KERN_FAILURE);
}

static void
test_vm_statistics(void)
{
	struct vm_statistics a, b;
	struct host_basic_info hi;
	mach_msg_type_number_t n = HOST_BASIC_INFO_COUNT;
	vm_address_t mem = 0;

	CHECK(host_info(host, HOST_BASIC_INFO, (host_info_t)&hi, &n) == 0);
	CHECK(vm_statistics(self, &a) == 0 && a.pagesize == PAGE);
	CHECK((unsigned long)(a.free_count + a.active_count +
	    a.inactive_count + a.wire_count) == hi.memory_size / PAGE);
	CHECK(vm_allocate(self, &mem, 8 * PAGE, 1) == 0);
	for (int i = 0; i < 8; i++)
		((volatile char *)mem)[i * PAGE] = 1;
	CHECK(vm_statistics(self, &b) == 0);
	CHECK(b.faults - a.faults >= 8 &&
	    b.zero_fill_count - a.zero_fill_count >= 8);
	CHECK(b.free_count <= a.free_count - 8);
	CHECK(b.pageins == 0 && b.pageouts == 0);
	CHECK(vm_deallocate(self, mem, 8 * PAGE) == 0);
}

/* Touch n pages at mem and say how many faults that took. */
static unsigned long
touch_faults(vm_address_t mem, int n)
{
	struct task_events_info a, b;

	events(&a);
	for (int i = 0; i < n; i++)
		(void)((volatile char *)mem)[i * PAGE];
	events(&b);
	return b.faults - a.faults;
}

static void
test_vm_wire(void)
{
	vm_address_t mem = 0, big = 0;
	const vm_size_t nine = 9ul << 20;

	CHECK(vm_allocate(self, &mem, 16 * PAGE, 1) == 0);
	CHECK(vm_allocate(self, &big, nine, 1) == 0);
	CHECK(vm_wire(MACH_PORT_NULL, self, mem, PAGE, VM_PROT_READ) ==
	    MACH_SEND_INVALID_DEST);	/* the host is the request port */
	CHECK(vm_wire(self, self, mem, PAGE, VM_PROT_READ) ==
	    KERN_INVALID_HOST);
	CHECK(vm_wire(host, MACH_PORT_NULL, mem, PAGE, VM_PROT_READ) ==
	    KERN_INVALID_TASK);
	CHECK(vm_wire(host, self, mem, PAGE, 0x100) == KERN_INVALID_ARGUMENT);
	CHECK(vm_wire(host, self, big, nine, VM_PROT_READ) == KERN_NO_ACCESS);
	CHECK(vm_wire(host, self, mem, 16 * PAGE, VM_PROT_READ |
	    VM_PROT_WRITE) == 0);
	CHECK(touch_faults(mem, 16) == 0);
	CHECK(vm_wire(host, self, mem, 16 * PAGE, VM_PROT_NONE) == 0);
	CHECK(vm_wire(host_priv, self, big, nine, VM_PROT_READ) == 0);
	CHECK(touch_faults(big, (int)(nine / PAGE)) == 0);
	CHECK(vm_wire(host_priv, self, big, nine, VM_PROT_NONE) == 0);
	CHECK(vm_deallocate(self, big, nine) == 0);
	CHECK(vm_wire(host_priv, self, big, PAGE, VM_PROT_READ) !=
	    KERN_SUCCESS);			/* nothing mapped there now */
	CHECK(vm_deallocate(self, mem, 16 * PAGE) == 0);
}

static void
test_vm_wire_all(void)
{
	vm_address_t mem = 0;

	CHECK(vm_wire_all(host, self, VM_WIRE_ALL) == KERN_INVALID_HOST);
	CHECK(vm_wire_all(host_priv, MACH_PORT_NULL, VM_WIRE_ALL) ==
	    KERN_INVALID_TASK);
	CHECK(vm_wire_all(host_priv, self, 4) == KERN_INVALID_ARGUMENT);
	CHECK(vm_wire_all(host_priv, self, VM_WIRE_ALL) == 0);
	CHECK(vm_allocate(self, &mem, 8 * PAGE, 1) == 0);
	CHECK(touch_faults(mem, 8) == 0);	/* VM_WIRE_FUTURE */
	CHECK(vm_deallocate(self, mem, 8 * PAGE) == 0);
	CHECK(vm_wire_all(host_priv, self, VM_WIRE_NONE) == 0);
	mem = 0;
	CHECK(vm_allocate(self, &mem, 8 * PAGE, 1) == 0);
	CHECK(touch_faults(mem, 8) == 8);	/* no longer */
	CHECK(vm_deallocate(self, mem, 8 * PAGE) == 0);
}

/* GNU Mach's reading protocol for the mapped time. */
static int64_t
mapped_us(volatile mapped_time_value_t *mt)
{
	integer_t s, us;

	do {
		s = mt->seconds;
		__sync_synchronize();
		us = mt->microseconds;
		__sync_synchronize();
	} while (s != mt->check_seconds);
	return (int64_t)s * 1000000 + us;
}

static void
test_mapped_time(void)
{
	mach_port_t dev, pager;
	vm_address_t addr = 0;
	volatile mapped_time_value_t *mt;
	int64_t t0, t1, now;

	CHECK(device_open(master, D_READ, "time", &dev) == 0);
	CHECK(device_map(dev, VM_PROT_READ, 0, sizeof(*mt), &pager, 0) == 0);
	CHECK(vm_map(self, &addr, sizeof(*mt), 0, 1, pager, 0, 0,
	    VM_PROT_READ, VM_PROT_READ, VM_INHERIT_NONE) == 0);
	mt = (volatile mapped_time_value_t *)addr;
	t0 = mapped_us(mt);
	now = now_us();
	CHECK(t0 > 0 && t0 <= now + 20000 && now - t0 < 1000000);
	while (now_us() - now < 200000)
		;
	t1 = mapped_us(mt);
	CHECK(t1 - t0 >= 150000 && t1 - t0 < 1000000);
	CHECK(mt->time_value.seconds >= mt->seconds &&
	    mt->time_value.nanoseconds < 1000000000);
	CHECK(mt->uptime_value.seconds <= mt->time_value.seconds);
	CHECK(vm_protect(self, addr, sizeof(*mt), 0, VM_PROT_READ |
	    VM_PROT_WRITE) == KERN_PROTECTION_FAILURE);
	CHECK(vm_deallocate(self, addr, sizeof(*mt)) == 0);
	CHECK(mach_port_deallocate(self, pager) == 0);
	CHECK(device_close(dev) == 0);
	CHECK(mach_port_deallocate(self, dev) == 0);
}

int
main(int argc, char **argv)
{
	self = mach_task_self();
	host = mach_host_self();
	host_priv = argc > 1 ? (mach_port_t)parse(argv[1]) : 0;
	master = argc > 2 ? (mach_port_t)parse(argv[2]) : 0;
	mach_print("kernel_info: built against GNU Mach's headers\n");
	CHECK(host_priv != 0 && master != 0);
	test_host_info();
	test_events();
	test_vm_statistics();
	test_vm_wire();
	test_vm_wire_all();
	test_mapped_time();
	test_load_and_times();
	return 0;
}
