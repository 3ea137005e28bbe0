/*
 * device_map.c -- device memory for user-space drivers: device_map on the
 * kernel's "mem" device gives a pager for a physical range, and vm_map
 * maps it.  The test reads the BIOS's reset vector (a far jump, 0xEA, at
 * physical 0xFFFF0) from user space; RAM and misaligned ranges are refused.
 */
#include "test.h"
#include <mach/mach.h>
#include <device/device.h>
#include <device/device_types.h>

int
main(int argc, char **argv)
{
	mach_port_t self = mach_task_self(), master, mem, pager;
	vm_address_t addr = 0;
	volatile uint8_t *rom;

	master = argc > 1 ? (mach_port_t)test_parse_number(argv[1]) : 0;
	CHECK(device_open(master, D_READ, "mem", &mem) == 0);
	CHECK(device_map(mem, VM_PROT_READ, 0x200000, 4096, &pager, 0) != 0);
	CHECK(device_map(mem, VM_PROT_READ, 0xF0001, 4096, &pager, 0) != 0);
	CHECK(device_map(mem, VM_PROT_READ, 0xF0000, 0x10000, &pager, 0) == 0);
	CHECK(vm_map(self, &addr, 0x10000, 0, TRUE, pager, 0, FALSE,
	    VM_PROT_READ | VM_PROT_WRITE, VM_PROT_ALL, VM_INHERIT_NONE) != 0);
	CHECK(vm_map(self, &addr, 0x10000, 0, TRUE, pager, 0, FALSE,
	    VM_PROT_READ, VM_PROT_READ, VM_INHERIT_NONE) == 0);
	rom = (volatile uint8_t *)addr;
	test_printf("device_map: reset vector %02x %02x %02x\n", rom[0xFFF0],
	    rom[0xFFF1], rom[0xFFF2]);
	CHECK(rom[0xFFF0] == 0xEA);
	CHECK(vm_deallocate(self, addr, 0x10000) == 0);
	return 0;
}
