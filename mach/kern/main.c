/*
 * main.c -- kmain, the kernel's first C function (called by the machine's
 * boot code on the boot stack): bring up the console, memory, the heap and
 * the scheduler, start the boot modules, then hand the processor over.
 */
#include "kern/klib.h"
#include "kern/kalloc.h"
#include "kern/console.h"
#include "kern/cmdline.h"
#include "kern/bootinfo.h"
#include "kern/bootstrap.h"
#include "kern/sched.h"
#include "kern/task.h"
#include "kern/task_limit.h"
#include "kern/version.h"
#include "kern/host.h"
#include "kern/device.h"
#include "kern/thread.h"
#include "vm/vm_page.h"
#include "vm/vm_map.h"
#include "ipc/ipc_port.h"
#include "ipc/ipc_space.h"
#include "ipc/ipc_pset.h"
#include "machine/cpu.h"
#include "machine/console.h"
#include "machine/pmap.h"


static struct boot_info boot_info;

static void *
heap_pages_get(size_t n)
{
	uint64_t pa;

	if (vm_page_alloc_contig(n, &pa) != 0)
		return NULL;
	return phys_to_virt(pa);
}

static void
heap_pages_put(void *p, size_t n)
{
	vm_page_free_contig(virt_to_phys(p), n);
}

void
kmain(uint64_t mbinfo_pa)
{
	serial_init();
	boot_info_parse(mbinfo_pa, &boot_info);
	cmdline_parse(boot_info.cmdline);
	kprintf("\n" WHORL_BANNER " - a multiserver system "
	    "on a Mach-compatible kernel\n");
	kprintf("whorl: command line: %s\n", cmdline_raw());
	cpu_init();
	vm_page_bootstrap(&boot_info);
	pmap_bootstrap(vm_page_phys_end());
	kmem_init(heap_pages_get, heap_pages_put);
	vm_init();
	ipc_port_init();
	ipc_space_init();
	ipc_pset_init();
	thread_init();
	task_init();
	task_limit_init(vm_page_total_count() * PAGE_SIZE);
	sched_init();
	host_init();
	device_init();
	kprintf("whorl: memory: %lu KiB free of %lu KiB\n",
	    vm_page_free_count() * (PAGE_SIZE / 1024),
	    vm_page_total_count() * (PAGE_SIZE / 1024));
	clock_init();
	bootstrap_modules(&boot_info);
	sched_start();
}
