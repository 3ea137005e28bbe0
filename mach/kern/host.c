/*
 * host.c -- the host: its ports, the clock (wall time from the machine's
 * real-time clock at boot, advanced by the timer), host_info and reboot.
 * host_reboot resets or halts the machine as a PC would be (machine/cpu.h);
 * under QEMU's -no-reboot a reset ends QEMU, as a power-off does.
 */
#include "kern/klib.h"
#include "kern/console.h"
#include "kern/host.h"
#include "kern/version.h"
#include "kern/sched.h"
#include "vm/vm_page.h"
#include "kern/kalloc.h"
#include "kern/task.h"
#include "ipc/ipc_port.h"
#include "ipc/ipc_kobject.h"
#include "machine/cpu.h"
#include "machine/console.h"
#include "machine/pmap.h"
#include <mach/host_reboot.h>

#define WHORL_VERSION_STRING	WHORL_BANNER ": a multiserver kernel " \
	"compatible with GNU Mach"

/* Processor slots: one CPU, so HOST_PROCESSOR_SLOTS needs room for one. */
#define HOST_CPU_SLOTS		1

struct host realhost;

void
host_init(void)
{
	realhost.host_self = ipc_kobject_port_alloc(IKOT_HOST, &realhost);
	realhost.host_priv = ipc_kobject_port_alloc(IKOT_HOST_PRIV, &realhost);
	if (realhost.host_self == NULL || realhost.host_priv == NULL)
		panic("host: no memory for the host ports");
	realhost.boot_epoch = clock_read_rtc();
	host_stats_init();
}

/* Time since boot, in nanoseconds, at tick resolution. */
static uint64_t
host_uptime_ns(void)
{
	return sched_ticks() * (1000000000ull / HZ);
}

kern_return_t
host_get_uptime64(struct host *h, time_value64_t *t)
{
	uint64_t ns = host_uptime_ns();

	if (h == NULL)
		return KERN_INVALID_HOST;
	t->seconds = ns / 1000000000ull;
	t->nanoseconds = ns % 1000000000ull;
	return KERN_SUCCESS;
}

kern_return_t
host_get_time64(struct host *h, time_value64_t *t)
{
	kern_return_t kr = host_get_uptime64(h, t);

	if (kr == KERN_SUCCESS)
		t->seconds += h->boot_epoch;
	return kr;
}

kern_return_t
host_get_time(struct host *h, time_value_t *t)
{
	time_value64_t t64;
	kern_return_t kr = host_get_time64(h, &t64);

	if (kr == KERN_SUCCESS) {
		t->seconds = t64.seconds;
		t->microseconds = t64.nanoseconds / 1000;
	}
	return kr;
}

/*
 * host_reboot: as GNU Mach, RB_HALT halts the machine (powered off if the
 * firmware allows) and anything else resets it.  GNU Mach without its
 * debugger panics on RB_DEBUGGER; Whorl, which has none either, halts.
 * Only the privileged host port reaches here (its type converts it).
 */
kern_return_t
host_reboot(struct host *h, int options)
{
	if (h == NULL)
		return KERN_INVALID_HOST;
	kprintf("whorl: host_reboot(%#x): %s\n", options,
	    (options & (RB_HALT | RB_DEBUGGER)) ? "halting" : "rebooting");
	if (options & RB_DEBUGGER)
		kprintf("whorl: no kernel debugger\n");
	if (options & (RB_HALT | RB_DEBUGGER))
		machine_halt();
	machine_reboot();
}

static kern_return_t
host_kernel_stats(struct whorl_kernel_stats *ks, mach_msg_type_number_t *count)
{
	struct kmem_stats *st;
	uint64_t objects = 0;

	if (*count < HOST_WHORL_KERNEL_STATS_COUNT)
		return KERN_FAILURE;
	if ((st = kalloc(sizeof(*st))) == NULL)
		return KERN_RESOURCE_SHORTAGE;
	kmem_reap();
	kmem_stats(st);
	for (unsigned i = 0; i < st->ncaches; i++)
		objects += st->cache[i].objects;
	memset(ks, 0, sizeof(*ks));
	ks->heap_pages = st->pages_in_use;
	ks->heap_objects = objects + st->large_allocs;
	kfree(st);
	ks->free_pages = vm_page_free_count();
	ks->ports = ipc_port_count();
	ks->tasks = task_count();
	*count = HOST_WHORL_KERNEL_STATS_COUNT;
	return KERN_SUCCESS;
}

/* HOST_BASIC_INFO. */
static void
host_basic_info(struct host_basic_info *bi)
{
	memset(bi, 0, sizeof(*bi));
	bi->max_cpus = 1;
	bi->avail_cpus = 1;
	bi->memory_size = vm_page_total_count() * PAGE_SIZE;
	bi->cpu_type = MACHINE_CPU_TYPE;
	bi->cpu_subtype = MACHINE_CPU_SUBTYPE;
}

/* HOST_SCHED_INFO: the clock tick and the quantum, in milliseconds. */
static void
host_sched_info(struct host_sched_info *si)
{
	si->min_timeout = 1000 / HZ;
	si->min_quantum = QUANTUM_TICKS * 1000 / HZ;
}

/*
 * host_info: HOST_BASIC_INFO, HOST_PROCESSOR_SLOTS (the slots of the
 * running CPUs: slot 0), HOST_SCHED_INFO, HOST_LOAD_INFO, and Whorl's
 * HOST_WHORL_KERNEL_STATS.  As GNU Mach: KERN_FAILURE when *count is
 * short (KERN_INVALID_ARGUMENT for the slots), KERN_INVALID_ARGUMENT for
 * another flavour.
 */
kern_return_t
host_info(struct host *h, int flavor, integer_t *info,
    mach_msg_type_number_t *count)
{
	if (h == NULL)
		return KERN_INVALID_HOST;
	switch (flavor) {
	case HOST_WHORL_KERNEL_STATS:
		return host_kernel_stats((void *)info, count);
	case HOST_PROCESSOR_SLOTS:
		if (*count < HOST_CPU_SLOTS)
			return KERN_INVALID_ARGUMENT;
		info[0] = 0;
		*count = 1;
		return KERN_SUCCESS;
	case HOST_BASIC_INFO:
		if (*count < HOST_BASIC_INFO_COUNT)
			return KERN_FAILURE;
		host_basic_info((void *)info);
		*count = HOST_BASIC_INFO_COUNT;
		return KERN_SUCCESS;
	case HOST_SCHED_INFO:
		if (*count < HOST_SCHED_INFO_COUNT)
			return KERN_FAILURE;
		host_sched_info((void *)info);
		*count = HOST_SCHED_INFO_COUNT;
		return KERN_SUCCESS;
	case HOST_LOAD_INFO:
		if (*count < HOST_LOAD_INFO_COUNT)
			return KERN_FAILURE;
		host_load_info((void *)info);
		*count = HOST_LOAD_INFO_COUNT;
		return KERN_SUCCESS;
	default:
		return KERN_INVALID_ARGUMENT;
	}
}

kern_return_t
host_get_kernel_version(struct host *h, char *version)
{
	if (h == NULL)
		return KERN_INVALID_HOST;
	memset(version, 0, KERNEL_VERSION_MAX);
	memcpy(version, WHORL_VERSION_STRING, sizeof(WHORL_VERSION_STRING));
	return KERN_SUCCESS;
}
