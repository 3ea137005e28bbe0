/*
 * host_stop.c -- ends the machine with host_reboot on the privileged host
 * port (argv[1]) and the options argv[2] names: "reboot" (RB_AUTOBOOT) or
 * "halt" (RB_HALT, which powers off where ACPI allows).  Its .boot files
 * boot it without QEMU's exit device, so only the PC's own ways of
 * stopping can end QEMU (tests/qemu-test "until: exit").
 */
#include "test.h"
#include <mach/mach_host.h>
#include <mach/host_reboot.h>

static mach_port_t
port_arg(const char *s)
{
	mach_port_t p = 0;

	while (*s >= '0' && *s <= '9')
		p = p * 10 + (mach_port_t)(*s++ - '0');
	return p;
}

int
main(int argc, char **argv)
{
	int options;

	CHECK(argc == 3);
	if (argc != 3)
		return 1;
	options = argv[2][0] == 'h' ? RB_HALT : RB_AUTOBOOT;
	test_printf("host_stop: host_reboot(%#x)\n", options);
	host_reboot(port_arg(argv[1]), options);
	test_printf("host_stop: host_reboot returned\n");
	return 1;
}
