/*
 * kobject_no_senders.c -- kernel objects that live only while send rights
 * to them exist end with their last right, as on GNU Mach: 10,000
 * io_perm permissions, 10,000 opens of a device and 1,000 device pagers
 * (each mapped, so the mapping outlives the pager's port) are made and
 * dropped, and the kernel's ports and heap objects return exactly to
 * where they were (host_info HOST_WHORL_KERNEL_STATS).
 */
#include "test.h"
#include <mach/mach.h>
#include <mach/mach_host.h>
#include <mach/mach_port.h>
#include <mach/mach_i386.h>
#include <mach/host_info.h>
#include <device/device.h>
#include <device/device_types.h>

#define ROUNDS		10000
#define PAGER_ROUNDS	1000

static mach_port_t self, master;


static int
io_perms(int rounds)
{
	mach_port_t perm;
	int ok = 0;

	for (int i = 0; i < rounds; i++) {
		if (i386_io_perm_create(master, 0x70, 0x71, &perm) != 0)
			break;
		ok += mach_port_deallocate(self, perm) == 0;
	}
	return ok;
}

static int
device_opens(int rounds)
{
	mach_port_t dev, again;
	int ok = 0;

	for (int i = 0; i < rounds; i++) {
		if (device_open(master, D_READ | D_WRITE, "console", &dev) != 0)
			break;
		/* A second open names the same port: one right, two refs. */
		if (device_open(master, D_READ, "console", &again) != 0)
			break;
		ok += again == dev && mach_port_deallocate(self, dev) == 0 &&
		    mach_port_deallocate(self, dev) == 0;
	}
	return ok;
}

/* Pagers mapped and dropped: the mapping still reads the ROM. */
static int
pagers(int rounds)
{
	mach_port_t mem, pager;
	vm_address_t addr;
	int ok = 0;

	if (device_open(master, D_READ, "mem", &mem) != 0)
		return 0;
	for (int i = 0; i < rounds; i++) {
		addr = 0;
		if (device_map(mem, VM_PROT_READ, 0xF0000, 0x10000, &pager,
		    0) != 0)
			break;
		if (vm_map(self, &addr, 0x10000, 0, TRUE, pager, 0, FALSE,
		    VM_PROT_READ, VM_PROT_READ, VM_INHERIT_NONE) != 0)
			break;
		/* The last send right goes; the mapping stays. */
		ok += mach_port_deallocate(self, pager) == 0 &&
		    *(volatile uint8_t *)(addr + 0xFFF0) == 0xEA &&
		    vm_deallocate(self, addr, 0x10000) == 0;
	}
	CHECK(mach_port_deallocate(self, mem) == 0);
	return ok;
}

int
main(int argc, char **argv)
{
	struct whorl_kernel_stats before, after;
	mach_port_t perm, dev;

	self = mach_task_self();
	master = argc > 1 ? (mach_port_t)test_parse_number(argv[1]) : 0;
	/* Warm-up: the reply port and the heap's slabs settle. */
	CHECK(io_perms(10) == 10 && device_opens(10) == 10 &&
	    pagers(10) == 10);
	test_kernel_stats(&before);
	CHECK(io_perms(ROUNDS) == ROUNDS);
	CHECK(device_opens(ROUNDS) == ROUNDS);
	CHECK(pagers(PAGER_ROUNDS) == PAGER_ROUNDS);
	test_kernel_stats(&after);
	test_printf("kobject_no_senders: %d io_perms, %d device opens, %d "
	    "pagers\n", ROUNDS, ROUNDS, PAGER_ROUNDS);
	test_kernel_stats_same("kobject_no_senders", &before, &after,
	    KSTATS_PORTS | KSTATS_HEAP);

	/* While a right is held, the object is alive and answers. */
	CHECK(i386_io_perm_create(master, 0x70, 0x71, &perm) == 0);
	test_kernel_stats(&after);
	CHECK(after.ports == before.ports + 1);
	CHECK(i386_io_perm_modify(self, perm, TRUE) == 0);
	CHECK(mach_port_deallocate(self, perm) == 0);
	CHECK(device_open(master, D_READ, "console", &dev) == 0);
	CHECK(mach_port_deallocate(self, dev) == 0);
	test_kernel_stats(&after);
	CHECK(after.ports == before.ports);
	return 0;
}
